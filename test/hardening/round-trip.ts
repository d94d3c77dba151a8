/**
 * The write → parse → fmt property over generated scenarios (fast-check; arbitraries.ts),
 * shared by the two halves of the run (scenarios.test.ts, scenarios-2.test.ts): vitest runs
 * test files side by side, so the long `npm run fuzz` uses both cores.
 *
 * `npm test` runs STARKIT_FUZZ_RUNS cases in all (default 100, a few seconds);
 * `npm run fuzz` runs 100,000. A failure prints fast-check's seed and the shrunk
 * counterexample: reproduce it with `fc.assert(…, { seed, path })`.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { formatScenario, parse, validate, write } from '../../src/index.js'
import { scenario } from './arbitraries.js'

const RUNS = Number(process.env.STARKIT_FUZZ_RUNS ?? 100)

/** Define the property test for `part` of `parts` (each runs its share of the cases). */
export function roundTripTest(part: number, parts: number): void {
  const runs = Math.ceil(RUNS / parts)
  /**
   * Yield to the event loop every few cases: one synchronous hour-long property starves the
   * worker, and vitest then fails the run with `Timeout calling "onTaskUpdate"` although every
   * case passed.
   */
  let cases = 0
  const breathe = async (): Promise<void> => {
    if (++cases % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  test(
    `write then parse gives it back unchanged and valid; fmt keeps the written text and is idempotent (part ${part} of ${parts}, ${runs} cases)`,
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
          // fmt keeps canonical text as it is; so fmt of its output (the same text) is idempotent.
          const once = formatScenario(markdown)
          expect(once.blockers).toEqual([])
          expect(once.output).toBe(markdown)
        }),
        { numRuns: runs },
      )
    },
    // Generous: a long run may share the machine (about 40 ms a case when it does not).
    Math.max(60_000, runs * 400),
  )
}
