/**
 * The bin sets its V8 flags (bin/starkit.js) except those node was given on its own command
 * line: those are the user's (bin/v8-flags.js).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
// Plain JavaScript beside the bin (not type-checked: the tests are not, src is).
import { flagName, flagSetter, givenFlags, START_FLAGS, startFlags } from '../../bin/v8-flags.js'

const bin = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))

describe('the V8 flags the bin leaves to the user', () => {
  test.each([
    ['--heap-growing-percent=30', 'heap-growing-percent'],
    ['--no-concurrent-marking', 'concurrent-marking'],
    ['--concurrent_marking', 'concurrent-marking'],
    ['--semi-space-growth-factor', 'semi-space-growth-factor'],
    ['-max-old-space-size=100', 'max-old-space-size'],
    ['file.js', undefined],
  ])('%s names %s', (arg, name) => {
    expect(flagName(arg)).toBe(name)
  })

  test('a flag given on node’s command line, in any of its spellings, is not set; the others are', () => {
    const set: string[] = []
    const setFlag = flagSetter((flag: string) => set.push(flag), givenFlags(['--semi_space_growth_factor=4', '--concurrent-marking', '--import', 'x.mjs']))
    expect(setFlag('--semi-space-growth-factor=1')).toBe(false)
    expect(setFlag('--no-concurrent-marking')).toBe(false)
    expect(setFlag('--heap-growing-percent=30')).toBe(true)
    expect(set).toEqual(['--heap-growing-percent=30'])
  })

  test('the start flags are set in order through the setter that leaves the given ones, which is returned', () => {
    const set: string[] = []
    const setFlag = startFlags((flag: string) => set.push(flag), ['--concurrent_marking'])
    expect(set).toEqual(START_FLAGS.filter((f) => f !== '--no-concurrent-marking'))
    expect(setFlag('--no-concurrent-marking')).toBe(false)
    expect(setFlag('--heap-growing-percent=30')).toBe(true)
    expect(set.at(-1)).toBe('--heap-growing-percent=30')
  })

  test('every flag the bin sets goes through the setter that leaves the given ones', () => {
    const source = readFileSync(bin, 'utf8')
    // The start flags set through the setter (above), which the bin then uses for the rest.
    expect(source).toContain('const setFlag = startFlags(setFlagsFromString, process.execArgv)')
    // No call that would set a flag the user gave: `setFlagsFromString` is only handed to the setter.
    expect(source.match(/setFlagsFromString\(/g)).toBeNull()
    // The six the bin sets itself.
    expect(source.match(/\bsetFlag\(/g)?.length).toBeGreaterThanOrEqual(6)
  })
})
