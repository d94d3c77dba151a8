import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/rules/index.js'
import { row, runFixtures, type Expected } from '../../src/rules/fixtures.js'
import { fixtureFiles, fixtureFolders } from './fixture-files.js'

const expectedRow = (e: Expected): string => `${e.ruleId} ${e.line}:${e.column}${e.endLine === undefined ? '' : `-${e.endLine}:${e.endColumn}`}`

describe.each(RULES.map((r) => [r.id, r] as const))('%s fixtures', async (_id, rule) => {
  const runs = await runFixtures(rule, fixtureFiles(rule.id))

  it.each(runs.map((r) => [r.name, r] as const))('%s.md reports exactly its expected findings', (_name, run) => {
    expect(run.expected, 'an `<!-- expected: … -->` comment ends the fixture').toBeDefined()
    const actual = run.messages.map((m) => {
      const e = run.expected!.find((x) => x.line === m.line && x.column === m.column && x.ruleId === m.ruleId)
      return e && e.endLine === undefined ? `${m.ruleId} ${m.line}:${m.column}` : row(m)
    })
    expect(actual).toEqual(run.expected!.map(expectedRow))
  })
})

describe('the rule registry', () => {
  it('has permanent, unique, kebab-case ids', () => {
    const ids = RULES.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/)
  })

  it.each(RULES.map((r) => [r.id, r] as const))('%s has a summary, docs, option docs, an ok and a not-ok fixture', (id, rule) => {
    expect(rule.summary.length).toBeGreaterThan(10)
    expect(rule.summary).not.toMatch(/\.$/)
    expect(rule.docs.length).toBeGreaterThan(100)
    for (const option of Object.keys(rule.defaults as object)) expect((rule.optionDocs as Record<string, string> | undefined)?.[option], `docs for option ${option}`).toBeTruthy()
    const names = fixtureFiles(id).map((f) => f.path.slice(f.path.lastIndexOf('/') + 1))
    expect(names).toContain('ok.md')
    expect(names).toContain('not-ok.md')
    for (const name of names) expect(name).toMatch(/^(?:ok|not-ok)(?:-[a-z0-9-]+)?\.md$/)
  })

  it('has a rule for every fixture folder', () => {
    expect(fixtureFolders()).toEqual(RULES.map((r) => r.id).sort())
  })

  it.each(RULES.map((r) => [r.id, r] as const))('%s: ok fixtures expect nothing, not-ok fixtures expect findings of this rule only', async (id, rule) => {
    for (const run of await runFixtures(rule, fixtureFiles(id))) {
      if (run.name.startsWith('ok')) expect(run.expected, run.name).toEqual([])
      else {
        expect(run.expected!.length, run.name).toBeGreaterThan(0)
        for (const e of run.expected!) expect(e.ruleId).toBe(id)
      }
    }
  })
})
