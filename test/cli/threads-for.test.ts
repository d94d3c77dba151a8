/**
 * `threadsFor` (src/cli/pool.ts): `--concurrency` as a number of threads, with `auto` starting
 * threads from a threshold on: 200 files for lint and build, 300 pages for convert, whose one
 * thread beats two below that (its optimizing compiler runs on the idle core).
 */
import { availableParallelism } from 'node:os'
import { expect, test } from 'vitest'
import { AUTO_THRESHOLD, batchSize, CONVERT_AUTO_THRESHOLD, threadsFor } from '../../src/cli/pool.js'
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

test('batchSize: 16 tasks a batch; when this thread helps, a share of what is left, down to one', () => {
  expect(batchSize(1000, 1, false)).toBe(16)
  expect(batchSize(3, 1, false)).toBe(16)
  // One worker and this thread, two batches held: full batches while 64 or more are left.
  expect(batchSize(1000, 1, true)).toBe(16)
  expect(batchSize(64, 1, true)).toBe(16)
  expect(batchSize(40, 1, true)).toBe(10)
  expect(batchSize(5, 1, true)).toBe(2)
  expect(batchSize(1, 1, true)).toBe(1)
  expect(batchSize(30, 3, true)).toBe(4)
})
