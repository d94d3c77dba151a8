/**
 * `lintJobs` (src/cli/pool.ts) on worker threads: each record goes to `take` as it comes, in
 * the jobs' order, while the threads lint the rest (lint and build read each record then, not
 * all at the end), and the threads are stopped once every record is in; `Pool#close` mid-run
 * returns only once they have stopped. The compiled pool: only it finds its worker script.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterEach, expect, test, vi } from 'vitest'

const scenarios = new URL('../../scenarios/', import.meta.url).pathname
const files = readdirSync(scenarios)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => join(scenarios, name))

afterEach(() => {
  vi.restoreAllMocks()
})

/** The compiled pool, the recommended config, and enough jobs for two threads (a thread gets batches of 16). */
async function setup() {
  const pool = (await import(new URL('../../lib/cli/pool.js', import.meta.url).href)) as typeof import('../../src/cli/pool.js')
  const { resolveConfig } = (await import(new URL('../../lib/rules/config.js', import.meta.url).href)) as typeof import('../../src/rules/config.js')
  const jobs = Array.from({ length: 40 }, (_, k) => ({ file: files[k % files.length]!, path: `copy-${k}.md` }))
  return { ...pool, config: resolveConfig().config, jobs, options: { fix: false, keepScenario: false, packed: true } }
}

test('each record goes to take in order as it comes, and every thread is stopped', async () => {
  const { lintJobs, config, jobs, options } = await setup()
  const terminate = vi.spyOn(Worker.prototype, 'terminate')
  const taken: [number, { path: string }][] = []
  await lintJobs(jobs, config, options, 2, (record, k) => {
    // Given before the run is over: no thread was stopped yet.
    expect(terminate).not.toHaveBeenCalled()
    taken.push([k, record])
  })
  expect(taken.map(([k]) => k)).toEqual(jobs.map((_, k) => k))
  expect(taken.map(([, record]) => record.path)).toEqual(jobs.map((j) => j.path))
  expect(taken.every(([, record]) => 'packed' in record)).toBe(true)
  expect(terminate).toHaveBeenCalledTimes(2)
  // And they do stop.
  expect(await Promise.all(terminate.mock.results.map((r) => r.value as Promise<number>))).toEqual([1, 1])
})

test('a pool closed while a thread holds a batch returns once every thread has stopped', async () => {
  const { Pool, config, jobs, options } = await setup()
  const terminate = vi.spyOn(Worker.prototype, 'terminate')
  const pool = Pool.for(2, jobs.length, config, options)
  // Batches are sent as the run starts; none has come back when the pool is closed.
  void pool.lint(jobs, () => undefined)
  await pool.close()
  expect(terminate).toHaveBeenCalledTimes(2)
  // A stopped thread has no id any more.
  expect(terminate.mock.contexts.map((w) => (w as Worker).threadId)).toEqual([-1, -1])
})
