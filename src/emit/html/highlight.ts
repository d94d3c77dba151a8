/** A stretch of a highlighted text: marked (a phrase occurrence, shown in a `<mark>`) or not. */
export interface Segment {
  text: string
  mark: boolean
}

export interface Highlighted {
  /** The text in stretches, every phrase occurrence one marked stretch; together, the text. */
  content: Segment[]
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

/** Whether every code unit of `text` is ASCII. */
const isAscii = (text: string): boolean => !NON_ASCII.test(text)
const NON_ASCII = /[^\0-\x7f]/

/** White space as `\s` sees it, among ASCII characters: tab, line feed, vertical tab, form feed, carriage return, space. */
const isAsciiSpace = (unit: number): boolean => unit === 0x20 || (unit >= 0x09 && unit <= 0x0d)

/** A letter or digit, among ASCII characters: what `[\p{L}\p{N}]` under `/iu` matches there. */
const isAsciiWordChar = (unit: number): boolean => (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a)

/**
 * `occurrences` of an ASCII phrase in an ASCII text, without a regular expression: the same
 * ranges, found the way the pattern finds them. Among ASCII characters, `/iu` folds only
 * `A`–`Z` to `a`–`z` (the long s and the Kelvin sign, which fold to `s` and `k`, are not
 * ASCII), a straight quote or apostrophe can only match itself, and `\s` is the six white
 * space characters above. The words hold no white space, so `\s+` between two of them takes
 * the whole run: at a given start the pattern matches one way or not at all, and trying the
 * starts where the first word is, in order, finds what the pattern finds. `lower` is
 * `text` lower-cased (the same length: ASCII).
 */
function asciiOccurrences(text: string, lower: string, words: readonly string[], before: boolean, after: boolean): [number, number][] {
  const found: [number, number][] = []
  const first = words[0]!
  for (let start = lower.indexOf(first); start !== -1; ) {
    let end = start + first.length
    for (let w = 1; w < words.length && end !== -1; w++) {
      let at = end
      while (at < lower.length && isAsciiSpace(lower.charCodeAt(at))) at++
      end = at > end && lower.startsWith(words[w]!, at) ? at + words[w]!.length : -1
    }
    const inWord = end === -1 || (before && start > 0 && isAsciiWordChar(text.charCodeAt(start - 1))) || (after && end < text.length && isAsciiWordChar(text.charCodeAt(end)))
    if (inWord) start = lower.indexOf(first, start + 1)
    else {
      found.push([start, end])
      start = lower.indexOf(first, end)
    }
  }
  return found
}

/**
 * Every occurrence of `phrase` in `text` (`lower`: `text` lower-cased when it is ASCII, else
 * undefined). An ASCII phrase in an ASCII text, the common case, is found without compiling a
 * pattern (a build compiled one per key phrase per page: ~15 % of a page's rendering).
 */
export function phraseOccurrences(text: string, phrase: string, lower = isAscii(text) ? text.toLowerCase() : undefined): [number, number][] {
  const trimmed = phrase.trim()
  if (trimmed === '') return []
  if (lower !== undefined && isAscii(trimmed)) {
    const words = trimmed.toLowerCase().split(/\s+/u)
    return asciiOccurrences(text, lower, words, isAsciiWordChar(trimmed.charCodeAt(0)), isAsciiWordChar(trimmed.charCodeAt(trimmed.length - 1)))
  }
  return occurrences(text, phrasePattern(phrase))
}

/** `phraseOccurrences` always through the compiled pattern: what the ASCII path is tested against. */
export const patternOccurrences = (text: string, phrase: string): [number, number][] => occurrences(text, phrasePattern(phrase))

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
 * The text stays text: it is split into stretches, never parsed as markup.
 */
export function highlight(text: string, phrases: readonly string[]): Highlighted {
  const ranges: [number, number][] = []
  const lower = isAscii(text) ? text.toLowerCase() : undefined
  const found = phrases.map((phrase) => {
    // A blank phrase has none.
    const matches = phraseOccurrences(text, phrase, lower)
    ranges.push(...matches)
    return matches.length > 0
  })
  const merged = mergeRanges(ranges)
  const content: Segment[] = []
  let at = 0
  for (const [start, end] of merged) {
    if (start > at) content.push({ text: text.slice(at, start), mark: false })
    content.push({ text: text.slice(start, end), mark: true })
    at = end
  }
  if (at < text.length) content.push({ text: text.slice(at), mark: false })
  return { content, found }
}
