/**
 * Durations and time limits as pages and scenarios write them (src/model/duration.ts). Each
 * is read with one regular expression made once: asked again, it answers the same.
 */
import { describe, expect, it } from 'vitest'
import { formatTimeLimit, parseSeconds, parseTimeLimit } from '../../src/model/index.js'

describe('parseSeconds', () => {
  it('reads seconds, minutes and a bare number (seconds); anything else is not a duration', () => {
    expect(['30s', '30 seconds', '1.5 minutes', '2 min', '90', ' 45 sec. '].map(parseSeconds)).toEqual([30, 30, 90, 120, 90, 45])
    expect(['', 'soon', '30 hours', '3-4 minutes', 'about 30s'].map(parseSeconds)).toEqual([undefined, undefined, undefined, undefined, undefined])
  })
})

describe('parseTimeLimit', () => {
  it('reads a limit, a range and the phrasings pages use; a bare number is minutes', () => {
    expect(parseTimeLimit('2 minutes')).toEqual({ min: 120, max: 120 })
    expect(parseTimeLimit('Keep to 2 minutes total.')).toEqual({ min: 120, max: 120 })
    expect(parseTimeLimit('2.5-3 minutes')).toEqual({ min: 150, max: 180 })
    expect(parseTimeLimit('2.5 to 3 minutes')).toEqual({ min: 150, max: 180 })
    expect(parseTimeLimit('150-180 seconds')).toEqual({ min: 150, max: 180 })
    expect(parseTimeLimit('3')).toEqual({ min: 180, max: 180 })
    expect(parseTimeLimit('Target: 30s')).toBeUndefined()
    expect(formatTimeLimit(parseTimeLimit('keep it under 90 seconds max')!)).toBe('1.5 minutes')
  })

  it('answers the same when asked again, in any order (no state kept between calls)', () => {
    const texts = ['2 minutes', 'no', '150-180 seconds', '2 minutes', '150-180 seconds', 'no']
    const first = texts.map(parseTimeLimit)
    expect(texts.map(parseTimeLimit)).toEqual(first)
    expect(first[0]).toEqual(first[3])
    expect(texts.map(parseSeconds)).toEqual([120, undefined, undefined, 120, undefined, undefined])
  })
})
