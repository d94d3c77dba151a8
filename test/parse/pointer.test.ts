/** JSON pointers (RFC 6901) as the parser, the schema errors and the rules name places. */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parentPointer, pointer, pointerSegments } from '../../src/model/position.js'

describe('pointer', () => {
  test('escapes ~ and / in a segment, and writes indexes as numbers', () => {
    expect(pointer('steps', 'action', 'example')).toBe('/steps/action/example')
    expect(pointer('followUps', 2, 'probes')).toBe('/followUps/2/probes')
    expect(pointer('a/b', '~x', '~/', '')).toBe('/a~1b/~0x/~0~1/')
    expect(pointer()).toBe('')
    expect(parentPointer(pointer('a/b', 'c'))).toBe('/a~1b')
  })

  test('gives back its segments, whatever they hold', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: fc.constantFrom('a', '~', '/', '0', '1', 'é') }), fc.nat())), (segments) => {
        expect(pointerSegments(pointer(...segments))).toEqual(segments.map(String))
      }),
      { numRuns: 1000, seed: 5 },
    )
  })
})
