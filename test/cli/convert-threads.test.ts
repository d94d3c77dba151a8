/**
 * `starkit convert` with `--concurrency auto` starts worker threads from
 * `CONVERT_AUTO_THRESHOLD` pages on, and none below (`threadsFor` with convert's threshold, not
 * lint's). Seen through `beforeThreads`, which the pool calls when it starts threads: the
 * compiled CLI, as only it finds its worker script. On a machine of one core, `auto` starts
 * none at either count.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Io } from '../../src/cli/io.js'

const lib = (path: string) => new URL(`../../lib/${path}`, import.meta.url).href
const { main } = (await import(lib('cli/main.js'))) as typeof import('../../src/cli/main.js')
const { beforeThreads, CONVERT_AUTO_THRESHOLD } = (await import(lib('cli/pool.js'))) as typeof import('../../src/cli/pool.js')

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-convert-threads-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Convert `count` short pages (not walkthroughs: nothing is written, which is not what this checks); the kinds `beforeThreads` was told. */
async function threadsAt(count: number): Promise<string[]> {
  const pages = join(dir, `pages-${count}`)
  mkdirSync(pages)
  for (let i = 0; i < count; i++) writeFileSync(join(pages, `p${String(i).padStart(4, '0')}.txt`), `A page ${i}\nof two lines\n`)
  const kinds: string[] = []
  beforeThreads((kind) => kinds.push(kind))
  const io: Io = { cwd: dir, stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, stdinIsTTY: false, env: {} }
  const code = await main(['convert', pages, '--out-dir', join(dir, `out-${count}`)], io)
  // Pages that are not walkthroughs are findings, not a failed run.
  expect(code).toBe(1)
  return kinds
}

test('auto starts threads for convert from CONVERT_AUTO_THRESHOLD pages on, not below', async () => {
  expect(CONVERT_AUTO_THRESHOLD).toBe(300)
  expect(await threadsAt(CONVERT_AUTO_THRESHOLD - 1)).toEqual([])
  expect(await threadsAt(CONVERT_AUTO_THRESHOLD)).toEqual(availableParallelism() < 2 ? [] : ['convert'])
}, 60_000)
