/**
 * Words of prose, for rules that compare phrases with text: normalised for case, quotes,
 * dashes and punctuation, with their offsets so a finding can point at the exact word.
 * Hand-written and small on purpose: a full NLP tokenizer would be heavier than the
 * comparisons need, and `sentence-splitter` already handles sentences.
 */

import { memoize } from '../../model/memo.js'

/** One word of a text: `[from, to)` in the text as given. */
export interface Word {
  /** The word as written. */
  text: string
  /** Lower case, NFKC, no apostrophes or thousands separators. */
  norm: string
  from: number
  to: number
}

/**
 * Letters and digits, with decimal points and thousands separators kept inside numbers
 * (`0.3`, `8,000`). Apostrophes and hyphens split words (`team's` → `team`, `s`), the same
 * way on both sides of a comparison, so a possessive or a hyphenated compound still matches.
 */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:[.,]\p{N}+)*/gu
const WORD = WORD_PATTERN

/**
 * The words of `text`, in order. Shared between callers: read them, never change them.
 * Remembered for up to 512 texts at a time: several rules read the same example or story, so a
 * file's texts are split once (the words of a file were about 3 % of its lint).
 */
export const words: (text: string) => readonly Word[] = memoize(512, (text) => {
  const out: Word[] = []
  for (const m of text.matchAll(WORD)) {
    const raw = m[0]
    out.push({ text: raw, norm: normalizeWord(raw), from: m.index, to: m.index + raw.length })
  }
  return out
})

const NON_ASCII = /[^\x00-\x7f]/

/** Case-fold a word and drop thousands separators, so `8,000` equals `8000`. */
export function normalizeWord(word: string): string {
  // NFKC leaves ASCII as it is: skip it for the common case (a word of ASCII letters).
  const folded = (NON_ASCII.test(word) ? word.normalize('NFKC') : word).toLowerCase()
  return folded.includes(',') && /^\p{N}{1,3}(?:,\p{N}{3})+(?:\.\p{N}+)?$/u.test(folded) ? folded.replace(/,/g, '') : folded
}

/** Text normalised for comparison: the words, joined by single spaces. */
export function normalizeText(text: string): string {
  return words(text)
    .map((w) => w.norm)
    .join(' ')
}

/**
 * Function words that carry no content of their own. Pronouns (`I`, `my`) and negations
 * (`no`, `not`, `nobody`) are deliberately absent: in this content they carry the meaning.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'to', 'of', 'in', 'on', 'at', 'for', 'per', 'and', 'or', 'as', 'by', 'with',
  'from', 'into', 'is', 'are', 'was', 'were', 'be', 'been', 'it', 'its', 'this', 'that', 's',
])

/**
 * A light English stemmer: plural and verb endings, `-ly`, a final `e` and a doubled final
 * consonant, so `tickets`/`ticket`, `coordinated`/`coordinate`, `weekly`/`week` and
 * `dropped`/`drop` compare equal. Numbers are left alone.
 *
 * Remembered for up to 4,096 words at a time: a scenario's story is a few hundred distinct
 * words, stemmed again by each rule that compares stems, and a corpus shares most of them
 * (`reflection-not-generic` took 50 µs a file, 21 µs so).
 */
export const stem: (word: string) => string = memoize(4096, stemWord)

function stemWord(word: string): string {
  let w = normalizeWord(word)
  if (/\p{N}/u.test(w) || w.length <= 3) return w
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y'
  else if (w.endsWith('sses')) w = w.slice(0, -2)
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1)
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3)
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2)
  else if (w.endsWith('ly') && w.length > 4) w = w.slice(0, -2)
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1)
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w)) w = w.slice(0, -1)
  return w
}

/** Whether `needle` occurs in `haystack` as a contiguous run. */
export function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return true
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}
