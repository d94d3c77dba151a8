/**
 * An interrupted build (Ctrl-C, SIGTERM) leaves no temporary file: worker threads run no exit
 * handler, so the main thread's closes the write gate the threads share (site-write.ts), waits
 * for the writes under way, and removes any temporary file of this process still there.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { closeWriteGate, newWriteGate, removeTemporaries, useWriteGate, writeUnlessSame } from '../../src/cli/site-write.js'

const BIN = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))
const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')

let dir: string
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'starkit-interrupt-'))))
afterEach(() => {
  useWriteGate(undefined)
  rmSync(dir, { recursive: true, force: true })
})

describe('the write gate', () => {
  test('closed, no write starts: EINTR, and neither the file nor a temporary one is made', () => {
    const gate = newWriteGate()
    useWriteGate(gate)
    const target = { path: join(dir, 'a.html'), found: { kind: 'missing' as const } }
    expect(writeUnlessSame(target, new Uint8Array([1]))).toBe(true)
    closeWriteGate(gate)
    const next = { path: join(dir, 'b.html'), found: { kind: 'missing' as const } }
    expect(() => writeUnlessSame(next, new Uint8Array([2]))).toThrow(expect.objectContaining({ code: 'EINTR' }))
    expect(readdirSync(dir)).toEqual(['a.html'])
    // Every write, the refused one too, is counted out again.
    expect(Atomics.load(gate, 1)).toBe(0)
  })

  test('closing waits for a write under way in another thread, and no longer than it is told', async () => {
    const gate = newWriteGate()
    // A write under way elsewhere: counted in; the other thread counts it out after 300 ms.
    Atomics.add(gate, 1, 1)
    const other = new Worker(
      `const { workerData: gate } = require('node:worker_threads'); setTimeout(() => { Atomics.sub(gate, 1, 1); Atomics.notify(gate, 1) }, 300)`,
      { eval: true, workerData: gate },
    )
    await new Promise((resolve) => other.once('online', resolve))
    const started = Date.now()
    closeWriteGate(gate, 5000)
    expect(Atomics.load(gate, 1)).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    await new Promise((resolve) => other.once('exit', resolve))
    // One that never finishes: closing gives up after its time.
    const stuck = newWriteGate()
    Atomics.add(stuck, 1, 1)
    const before = Date.now()
    closeWriteGate(stuck, 200)
    expect(Date.now() - before).toBeGreaterThanOrEqual(190)
    expect(Date.now() - before).toBeLessThan(2000)
    expect(Atomics.load(stuck, 0)).toBe(1)
  })

  test('removeTemporaries takes only this process\'s temporary files', () => {
    const names = [`a.html.starkit-${process.pid}-1-3`, `a.json.starkit-${process.pid + 1}-1-3`, 'a.html', 'notes.md']
    for (const n of names) writeFileSync(join(dir, n), 'x')
    removeTemporaries([dir, join(dir, 'missing')])
    expect(readdirSync(dir).sort()).toEqual(names.slice(1).sort())
  })
})

describe('a build interrupted while its workers write', () => {
  const SCENARIOS = 1000
  test('SIGINT mid-write leaves no temporary file, twice over', async () => {
    mkdirSync(join(dir, 'c'))
    // Enough scenarios that the signal lands mid-write even when this process reads the
    // child's output late, with the whole suite running beside it: their 2,000 files take the
    // threads ~1 s to write (250 scenarios, ~0.2 s, was a race with the end of the run).
    for (let i = 0; i < SCENARIOS; i++) {
      const id = `scenario-${String(i).padStart(3, '0')}`
      writeFileSync(join(dir, 'c', `${id}.md`), complete.replace(/^id: .*$/m, `id: ${id}`))
    }
    for (let round = 0; round < 2; round++) {
      rmSync(join(dir, 'out'), { recursive: true, force: true })
      const child = spawn(process.execPath, [BIN, 'build', 'c', '-o', 'out', '--concurrency', '2'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
      let pages = 0
      child.stdout.on('data', (chunk: Buffer) => {
        pages += (String(chunk).match(/^wrote out\/scenarios\//gm) ?? []).length
        // Well into the page writes, both workers busy.
        if (pages >= 40 && child.exitCode === null && !child.killed) child.kill('SIGINT')
      })
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])))
      expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' })
      const written = readdirSync(join(dir, 'out', 'scenarios'))
      expect(written.length).toBeGreaterThanOrEqual(40)
      expect(written.length).toBeLessThan(2 * SCENARIOS)
      expect(written.filter((n) => n.includes('.starkit-'))).toEqual([])
      expect(existsSync(join(dir, 'out', 'scenarios.json'))).toBe(true)
    }
  }, 120_000)
})
