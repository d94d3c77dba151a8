/**
 * `beforeThreads` (src/cli/pool.ts): the bin's hook for V8 flags that only pay when worker
 * threads keep every core busy runs once, before the first pool that starts threads, and
 * never in a run without them. The compiled pool: only it finds its worker script.
 */
import { expect, test } from 'vitest'

test('the hook runs once, when the first pool with threads starts, and not for a pool without', async () => {
  const { Pool, beforeThreads } = (await import(new URL('../../lib/cli/pool.js', import.meta.url).href)) as typeof import('../../src/cli/pool.js')
  const calls: string[] = []
  beforeThreads((kind) => calls.push(kind))
  const alone = Pool.for(0, 100)
  expect(alone.threads).toBe(0)
  expect(calls).toEqual([])
  await alone.close()
  // A pool with no config converts pages.
  const pool = Pool.for(1, 100)
  expect(pool.threads).toBe(1)
  expect(calls).toEqual(['convert'])
  const again = Pool.for(1, 100)
  expect(calls).toEqual(['convert'])
  await Promise.all([pool.close(), again.close()])
})

test('the hook is told the work of the threads: lint, or build (a pool that prepares scenarios)', async () => {
  const { Pool, beforeThreads } = (await import(new URL('../../lib/cli/pool.js', import.meta.url).href)) as typeof import('../../src/cli/pool.js')
  const { resolveConfig } = (await import(new URL('../../lib/rules/config.js', import.meta.url).href)) as typeof import('../../src/rules/config.js')
  const { config } = resolveConfig({})
  const kinds: string[] = []
  for (const prepare of [false, true]) {
    beforeThreads((kind) => kinds.push(kind))
    const pool = Pool.for(1, 100, config, { fix: false, keepScenario: false, prepare })
    await pool.close()
  }
  expect(kinds).toEqual(['lint', 'build'])
})
