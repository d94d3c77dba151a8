/**
 * Stamps (cache-line.ts): a file whose size, times and inode are what the cache recorded when
 * it was hashed is not read again; any change to it, even one that keeps its size and sets its
 * modification time back, is read and linted again.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { matches, SETTLED_MS, stampOf, type Stamp } from '../../src/cli/cache-line.js'
import { digestFile } from '../../src/cli/digest.js'
import { run } from '../support/io.js'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')
/** The compiled module: only it finds its worker script (npm test builds first). */
const COMPILED = new URL('../../lib/cli/digest.js', import.meta.url)
const HOUR = 3_600_000
/** A modification time in whole seconds. */
const PAST = 1_700_000_000
/** A tick past the file system's time resolution, so a rewrite has a later change time. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 30))

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-stamps-'))
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('stamps', () => {
  test('a file changed within SETTLED_MS has no stamp; an older one has its size, times and inode', () => {
    const file = join(dir, 'a.md')
    writeFileSync(file, 'one')
    const stat = statSync(file)
    expect(stampOf(stat)).toBe(0)
    expect(stampOf(stat, Math.max(stat.mtimeMs, stat.ctimeMs) + SETTLED_MS - 1)).toBe(0)
    expect(stampOf(stat, Math.max(stat.mtimeMs, stat.ctimeMs) + SETTLED_MS)).toEqual([3, stat.mtimeMs, stat.ctimeMs, stat.ino])
  })

  test('a rewrite of the same size with the modification time set back no longer matches (its change time moved)', async () => {
    const file = join(dir, 'a.md')
    writeFileSync(file, 'one')
    // Whole seconds: a time `utimes` sets back exactly (a Date or a fraction of a second may not be).
    utimesSync(file, PAST, PAST)
    const before = statSync(file)
    const stamp = stampOf(before, Date.now() + HOUR) as Stamp
    expect(matches(stamp, statSync(file))).toBe(true)
    await tick()
    writeFileSync(file, 'two')
    utimesSync(file, PAST, PAST)
    const after = statSync(file)
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs])
    expect(matches(stamp, after)).toBe(false)
    expect(matches(0, after)).toBe(false)
  })

  test('a matching stamp gives the known digest without reading the file; any other reads and hashes it', async () => {
    const file = join(dir, 'a.md')
    writeFileSync(file, 'one')
    const stamp = stampOf(statSync(file), Date.now() + HOUR) as Stamp
    // A digest no file has: only a digest taken from the stamp can be it.
    const known = { hash: 'f'.repeat(64), stamp }
    expect(digestFile(file, known)).toEqual({ digest: known.hash, stamp })
    expect(digestFile(file, { hash: known.hash, stamp: 0 })).toEqual({ digest: sha256('one'), stamp: 0 })
    await tick()
    writeFileSync(file, 'two')
    expect(digestFile(file, known)).toEqual({ digest: sha256('two'), stamp: 0 })
  })

  test('on the worker thread: a file that looks as its stamp says has the known digest, unread; any other is read and hashed', async () => {
    const compiled = (await import(fileURLToPath(COMPILED))) as typeof import('../../src/cli/digest.js')
    // Past SHARED_HASHING: the files to hash are shared between the threads.
    const files = Array.from({ length: compiled.SHARED_HASHING * 3 }, (_, i) => join(dir, `${i}.md`))
    for (const f of files) writeFileSync(f, f)
    const stamps = files.map((f) => stampOf(statSync(f), Date.now() + HOUR) as Stamp)
    // Every third file known by its stamp, under a digest no file has: only a digest taken from the stamp can be it.
    const known = new Map(files.filter((_, i) => i % 3 === 0).map((f) => [f, { hash: 'f'.repeat(64), stamp: stamps[files.indexOf(f)]! }]))
    const expected = files.map((f, i) => (i % 3 === 0 ? { digest: 'f'.repeat(64), stamp: stamps[i] } : { digest: sha256(f), stamp: 0 }))
    for (const late of [false, true]) {
      const digesting = compiled.digestFiles(files, true)
      // This thread helps at once (it may look at every file before the worker starts), or once the worker is done looking.
      if (late) await new Promise((resolve) => setTimeout(resolve, 300))
      digesting.help((file) => known.get(file))
      expect(await digesting.done).toEqual(expected)
    }
  })
})

describe('lint --cache with stamps', () => {
  const lint = async () => {
    const r = await run(['lint', 'c', '-f', 'json', '--cache', '--concurrency', 'off'], { cwd: dir })
    const report = JSON.parse(r.stdout) as { files: { path: string; messages: { ruleId: string; line: number }[] }[] }
    return report.files.flatMap((f) => f.messages.map((m) => `${f.path} ${m.ruleId} ${m.line}`))
  }
  const cacheFile = () => join(dir, '.starkit-cache/lint.ndjson')
  /** The cache's lines, with each one's name, hash and stamp. */
  const lines = () =>
    readFileSync(cacheFile(), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [name, hash, stamp] = JSON.parse(line.slice(0, line.indexOf('\t'))) as [string, string, Stamp | 0]
        return { line, name, hash, stamp }
      })

  beforeEach(() => {
    writeFileSync(join(dir, 'starkit.config.json'), JSON.stringify({ rules: { 'level-time-budget': 'off' } }))
    mkdirSync(join(dir, 'c'))
    writeFileSync(join(dir, 'c', 'one.md'), complete.replace(/^id: .*$/m, 'id: one'))
    writeFileSync(join(dir, 'c', 'two.md'), complete.replace(/^id: .*$/m, 'id: two').replace('I traced the failures', 'We traced the failures'))
  })

  test('files changed just now get no stamp, and are read on every run', async () => {
    const cold = await lint()
    expect(lines().map((l) => l.stamp)).toEqual([0, 0])
    expect(await lint()).toEqual(cold)
    expect(lines().map((l) => l.stamp)).toEqual([0, 0])
  })

  test('a settled file is known by its stamp (a wrong hash in its line goes unseen); a change of any kind is read', async () => {
    // Every file older than SETTLED_MS, as far as this run can tell.
    const now = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(now + HOUR)
    for (const f of ['one', 'two']) utimesSync(join(dir, 'c', `${f}.md`), PAST, PAST)
    const cold = await lint()
    const [one] = lines()
    expect(one!.stamp).not.toBe(0)
    // A cached record for `c/one.md` with a finding it does not have, under a hash no file has.
    const [headText, spans, messagesText] = one!.line.split('\t')
    const head = JSON.parse(headText!) as [string, string, Stamp, number[], ...unknown[]]
    const messages = JSON.stringify([['action-first-person', 1, 'Unexpected `We`', 5, 1, 5, 3, 1], ...(JSON.parse(messagesText!) as unknown[])])
    const [errors, warnings, fixable] = head[3]
    const marked = `${JSON.stringify([head[0], 'f'.repeat(64), head[2], [errors, warnings! + 1, fixable, messages.length], ...head.slice(4)])}\t${spans}\t${messages}`
    writeFileSync(cacheFile(), readFileSync(cacheFile(), 'utf8').replace(one!.line, marked))
    // Known by its stamp: not read, so the marked record is what it shows.
    expect(await lint()).toEqual(['c/one.md action-first-person 5', ...cold])
    // The same bytes written again, its modification time set back: its change time moved, so it is read, and its own record is back.
    const path = join(dir, 'c/one.md')
    const before = statSync(path)
    await tick()
    writeFileSync(path, readFileSync(path))
    utimesSync(path, PAST, PAST)
    expect(await lint()).toEqual(cold)
    // Its new line, appended: a later line wins.
    const again = lines().filter((l) => l.name === one!.name).at(-1)!
    expect(again.hash).toBe(sha256(readFileSync(path, 'utf8')))
    expect(again.stamp).toEqual([before.size, before.mtimeMs, statSync(path).ctimeMs, before.ino])
  })

  test('the same bytes with a new stamp (a touch, a fresh checkout) keep their line: the cache is not written again for them', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + HOUR)
    const cold = await lint()
    const before = statSync(cacheFile())
    const written = readFileSync(cacheFile(), 'utf8')
    expect(lines().every((l) => l.stamp !== 0)).toBe(true)
    await tick()
    for (const name of readdirSync(join(dir, 'c'))) writeFileSync(join(dir, 'c', name), readFileSync(join(dir, 'c', name)))
    expect(await lint()).toEqual(cold)
    const after = statSync(cacheFile())
    expect([after.ino, after.mtimeMs, readFileSync(cacheFile(), 'utf8')]).toEqual([before.ino, before.mtimeMs, written])
  })
})
