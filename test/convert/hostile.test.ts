import { describe, expect, it } from 'vitest'
import { convert } from '../../src/convert/index.js'
import { write } from '../../src/emit/markdown.js'
import { seedText } from './helpers.js'

const ids = (r: ReturnType<typeof convert>): string[] =>
  r.file.messages.map((m) => `${m.source}/${m.ruleId}`)

describe('hostile inputs: clear reports, never a crash, never a silent half file', () => {
  it('an empty file', () => {
    for (const input of ['', '\n\n  \n', new Uint8Array(0), new Uint8Array([0xef, 0xbb, 0xbf])]) {
      const r = convert(input)
      expect(r.complete).toBe(false)
      expect(ids(r)).toEqual(['convert/empty'])
      expect(r.file.messages[0]!.fatal).toBe(true)
      expect(r.scenario).toEqual({})
    }
  })

  it('a binary file', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256)
    const r = convert(bytes)
    expect(r.complete).toBe(false)
    expect(ids(r)).toEqual(['convert/not-text'])
    expect(r.file.messages[0]!.reason).toBe('Unexpected binary content, expected the text of a scraped page')
  })

  it('a page with only a title', () => {
    const r = convert('Tell Me About a Time You Failed - Amazon LP STAR Walkthrough\n')
    expect(r.complete).toBe(false)
    expect(r.scenario).toMatchObject({
      id: 'tell-me-about-a-time-you-failed',
      question: 'Tell Me About a Time You Failed',
      company: 'Amazon',
      principleSet: 'Leadership Principles',
    })
    expect(r.report.sectionsMissing).toEqual([
      'Overview',
      'Situation',
      'Task',
      'Action',
      'Result',
      'Reflection',
      'Level reflections',
      'Follow-ups',
      'Weak answer',
      'Self-check',
      'Principle angles',
      'Level variants',
    ])
    expect(r.file.messages.filter((m) => m.ruleId === 'missing-section').map((m) => m.reason)).toContain('Missing section `Follow-ups`')
    // The written file says what it has; the lint shows the rest missing.
    expect(write(r.scenario)).toContain('# Tell Me About a Time You Failed')
  })

  it('a page cut off mid-word', () => {
    const text = seedText('000')
    const cut = text.slice(0, text.indexOf('Common Mistake', text.indexOf('Target: 90s')) + 'Common Mis'.length)
    const r = convert(cut)
    expect(r.complete).toBe(false)
    expect(r.scenario.steps?.situation?.commonMistake).toMatch(/^Spending 90 seconds/)
    expect(r.scenario.steps?.action?.coaching).toMatch(/^Use 'I' for every sentence/)
    expect(r.scenario.steps?.action?.commonMistake).toBeUndefined()
    expect(r.report.unplacedLines).toEqual([{ line: 56, text: 'Common Mis' }])
    expect(r.scenario.unplaced).toEqual(['Common Mis'])
    expect(r.report.sectionsMissing).toEqual(expect.arrayContaining(['Result', 'Reflection', 'Follow-ups', 'Practice']))
    expect(r.file.messages.map((m) => m.reason)).toContain('Missing `commonMistake` in `Action`')
  })

  it('a page cut off mid-character', () => {
    const bytes = new TextEncoder().encode(seedText('003').slice(0, 400) + '✅')
    const r = convert(bytes.subarray(0, bytes.length - 1))
    expect(ids(r)).toContain('convert/not-utf8')
    expect(r.complete).toBe(false)
  })

  it.each([
    ['Competency', 'Amazon Leadership Principles\n\nOwnership - Amazon LP Competency\n\nWhat interviewers look for\nBias for action in ambiguous situations\n'],
    ['Bar Raiser Evaluate', 'Amazon Leadership Principles\n\nRate this answer - Amazon LP Bar Raiser Evaluate\n\nAnswer A\nI fixed it.\n'],
  ])('a page of another kind (%s)', (kind, page) => {
    const r = convert(page)
    expect(r.complete).toBe(false)
    const fatal = r.file.messages.filter((m) => m.fatal)
    expect(fatal.map((m) => m.reason)).toEqual([`Unexpected page kind \`${kind}\`, expected \`STAR Walkthrough\``])
    expect(r.report.sectionsMissing).toEqual([])
    expect(r.report.unplacedLines.length).toBeGreaterThan(0)
  })

  it('text that is not a page at all', () => {
    const r = convert('hello\nworld\n')
    expect(r.complete).toBe(false)
    expect(ids(r)).toContain('convert/not-a-walkthrough')
  })

  it('the same page twice', () => {
    const text = seedText('001')
    const r = convert(text + '\n' + text)
    const once = convert(text)
    expect(r.scenario).toEqual(once.scenario)
    expect(ids(r)).toContain('convert/duplicate-page')
    expect(r.file.messages.find((m) => m.ruleId === 'duplicate-page')!.line).toBe(199 + 5)
    expect(r.lines.filter((l) => l.disposition.kind === 'duplicate').length).toBeGreaterThan(100)
  })

  it('two different pages in one file', () => {
    const r = convert(seedText('001') + '\n' + seedText('004'))
    expect(r.complete).toBe(false)
    expect(ids(r)).toContain('convert/multiple-pages')
    expect(r.scenario.question).toBe('Tell Me About a Time You Anticipated a Customer Need Before They Expressed It')
    expect(r.scenario.unplaced).toContain('Tell Me About a Time You Had to Rebuild Trust After a Mistake - Amazon LP STAR Walkthrough')
  })

  it('an unknown line and an unknown mark are kept unplaced, with warnings', () => {
    const text = seedText('001').replace('🎬\n', '🦄\n').replace('Probes: Technical depth and problem-solving\n', 'Probes: Technical depth and problem-solving\nSomething new here\n')
    const r = convert(text)
    expect(r.scenario.unplaced).toEqual(['🦄', 'Something new here'])
    expect(r.file.messages.filter((m) => m.ruleId === 'unplaced').map((m) => m.line)).toEqual([8, 99])
  })

  it('never throws on random text', () => {
    const pieces = seedText('000').split('\n')
    let seed = 7
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let round = 0; round < 40; round++) {
      const lines = Array.from({ length: 60 }, () => pieces[Math.floor(rand() * pieces.length)]!)
      expect(() => convert(lines.join('\n'))).not.toThrow()
    }
  })
})
