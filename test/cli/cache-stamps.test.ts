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
import { CACHE_FORMAT, cacheName, linePrefix, matches, readStamps, SETTLED_MS, stampOf, type Known, type Stamp } from '../../src/cli/cache-line.js'
import { digestFile } from '../../src/cli/digest.js'
import { run } from '../support/io.js'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')
/** The compiled module: only it finds its worker script (npm test builds first). */
const COMPILED = new URL('../../lib/cli/digest.js', import.meta.url)
const HOUR = 3_600_000
/** The start of a cache line, as `cacheLine` writes it, up to the packed record. */
const linePrefixOf = (name: string, known: Known) => JSON.stringify([name, known.hash, known.stamp]).slice(0, -1) + ','
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

  test('the worker thread reads the stamps from the cache file itself', async () => {
    const compiled = (await import(fileURLToPath(COMPILED))) as typeof import('../../src/cli/digest.js')
    const cache = join(dir, 'cache.ndjson')
    const files = ['a.md', 'b.md'].map((f) => join(dir, f))
    for (const f of files) writeFileSync(f, f)
    const stamp = stampOf(statSync(files[0]!), Date.now() + HOUR) as Stamp
    writeFileSync(cache, [JSON.stringify({ format: CACHE_FORMAT, key: 'k' }), linePrefixOf(cacheName(cache, files[0]!), { hash: 'f'.repeat(64), stamp }) + '[],[]]'].join('\n') + '\n')
    expect(await compiled.digestFiles(files, true, cache).done).toEqual([
      { digest: 'f'.repeat(64), stamp },
      { digest: sha256(files[1]!), stamp: 0 },
    ])
  })

  test('a line starts with its name, hash and stamp, whatever the name holds; a line that does not is skipped', () => {
    const stamp: Stamp = [12, 1.5, 2.25, 99]
    for (const name of ['a.md', 'dir/"quoted".md', 'back\\slash.md', 'é ☃ 𝄞.md', 'comma,[bracket].md']) {
      const prefix = linePrefixOf(name, { hash: 'h', stamp })
      expect(linePrefix(prefix + '[],[]]')).toEqual({ name, hash: 'h', stamp })
      expect(JSON.parse(prefix + '[],[]]')).toEqual([name, 'h', stamp, [], []])
    }
    expect(linePrefix(linePrefixOf('a.md', { hash: 'h', stamp: 0 }) + '[],[]]')).toMatchObject({ name: 'a.md', stamp: 0 })
    for (const bad of ['["a.md","h",[1,2,3],[],[]]', '["a.md","h","x",[],[]]', '["a.md","h",[1,2,3,4]', '{"a.md":1}', ''])
      expect(linePrefix(bad)).toBeUndefined()
  })

  test('readStamps: a later line wins, stamps of 0 tell nothing, a cache of another format tells nothing', () => {
    const cache = join(dir, 'cache.ndjson')
    const stamp = (n: number): Stamp => [n, n, n, n]
    const lines = [
      JSON.stringify({ format: CACHE_FORMAT, key: 'any' }),
      linePrefixOf('a.md', { hash: 'old', stamp: stamp(1) }) + '[],[]]',
      linePrefixOf('b.md', { hash: 'b', stamp: 0 }) + '[],[]]',
      linePrefixOf('a.md', { hash: 'new', stamp: stamp(2) }) + '[],[]]',
      '["c.md","damaged',
    ]
    writeFileSync(cache, lines.join('\n'))
    expect([...readStamps(cache)]).toEqual([['a.md', { hash: 'new', stamp: stamp(2) }]])
    writeFileSync(cache, [JSON.stringify({ format: CACHE_FORMAT - 1, key: 'any' }), ...lines.slice(1)].join('\n'))
    expect(readStamps(cache).size).toBe(0)
    expect(readStamps(join(dir, 'missing.ndjson')).size).toBe(0)
  })

  test('readStamps reads a cache larger than its chunk, lines cut anywhere, as a reader of the whole text would', () => {
    const cache = join(dir, 'cache.ndjson')
    const lines = [JSON.stringify({ format: CACHE_FORMAT, key: 'any' })]
    for (let i = 0; i < 3000; i++) {
      // Names of 1 to ~4,500 bytes, some of them not ASCII, and records of many lengths.
      const name = `${'é'.repeat(i % 7 === 0 ? (i * 13) % 2300 : 0)}dir/${i}.md`
      const stamp: Stamp | 0 = i % 5 === 0 ? 0 : [i, i + 0.5, i + 0.25, i]
      lines.push(linePrefixOf(name, { hash: `h${i}`, stamp }) + `[${'1,'.repeat((i * 37) % 900)}1],[]]`)
    }
    writeFileSync(cache, lines.join('\n') + '\n')
    expect(statSync(cache).size).toBeGreaterThan(3 * (1 << 20))
    const expected = new Map<string, { hash: string; stamp: Stamp }>()
    for (const line of lines.slice(1)) {
      const [name, hash, stamp] = JSON.parse(line) as [string, string, Stamp | 0]
      // A line whose start is past 4,096 bytes has no stamp for this reader: its file is read.
      if (stamp !== 0 && Buffer.byteLength(linePrefixOf(name, { hash, stamp })) <= 4096) expected.set(name, { hash, stamp })
    }
    expect(expected.size).toBeGreaterThan(2000)
    expect(expected.size).toBeLessThan(2400)
    expect(readStamps(cache)).toEqual(expected)
    // Chunks of other sizes: lines cut at every kind of place (inside a name, a character, a stamp).
    for (const chunk of [4095, 4097, 65_537]) expect(readStamps(cache, chunk)).toEqual(expected)
    const few = lines.slice(0, 120)
    writeFileSync(cache, few.join('\n'))
    const names = new Set(few.slice(1).map((line) => (JSON.parse(line) as [string])[0]))
    const fewer = new Map([...expected].filter(([name]) => names.has(name)))
    expect(fewer.size).toBeGreaterThan(80)
    // The last line has no line break after it.
    for (const chunk of [1, 7, 512, 513]) expect(readStamps(cache, chunk)).toEqual(fewer)
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
  const lines = () => readFileSync(cacheFile(), 'utf8').trimEnd().split('\n').slice(1).map((line) => ({ line, ...linePrefix(line)! }))

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
    const tab = one!.line.indexOf('\t')
    const head = JSON.parse(one!.line.slice(0, tab)) as [string, string, Stamp, number[], ...unknown[]]
    const messages = JSON.stringify([['action-first-person', 1, 'Unexpected `We`', 5, 1, 5, 3, 1], ...(JSON.parse(one!.line.slice(tab + 1)) as unknown[])])
    const [errors, warnings, fixable] = head[3]
    const marked = `${JSON.stringify([head[0], 'f'.repeat(64), head[2], [errors, warnings! + 1, fixable, messages.length], ...head.slice(4)])}\t${messages}`
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
