import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderRuleDocs } from '../../src/rules/docs.js'
import { runFixtures, type FixtureRun } from '../../src/rules/fixtures.js'
import { RULES } from '../../src/rules/index.js'
import { fixtureFiles } from './fixture-files.js'

const runs = new Map<string, FixtureRun[]>()
for (const rule of RULES) runs.set(rule.id, await runFixtures(rule, fixtureFiles(rule.id)))
const docs = renderRuleDocs(RULES, runs)

describe('docs/rules', () => {
  it.each([...docs.keys()])('%s is as the generator makes it (run `npm run build && node scripts/generate-rule-docs.mjs`)', (name) => {
    const path = `docs/rules/${name}`
    expect(existsSync(path), `${path} exists`).toBe(true)
    expect(readFileSync(path, 'utf8')).toBe(docs.get(name))
  })

  it('holds no rule page the generator does not make', () => {
    expect(readdirSync('docs/rules').filter((f) => f.endsWith('.md')).sort()).toEqual([...docs.keys()].sort())
  })

  it('shows every fixture of a rule with its findings', () => {
    const page = docs.get('practice-answer-valid.md')!
    expect(page).toContain('### Not OK: [`not-ok.md`](../../test/fixtures/rules/practice-answer-valid/not-ok.md)')
    expect(page).toContain('### OK: [`ok.md`](../../test/fixtures/rules/practice-answer-valid/ok.md)')
    expect(page).toContain('| 207:9-207:10 | Unexpected answer `D`, expected one of `A`, `B` | `D` |')
    expect(docs.get('speaking-time.md')).toContain('| `wordsPerMinute` | `150` | The speaking pace.')
    expect(docs.get('README.md')).toContain('| [`no-mojibake`](no-mojibake.md) | No text garbled by a wrong character encoding | error | yes |')
  })
})
