import { BUNDLE_FORMAT_VERSION } from '../model/bundle.js'
import type { BundleDiagnostic, BundleEntry, ScenarioBundle } from '../model/bundle.js'
import type { Scenario } from '../model/scenario.js'
import type { Diagnostic } from '../report/diagnostic.js'
import { stringifyNested } from '../model/nested-json.js'
import { ByteChunks } from '../report/byte-chunks.js'
import { compareCodeUnits } from '../model/order.js'

/** A scenario that passed lint (or was forced through), with the findings on its file. */
export interface BuildEntry {
  /** The Markdown file, relative to the working directory, with `/` separators. */
  path: string
  scenario: Scenario
  messages: readonly Diagnostic[]
}

/**
 * The canonical key order of every object in a scenario: the order of the model's
 * interfaces (src/model/scenario.ts), so the JSON reads like the Markdown. Keys not listed
 * (there are none in a valid scenario) follow, sorted.
 */
const ORDER = {
  scenario: [
    'id', 'question', 'company', 'principleSet', 'principles', 'level', 'role', 'tags', 'source',
    'overview', 'steps', 'levelReflections', 'followUps', 'weakAnswer', 'selfCheck',
    'principleAngles', 'levelVariants', 'practice', 'unplaced',
  ],
  overview: ['story', 'summary'],
  steps: ['situation', 'task', 'action', 'result', 'reflection'],
  step: ['targetSeconds', 'example', 'keyPhrases', 'coaching', 'commonMistake'],
  levelReflection: ['level', 'text'],
  followUp: ['question', 'probes', 'weakAnswer', 'critique', 'strongAnswer', 'takeaway'],
  weakAnswer: ['text', 'flaws', 'verdict'],
  selfCheck: ['question', 'explanation'],
  principleAngle: ['principle', 'guidance', 'emphasize', 'downplay'],
  levelVariant: ['level', 'guidance', 'reflection', 'bar', 'timeLimit'],
  timeLimit: ['min', 'max'],
  practice: ['prompt', 'difficulty', 'options', 'answer', 'solution', 'hint', 'commonMistakes'],
  option: ['letter', 'text'],
  diagnostic: ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'note', 'url'],
} as const

function orderKeys(value: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  let placed = 0
  for (const key of order) {
    const v = value[key]
    if (v !== undefined) {
      out[key] = v
      placed++
    }
  }
  const keys = Object.keys(value)
  // Every key is in `order` (a scenario's usually are): nothing left to sort in.
  if (keys.length === placed) return out
  for (const key of keys.sort()) if (!(key in out) && value[key] !== undefined) out[key] = value[key]
  return out
}

function orderList(value: unknown, order: readonly string[], each?: (item: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!Array.isArray(value)) return value
  return value.map((item: Record<string, unknown>) => orderKeys(each ? each(item) : item, order))
}

/** A copy of the scenario with every object's keys in canonical order and no `undefined` values. */
export function canonicalScenario(scenario: Scenario): Scenario {
  const s = scenario as unknown as Record<string, unknown>
  const steps = s['steps'] as Record<string, Record<string, unknown>>
  const stepsOut: Record<string, unknown> = {}
  for (const name of ORDER.steps) if (steps[name]) stepsOut[name] = orderKeys(steps[name], ORDER.step)
  const copy: Record<string, unknown> = {
    ...s,
    overview: orderKeys(s['overview'] as Record<string, unknown>, ORDER.overview),
    steps: orderKeys(stepsOut, ORDER.steps),
    levelReflections: orderList(s['levelReflections'], ORDER.levelReflection),
    followUps: orderList(s['followUps'], ORDER.followUp),
    weakAnswer: orderKeys(s['weakAnswer'] as Record<string, unknown>, ORDER.weakAnswer),
    selfCheck: orderList(s['selfCheck'], ORDER.selfCheck),
    principleAngles: orderList(s['principleAngles'], ORDER.principleAngle),
    levelVariants: orderList(s['levelVariants'], ORDER.levelVariant, (v) => ({
      ...v,
      timeLimit: orderKeys(v['timeLimit'] as Record<string, unknown>, ORDER.timeLimit),
    })),
    practice: orderList(s['practice'], ORDER.practice, (q) => ({
      ...q,
      options: orderList(q['options'], ORDER.option),
    })),
  }
  return orderKeys(copy, ORDER.scenario) as unknown as Scenario
}

/** A lint finding as the bundle carries it: no source edit, keys in canonical order. */
export function bundleDiagnostic(d: Diagnostic): BundleDiagnostic {
  const { fix: _fix, ...rest } = d
  return orderKeys(rest as unknown as Record<string, unknown>, ORDER.diagnostic) as unknown as BundleDiagnostic
}

function compareDiagnostics(a: BundleDiagnostic, b: BundleDiagnostic): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  )
}

/** The findings of a bundle entry: canonical keys, source order. */
export function bundleWarnings(messages: readonly Diagnostic[]): BundleDiagnostic[] {
  return messages.map(bundleDiagnostic).sort(compareDiagnostics)
}

/** Scenario ids (and paths) in bundle order: by code unit. */
export const compareIds = compareCodeUnits

/**
 * The bundle object: entries sorted by scenario id, findings in source order.
 * Throws when two entries share an id (the caller decides which one to keep).
 */
export function createBundle(entries: readonly BuildEntry[], options: { scenarioSchemaId: string }): ScenarioBundle {
  const sorted = [...entries].sort((a, b) => compareIds(a.scenario.id, b.scenario.id) || compareIds(a.path, b.path))
  for (let i = 1; i < sorted.length; i++) {
    const [prev, cur] = [sorted[i - 1]!, sorted[i]!]
    if (prev.scenario.id === cur.scenario.id)
      throw new Error(`Duplicate scenario id \`${cur.scenario.id}\` in ${prev.path} and ${cur.path}`)
  }
  const scenarios: BundleEntry[] = sorted.map((e) => ({
    path: e.path,
    scenario: canonicalScenario(e.scenario),
    warnings: bundleWarnings(e.messages),
  }))
  return { formatVersion: BUNDLE_FORMAT_VERSION, scenarioSchema: options.scenarioSchemaId, scenarios }
}

/** JSON as starkit writes it: 2-space indent, trailing newline. */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n'
}

/** `scenarios.json`. */
export function bundleJson(bundle: ScenarioBundle): string {
  return stringifyJson(bundle)
}

/** `scenarios/<id>.json`: the scenario alone, valid against the scenario schema. */
export function scenarioJson(scenario: Scenario): string {
  return stringifyJson(canonicalScenario(scenario))
}

/** How far `JSON.stringify(bundle, null, 2)` indents a scenario: bundle, `scenarios`, entry. */
const ENTRY_NEWLINE = '\n' + ' '.repeat(6)

/**
 * A scenario serialized as it stands in `scenarios.json`: `scenarioJson` without its final
 * newline, every line after the first 6 spaces further in. With a 2-space indent,
 * `JSON.stringify` puts a value nested three levels down (bundle, `scenarios`, entry) that much
 * further in, and a newline only ever appears between tokens (inside a string it is `\n`), so
 * the bundle is put together from these pieces rather than serialized again (`stringifyNested`).
 * Made where the scenario is linted (a worker thread), so a build's main thread only copies bytes.
 */
export function bundleEntryJson(scenario: Scenario): string {
  return stringifyNested(canonicalScenario(scenario), 3)
}

/** `scenarios/<id>.json` from the scenario's {@link bundleEntryJson}: the same text as {@link scenarioJson}. */
export function scenarioJsonOfEntry(entry: string): string {
  return entry.replaceAll(ENTRY_NEWLINE, '\n') + '\n'
}

/**
 * Bytes read only when they are written: their length is known before (a file's size, a
 * comparison with what is there), their content is not held until then (`build` keeps each
 * scenario's entry in a scratch file).
 */
export interface DeferredBytes {
  readonly byteLength: number
  read(): Uint8Array
  /** Read the bytes into `target` from `at` on (it has room for them): no buffer of their own. */
  readInto(target: Uint8Array, at: number): void
}

/** One entry of a bundle whose scenario is already serialized: `entry` is its {@link bundleEntryJson}, UTF-8, or where to read it. */
export interface SerializedEntry {
  path: string
  entry: Uint8Array | DeferredBytes
  warnings: readonly BundleDiagnostic[]
  /**
   * Write the JSON of `warnings` (after their key) into `out` from a form they are kept in,
   * without making them (a cached or packed lint record's, `FileReport#writeJsonMessages`);
   * false when they cannot be, and then `warnings` are made and written over it.
   */
  writeWarnings?(out: ByteChunks): boolean
}

/**
 * `scenarios.json` from scenarios serialized one by one ({@link bundleEntryJson}), as pieces
 * that, one after another, are byte for byte what {@link bundleJson} of the same bundle gives:
 * each entry's serialized scenario as it is, between the bytes around it. `build` writes them
 * in turn, so the bundle (178 MB at 10,000 scenarios) is never copied into one buffer, and an
 * entry given as {@link DeferredBytes} is read only when its piece is written.
 *
 * Made as they are taken: the bytes between two entries' scenarios (the end of one entry, its
 * warnings among them, and the start of the next) are written in one reused buffer, and such a
 * piece is valid until the next piece is taken. A taker that keeps one copies it. Made all at
 * once, those pieces were ~23 MB of fresh memory at 10,000 scenarios, held until the bundle was
 * written (~0.08 s to fault in, on this machine, and the memory).
 * `entries` must already be in bundle order (sorted by id, as {@link createBundle} sorts them).
 */
export function* bundlePieces(scenarioSchemaId: string, entries: readonly SerializedEntry[]): Generator<Uint8Array | DeferredBytes, void, undefined> {
  const out = new ByteChunks()
  out.text(`{\n  "formatVersion": ${JSON.stringify(BUNDLE_FORMAT_VERSION)},\n  "scenarioSchema": ${JSON.stringify(scenarioSchemaId)},\n  "scenarios": [`)
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    out.text(`${i === 0 ? '' : ','}\n    {\n      "path": ${JSON.stringify(e.path)},\n      "scenario": `)
    yield out.take()
    yield e.entry
    out.ascii(',\n      "warnings": ')
    if (!e.writeWarnings?.(out)) {
      out.at = ',\n      "warnings": '.length
      out.text(stringifyNested(e.warnings, 3))
    }
    out.ascii('\n    }')
  }
  out.text(entries.length === 0 ? ']\n}\n' : '\n  ]\n}\n')
  yield out.take()
}
