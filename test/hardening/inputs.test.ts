/**
 * Properties of the readers over any text or bytes (fast-check): parse, convert, lintText, fmt.
 *
 * `npm test` runs STARKIT_FUZZ_RUNS cases per property (default 100, a few seconds in all);
 * `npm run fuzz` runs 100,000 per property. A failure prints fast-check's seed and the
 * shrunk counterexample: reproduce it with `fc.assert(…, { seed, path })`.
 *
 * Time bounds are generous on purpose (linear in the input, plus 2 s of slack for a loaded
 * machine) so they catch a hang or a quadratic blow-up, never a slow CI runner.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { convert } from '../../src/convert/index.js'
import { formatScenario, lintText, parse, validate } from '../../src/index.js'

const RUNS = Number(process.env.STARKIT_FUZZ_RUNS ?? 100)
/** The vitest timeout of one property: about 20 ms a case, never under a minute. */
const TIMEOUT = Math.max(60_000, RUNS * 20)
const params = { numRuns: RUNS }

/** Yield to the event loop every few cases, so a long run never starves vitest's worker RPC. */
let cases = 0
const breathe = async (): Promise<void> => {
  if (++cases % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
}

/** A bound on one call's time: 2 s plus 1 ms per 100 characters. */
const budget = (size: number): number => 2_000 + size / 100

/** Any text: unicode, Markdown-ish lines, and pieces of the format, with any line endings. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('---', '# Q', '## Overview', '## Action', '### x', '- a', '1. b', '> q', 'Target: 30s', 'Key phrases:', 'id: a', 'a: &a [1]', 'b: *a', '<!-- starkit-disable-next-line x -->', '```', '    code', '*a', '_b', '[c](', '\t', '', ' '),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
      ),
      { maxLength: 40 },
    )
    .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol))),
)
const anyBytes = fc.uint8Array({ maxLength: 400 })
const anyInput = fc.oneof(anyText, anyBytes)

/** The number of lines of an input as parse and convert count them (any line ending). */
function lineLengths(input: string | Uint8Array): number[] {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input)
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((l) => l.length)
}

/** Whether `line:column` lies inside the input (a column may point just past a line's end). */
function inside(lines: number[], line: number | undefined, column: number | undefined): boolean {
  if (line === undefined || column === undefined) return false
  return line >= 1 && line <= lines.length && column >= 1 && column <= (lines[line - 1] ?? 0) + 1
}

function timed<T>(size: number, fn: () => T): T {
  const started = performance.now()
  const result = fn()
  expect(performance.now() - started).toBeLessThan(budget(size))
  return result
}

const size = (input: string | Uint8Array): number => (typeof input === 'string' ? input.length : input.byteLength)

describe('for any input, the readers return in bounded time with every position inside the input', () => {
  test(
    'parse',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyInput, async (input) => {
          await breathe()
          const parsed = timed(size(input), () => parse(input, { path: 'x.md' }))
          validate(parsed)
          const lines = lineLengths(input)
          for (const m of parsed.file.messages) expect(inside(lines, m.line, m.column), `${m.line}:${m.column} ${m.reason}`).toBe(true)
        }),
        params,
      )
    },
    TIMEOUT,
  )

  test(
    'convert',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyInput, async (input) => {
          await breathe()
          const result = timed(size(input), () => convert(input, { path: 'x.txt' }))
          // UTF-16 input is decoded as UTF-16, so its lines are not those of the UTF-8 reading.
          if (typeof input !== 'string' && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) return
          const lines = lineLengths(input)
          for (const m of result.file.messages) expect(inside(lines, m.line, m.column), `${m.line}:${m.column} ${m.reason}`).toBe(true)
        }),
        params,
      )
    },
    TIMEOUT,
  )

  test(
    'lintText',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyText, async (input) => {
          await breathe()
          const started = performance.now()
          const result = await lintText(input)
          expect(performance.now() - started).toBeLessThan(budget(input.length))
          const lines = lineLengths(input)
          for (const m of result.messages) {
            expect(inside(lines, m.line, m.column), `${m.ruleId} ${m.line}:${m.column} ${m.message}`).toBe(true)
            expect(inside(lines, m.endLine, m.endColumn), `${m.ruleId} end ${m.endLine}:${m.endColumn} ${m.message}`).toBe(true)
          }
        }),
        params,
      )
    },
    TIMEOUT,
  )
})

describe('for any input fmt accepts', () => {
  test(
    'formatScenario is idempotent on any text it accepts',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyText, async (input) => {
          await breathe()
          const once = formatScenario(input)
          if (once.output === undefined) return
          const twice = formatScenario(once.output)
          expect(twice.blockers).toEqual([])
          expect(twice.output).toBe(once.output)
        }),
        params,
      )
    },
    TIMEOUT,
  )
})
