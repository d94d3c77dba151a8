import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { bundleJson, bundlePieces, canonicalScenario, createBundle, scenarioJson, type DeferredBytes } from '../../src/emit/json.js'
import { packBody, unpackBody } from '../../src/cli/cache.js'
import type { ByteChunks } from '../../src/report/byte-chunks.js'
import { buildSite, indexCard, indexHtml, indexHtmlPieces, prepareScenario, preparedHtml, preparedJson, scenarioHtml } from '../../src/emit/site.js'
import type { ScenarioBundle } from '../../src/model/bundle.js'
import { corpus, SCHEMA_ID } from './fixtures/corpus.js'
import { hostileScenario } from './fixtures/hostile.js'
import { seed000 } from './fixtures/seed-000.js'

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv
const schema = (name: string) => JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>

function validator(name: string) {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true })
  addFormats(ajv)
  return ajv.compile(schema(name))
}

/** The bundle's pieces joined, each copied as it is taken (a piece between entries is valid only until the next is taken). */
function joined(pieces: Iterable<Uint8Array | DeferredBytes>): Buffer {
  return Buffer.concat(Array.from(pieces, (p) => Buffer.from(p instanceof Uint8Array ? p : p.read())))
}

describe('JSON bundle', () => {
  const files = buildSite(corpus(), { scenarioSchemaId: SCHEMA_ID, html: false })
  const text = files.get('scenarios.json') as string
  const bundle = JSON.parse(text) as ScenarioBundle

  it('writes exactly the bundle and one file per scenario', () => {
    expect([...files.keys()]).toEqual([
      'scenarios.json',
      'scenarios/customer-unhappy-webhook-drops.json',
      'scenarios/disagreed-with-teammate-migration.json',
      'scenarios/missed-launch-deadline.json',
    ])
  })

  it('is versioned, names the scenario schema and sorts scenarios by id', () => {
    expect(bundle.formatVersion).toBe(1)
    expect(bundle.scenarioSchema).toBe(SCHEMA_ID)
    expect(bundle.scenarios.map((e) => e.scenario.id)).toEqual([
      'customer-unhappy-webhook-drops',
      'disagreed-with-teammate-migration',
      'missed-launch-deadline',
    ])
    expect(bundle.scenarios.map((e) => e.path)).toEqual(['scenarios/seed-000.md', 'scenarios/google.md', 'scenarios/deadline.md'])
  })

  it('carries warnings in source order, without source edits', () => {
    expect(bundle.scenarios[2]!.warnings).toEqual([
      {
        ruleId: 'action-first-person',
        severity: 'warning',
        message: 'Unexpected sentence opening `We`, expected `I`',
        line: 12,
        column: 3,
        endLine: 40,
        endColumn: 9,
        url: 'https://github.com/starkit/starkit/blob/main/docs/rules/result-quantified.md',
      },
      {
        ruleId: 'result-quantified',
        severity: 'warning',
        message: 'Missing a number in `Result`',
        line: 40,
        column: 1,
        endLine: 40,
        endColumn: 31,
        url: 'https://github.com/starkit/starkit/blob/main/docs/rules/result-quantified.md',
      },
    ])
    expect(bundle.scenarios[0]!.warnings).toEqual([])
  })

  it('is 2-space indented JSON with a trailing newline and keys in model order', () => {
    expect(text.endsWith('}\n')).toBe(true)
    expect(text.split('\n')[1]).toBe('  "formatVersion": 1,')
    expect(Object.keys(bundle.scenarios[0]!)).toEqual(['path', 'scenario', 'warnings'])
    expect(Object.keys(bundle.scenarios[0]!.scenario).slice(0, 5)).toEqual(['id', 'question', 'company', 'principleSet', 'principles'])
    expect(Object.keys(bundle.scenarios[0]!.scenario.steps)).toEqual(['situation', 'task', 'action', 'result', 'reflection'])
    expect(Object.keys(bundle.scenarios[0]!.scenario.steps.action)).toEqual(['targetSeconds', 'example', 'keyPhrases', 'coaching', 'commonMistake'])
  })

  it('does not depend on the key order or the entry order it is given', () => {
    const shuffled = corpus()
      .reverse()
      .map((e) => ({ ...e, scenario: Object.fromEntries(Object.entries(e.scenario).reverse()) as typeof e.scenario }))
    expect(buildSite(shuffled, { scenarioSchemaId: SCHEMA_ID, html: false })).toEqual(files)
  })

  it('writes each scenario alone, equal to its bundle entry', () => {
    for (const entry of bundle.scenarios) {
      const own = files.get(`scenarios/${entry.scenario.id}.json`) as string
      expect(own).toBe(scenarioJson(entry.scenario))
      expect(JSON.parse(own)).toEqual(entry.scenario)
    }
    expect(canonicalScenario(seed000)).toEqual(seed000)
  })

  it('validates against the generated bundle schema, and each scenario against the scenario schema', () => {
    const checkBundle = validator('bundle.schema.json')
    const checkScenario = validator('scenario.schema.json')
    const withHostile = createBundle([...corpus(), { path: 'h.md', scenario: hostileScenario(), messages: [] }], { scenarioSchemaId: SCHEMA_ID })
    for (const b of [bundle, JSON.parse(bundleJson(withHostile))]) {
      expect(checkBundle(b), JSON.stringify(checkBundle.errors)).toBe(true)
      for (const e of (b as ScenarioBundle).scenarios) expect(checkScenario(e.scenario), JSON.stringify(checkScenario.errors)).toBe(true)
    }
    expect(schema('scenario.schema.json')['$id']).toBe(SCHEMA_ID)
  })

  it('the bundle schema rejects another format version', () => {
    const check = validator('bundle.schema.json')
    expect(check({ ...bundle, formatVersion: 2 })).toBe(false)
  })

  it('refuses duplicate ids and ids that are not safe file names', () => {
    const [a] = corpus()
    expect(() => createBundle([a!, { ...a!, path: 'other.md' }], { scenarioSchemaId: SCHEMA_ID })).toThrow(/Duplicate scenario id `customer-unhappy-webhook-drops`/)
    const bad = { ...a!, scenario: { ...a!.scenario, id: '../escape' } }
    expect(() => buildSite([bad], { scenarioSchemaId: SCHEMA_ID })).toThrow(/Unexpected scenario id `..\/escape`/)
  })

  it('assembled from scenarios serialized one by one, is byte for byte the bundle serialized whole', () => {
    const utf8 = new TextDecoder()
    const hostile = { path: 'h.md', scenario: hostileScenario(), messages: corpus()[2]!.messages }
    for (const entries of [corpus(), [...corpus(), hostile], [hostile], []]) {
      const whole = createBundle(entries, { scenarioSchemaId: SCHEMA_ID })
      const parts = whole.scenarios.map((e) => ({ path: e.path, entry: prepareScenario(e.scenario).entry, warnings: e.warnings }))
      expect(utf8.decode(joined(bundlePieces(SCHEMA_ID, parts)))).toBe(bundleJson(whole))
    }
    // A schema id and a path that need escaping are escaped as JSON.stringify escapes them.
    const odd = createBundle([{ ...hostile, path: 'a "quoted"\\path\n.md' }], { scenarioSchemaId: 'urn:"x"' })
    const parts = odd.scenarios.map((e) => ({ path: e.path, entry: prepareScenario(e.scenario).entry, warnings: e.warnings }))
    expect(utf8.decode(joined(bundlePieces('urn:"x"', parts)))).toBe(bundleJson(odd))
  })

  it("an entry's warnings written from a packed record are the warnings made from its messages, byte for byte", () => {
    const utf8 = new TextDecoder()
    const hostile = { path: 'h.md', scenario: hostileScenario(), messages: corpus()[2]!.messages }
    const entries = [...corpus(), hostile]
    const whole = createBundle(entries, { scenarioSchemaId: SCHEMA_ID })
    const byPath = new Map(entries.map((e) => [e.path, e]))
    let copied = 0
    const parts = whole.scenarios.map((e) => {
      // The record as a lint worker thread packs it, and as the build reads it back.
      const record = unpackBody(e.path, Buffer.from(packBody({ messages: byPath.get(e.path)!.messages, directives: [] })))
      return {
        path: e.path,
        entry: prepareScenario(e.scenario).entry,
        get warnings(): never {
          throw new Error('made, not copied')
        },
        writeWarnings: (out: ByteChunks) => (copied++, record.writeJsonMessages!(out, 'bundle')),
      }
    })
    expect(whole.scenarios.some((e) => e.warnings.length > 0)).toBe(true)
    expect(utf8.decode(joined(bundlePieces(SCHEMA_ID, parts)))).toBe(bundleJson(whole))
    expect(copied).toBe(entries.length)
    // Where the copy gives up after writing part of them, the warnings made are written over it.
    const giving = whole.scenarios.map((e) => ({ path: e.path, entry: prepareScenario(e.scenario).entry, warnings: e.warnings, writeWarnings: (out: ByteChunks) => (out.ascii('garbage'), false) }))
    expect(utf8.decode(joined(bundlePieces(SCHEMA_ID, giving)))).toBe(bundleJson(whole))
  })

  it('makes its pieces as they are taken: an entry\'s warnings once the piece after its scenario is taken, in one reused buffer', () => {
    const entries = corpus()
    const whole = createBundle(entries, { scenarioSchemaId: SCHEMA_ID })
    const written: string[] = []
    const parts = whole.scenarios.map((e) => ({
      path: e.path,
      entry: prepareScenario(e.scenario).entry,
      warnings: e.warnings,
      writeWarnings: (out: ByteChunks) => (written.push(e.path), false),
    }))
    const pieces = bundlePieces(SCHEMA_ID, parts)[Symbol.iterator]()
    const head = pieces.next().value as Uint8Array
    expect(new TextDecoder().decode(head)).toContain(`"path": ${JSON.stringify(parts[0]!.path)}`)
    pieces.next()
    expect(written).toEqual([])
    const between = pieces.next().value as Uint8Array
    expect(written).toEqual([parts[0]!.path])
    expect(new TextDecoder().decode(between)).toContain(`"path": ${JSON.stringify(parts[1]!.path)}`)
    // The bytes between entries are written where the first were: one buffer, not one a piece.
    expect(between.buffer).toBe(head.buffer)
    expect(between.byteOffset).toBe(head.byteOffset)
  })

  it("prepares, of a scenario's card, only the facts the index's filters and count take (the card comes as its HTML)", () => {
    // Every fixture has a level; a scenario may have none.
    const { level: _level, ...noLevel } = seed000
    for (const s of [...corpus().map((e) => e.scenario), hostileScenario(), seed000, noLevel]) {
      const { facts, cardHtml } = prepareScenario(s)
      const expected: Record<string, unknown> = { id: s.id, company: s.company, principles: s.principles }
      if (s.level !== undefined) expected['level'] = s.level
      // Nothing more: the main thread keeps these for every scenario until the index is written.
      expect(facts).toStrictEqual(expected)
      expect(new TextDecoder().decode(cardHtml)).toContain(`href="scenarios/${s.id}.html"`)
    }
  })

  it('makes an index of cards each serialized where it was prepared, byte for byte the index rendered whole', () => {
    const scenarios = [...corpus().map((e) => e.scenario), hostileScenario(), seed000]
    // Given in an order that is not the index's (by id), and each alone, and none.
    for (const some of [scenarios, [...scenarios].reverse(), [hostileScenario()], []]) {
      const prepared = some.map(prepareScenario)
      const whole = indexHtml(some.map(indexCard), 'T & <t>')
      const pieces = indexHtmlPieces(prepared.map((p) => ({ facts: p.facts, html: p.cardHtml })), 'T & <t>')
      expect(new TextDecoder().decode(Buffer.concat(pieces))).toBe(whole)
      // The comparison is of cards, not of two empty lists.
      for (const p of prepared) expect(whole).toContain(new TextDecoder().decode(p.cardHtml))
    }
  })

  it('gives back, from a scenario prepared for the bundle, exactly its scenarios/<id>.json and page', () => {
    const utf8 = new TextDecoder()
    for (const { scenario } of [...corpus(), { scenario: hostileScenario() }]) {
      const entry = utf8.decode(prepareScenario(scenario).entry)
      expect(entry).not.toMatch(/\n$/)
      expect(preparedJson(entry)).toBe(scenarioJson(scenario))
      expect(preparedHtml(entry, { title: 'T', json: true })).toBe(scenarioHtml(scenario, { title: 'T', json: true }))
    }
  })
})
