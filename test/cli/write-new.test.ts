/**
 * `writeNew` without clobbering: the file takes its name with a hard link, so a file that
 * appeared at the path after the caller looked (another run, an editor) is never replaced;
 * convert reports it as `convert/exists`. The temporary file is gone either way.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { writeNew } from '../../src/cli/site-write.js'

let dir: string
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'starkit-write-new-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

test('a new file is written whole, flushed, and no temporary file is left', () => {
  writeNew(join(dir, 'a.md'), bytes('page\n'), { fsync: true, clobber: false })
  expect(readdirSync(dir)).toEqual(['a.md'])
  expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('page\n')
})

test('without clobbering, a file already there is kept and the write fails with EEXIST', () => {
  writeFileSync(join(dir, 'a.md'), 'mine\n')
  expect(() => writeNew(join(dir, 'a.md'), bytes('page\n'), { fsync: true, clobber: false })).toThrow(expect.objectContaining({ code: 'EEXIST' }))
  expect(readdirSync(dir)).toEqual(['a.md'])
  expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('mine\n')
})

test('clobbering (build, whose plan decided the path), a file there is replaced', () => {
  writeFileSync(join(dir, 'a.html'), 'old\n')
  writeNew(join(dir, 'a.html'), bytes('new\n'))
  expect(readdirSync(dir)).toEqual(['a.html'])
  expect(readFileSync(join(dir, 'a.html'), 'utf8')).toBe('new\n')
})
