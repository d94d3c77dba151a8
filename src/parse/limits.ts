/**
 * Structural limits checked before any Markdown parsing (docs/limits.md).
 *
 * micromark, under remark-parse, is quadratic in a few shapes no scenario has: deeply
 * nested lists (a 1,000-deep list of 1 MB takes ~25 s), and a paragraph with thousands of
 * emphasis or link markers (`*a*a*a…` of 80,000 characters takes ~15 s). A linear scan
 * here refuses those shapes with one positioned message, so no file can stall a run.
 */

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

const CONTAINER = /^[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/

/** How deep a line nests: container markers at its start, plus its leading indentation in steps of two. */
function nesting(line: string): number {
  let depth = 0
  let columns = 0
  for (const c of /^[ \t]*/.exec(line)![0]) columns += c === '\t' ? 4 : 1
  let rest = line
  for (;;) {
    const m = CONTAINER.exec(rest)
    if (!m) break
    depth++
    rest = rest.slice(m[0].length)
    if (depth > MAX_NESTING) break
  }
  return depth + Math.floor(columns / 2)
}

/** The first limit `text` hits, or undefined. Linear in the text. */
export function checkLimits(text: string): LimitProblem | undefined {
  const lines = text.split(/\r\n|\r|\n/)
  let runs = 0
  let total = 0
  let blockStart = 0
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!
    if (line.length > MAX_LINE_LENGTH) {
      return { line: k + 1, column: MAX_LINE_LENGTH + 1, reason: `Unexpected line of ${line.length} characters, expected at most ${MAX_LINE_LENGTH}` }
    }
    const depth = nesting(line)
    if (depth > MAX_NESTING) {
      return { line: k + 1, column: 1, reason: `Unexpected nesting of lists or block quotes ${depth} deep, expected at most ${MAX_NESTING}` }
    }
    if (line.trim() === '') {
      total += runs
      runs = 0
      blockStart = k + 1
      continue
    }
    for (let i = 0; i < line.length; i++) {
      const c = line[i]
      if (c === '\\') i++
      else if (c === '[' || c === ']') runs++
      else if (c === '*' || c === '_') {
        runs++
        while (line[i + 1] === c) i++
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
  return undefined
}
