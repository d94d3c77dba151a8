/**
 * The key-phrase matcher as it was written first, with the word boundaries as lookarounds in
 * the pattern: the reference the faster matcher of src/emit/html/highlight.ts must agree with.
 * Returns the marked ranges (merged) and which phrases were found.
 */
import { mergeRanges } from '../../../src/emit/html/highlight.js'

const WORD_CHAR = /[\p{L}\p{N}]/u

function phrasePattern(phrase: string): RegExp {
  const body = phrase
    .trim()
    .split(/\s+/u)
    .map((word) =>
      [...word]
        .map((c) => {
          if (c === "'" || c === '’' || c === '‘') return "['‘’]"
          if (c === '"' || c === '“' || c === '”') return '["“”]'
          return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
        })
        .join(''),
    )
    .join('\\s+')
  const first = phrase.trim()[0] ?? ''
  const last = phrase.trim().at(-1) ?? ''
  const before = WORD_CHAR.test(first) ? '(?<![\\p{L}\\p{N}])' : ''
  const after = WORD_CHAR.test(last) ? '(?![\\p{L}\\p{N}])' : ''
  return new RegExp(before + body + after, 'giu')
}

export function referenceHighlight(text: string, phrases: readonly string[]): { ranges: [number, number][]; found: boolean[] } {
  const ranges: [number, number][] = []
  const found = phrases.map((phrase) => {
    if (phrase.trim() === '') return false
    let any = false
    for (const m of text.matchAll(phrasePattern(phrase))) {
      if (m[0].length === 0) continue
      ranges.push([m.index, m.index + m[0].length])
      any = true
    }
    return any
  })
  // The merge did not change with the matcher: the reference uses the same one.
  return { ranges: mergeRanges(ranges), found }
}
