/**
 * Resource bounds, measured around the built bin (`npm test` builds first) with
 * /usr/bin/time: the worst files just inside every limit (docs/limits.md). The bounds are
 * generous (30 s, 1 GB, for runs measured at ~2-6 s and ~100-700 MB) so they catch a
 * quadratic blow-up or a limit that stopped being checked, not a slow machine.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { MAX_FILE_BYTES } from '../../src/index.js'
import { MAX_DELIMITERS, MAX_NESTING } from '../../src/parse/limits.js'

const BIN = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))
const TIME = '/usr/bin/time'
const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')
const dir = mkdtempSync(join(tmpdir(), 'starkit-bounds-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Fill up to just under MAX_FILE_BYTES with `unit`, after `start`. */
function fill(start: string, unit: string): string {
  const n = Math.floor((MAX_FILE_BYTES - start.length - 1) / unit.length)
  return start + unit.repeat(n)
}

const files: [string, () => string | Buffer][] = [
  ['scenario items up to the size limit', () => fill(complete, '\n' + complete.slice(complete.indexOf('# ')).replace(/^#+ /gm, '### '))],
  ['paragraphs at the emphasis limit', () => fill('# Q\n\n', '*a'.repeat(MAX_DELIMITERS / 2 - 1) + '\n\n')],
  ['lists at the nesting limit', () => fill('# Q\n\n', Array.from({ length: MAX_NESTING - 1 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n') + '\n\n')],
  ['20 MB', () => Buffer.alloc(20 * 1024 * 1024, 'word ')],
]

describe.skipIf(!existsSync(TIME))('a worst-case file stays within seconds and hundreds of MB', () => {
  test.each(files)('lint: %s', (name, make) => {
    const file = join(dir, name.replace(/\W+/g, '-') + '.md')
    writeFileSync(file, make())
    let stderr = ''
    try {
      execFileSync(TIME, ['-f', '%e %M', process.execPath, BIN, 'lint', '--format', 'json', '--output', join(dir, 'report.json'), file], { stdio: ['ignore', 'ignore', 'pipe'] })
    } catch (error) {
      // Exit 1: findings. Anything else is a failure.
      expect((error as { status: number }).status).toBe(1)
      stderr = String((error as { stderr: Buffer }).stderr)
    }
    const [seconds, kb] = stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number]
    console.log(`lint ${name}: ${seconds} s, ${Math.round(kb / 1024)} MB`)
    expect(seconds).toBeLessThan(30)
    expect(kb / 1024).toBeLessThan(1024)
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).files).toHaveLength(1)
  }, 60_000)
})
