/**
 * Structural limits checked before any Markdown parsing (docs/limits.md).
 *
 * micromark, under remark-parse, is quadratic in a few shapes no scenario has: deeply
 * nested lists (a 1,000-deep list of 1 MB takes ~25 s), and a paragraph with thousands of
 * emphasis or link markers (`*a*a*a…` of 80,000 characters takes ~15 s). A linear scan
 * here refuses those shapes with one positioned message, so no file can stall a run.
 */

/**
 * The largest file starkit reads (bytes); a larger one gets one message instead of a slow run.
 * 1 MiB is ~100 times a real scenario; a 5 MiB one took ~35 s and 1.3 GB to lint (docs/limits.md).
 */
export const MAX_FILE_BYTES = 1024 * 1024

/** The size an input is judged by: its own, or the file's when the caller read less of it (`ParseOptions#size`). */
export function inputSize(input: string | Uint8Array, size = 0): number {
  return Math.max(size, typeof input === 'string' ? input.length : input.byteLength)
}

/** The longest line read (characters). */
export const MAX_LINE_LENGTH = 20_000

/** The deepest nesting of lists and block quotes read (container markers plus indentation / 2). */
export const MAX_NESTING = 100

/** The most runs of `*`, `_`, `[` or `]` in one paragraph (lines between blank lines). */
export const MAX_DELIMITERS = 200

/** The most runs of `*`, `_`, `[` or `]` in a file (each becomes nodes; 1 MiB of them took 1.7 GB). */
export const MAX_FILE_DELIMITERS = 5_000

export interface LimitProblem {
  /** 1-based line and column of the place the limit was hit. */
  line: number
  column: number
  reason: string
}

const TAB = 9
const LF = 10
const CR = 13
const SPACE = 32

const isSpaceOrTab = (c: number): boolean => c === SPACE || c === TAB

/**
 * How deep the line `[start, end)` of `text` nests: container markers at its start (`>`, a
 * bullet or `1.` / `1)` followed by white space or the line end, each after optional spaces or
 * tabs), plus its leading indentation (a tab counts 4) in steps of two.
 */
function nesting(text: string, start: number, end: number): number {
  let columns = 0
  for (let i = start; i < end && isSpaceOrTab(text.charCodeAt(i)); i++) columns += text.charCodeAt(i) === TAB ? 4 : 1
  let depth = 0
  let at = start
  while (depth <= MAX_NESTING) {
    while (at < end && isSpaceOrTab(text.charCodeAt(at))) at++
    // Nothing is read at or past `end`: a read past the text would throw away TurboFan's code
    // for this function, once per thread ("out of bounds").
    if (at >= end) break
    const c = text.charCodeAt(at)
    let next = -1
    if (c === 0x3e /* > */) next = at + 1
    else if (c === 0x2d /* - */ || c === 0x2a /* * */ || c === 0x2b /* + */) next = at + 1 === end || isSpaceOrTab(text.charCodeAt(at + 1)) ? at + 1 : -1
    else {
      let digits = at
      while (digits < end && digits - at < 10 && text.charCodeAt(digits) >= 0x30 && text.charCodeAt(digits) <= 0x39) digits++
      const count = digits - at
      const mark = digits < end ? text.charCodeAt(digits) : -1
      if (count >= 1 && count <= 9 && (mark === 0x2e /* . */ || mark === 0x29 /* ) */))
        next = digits + 1 === end || isSpaceOrTab(text.charCodeAt(digits + 1)) ? digits + 1 : -1
    }
    if (next === -1) break
    depth++
    at = next
  }
  return depth + Math.floor(columns / 2)
}

/** Whether the line `[start, end)` is white space only (as `String#trim` sees it). */
function blank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (isSpaceOrTab(c)) continue
    // Printable ASCII is never white space; anything else is judged as `trim` judges it.
    return c > SPACE && c < 0x7f ? false : text.slice(i, end).trim() === ''
  }
  return true
}

/** A run of `*` or `_`, a `[` or a `]` (as counted in `checkLimits`), or an escaped character (not counted). */
const MARKER = /\\[\s\S]|\*+|_+|[[\]]/g

/**
 * Whether `text` holds at most `MAX_DELIMITERS` markers in all, counted as `checkLimits`
 * counts them: then no paragraph, and not the file, can be over its limit.
 */
function fewMarkers(text: string): boolean {
  MARKER.lastIndex = 0
  let n = 0
  for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) if (m[0].charCodeAt(0) !== 0x5c /* \ */ && ++n > MAX_DELIMITERS) return false
  return true
}

/**
 * The first limit `text` hits, or undefined. Linear in the text, in one pass over its
 * characters (splitting it into lines and matching each took ~0.3 ms of a scenario's ~12 ms).
 *
 * `markdown: false` is for text read with every Markdown construct off (`convert`'s
 * `remarkPlainText`): there a `>`, a `-` or a `*` is a character like any other, read in one
 * pass, so nesting and markers are no cost and only the line length is limited.
 */
export function checkLimits(text: string, { markdown = true }: { markdown?: boolean } = {}): LimitProblem | undefined {
  let runs = 0
  let total = 0
  let blockStart = 0
  // Without a carriage return, a line ends at the next line feed: `indexOf` finds it many
  // characters at a time (~4x faster over the bench's files than a look at each character).
  const lfOnly = text.indexOf('\r') === -1
  // Markers counted line by line only when the whole text has more than one paragraph may:
  // a scenario has a few dozen, so this one scan is usually all.
  const count = markdown && !fewMarkers(text)
  for (let k = 0, start = 0; ; k++) {
    let end: number
    if (lfOnly) {
      end = text.indexOf('\n', start)
      if (end === -1) end = text.length
    } else {
      end = start
      for (let c = text.charCodeAt(end); end < text.length && c !== LF && c !== CR; c = text.charCodeAt(++end));
    }
    const length = end - start
    if (length > MAX_LINE_LENGTH) {
      return { line: k + 1, column: MAX_LINE_LENGTH + 1, reason: `Unexpected line of ${length} characters, expected at most ${MAX_LINE_LENGTH}` }
    }
    const depth = markdown ? nesting(text, start, end) : 0
    if (depth > MAX_NESTING) {
      return { line: k + 1, column: 1, reason: `Unexpected nesting of lists or block quotes ${depth} deep, expected at most ${MAX_NESTING}` }
    }
    if (!count) {
      // Plain text, or too few markers in all to reach a limit: the line's length and nesting are all.
    } else if (blank(text, start, end)) {
      total += runs
      runs = 0
      blockStart = k + 1
    } else {
      for (let i = start; i < end; i++) {
        const c = text.charCodeAt(i)
        if (c === 0x5c /* \ */) i++
        else if (c === 0x5b /* [ */ || c === 0x5d /* ] */) runs++
        else if (c === 0x2a /* * */ || c === 0x5f /* _ */) {
          runs++
          while (i + 1 < end && text.charCodeAt(i + 1) === c) i++
        }
      }
      if (runs > MAX_DELIMITERS) {
        return {
          line: blockStart + 1,
          column: 1,
          reason: `Unexpected paragraph with more than ${MAX_DELIMITERS} emphasis or link markers (\`*\`, \`_\`, \`[\`, \`]\`), expected at most ${MAX_DELIMITERS}`,
        }
      }
      if (total + runs > MAX_FILE_DELIMITERS) {
        return { line: k + 1, column: 1, reason: `Unexpected file with more than ${MAX_FILE_DELIMITERS} emphasis or link markers, expected at most ${MAX_FILE_DELIMITERS}` }
      }
    }
    if (end >= text.length) return undefined
    start = end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1)
  }
}
