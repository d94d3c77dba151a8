/**
 * `readUnlessLarger` (src/cli/special-files.ts) with `reuse`: lint's threads read each file into
 * one buffer they keep, valid until the next such read. Each read gives exactly the file's
 * bytes, whatever was read before it, and a file over the limit is not read at all.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { readUnlessLarger } from '../../src/cli/special-files.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-read-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const file = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}
const pattern = (n: number, step: number): Uint8Array => new Uint8Array(n).map((_, i) => (i * step + 1) % 251)

describe('readUnlessLarger with reuse', () => {
  test('gives each file its own bytes, larger then smaller then larger than the buffer has grown to', () => {
    const sizes = [100_000, 10, 0, 70_000, 300_000, 5]
    const paths = sizes.map((n, k) => file(`f${k}.md`, pattern(n, k + 3)))
    for (const [k, path] of paths.entries()) {
      const { bytes, size } = readUnlessLarger(path, Infinity, true)
      expect(size, `file ${k}`).toBe(sizes[k])
      // Compared before the next read, which may write over them.
      expect(Buffer.compare(bytes, readFileSync(path)), `file ${k}`).toBe(0)
    }
  })

  test('reads into one buffer from one read to the next, and a read without reuse into its own', () => {
    const a = file('a.md', pattern(1_000, 7))
    const b = file('b.md', pattern(2_000, 11))
    const first = readUnlessLarger(a, Infinity, true).bytes
    const second = readUnlessLarger(b, Infinity, true).bytes
    expect(second.buffer).toBe(first.buffer)
    const own = readUnlessLarger(a, Infinity).bytes
    expect(own.buffer).not.toBe(second.buffer)
    expect(Buffer.compare(own, readFileSync(a))).toBe(0)
  })

  test('gives the size and no bytes for a file over the limit', () => {
    const path = file('big.md', pattern(5_000, 13))
    const { bytes, size } = readUnlessLarger(path, 4_999, true)
    expect(size).toBe(5_000)
    expect(bytes.byteLength).toBe(0)
  })

  test.runIf(process.platform === 'linux')('reads to its end a file that says it is empty (one of /proc)', () => {
    const { bytes, size } = readUnlessLarger('/proc/self/status', Infinity, true)
    expect(size).toBe(0)
    expect(Buffer.from(bytes).toString('utf8')).toMatch(/^Name:/)
  })
})
