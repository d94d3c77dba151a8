/**
 * A copy of a seed, edited to break one rule: lint reports exactly that rule, at the edited
 * lines, and nothing else that the unedited seed did not already have. Every rule is on
 * (the `strict` preset), so an edit that tripped a second rule would show here.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../src/report/diagnostic.js'
import { resolveConfig } from '../../src/rules/config.js'
import { RULES } from '../../src/rules/index.js'
import { lintInputs } from '../../src/rules/lint.js'

const SEED_000 = 'scenarios/tell-me-about-a-time-a-customer-was-unhappy-and-what-you-did-about-it.md'
const SEED_003 = 'scenarios/describe-a-situation-where-you-pushed-back-on-low-quality-work.md'

interface Edit {
  rule: string
  seed?: string
  from: string
  to: string
  /** A second replacement, for a rule that needs two places changed together. */
  also?: [string, string]
}

const EDITS: Edit[] = [
  { rule: 'action-first-person', from: 'to the Platform team and coordinated the rollout.', to: 'to the Platform team. Then the rollout was coordinated.' },
  { rule: 'action-no-we', from: 'I pulled the webhook delivery logs.', to: 'I pulled our webhook delivery logs.' },
  {
    rule: 'no-assigned-ownership',
    from: 'This drop caused delayed payment confirmations, frustrating customers and increasing support calls.',
    to: 'This drop caused delayed payment confirmations, frustrating customers and increasing support calls. Then my manager asked me to look.',
  },
  {
    rule: 'result-has-number',
    from: 'The 0.3% webhook drop rate went to zero. Post-mortem estimated $8K recovered per week in payment revenue. The Platform team adopted my dead letter queue alert pattern as a standard in their webhook template, improving long-term reliability.\n\nKey phrases:\n\n- 0.3% drop rate went to zero\n- $8K recovered per week\n',
    to: 'The webhook drops stopped. The Platform team adopted my dead letter queue alert pattern as a standard in their webhook template, improving long-term reliability.\n\nKey phrases:\n\n- webhook drops stopped\n- improving long-term reliability\n',
  },
  { rule: 'key-phrase-in-example', from: '- frustrating customers', to: '- angry customers' },
  {
    rule: 'reflection-not-generic',
    from: 'Reflection: I learned how to analyze webhook logs and reproduce failures locally to debug effectively.',
    to: 'Reflection: I learned communication is important.',
  },
  {
    rule: 'speaking-time',
    from: 'This service belonged to the Platform team - not my team.',
    to: 'This service belonged to the Platform team - not my team. The Platform team had three open incidents that quarter, their on-call rotation was short-handed, and the webhook service had changed hands twice in a year, so the retry logic had no author left who understood it, the dashboards showed only averages, and every other team assumed the drops were a known issue somebody was already handling.',
  },
  { rule: 'level-time-budget', from: 'Time limit: 2.5-3 minutes', to: 'Time limit: 2-2.5 minutes' },
  { rule: 'principle-known', from: '  - Dive Deep\n', to: '  - Dive Deeep\n', also: ['### Dive Deep\n', '### Dive Deeep\n'] },
  { rule: 'principles-match-angles', from: '  - Dive Deep\n', to: '  - Dive Deep\n  - Think Big\n' },
  { rule: 'follow-up-complete', from: 'Critique: Sending Slack = routing responsibility, not ownership. Confirms handing off without follow-through.', to: 'Critique: N/A' },
  { rule: 'practice-answer-valid', from: '- D. Ownership', to: '- D. Customer Obsession' },
  {
    rule: 'self-check-has-explanation',
    seed: SEED_003,
    from: "### Which is a disqualifying phrase in the Task step?\n\nThis phrase indicates the candidate acted only because of manager direction, not self-initiated ownership, which is a disqualifier.\n",
    to: '### Which is a disqualifying phrase in the Task step?\n',
  },
  { rule: 'no-mojibake', from: 'Coaching: Keep the situation concise', to: 'Coaching: âœ… Keep the situation concise' },
  { rule: 'no-placeholder', from: 'Hint: Customer focus + personal action = Customer Obsession', to: 'Hint: TODO: a hint that points at the answer' },
  { rule: 'unplaced-content', from: '', to: '\n## Unplaced\n\n- Raised Fist0\n' },
  { rule: 'unique-id', from: 'id: tell-me-about-a-time-a-customer-was-unhappy-and-what-you-did-about-it', to: 'id: a-customer-was-unhappy' },
]

const config = resolveConfig({ extends: 'strict' }).config

async function lint(path: string, content: string): Promise<Diagnostic[]> {
  const [result] = await lintInputs([{ path, content }], { config })
  return result!.messages
}

/** Lines (1-based, first and last) of `after` that wrote `to`. */
function linesOf(after: string, to: string, from: number): [number, number] {
  const at = to.trim() === '' ? from : after.indexOf(to.replace(/^\n+/, ''), from)
  const first = after.slice(0, at).split('\n').length
  return [first, first + to.replace(/^\n+/, '').split('\n').length - 1]
}

describe('a seed edited to break one rule', () => {
  it('covers every rule', () => {
    expect(EDITS.map((e) => e.rule).sort()).toEqual(RULES.map((r) => r.id).sort())
  })

  it.each(EDITS.map((e) => [e.rule, e] as const))('%s: reported exactly, at the edited lines', async (rule, edit) => {
    const path = edit.seed ?? SEED_000
    const before = readFileSync(path, 'utf8')
    expect(edit.from === '' || before.includes(edit.from), 'the edit applies').toBe(true)
    let after = edit.from === '' ? before + edit.to : before.replace(edit.from, edit.to)
    if (edit.also) after = after.replace(edit.also[0], edit.also[1])
    const known = new Set((await lint(path, before)).map((m) => `${m.ruleId} ${m.message}`))
    const added = (await lint(path, after)).filter((m) => !known.has(`${m.ruleId} ${m.message}`))
    expect(new Set(added.map((m) => m.ruleId))).toEqual(new Set([rule]))
    const ranges = [linesOf(after, edit.to, edit.from === '' ? before.length : 0)]
    if (edit.also) ranges.push(linesOf(after, edit.also[1], 0))
    for (const m of added) expect(ranges.some(([first, last]) => first <= m.line && m.line <= last), `${m.line}: ${m.message}`).toBe(true)
  })
})

describe('no-mojibake --fix', () => {
  it('restores the damaged seed byte for byte, touching only the flagged text', async () => {
    const before = readFileSync(SEED_003, 'utf8')
    const damaged = before
      .replace('Coaching: Keep the situation concise', 'Coaching: âœ… Keep the situation concise')
      .replace("outside my team's ownership", 'outside my teamâ€™s ownership')
    const withFix = resolveConfig({ rules: { 'no-mojibake': 'error' } }).config
    const [result] = await lintInputs([{ path: SEED_003, content: damaged }], { config: withFix, fix: true })
    const fixedText = before
      .replace('Coaching: Keep the situation concise', 'Coaching: ✅ Keep the situation concise')
      .replace("outside my team's ownership", 'outside my team’s ownership')
    expect(result!.fixed).toBe(2)
    expect(result!.output).toBe(fixedText)
    expect(result!.messages.filter((m) => m.ruleId === 'no-mojibake')).toEqual([])
  })
})
