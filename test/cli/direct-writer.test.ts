/**
 * Standard output that is a file or a device other than a terminal is written directly with
 * `writeSync` (io.ts `directWriter`): every byte, in order, however long a text; a pipe keeps
 * its stream.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { directWriter } from '../../src/cli/io.js'

test('a file gets every byte of every text, in order: short, longer than the buffer, not ASCII', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'starkit-direct-')), 'out.txt')
  const fd = openSync(path, 'w')
  try {
    const write = directWriter(fd)
    expect(write).toBeDefined()
    const texts = ['{\n', 'é☃𝄞 '.repeat(100_000), 'x'.repeat(3 << 20), '', 'end\n']
    for (const text of texts) write!(text)
    expect(readFileSync(path, 'utf8')).toBe(texts.join(''))
  } finally {
    closeSync(fd)
  }
})

test('/dev/null is written directly; a pipe is not', () => {
  const fd = openSync('/dev/null', 'w')
  try {
    expect(directWriter(fd)).toBeDefined()
  } finally {
    closeSync(fd)
  }
  // fd 99 is nothing.
  expect(directWriter(99)).toBeUndefined()
  // A process whose standard output is a pipe (the compiled module: npm test builds first).
  const io = fileURLToPath(new URL('../../lib/cli/io.js', import.meta.url))
  const probe = `import { directWriter } from ${JSON.stringify(io)}; process.stderr.write(String(directWriter(1) === undefined))`
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  expect(r.stderr).toBe('true')
})
