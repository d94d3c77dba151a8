/**
 * `stringifyNested` (src/model/nested-json.ts) gives a value's JSON as it stands `levels`
 * levels down in a document indented by 2: the text `JSON.stringify(value, null, 2)` with
 * every newline followed by `2 × levels` more spaces. The JSON report and the bundle are
 * assembled from these pieces, so a slice off by one character breaks both.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { stringifyNested } from '../../src/model/nested-json.js'

const RUNS = Math.max(300, Number(process.env.STARKIT_FUZZ_RUNS ?? 100))
const indentedAgain = (value: unknown, levels: number): string => JSON.stringify(value, null, 2).replaceAll('\n', '\n' + '  '.repeat(levels))

describe('stringifyNested', () => {
  test('is the JSON indented again, at every depth, on generated values (strings with newlines included)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, levels) => {
        expect(stringifyNested(value, levels)).toBe(indentedAgain(value, levels))
      }),
      { numRuns: RUNS },
    )
  })

  test('empty containers and scalars, where the cut is all there is', () => {
    for (const value of [[], {}, 0, '', 'a\nb', null, [[]], { a: [] }])
      for (const levels of [0, 1, 2, 3]) expect(stringifyNested(value, levels), `${JSON.stringify(value)} at ${levels}`).toBe(indentedAgain(value, levels))
    expect(stringifyNested({ a: [1] }, 2)).toBe('{\n      "a": [\n        1\n      ]\n    }')
  })
})
