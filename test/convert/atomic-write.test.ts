/** convert's atomic write (src/cli/atomic-write.ts): whole or absent, mode kept, nothing left behind on failure. */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { writeAtomic } from '../../src/cli/atomic-write.js'

let dir: string
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'starkit-atomic-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('writeAtomic', () => {
  test('writes a new file, and only that file', async () => {
    await writeAtomic(join(dir, 'a.md'), 'é\n'.repeat(50_000))
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('é\n'.repeat(50_000))
    expect(readdirSync(dir)).toEqual(['a.md'])
  })

  test('replaces an existing file and keeps its mode', async () => {
    const target = join(dir, 'a.md')
    writeFileSync(target, 'old\n')
    chmodSync(target, 0o600)
    const before = statSync(target)
    await writeAtomic(target, 'new\n', { mode: before.mode, uid: before.uid, gid: before.gid })
    expect(readFileSync(target, 'utf8')).toBe('new\n')
    expect(statSync(target).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['a.md'])
  })

  test('a failed write leaves what was there, and no temporary file', async () => {
    mkdirSync(join(dir, 'a.md'))
    await expect(writeAtomic(join(dir, 'a.md'), 'x\n')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) })
    expect(statSync(join(dir, 'a.md')).isDirectory()).toBe(true)
    expect(readdirSync(dir)).toEqual(['a.md'])
    await expect(writeAtomic(join(dir, 'missing', 'b.md'), 'x\n')).rejects.toMatchObject({ code: 'ENOENT' })
    expect(readdirSync(dir)).toEqual(['a.md'])
  })
})
