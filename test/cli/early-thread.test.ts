/**
 * Convert's early worker thread (src/cli/early-thread.ts): which command lines the bin starts
 * it for, and that the pool of a convert takes it as its first worker while any other run stops
 * it. The pool part runs the compiled CLI, as only it finds its worker script.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONVERT_AUTO_THRESHOLD, countPages, wantsEarlyThread } from '../../src/cli/early-thread.js'
import type { Io } from '../../src/cli/io.js'

const lib = (path: string) => new URL(`../../lib/${path}`, import.meta.url)
const { main } = (await import(lib('cli/main.js').href)) as typeof import('../../src/cli/main.js')
const { useEarlyThread } = (await import(lib('cli/pool.js').href)) as typeof import('../../src/cli/pool.js')
const early = (await import(lib('cli/early-thread.js').href)) as typeof import('../../src/cli/early-thread.js')

let dir: string
/** A folder of `count` pages (not walkthroughs: what is written does not matter here). */
const pagesOf = (count: number): string => {
  const pages = join(dir, `pages-${count}`)
  mkdirSync(pages, { recursive: true })
  for (let i = 0; i < count; i++) writeFileSync(join(pages, `p${String(i).padStart(4, '0')}.txt`), `A page ${i}\nof two lines\n`)
  return pages
}
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-early-thread-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('wantsEarlyThread', () => {
  const many = (): number => CONVERT_AUTO_THRESHOLD
  const few = (): number => CONVERT_AUTO_THRESHOLD - 1

  it('starts a thread for a convert of enough pages on two cores or more, and for a number of threads of two or more', () => {
    expect(wantsEarlyThread(['convert', 'pages'], dir, 2, many)).toBe(true)
    expect(wantsEarlyThread(['convert', 'pages', '--out-dir', 'out', '--force'], dir, 4, many)).toBe(true)
    expect(wantsEarlyThread(['convert', 'pages'], dir, 2, few)).toBe(false)
    expect(wantsEarlyThread(['convert', 'pages'], dir, 1, many)).toBe(false)
    expect(wantsEarlyThread(['convert', 'one.txt', '--concurrency', '2'], dir, 2, few)).toBe(true)
    expect(wantsEarlyThread(['convert', 'pages', '--concurrency=3'], dir, 1, few)).toBe(true)
  })

  it('starts none for another command, help, threads off or one, or a bad value', () => {
    expect(wantsEarlyThread(['lint', 'convert'], dir, 2, many)).toBe(false)
    expect(wantsEarlyThread(['build', '-o', 'convert'], dir, 2, many)).toBe(false)
    expect(wantsEarlyThread(['convert', '--help'], dir, 2, many)).toBe(false)
    expect(wantsEarlyThread(['convert', 'pages', '--concurrency', 'off'], dir, 2, many)).toBe(false)
    expect(wantsEarlyThread(['convert', 'pages', '--concurrency', '1'], dir, 2, many)).toBe(false)
    expect(wantsEarlyThread(['convert', 'pages', '--concurrency', 'lots'], dir, 2, many)).toBe(false)
  })

  it('counts the paths after the command, not the values of options', () => {
    const seen: string[][] = []
    wantsEarlyThread(['convert', '-o', 'out', 'a', '--report', 'r.json', 'b', '--', '-c'], dir, 2, (paths) => (seen.push([...paths]), 0))
    expect(seen).toEqual([['a', 'b', '-c']])
  })
})

describe('countPages', () => {
  it("counts a folder's .txt files (not hidden ones, not its sub-folders'), a file as one, what is not there as none, up to a bound", () => {
    const pages = pagesOf(5)
    mkdirSync(join(pages, 'sub'))
    writeFileSync(join(pages, 'sub', 'deeper.txt'), 'x')
    writeFileSync(join(pages, '.hidden.txt'), 'x')
    writeFileSync(join(pages, 'notes.md'), 'x')
    expect(countPages([pages], dir, 1000)).toBe(5)
    expect(countPages([pages, join(pages, 'notes.md'), 'missing'], dir, 1000)).toBe(6)
    expect(countPages([pages, pages, pages], dir, 7)).toBe(10)
  })
})

describe.skipIf(availableParallelism() < 2)('the pool and the early thread', () => {
  const io: Io = { cwd: '/', stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, stdinIsTTY: false, env: {} }

  /** Run a convert of `count` pages with an early thread handed to the pool; how many batches the thread answered, once it has stopped (its exit code). */
  async function withEarlyThread(count: number): Promise<{ answered: number; code: number }> {
    const thread = early.startEarlyThread(lib('cli/worker.js'))
    let answered = 0
    thread.worker.on('message', () => answered++)
    const exited = new Promise<number>((resolve) => thread.worker.once('exit', resolve))
    useEarlyThread(thread)
    expect(await main(['convert', pagesOf(count), '--out-dir', join(dir, `out-${count}`)], { ...io, cwd: dir })).toBe(1)
    return { answered, code: await exited }
  }

  it('a convert with threads takes it as its worker, and stops it at the end', async () => {
    const { answered, code } = await withEarlyThread(CONVERT_AUTO_THRESHOLD)
    expect(answered).toBeGreaterThan(0)
    // Terminated (exit code 1), not ended on its own.
    expect(code).toBe(1)
  }, 60_000)

  it('a convert without threads stops it unused', async () => {
    const { answered, code } = await withEarlyThread(3)
    expect(answered).toBe(0)
    // Stopped before or after it was up (exit code 0 or 1): the run did not wait for it to end by itself.
    expect([0, 1]).toContain(code)
  }, 60_000)
})
