/**
 * Properties of write, parse and fmt over generated scenarios (fast-check; arbitraries.ts).
 *
 * `npm test` runs STARKIT_FUZZ_RUNS cases per property (default 100, a few seconds in all);
 * `npm run fuzz` runs 100,000 per property. A failure prints fast-check's seed and the
 * shrunk counterexample: reproduce it with `fc.assert(…, { seed, path })`.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatScenario, parse, validate, write } from '../../src/index.js'
import { scenario } from './arbitraries.js'

const RUNS = Number(process.env.STARKIT_FUZZ_RUNS ?? 100)
const TIMEOUT = Math.max(60_000, RUNS * 100)

/**
 * Yield to the event loop every few cases: one synchronous hour-long property starves the
 * worker, and vitest then fails the run with `Timeout calling "onTaskUpdate"` although every
 * case passed.
 */
let cases = 0
const breathe = async (): Promise<void> => {
  if (++cases % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
}

describe('for any scenario', () => {
  test(
    'write then parse gives it back unchanged and valid; fmt keeps the written text and is idempotent',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          await breathe()
          const markdown = write(s)
          const parsed = parse(markdown)
          expect(parsed.file.messages.map(String)).toEqual([])
          expect(parsed.data).toEqual(s)
          const valid = validate(parsed)
          expect(parsed.file.messages.map(String)).toEqual([])
          expect(valid?.scenario).toEqual(s)
          const once = formatScenario(markdown)
          expect(once.blockers).toEqual([])
          expect(once.output).toBe(markdown)
          expect(formatScenario(once.output!).output).toBe(once.output)
        }),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )
})
