import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { convert } from '../../src/convert/index.js'
import { findMojibake } from '../../src/convert/mojibake.js'
import { write } from '../../src/emit/markdown.js'
import type { Scenario } from '../../src/model/index.js'
import { SCENARIOS_DIR, seed, seedNames } from './helpers.js'

const scenario = (n: string): Scenario => convert(seed(n)).scenario as Scenario
const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+(?=[A-Z])/)

describe('seed 000 (4 modes, bare labels, Practice)', () => {
  const s = scenario('000')
  it('reads the header', () => {
    expect(s.question).toBe('Tell Me About a Time a Customer Was Unhappy and What You Did About It')
    expect(s.id).toBe('tell-me-about-a-time-a-customer-was-unhappy-and-what-you-did-about-it')
    expect(s.company).toBe('Amazon')
    expect(s.principleSet).toBe('Leadership Principles')
  })
  it('reads the overview', () => {
    expect(s.overview.story).toMatch(/^While working as an SDE2, I noticed a 0\.3% webhook drop rate/)
    expect(s.overview.summary).toMatch(/^In this scenario, the candidate noticed/)
  })
  it('reads the five steps', () => {
    expect(Object.values(s.steps).map((step) => step.targetSeconds)).toEqual([30, 20, 90, 20, 15])
    expect(sentences(s.steps.action.example!)).toHaveLength(6)
    expect(s.steps.situation.keyPhrases).toEqual(['I noticed', '0.3% webhook drop rate', 'frustrating customers'])
    expect(s.steps.action.keyPhrases).toHaveLength(7)
    expect(s.steps.reflection.example).toBeUndefined()
    expect(s.steps.reflection.keyPhrases).toEqual(['shared webhook reliability SLO', 'organizational gap', 'cross-team visibility'])
    expect(s.steps.task.coaching).toBe(
      'Explicitly state the scope boundary and that you took ownership without assignment. This proves initiative and ownership.',
    )
    expect(s.steps.result.commonMistake).toBe("Ending with 'things got better and team was happy' - no quantification or lasting impact.")
  })
  it('reads level reflections, follow-ups and the weak answer', () => {
    expect(s.levelReflections.map((r) => r.level)).toEqual(['SDE2', 'Senior'])
    expect(s.followUps).toHaveLength(4)
    expect(s.followUps[0]).toEqual({
      question: 'How did you ensure the Platform team accepted and deployed your fix?',
      probes: 'Ownership beyond coding; cross-team collaboration and influence',
      weakAnswer: 'I did escalate it - I sent them a Slack message and they handled it.',
      critique: 'Sending Slack = routing responsibility, not ownership. Confirms handing off without follow-through.',
      strongAnswer:
        'I flagged the issue to their tech lead for visibility but brought a complete fix with tests and deployment instructions. I followed up during their sprint planning to ensure timely rollout. Escalating without a solution adds weeks of delay.',
      takeaway: 'I brought a solution, not just a problem.',
    })
    expect(s.weakAnswer.flaws).toHaveLength(5)
    expect(s.weakAnswer.verdict).toBe(
      "Sounds competent but fails on content. Uses 'we' throughout Action. Zero quantification. Leaning No Hire for this LP.",
    )
  })
  it('reads self-check questions without explanations', () => {
    expect(s.selfCheck).toHaveLength(3)
    expect(s.selfCheck.every((q) => q.explanation === undefined)).toBe(true)
  })
  it('reads principle angles and level variants', () => {
    expect(s.principles).toEqual(['Customer Obsession', 'Ownership', 'Dive Deep'])
    expect(s.principleAngles.map((a) => a.principle)).toEqual(['Customer Obsession', 'Ownership', 'Dive Deep'])
    expect(s.principleAngles[2]).toEqual({
      principle: 'Dive Deep',
      guidance:
        'Highlight your detailed investigation steps: log analysis, reproducing the bug, identifying race condition, and adding monitoring.',
      emphasize: 'Technical depth and root cause analysis.',
      downplay: 'Cross-team coordination and business impact.',
    })
    expect(s.levelVariants.map((v) => [v.level, v.timeLimit])).toEqual([
      ['SDE 1', { min: 120, max: 120 }],
      ['Senior SDE', { min: 150, max: 180 }],
    ])
    expect(s.levelVariants[0]!.bar).toBe('Less cross-team complexity; simpler scope boundary; technical ownership within own team.')
  })
  it('reads five practice questions and infers their answers', () => {
    expect(s.practice).toHaveLength(5)
    expect(s.practice!.map((q) => q.answer)).toEqual(['A', 'D', 'A', 'B', 'C'])
    expect(s.practice!.map((q) => q.difficulty)).toEqual(['easy', 'easy', 'medium', 'medium', 'hard'])
    const first = s.practice![0]!
    expect(first.options.find((o) => o.letter === first.answer)!.text).toBe('Customer Obsession')
    expect(first.solution[0]).toBe('Identify the core focus -- direct customer impact and satisfaction -> Customer Obsession')
    expect(first.solution).toHaveLength(4)
    expect(first.hint).toBe('Customer focus + personal action = Customer Obsession')
    expect(first.commonMistakes).toEqual([])
  })
  it('is complete, with nothing unplaced', () => {
    const r = convert(seed('000'))
    expect(r.complete).toBe(true)
    expect(r.report.sectionsMissing).toEqual([])
    expect(r.report.unplacedLines).toEqual([])
    expect(r.scenario.unplaced).toBeUndefined()
  })
})

describe('seed 002 (4 modes, answers by arrow and by quoted phrase)', () => {
  it('infers every answer', () => {
    expect(scenario('002').practice!.map((q) => q.answer)).toEqual(['D', 'B', 'A', 'A', 'C'])
  })
})

describe.each(['001', '003', '004'])('seed %s (3 modes, emoji markers)', (n) => {
  const r = convert(seed(n))
  const s = r.scenario as Scenario
  it('has no Practice and has self-check questions', () => {
    expect(s.practice).toBeUndefined()
    expect(s.selfCheck).toHaveLength(3)
    expect(r.complete).toBe(true)
    expect(r.report.unplacedLines).toEqual([])
  })
  it('has the five steps, four follow-ups and two level variants', () => {
    expect(Object.values(s.steps).map((step) => step.targetSeconds)).toEqual([30, 20, 90, 20, 15])
    expect(s.followUps).toHaveLength(4)
    expect(s.levelVariants).toHaveLength(2)
    expect(s.levelReflections.map((l) => l.level)).toEqual(['SDE2', 'Senior'])
  })
})

describe('self-check explanations', () => {
  it('are absent on 001 and present on 003 and 004', () => {
    expect(scenario('001').selfCheck.map((q) => q.explanation)).toEqual([undefined, undefined, undefined])
    for (const n of ['003', '004']) expect(scenario(n).selfCheck.every((q) => typeof q.explanation === 'string')).toBe(true)
    expect(scenario('004').selfCheck[2]).toEqual({
      question: "Which result statement best meets Amazon's bar raiser expectations?",
      explanation: 'Strong results include metric delta, business impact, and second-order effect, demonstrating full scope of impact.',
    })
  })
  it('reads 004 time limits written with "total"', () => {
    expect(scenario('004').levelVariants.map((v) => v.timeLimit)).toEqual([
      { min: 120, max: 120 },
      { min: 150, max: 180 },
    ])
    expect(scenario('004').principles).toEqual(['Deliver Results', 'Ownership', 'Dive Deep'])
  })
})

describe('seed 003 mojibake', () => {
  const r = convert(seed('003'))
  it('repairs every marker, mapping damaged ones by position', () => {
    const byLine = new Map(r.report.repairs.map((x) => [x.line, x]))
    expect(byLine.get(19)).toEqual({ line: 19, column: 1, from: 'πŸ’‘', to: '💡' })
    expect(byLine.get(67)).toEqual({ line: 67, column: 1, from: 'πŸ’', to: '💭' })
    expect(byLine.get(78)).toEqual({ line: 78, column: 1, from: 'πŸ‘€', to: '👤' })
    expect(byLine.get(81)).toEqual({ line: 81, column: 1, from: 'πŸ†', to: '🏆' })
    expect(byLine.get(87)?.to).toBe('▼')
    expect(byLine.get(94)?.to).toBe('✅')
    expect(byLine.get(144)?.to).toBe('✗')
    expect(r.report.repairs).toHaveLength(20)
    expect(r.file.messages.filter((m) => m.ruleId === 'repaired-mojibake')).toHaveLength(20)
  })
  it('reads the text under the repaired markers', () => {
    const s = r.scenario as Scenario
    expect(s.steps.situation.coaching).toMatch(/^Keep the situation concise/)
    expect(s.followUps[0]!.strongAnswer).toMatch(/^I flagged it to their tech lead/)
    expect(s.principleAngles[0]!.emphasize).toMatch(/^Customer impact, urgency/)
  })
})

describe('every seed', () => {
  it.each(seedNames())('%s: leaves no mojibake in the output', (name) => {
    const out = write(convert(seed(name.slice(0, 3))).scenario)
    expect(findMojibake(out)).toEqual([])
    expect(out).not.toMatch(/[βπŸ€œ]|\uFFFD/)
  })

  it.each(seedNames())('%s: accounts for every line (field, label, chrome, marker)', (name) => {
    const r = convert(seed(name.slice(0, 3)))
    const text = new TextDecoder().decode(seed(name.slice(0, 3)))
    const source = text.split(/\r\n|\r|\n/)
    if (source[source.length - 1] === '') source.pop()
    expect(r.lines.map((l) => l.raw)).toEqual(source)
    const at = (pointer: string): unknown =>
      pointer
        .slice(1)
        .split('/')
        .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], r.scenario)
    for (const l of r.lines) {
      const kind = l.disposition.kind
      if (l.raw.trim() === '') expect(kind).toBe('blank')
      else expect(['field', 'label', 'chrome', 'marker'], `line ${l.line}: ${l.raw}`).toContain(kind)
      if (l.disposition.kind !== 'field') continue
      // The field at the line's pointer holds the line's words, or the line holds the value.
      const value = at(l.disposition.pointer)
      expect(value, `line ${l.line}`).toBeDefined()
      const json = JSON.stringify(value)
      const core = l.raw
        .trim()
        .replace(/^(Probes|Hint|Reflection|Bar Raiser Thinks|Bar)\s*:?\s*/i, '')
        .replace(/^\d+\.\s+(Step \d+:\s*)?|^[A-D]\.\s+|^•\s+/, '')
        .replace(/^"|"$/g, '')
      const words = JSON.stringify(core.split(/\s+/).slice(0, 3).join(' ')).slice(1, -1)
      const phrases = [...l.raw.matchAll(/"([^"]+)"/g)].map((m) => m[1])
      const holds =
        (l.role === 'keyPhrases' && phrases.every((p) => (value as string[]).includes(p!))) ||
        json.includes(words) || (typeof value === 'string' && core.includes(value)) || typeof value === 'number' || l.role === 'timeLimit'
      expect(holds, `line ${l.line}: ${l.raw} -> ${l.disposition.pointer}`).toBe(true)
    }
    // Chrome lines are only the documented ones.
    const chrome = r.lines.filter((l) => l.disposition.kind === 'chrome').map((l) => l.raw.trim())
    for (const c of chrome) expect(c).toMatch(/^(Bird|Raised Fist0|Choose your preparation mode\d modes available|Start learning this pattern below|Jump into concepts and practice - no test required|or|Recommended|Test this pattern10 questions.*|\(\d\/5\))$/)
  })

  it.each(seedNames())('%s: converts byte-identically twice and matches scenarios/', (name) => {
    const a = write(convert(seed(name.slice(0, 3))).scenario)
    const b = write(convert(seed(name.slice(0, 3))).scenario)
    expect(a).toBe(b)
    const id = convert(seed(name.slice(0, 3))).scenario.id!
    expect(readFileSync(`${SCENARIOS_DIR}${id}.md`, 'utf8')).toBe(a)
  })

  it('converts the same page with CRLF line endings and a BOM to the same scenario', () => {
    const text = new TextDecoder().decode(seed('003'))
    const crlf = new TextEncoder().encode('\uFEFF' + text.replace(/\n/g, '\r\n'))
    expect(write(convert(crlf).scenario)).toBe(write(convert(seed('003')).scenario))
  })
})
