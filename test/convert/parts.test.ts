import { describe, expect, it } from 'vitest'
import { HEADER_CHROME, MARKERS, headerChrome, knownMarker } from '../../src/convert/chrome.js'
import { splitKeyPhrases, unquote } from '../../src/convert/key-phrases.js'
import { inferAnswer } from '../../src/convert/practice.js'
import { slugify } from '../../src/convert/slug.js'

describe('the chrome list (docs/convert.md)', () => {
  it.each([
    ['Bird', 'Bird'],
    ['Raised Fist0', 'Raised Fist0'],
    ['Raised Fist12', 'Raised Fist0'],
    ['Choose your preparation mode4 modes available', 'Choose your preparation mode…'],
    ['Choose your preparation mode3 modes available', 'Choose your preparation mode…'],
    ['Start learning this pattern below', 'Start learning this pattern below'],
    ['Jump into concepts and practice - no test required', 'Jump into concepts and practice - no test required'],
    ['or', 'or'],
    ['Recommended', 'Recommended'],
    ['Test this pattern10 questions across easy, medium, and hard to know if this pattern is strong', 'Test this pattern…'],
  ])('%j is chrome (%s)', (line, name) => {
    expect(headerChrome(line)?.name).toBe(name)
  })
  it('has exactly the documented entries', () => {
    expect(HEADER_CHROME.map((c) => c.name)).toHaveLength(8)
  })
  it.each(['Birds', 'order', 'Scenario Overview', 'Amazon Leadership Principles'])('%j is not chrome', (line) => {
    expect(headerChrome(line)).toBeUndefined()
  })
  it('knows every marker, with or without a variation selector', () => {
    expect(MARKERS.map((m) => m.char).join('')).toBe('🎬⏱💡⚠💭👤🏆❓▼❌✅✗🧠⬇')
    expect(knownMarker('⚠️')?.char).toBe('⚠')
    expect(knownMarker('👀')).toBeUndefined()
  })
})

describe('key phrases', () => {
  it('splits run-together quoted phrases', () => {
    expect(splitKeyPhrases('"I noticed""0.3% drop"')).toEqual(['I noticed', '0.3% drop'])
    expect(splitKeyPhrases('“I noticed”“no ticket” "we"')).toEqual(['I noticed', 'no ticket', 'we'])
    expect(splitKeyPhrases('"outside my team’s scope"')).toEqual(['outside my team’s scope'])
  })
  it('refuses what is not only quoted phrases', () => {
    expect(splitKeyPhrases('"a" and "b"')).toBeUndefined()
    expect(splitKeyPhrases('"unclosed')).toBeUndefined()
    expect(splitKeyPhrases('plain')).toBeUndefined()
  })
  it('unquotes a value that is one quoted string only', () => {
    expect(unquote('"I brought a solution."')).toBe('I brought a solution.')
    expect(unquote('"a" then "b"')).toBe('"a" then "b"')
    expect(unquote('no quotes')).toBe('no quotes')
  })
})

describe('practice answers', () => {
  const options = [
    { letter: 'A' as const, text: 'Customer Obsession' },
    { letter: 'B' as const, text: 'Deliver Results' },
    { letter: 'C' as const, text: 'We collectively decided on the final guide format' },
  ]
  it('reads the option a step arrow names', () => {
    expect(inferAnswer(options, ['Identify the focus -> Customer Obsession'])).toEqual({ answer: 'A', source: 'arrow' })
  })
  it('reads a quoted phrase only one option holds', () => {
    expect(inferAnswer(options, ['"We collectively decided" dilutes ownership'])).toEqual({ answer: 'C', source: 'quoted' })
  })
  it('reads an explicit letter', () => {
    expect(inferAnswer(options, ['Step 1', 'The correct answer is B'])).toEqual({ answer: 'B', source: 'letter' })
  })
  it('says when it cannot tell', () => {
    expect(inferAnswer(options, ['Think about it'])).toBeUndefined()
    expect(inferAnswer(options, ['-> Customer Obsession', '-> Deliver Results'])).toBeUndefined()
  })
})

describe('ids', () => {
  it('are kebab-case slugs of the question, cut on a word boundary at 120 characters', () => {
    expect(slugify('Tell Me About a Time You Had to Rebuild Trust After a Mistake')).toBe(
      'tell-me-about-a-time-you-had-to-rebuild-trust-after-a-mistake',
    )
    expect(slugify("Describe a Time You Didn't Agree — Café Edition")).toBe('describe-a-time-you-didnt-agree-cafe-edition')
    const long = slugify('word '.repeat(50) + 'end')
    expect(long.length).toBeLessThanOrEqual(120)
    expect(long.endsWith('-word')).toBe(true)
  })
})
