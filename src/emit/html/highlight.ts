import type { ElementContent } from 'hast'
import { h } from './h.js'

export interface Highlighted {
  /** The text as text nodes, with every phrase occurrence inside a `<mark>`. */
  content: ElementContent[]
  /** Per phrase, in the order given: whether it occurs in the text. */
  found: boolean[]
}

const WORD_CHAR = /[\p{L}\p{N}]/u
/**
 * A letter or digit as a pattern with the flags of the phrase patterns sees one: the word
 * boundary test. (`/iu` matters: U+0345 folds to a letter, so it counts as one here.)
 */
const WORD_CHAR_IU = /^[\p{L}\p{N}]$/iu
const SPECIAL = /['‘’"“”.*+?^${}()|[\]\\/]/g

function escape(c: string): string {
  if (c === "'" || c === '’' || c === '‘') return "['‘’]"
  if (c === '"' || c === '“' || c === '”') return '["“”]'
  return `\\${c}`
}

interface PhrasePattern {
  /** The phrase itself: case-insensitive, quotes matching quotes, white space any white space. */
  body: RegExp
  /** Whether a match must not follow a letter or digit (the phrase starts with one). */
  before: boolean
  /** Whether a match must not be followed by a letter or digit (the phrase ends with one). */
  after: boolean
}

/**
 * A case-insensitive pattern for a phrase: straight and curly apostrophes and quotes match
 * each other, any run of white space matches any other, and a phrase that starts or ends
 * with a letter or digit does not match inside a longer word (`team` is not in `teammate`).
 * The word boundaries are checked apart from the pattern: a lookaround for
 * `[\p{L}\p{N}]` under `/iu` makes V8 build the case closure of every letter, about 1.5 ms
 * for each new phrase, where the plain phrase compiles in microseconds.
 */
function phrasePattern(phrase: string): PhrasePattern {
  const trimmed = phrase.trim()
  const body = trimmed
    .split(/\s+/u)
    .map((word) => word.replace(SPECIAL, escape))
    .join('\\s+')
  return { body: new RegExp(body, 'giu'), before: WORD_CHAR.test(trimmed[0] ?? ''), after: WORD_CHAR.test(trimmed.at(-1) ?? '') }
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff

/** The code point that ends at `i` ('' at the start), as a `/u` pattern reads backwards. */
function codePointBefore(text: string, i: number): string {
  if (i === 0) return ''
  return i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? text.slice(i - 2, i) : text.slice(i - 1, i)
}

/** The code point that starts at `i` ('' at the end). */
function codePointAt(text: string, i: number): string {
  return i < text.length && isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? text.slice(i, i + 2) : text.slice(i, i + 1)
}

/** The index after the code point at `i`: where a `/u` search tries next. */
function advance(text: string, i: number): number {
  return isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? i + 2 : i + 1
}

/** Every occurrence of a phrase, leftmost first, not overlapping (what a global match finds). */
function occurrences(text: string, pattern: PhrasePattern): [number, number][] {
  const found: [number, number][] = []
  const re = pattern.body
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index
    const end = start + m[0].length
    const inWord =
      m[0].length === 0 ||
      (pattern.before && WORD_CHAR_IU.test(codePointBefore(text, start))) ||
      (pattern.after && WORD_CHAR_IU.test(codePointAt(text, end)))
    // The phrase matches one way at most at a position: on a word boundary miss, look further on.
    if (inWord) re.lastIndex = advance(text, start)
    else found.push([start, end])
  }
  return found
}

/** `[start, end)` ranges sorted, overlapping ones joined into one. */
export function mergeRanges(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: [number, number][] = []
  for (const range of sorted) {
    const last = merged.at(-1)
    if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  return merged
}

/**
 * Mark every occurrence of every phrase in `text`. Overlapping occurrences become one mark.
 * The text stays text: it is split into text nodes, never parsed as markup.
 */
export function highlight(text: string, phrases: readonly string[]): Highlighted {
  const ranges: [number, number][] = []
  const found = phrases.map((phrase) => {
    if (phrase.trim() === '') return false
    const matches = occurrences(text, phrasePattern(phrase))
    ranges.push(...matches)
    return matches.length > 0
  })
  const merged = mergeRanges(ranges)
  const content: ElementContent[] = []
  let at = 0
  for (const [start, end] of merged) {
    if (start > at) content.push({ type: 'text', value: text.slice(at, start) })
    content.push(h('mark', text.slice(start, end)))
    at = end
  }
  if (at < text.length) content.push({ type: 'text', value: text.slice(at) })
  return { content, found }
}
