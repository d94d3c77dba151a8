import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolveConfig } from '../../src/rules/config.js'
import { lintText } from '../../src/rules/lint.js'
import { everySentenceOpensWith, sentences } from '../../src/rules/text/sentences.js'
import { containsRun, normalizeText, stem, words } from '../../src/rules/text/words.js'

describe('words', () => {
  it('keeps numbers whole and splits on apostrophes and hyphens', () => {
    expect(words("I saved $8,000 (0.3%) on the team's ready-to-merge PR").map((w) => w.norm)).toEqual([
      'i', 'saved', '8000', '0.3', 'on', 'the', 'team', 's', 'ready', 'to', 'merge', 'pr',
    ])
  })

  it('normalises case, curly quotes and punctuation alike', () => {
    expect(normalizeText('“Outside my team’s ownership.”')).toBe(normalizeText("outside my team's OWNERSHIP"))
  })

  it('stems plurals, verb endings, -ly and doubled consonants', () => {
    expect(['tickets', 'ticket'].map(stem)).toEqual(['ticket', 'ticket'])
    expect(['coordinated', 'coordinate'].map(stem)).toEqual(['coordinat', 'coordinat'])
    expect(['weekly', 'week'].map(stem)).toEqual(['week', 'week'])
    expect(['dropped', 'drop'].map(stem)).toEqual(['drop', 'drop'])
    expect(stem('8,000')).toBe('8000')
  })

  it('finds any run of an example, however it is cased and punctuated', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/)
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), (list, a, b) => {
        const from = a % list.length
        const to = from + 1 + (b % (list.length - from))
        const example = list.join(', ') + '.'
        const phrase = `“${list.slice(from, to).join(' ').toUpperCase()}”`
        return containsRun(words(example).map((w) => w.norm), words(phrase).map((w) => w.norm))
      }),
    )
  })
})

describe('sentences', () => {
  it('does not split at abbreviations or decimals, and gives offsets into the text', () => {
    const text = 'I cut it by 0.3%, e.g. on retries. We shipped it.'
    expect(sentences(text).map((s) => [s.text, text.slice(s.from, s.to)])).toEqual([
      ['I cut it by 0.3%, e.g. on retries.', 'I cut it by 0.3%, e.g. on retries.'],
      ['We shipped it.', 'We shipped it.'],
    ])
  })
})

describe('everySentenceOpensWith', () => {
  const opensWithI = (text: string) => sentences(text).every((s) => words(s.text)[0]?.text === 'I')

  it('says true only where every sentence opens with the word, and says "split to know" otherwise', () => {
    expect(everySentenceOpensWith('I cut it by 0.3% on retries. I shipped it.', 'I')).toBe(true)
    expect(everySentenceOpensWith('I did it?! I went.\n\nI came back', 'I')).toBe(true)
    expect(everySentenceOpensWith('I went. We came.', 'I')).toBe(false)
    expect(everySentenceOpensWith('In May I went.', 'I')).toBe(false)
    // One sentence to the splitter (an abbreviation), which only the splitter knows: "split to know".
    expect(everySentenceOpensWith('I met Dr. Smith.', 'I')).toBe(false)
    expect(opensWithI('I met Dr. Smith.')).toBe(true)
    expect(everySentenceOpensWith('I cut it, e.g. on retries.', 'I')).toBe(false)
    // A stop inside quotes, before the closing quote, is no place to end: one sentence to both.
    expect(everySentenceOpensWith('I said “Stop.” Then I left.', 'I')).toBe(true)
    expect(everySentenceOpensWith('I said “Stop.” Then I left. Then I came.', 'I')).toBe(false)
    expect(everySentenceOpensWith('I went. . I came.', 'I')).toBe(true)
    expect(everySentenceOpensWith('I went. .. I came.', 'I')).toBe(false)
  })

  it('never says true of a text the splitter finds a sentence in that opens otherwise', () => {
    const token = fc.constantFrom(
      'I', 'I', 'I', 'We', 'the', 'team', 'it', 'i', 'It', 'Dr.', 'Mr.', 'e.g.', 'etc.', 'U.S.A.', 'Inc.', 'I.', 'A.',
      '3.5', '0.3%', '$8,000', '"', '“', '”', "'", '(', ')', '[', ']', '.', '?', '!', '?!', '…', '—', ',', ':', ';',
      '。', '！', '？', '．', '\n', '\n\n', '\r\n', ' ', '  ', '\t',
    )
    const sentence = fc
      .tuple(fc.constantFrom('I', 'I', 'I', 'I', '“I', '(I', 'We', 'In'), fc.array(token, { maxLength: 8 }), fc.constantFrom('.', '?', '!', '?!', '."', '.”', '', '…', '。'))
      .map(([first, middle, end]) => [first, ...middle].join(' ') + end)
    const text = fc.oneof(
      fc.array(sentence, { minLength: 1, maxLength: 6 }).chain((list) => fc.constantFrom(' ', '\n', '  ', '\n\n').map((gap) => list.join(gap))),
      fc.array(fc.oneof(token, sentence), { maxLength: 16 }).chain((list) => fc.constantFrom('', ' ').map((gap) => list.join(gap))),
    )
    let known = 0
    fc.assert(
      fc.property(text, (t) => {
        if (!everySentenceOpensWith(t, 'I')) return true
        known++
        return opensWithI(t)
      }),
      { numRuns: Number(process.env.STARKIT_FUZZ_RUNS ?? 2000), seed: 11 },
    )
    // The property is not vacuous: a good share of generated texts take the shortcut.
    expect(known).toBeGreaterThan(200)
  })
})

describe('a bad option value', () => {
  it('becomes one positioned error, not a crashed run', async () => {
    const text = readFileSync('test/fixtures/rules/key-phrase-in-example/ok.md', 'utf8')
    const { config } = resolveConfig({ extends: 'recommended', rules: { 'key-phrase-in-example': ['warn', { match: 'fuzzy' }] } })
    const result = await lintText(text, 'ok.md', { config: { ...config, rules: config.rules.filter((r) => r.rule.id === 'key-phrase-in-example') } })
    expect(result.messages.map((m) => [m.ruleId, m.severity, m.message])).toEqual([
      ['key-phrase-in-example', 'error', 'Unexpected crash in rule `key-phrase-in-example`: Unexpected option `match` of `fuzzy`, expected `exact`, `stems`, `words`'],
    ])
  })
})
