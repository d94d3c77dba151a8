/**
 * Paths that are not regular files (src/cli/special-files.ts): a FIFO, `/dev/zero`, a device
 * node. Reading one is an error on that file, never a wait; writing a user's `--output` to one
 * writes through it and leaves it in place; a rename never puts a file where one of them was.
 *
 * The commands run as child processes of the built bin (`npm test` builds first) with a
 * timeout: a read that waits on a FIFO blocks its whole thread, so in-process it would hang the
 * test run instead of failing the test.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { seedText } from '../convert/helpers.js'
import type { Message } from '../support/io.js'

const BIN = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))
const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')
const GOOD = 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md'
const isRoot = process.getuid?.() === 0

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-special-'))
  writeFileSync(join(dir, GOOD), complete)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const mkfifo = (name: string): string => {
  const path = join(dir, name)
  execFileSync('mkfifo', [path])
  return path
}

/**
 * Run the built CLI in `dir`; a wait on a FIFO is a killed child (status null), so a failed
 * test, not a hung run. SIGKILL: a thread blocked in a read never runs the SIGTERM handler that
 * signal-exit installs (for the commands' writes), so SIGTERM would not end it.
 */
function starkit(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } })
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }
}

/** `lint --format json`: each file's errors as `ruleId line:column message`. */
function lintRows(args: string[]) {
  const r = starkit(['lint', '--format', 'json', ...args])
  const files = r.stdout ? (JSON.parse(r.stdout) as { files: { path: string; messages: Message[] }[] }).files : []
  const rows = files.map((f) => [f.path, f.messages.filter((m) => m.severity === 'error').map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`)])
  return { ...r, rows }
}

describe('reading: a FIFO or a device is an error on that file, and the run goes on', () => {
  test('lint: a FIFO named, or reached by a link in a walked folder or a glob; a FIFO itself is not walked', () => {
    mkfifo('named.md')
    mkdirSync(join(dir, 'content'))
    mkfifo('content/pipe.md')
    symlinkSync('../named.md', join(dir, 'content', 'link.md'))
    const r = lintRows(['named.md', 'content', 'content/*.md', GOOD])
    expect(r.signal).toBeNull()
    // A folder's walk and a glob take files and links to them: `content/pipe.md` is neither.
    expect(r.rows).toEqual([
      ['content/link.md', ['parse/read 1:1 Unexpected FIFO, expected a regular file']],
      ['named.md', ['parse/read 1:1 Unexpected FIFO, expected a regular file']],
      [GOOD, []],
    ])
    expect(r.code).toBe(1)
  })

  test('lint: a character device (`/dev/zero` never ends) is not read', () => {
    const r = lintRows(['/dev/zero', GOOD])
    expect(r.signal).toBeNull()
    expect(r.rows).toEqual([
      ['/dev/zero', ['parse/read 1:1 Unexpected character device, expected a regular file']],
      [GOOD, []],
    ])
    expect(r.code).toBe(1)
  })

  test('lint --cache: the digest does not wait on the FIFO either, and a second run says the same', () => {
    mkfifo('pipe.md')
    for (let run = 0; run < 2; run++) {
      const r = lintRows(['--cache', '--cache-location', 'cache.ndjson', 'pipe.md', GOOD])
      expect(r.signal).toBeNull()
      expect(r.rows).toEqual([
        ['pipe.md', ['parse/read 1:1 Unexpected FIFO, expected a regular file']],
        [GOOD, []],
      ])
      expect(r.code).toBe(1)
    }
  })

  test('convert: a FIFO page named is `convert/unreadable`, the other page is converted', () => {
    // (A walked folder's pages are its regular `.txt` files: there a FIFO is not a page.)
    mkdirSync(join(dir, 'pages'))
    writeFileSync(join(dir, 'pages', 'a.txt'), seedText('000'))
    mkfifo('pages/b.txt')
    const r = starkit(['convert', 'pages/a.txt', 'pages/b.txt', '--out-dir', 'out'])
    expect(r.signal).toBeNull()
    expect(r.stderr).toContain('pages/b.txt\n  1:1  error  Unexpected FIFO, expected a regular file  convert/unreadable\n')
    expect(r.stderr).toContain('2 pages: 1 converted completely, 1 not')
    expect(readdirSync(join(dir, 'out'))).toEqual(['tell-me-about-a-time-a-customer-was-unhappy-and-what-you-did-about-it.md'])
    expect(r.code).toBe(1)
  })

  test('fmt: one stderr line for the FIFO, and the good file is still looked at', () => {
    mkfifo('pipe.md')
    const r = starkit(['fmt', '--check', 'pipe.md', GOOD])
    expect(r.signal).toBeNull()
    expect(r.stderr.split('\n')[0]).toBe('pipe.md:1:1: Unexpected FIFO, expected a regular file')
    expect(r.code).toBe(1)
  })

  test('a FIFO as the config or the cache stops the run with one stderr line and exit 2', () => {
    mkfifo('config.json')
    const config = starkit(['lint', '--config', 'config.json', GOOD])
    expect(config.signal).toBeNull()
    expect(config.stderr).toBe('starkit: Cannot read config `config.json`: Unexpected FIFO, expected a regular file\n')
    expect(config.code).toBe(2)
    mkfifo('cache')
    const cache = starkit(['lint', '--cache', '--cache-location', 'cache', GOOD])
    expect(cache.stderr).toBe('starkit: Unexpected FIFO at `cache`, expected a cache file (or none)\n')
    expect(cache.code).toBe(2)
    expect(statSync(join(dir, 'cache')).isFIFO()).toBe(true)
  })
})

describe('writing: a special file the user named is written through, never replaced', () => {
  test('lint --output to a FIFO with a reader: the reader gets the report, the FIFO stays', () => {
    const fifo = mkfifo('out.fifo')
    // Our end is open first, so the child's open for writing does not wait; a report this
    // small fits the pipe's buffer.
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK)
    try {
      const r = starkit(['lint', '--format', 'json', '--output', 'out.fifo', GOOD])
      expect(r.code).toBe(0)
      expect(r.stdout).toBe('')
      const buffer = Buffer.alloc(1 << 16)
      const n = readSync(fd, buffer)
      const report = JSON.parse(buffer.subarray(0, n).toString('utf8')) as { files: { path: string }[] }
      expect(report.files.map((f) => f.path)).toEqual([GOOD])
    } finally {
      closeSync(fd)
    }
    expect(statSync(fifo).isFIFO()).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(['out.fifo', GOOD].sort())
  })

  // Making a device node takes root; a copy of /dev/null's (1, 3) is safe to write to.
  test.runIf(isRoot)('lint --output and convert --report to a device node: written through, the node stays', () => {
    const node = join(dir, 'null')
    execFileSync('mknod', [node, 'c', '1', '3'])
    expect(starkit(['lint', '--output', 'null', GOOD]).code).toBe(0)
    expect(statSync(node).isCharacterDevice()).toBe(true)
    writeFileSync(join(dir, 'page.txt'), seedText('000'))
    const r = starkit(['convert', 'page.txt', '--out-dir', 'out', '--report', 'null', '--force'])
    expect(r.code).toBe(0)
    expect(statSync(node).isCharacterDevice()).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(['null', 'out', 'page.txt', GOOD].sort())
  })

  test('convert --force, new --force and build refuse a FIFO where their file goes', () => {
    writeFileSync(join(dir, 'page.txt'), seedText('000'))
    mkdirSync(join(dir, 'out'))
    const id = 'tell-me-about-a-time-a-customer-was-unhappy-and-what-you-did-about-it'
    mkfifo(`out/${id}.md`)
    const converted = starkit(['convert', 'page.txt', '--out-dir', 'out', '--force'])
    expect(converted.stderr).toContain(`page.txt\n  1:1  error  Unexpected FIFO \`out/${id}.md\`, expected a regular file or none  convert/exists\n`)
    expect(converted.code).toBe(1)
    expect(statSync(join(dir, 'out', `${id}.md`)).isFIFO()).toBe(true)

    mkdirSync(join(dir, 'scenarios'))
    mkfifo('scenarios/tell-me-about-a-time-you-shipped.md')
    const made = starkit(['new', 'Tell me about a time you shipped', '--company', 'Amazon', '--principle', 'Ownership', '--dir', 'scenarios', '--id', 'tell-me-about-a-time-you-shipped', '--force'])
    expect(made.stderr).toBe('starkit: Unexpected FIFO `scenarios/tell-me-about-a-time-you-shipped.md`, expected a regular file or none\n')
    expect(made.code).toBe(2)

    mkdirSync(join(dir, 'site'))
    mkfifo('site/index.html')
    const built = starkit(['build', GOOD, '--out', 'site'])
    expect(built.stderr).toBe('starkit: Unexpected special file `site/index.html` (not a regular file) in the output folder, expected a file\n')
    expect(built.code).toBe(2)
    expect(readdirSync(join(dir, 'site'))).toEqual(['index.html'])
    expect(statSync(join(dir, 'site', 'index.html')).isFIFO()).toBe(true)
  })
})
