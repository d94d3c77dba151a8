/**
 * `threadsFor` (src/cli/pool.ts): `--concurrency` as a number of threads, with `auto` starting
 * threads from a threshold on: 200 files for lint and build, 300 pages for convert, whose one
 * thread beats two below that (its optimizing compiler runs on the idle core).
 */
import { availableParallelism } from 'node:os'
import { expect, test } from 'vitest'
import { AUTO_THRESHOLD, CONVERT_AUTO_THRESHOLD, threadsFor } from '../../src/cli/pool.js'
import { UsageError } from '../../src/cli/io.js'

/** What `auto` gives past its threshold on this machine: a thread per core, no more than a thread per 100 files, none on one core. */
const auto = (files: number): number => (availableParallelism() < 2 ? 0 : Math.min(availableParallelism(), Math.ceil(files / 100)))

test('auto: no threads below the threshold, lint and build from 200 files on, convert from 300 pages on', () => {
  expect([AUTO_THRESHOLD, CONVERT_AUTO_THRESHOLD]).toEqual([200, 300])
  expect(threadsFor('auto', 199)).toBe(0)
  expect(threadsFor('auto', 200)).toBe(auto(200))
  expect(threadsFor('auto', 299, CONVERT_AUTO_THRESHOLD)).toBe(0)
  expect(threadsFor('auto', 300, CONVERT_AUTO_THRESHOLD)).toBe(auto(300))
  expect(threadsFor('auto', 10_000, CONVERT_AUTO_THRESHOLD)).toBe(auto(10_000))
})

test('off and a number do not depend on the threshold; anything else is a usage error', () => {
  expect(threadsFor('off', 10_000, CONVERT_AUTO_THRESHOLD)).toBe(0)
  expect(threadsFor('3', 10, CONVERT_AUTO_THRESHOLD)).toBe(3)
  expect(() => threadsFor('0', 10)).toThrow(UsageError)
  expect(() => threadsFor('lots', 10)).toThrow('Unexpected `--concurrency lots`, expected a number, `auto` or `off`')
})
