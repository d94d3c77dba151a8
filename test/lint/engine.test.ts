import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { defineRule } from '../../src/rules/define-rule.js'
import { resolveConfig } from '../../src/rules/config.js'
import { applyFixes, lintInputs, lintText } from '../../src/rules/lint.js'

const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')

// Small rules written for the engine's tests: each does one thing the runner must handle.
const coachingLength = defineRule<{ max: number }>({
  id: 'coaching-length',
  summary: 'Coaching is short',
  severity: 'warning',
  docs: 'Test rule.',
  defaults: { max: 40 },
  check({ scenario, options, report }) {
    for (const step of ['situation', 'task', 'action', 'result', 'reflection'] as const)
      if (scenario.steps[step].coaching.length > options.max) report(`/steps/${step}/coaching`, 'Unexpected long coaching')
  },
})
const shout = defineRule({
  id: 'no-shout',
  summary: 'No upper-case word "NOBODY"',
  severity: 'error',
  docs: 'Test rule with a fix.',
  fixable: true,
  defaults: {},
  check({ scenario, parsed, report }) {
    const text = scenario.steps.task.example ?? ''
    const i = text.indexOf('NOBODY')
    if (i === -1) return
    const span = parsed.map.range('/steps/task/example', i, i + 6)!
    report({ pointer: '/steps/task/example', from: i, to: i + 6 }, 'Unexpected `NOBODY`, expected `nobody`', {
      fix: { start: span.start.offset, end: span.end.offset, text: 'nobody' },
    })
  },
})
const crashes = defineRule({
  id: 'crashes',
  summary: 'Always throws',
  severity: 'error',
  docs: 'Test rule.',
  defaults: {},
  check() {
    throw new Error('boom')
  },
})
const nowhere = defineRule({
  id: 'nowhere',
  summary: 'Reports a pointer that does not exist',
  severity: 'error',
  docs: 'Test rule.',
  defaults: {},
  check({ report }) {
    report('/steps/nothing/here', 'Unexpected nothing')
  },
})
const ids = defineRule({
  id: 'same-company',
  summary: 'Project rule: all files share a company',
  severity: 'warning',
  docs: 'Test rule.',
  scope: 'project',
  defaults: {},
  check({ files, report }) {
    const first = files[0]?.frontmatter.company
    for (const f of files) if (f.frontmatter.company !== first) report(f, '/company', `Unexpected company \`${String(f.frontmatter.company)}\`, expected \`${String(first)}\``)
  },
})
const rules = [coachingLength, shout, crashes, nowhere, ids]
const only = (...enabled: string[]) => resolveConfig({ rules: Object.fromEntries(rules.map((r) => [r.id, enabled.includes(r.id) ? 'error' : 'off'])) }, rules).config
const rows = (r: { messages: { ruleId: string; line: number; column: number; severity: string }[] }) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.severity}`)

describe('the rule runner', () => {
  test('stamps id, severity and docs URL; options merge over defaults', async () => {
    const r = await lintText(complete, 'a.md', { config: resolveConfig({ rules: { crashes: 'off', nowhere: 'off', 'no-shout': 'off', 'same-company': 'off', 'coaching-length': ['warn', { max: 45 }] } }, rules).config })
    expect(rows(r)).toEqual(['coaching-length 34:11 warning', 'coaching-length 80:11 warning', 'coaching-length 92:11 warning'])
    expect(r.messages[0]!.url).toMatch(/docs\/rules\/coaching-length\.md$/)
  })

  test('a crashing rule becomes one message, and the other rules still run', async () => {
    const r = await lintText(complete.replace('nobody had asked me to fix', 'NOBODY had asked me to fix'), 'a.md', { config: only('crashes', 'no-shout') })
    expect(rows(r)).toEqual(['crashes 2:1 error', 'no-shout 42:32 error'])
    expect(r.messages[0]!.message).toBe('Unexpected crash in rule `crashes`: boom')
  })

  test('a report with no position is refused (as a message, not a crash of the run)', async () => {
    const r = await lintText(complete, 'a.md', { config: only('nowhere') })
    expect(r.messages.map((m) => m.message)).toEqual(['Unexpected crash in rule `nowhere`: Rule `nowhere` reported `Unexpected nothing` with no position in the file'])
  })

  test('project rules see every file', async () => {
    const other = complete.replace('company: Amazon', 'company: Google')
    const [a, b] = await lintInputs([{ path: 'a.md', content: complete }, { path: 'b.md', content: other }], { config: only('same-company') })
    expect(rows(a!)).toEqual([])
    expect(rows(b!)).toEqual(['same-company 3:10 error'])
  })

  test('--fix applies only the offered edit and reports what remains', async () => {
    const broken = complete.replace('nobody had asked me to fix', 'NOBODY had asked me to fix')
    const r = await lintText(broken, 'a.md', { config: only('no-shout'), fix: true })
    expect(r.output).toBe(complete)
    expect(r.fixed).toBe(1)
    expect(r.messages).toEqual([])
  })

  test('overlapping fixes: the first wins, the text stays consistent', () => {
    expect(applyFixes('abcdef', [{ start: 1, end: 3, text: 'X' }, { start: 2, end: 4, text: 'Y' }, { start: 5, end: 6, text: 'Z' }])).toEqual({ text: 'aXdeZ', applied: 2 })
  })
})

describe('inline control comments', () => {
  const text = complete.replace('nobody had asked me to fix', 'NOBODY had asked me to fix')

  test('disable-next-line, with a reason', async () => {
    const t = text.replace('No team owned the pipeline', '<!-- starkit-disable-next-line no-shout -- quoting the ticket -->\nNo team owned the pipeline')
    expect(rows(await lintText(t, 'a.md', { config: only('no-shout') }))).toEqual([])
  })

  test('disable … enable regions, per rule', async () => {
    const t = text.replace('## Task', '<!-- starkit-disable no-shout -->\n\n## Task').replace('## Action', '<!-- starkit-enable no-shout -->\n\n## Action')
    expect(rows(await lintText(t, 'a.md', { config: only('no-shout', 'coaching-length') }))).toEqual([
      'coaching-length 34:11 error',
      'coaching-length 84:11 error',
      'coaching-length 96:11 error',
    ])
  })

  test('an unused disable is reported', async () => {
    const t = complete.replace('## Task', '<!-- starkit-disable-next-line no-shout -->\n## Task')
    expect(rows(await lintText(t, 'a.md', { config: only('no-shout') }))).toEqual(['unused-disable 38:1 warning'])
  })

  test('parse and schema messages cannot be disabled', async () => {
    const t = complete.replace('Target: 90s', '<!-- starkit-disable -->\nTarget: soon')
    expect(rows(await lintText(t, 'a.md', { config: only() }))).toEqual(['unused-disable 54:1 warning', 'schema/type 55:9 error'])
  })
})

describe('config', () => {
  test('unknown rules and options are problems, with a suggestion', () => {
    const { problems } = resolveConfig({ rules: { 'coaching-lenght': 'warn', 'no-shout': ['error', { loud: true }], 'coaching-length': ['warn', { max: 'ten' }] } }, rules)
    expect(problems).toEqual([
      { at: '/rules/coaching-lenght', reason: 'Unexpected rule `coaching-lenght`, did you mean `coaching-length`' },
      { at: '/rules/no-shout/1/loud', reason: 'Unexpected option `loud` for rule `no-shout`' },
      { at: '/rules/coaching-length/1/max', reason: 'Unexpected string for option `max` of rule `coaching-length`, expected a number' },
    ])
  })

  test('an option outside its choices is a config problem', async () => {
    const { RULES } = await import('../../src/rules/index.js')
    const { problems } = resolveConfig({ rules: { 'key-phrase-in-example': ['warn', { match: 'fuzzy' }] } }, RULES)
    expect(problems).toEqual([{ at: '/rules/key-phrase-in-example/1/match', reason: 'Unexpected value `fuzzy` for option `match` of rule `key-phrase-in-example`, expected `exact`, `stems` or `words`' }])
  })

  test('presets: recommended keeps default severities; strict makes every rule an error', () => {
    const rec = resolveConfig({}, rules).config.rules.map((r) => `${r.rule.id}:${r.severity}`)
    expect(rec).toEqual(['coaching-length:warning', 'no-shout:error', 'crashes:error', 'nowhere:error', 'same-company:warning'])
    const strict = resolveConfig({ extends: 'strict' }, rules).config.rules.map((r) => r.severity)
    expect(new Set(strict)).toEqual(new Set(['error']))
  })
})
