/**
 * `checkLimits` reads a text in one pass over its characters. This checks it against the
 * line-by-line reading it replaced (kept here, regexes and all), on texts built to reach
 * every limit and to sit just under it, with every kind of line ending and white space.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { checkLimits, MAX_DELIMITERS, MAX_FILE_DELIMITERS, MAX_LINE_LENGTH, MAX_NESTING, type LimitProblem } from '../../src/parse/limits.js'

const CONTAINER = /^[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/

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

function reference(text: string): LimitProblem | undefined {
  const lines = text.split(/\r\n|\r|\n/)
  let runs = 0
  let total = 0
  let blockStart = 0
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!
    if (line.length > MAX_LINE_LENGTH) return { line: k + 1, column: MAX_LINE_LENGTH + 1, reason: `Unexpected line of ${line.length} characters, expected at most ${MAX_LINE_LENGTH}` }
    const depth = nesting(line)
    if (depth > MAX_NESTING) return { line: k + 1, column: 1, reason: `Unexpected nesting of lists or block quotes ${depth} deep, expected at most ${MAX_NESTING}` }
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
    if (runs > MAX_DELIMITERS)
      return {
        line: blockStart + 1,
        column: 1,
        reason: `Unexpected paragraph with more than ${MAX_DELIMITERS} emphasis or link markers (\`*\`, \`_\`, \`[\`, \`]\`), expected at most ${MAX_DELIMITERS}`,
      }
    if (total + runs > MAX_FILE_DELIMITERS)
      return { line: k + 1, column: 1, reason: `Unexpected file with more than ${MAX_FILE_DELIMITERS} emphasis or link markers, expected at most ${MAX_FILE_DELIMITERS}` }
  }
  return undefined
}

/** Pieces that matter to a limit, each repeated up to past the limit it feeds. */
const piece = fc.constantFrom(
  ' ', '  ', '\t', '>', '> ', '- ', '-', '* ', '*', '**', '+ ', '+x', '1. ', '1)', '123456789. ', '1234567890. ', '12.x', '_', '__a', '[', ']',
  '\\*', '\\', 'a', 'word ', '\n', '\r', '\r\n', '\n\n', ' \n', '\u00a0', '\u3000\n', '\v', '\f', '\u2028', 'é', '\u{1F600}',
)
const text = fc
  .array(fc.record({ piece, times: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 90, max: 260 })) }), { maxLength: 12 })
  .map((parts) => parts.map((p) => p.piece.repeat(p.times)).join(''))

describe('checkLimits', () => {
  test('judges every text as the line-by-line reading did', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(checkLimits(t)).toEqual(reference(t))
      }),
      { numRuns: Number(process.env.STARKIT_FUZZ_RUNS ?? 3_000) },
    )
  })

  test.each([
    ['exactly at each limit', ['> '.repeat(MAX_NESTING) + 'x', 'a'.repeat(MAX_LINE_LENGTH), '*a'.repeat(MAX_DELIMITERS)].join('\n\n'), undefined],
    ['one past the nesting limit, after CRLF lines', 'a\r\nb\r\n' + '> '.repeat(MAX_NESTING + 1) + 'x', 3],
    ['one past the line length, after a lone CR', 'a\r' + 'a'.repeat(MAX_LINE_LENGTH + 1), 2],
    ['a paragraph over the marker limit after a line of non-breaking spaces', 'x\n\u00a0\u00a0\n' + '[a]'.repeat(MAX_DELIMITERS), 3],
  ])('%s', (_, t, line) => {
    const found = checkLimits(t)
    expect(found).toEqual(reference(t))
    expect(found?.line).toBe(line)
  })
})
