import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { CACHE_FORMAT, cacheLine, readCacheLine, type CacheEntry } from '../../src/cli/cache.js'
import { run } from '../support/io.js'

const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')
const bin = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))
let dir: string

/** A small corpus: distinct valid files, one with a rule finding, one duplicate id, one broken file. */
function corpus(n: number): void {
  mkdirSync(join(dir, 'c'))
  for (let i = 0; i < n; i++) {
    const id = `scenario-${String(i).padStart(3, '0')}`
    let text = complete.replace(/^id: .*$/m, `id: ${id}`)
    if (i === 3) text = text.replace('I traced the failures', 'We traced the failures')
    if (i === 7) text = text.replace(/^id: .*$/m, 'id: scenario-002')
    if (i === 9) text = text.replace('Target: 90s', 'Target: soon')
    writeFileSync(join(dir, 'c', `${id}.md`), text)
  }
}

const json = async (...args: string[]) => {
  const r = await run(['lint', 'c', '-f', 'json', ...args], { cwd: dir })
  return { code: r.code, report: JSON.parse(r.stdout) as { files: { path: string; messages: { ruleId: string; line: number }[] }[] } }
}
const findings = (report: { files: { path: string; messages: { ruleId: string; line: number }[] }[] }) =>
  report.files.flatMap((f) => f.messages.map((m) => `${f.path} ${m.ruleId} ${m.line}`))

type Entry = CacheEntry
/** The cache file: a header line, then `[name, hash, stamp, ...record's head]`, a tab and the record's messages per line; each record read whole, as a plain one. */
function readCache(path: string): { header: { format: number; key: string }; lines: string[]; files: Record<string, Entry> } {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n')
  const files: Record<string, Entry> = {}
  for (const line of lines) {
    let entry
    try {
      const { name, entry: read } = readCacheLine(line)
      // A plain record, its messages and front read once.
      const { messages, directives, front } = read.record
      const record: CacheEntry['record'] = { messages, directives }
      if (front) record.front = { data: front.data, spans: front.spans }
      entry = { name, hash: read.hash, stamp: read.stamp, record }
    } catch {
      continue // a damaged line, as starkit reads it: no entry
    }
    // A later line for a name replaces an earlier one.
    files[entry.name] = { hash: entry.hash, stamp: entry.stamp, record: entry.record }
  }
  return { header: JSON.parse(head!) as { format: number; key: string }, lines, files }
}
/** The name a cache line starts with. */
const nameOf = (line: string): string => (JSON.parse(line.slice(0, line.indexOf('\t'))) as [string])[0]
function writeCache(path: string, cache: ReturnType<typeof readCache>): void {
  const lines = Object.entries(cache.files).map(([name, e]) => cacheLine(name, e))
  writeFileSync(path, [JSON.stringify(cache.header), ...lines].join('\n') + '\n')
}
const CACHE = '.starkit-cache/lint.ndjson'

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-scale-'))
  writeFileSync(join(dir, 'starkit.config.json'), JSON.stringify({ rules: { 'level-time-budget': 'off' } }))
  corpus(12)
})

describe('--cache', () => {
  // Time stands still at the corpus's making: every file stays too recent for a stamp
  // (cache-line.ts), so each run reads each file, however long the test takes, and a line
  // changes only when its file does (cache-stamps.test.ts tests stamps).
  beforeEach(() => {
    const now = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(now)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })
  test('a warm run reports what a cold run reports, and a changed file is linted again', async () => {
    const cold = await json('--concurrency', 'off')
    expect(findings(cold.report)).toEqual([
      'c/scenario-003.md action-first-person 56',
      'c/scenario-003.md action-no-we 56',
      'c/scenario-003.md key-phrase-in-example 61',
      'c/scenario-007.md unique-id 2',
      'c/scenario-007.md unique-id 2',
      'c/scenario-009.md schema/type 54',
    ])
    const first = await json('--cache')
    expect(first.report).toEqual(cold.report)
    expect(Object.keys(readCache(join(dir, CACHE)).files)).toHaveLength(12)
    expect((await json('--cache')).report).toEqual(cold.report)
    // Fix one file: the warm run sees the change, and the cross-file rule still sees every file.
    writeFileSync(join(dir, 'c', 'scenario-003.md'), complete.replace(/^id: .*$/m, 'id: scenario-003'))
    writeFileSync(join(dir, 'c', 'scenario-010.md'), complete.replace(/^id: .*$/m, 'id: scenario-002'))
    expect(findings((await json('--cache')).report)).toEqual([
      'c/scenario-007.md unique-id 2',
      'c/scenario-007.md unique-id 2',
      'c/scenario-009.md schema/type 54',
      'c/scenario-010.md unique-id 2',
      'c/scenario-010.md unique-id 2',
    ])
  })

  test('a config change invalidates the cache', async () => {
    await json('--cache')
    writeFileSync(join(dir, 'starkit.config.json'), JSON.stringify({ rules: { 'level-time-budget': 'off', 'action-no-we': 'off' } }))
    expect(findings((await json('--cache')).report)).not.toContain('c/scenario-003.md action-no-we 56')
    expect(findings((await json('--cache')).report)).toContain('c/scenario-003.md action-first-person 56')
  })

  test('--cache-location', async () => {
    await json('--cache-location', 'tmp/my-cache.json')
    const cache = readCache(join(dir, 'tmp/my-cache.json'))
    expect(cache.header.format).toBe(CACHE_FORMAT)
    // Files are named from the cache's folder, not from where starkit ran.
    expect(Object.keys(cache.files)[0]).toBe('../c/scenario-000.md')
  })

  test('a run from another folder uses the same cache entries, and shows its own paths', async () => {
    await json('--cache')
    // Mark one cached record, so a hit can be told from a fresh lint.
    const path = join(dir, CACHE)
    const cache = readCache(path)
    const entry = cache.files['../c/scenario-000.md']!
    entry.record.messages.push({ ...structuredClone(cache.files['../c/scenario-003.md']!.record.messages[0]!), line: 5 })
    writeCache(path, cache)
    const r = await run(['lint', '.', '-f', 'json', '--cache', '--cache-location', `../${CACHE}`, '--concurrency', 'off'], { cwd: join(dir, 'c') })
    const report = JSON.parse(r.stdout) as Parameters<typeof findings>[0]
    expect(findings(report).filter((f) => f.startsWith('scenario-000.md'))).toEqual(['scenario-000.md action-first-person 5'])
    expect(report.files.map((f) => f.path)).toContain('scenario-003.md')
  })

  test('a run where every file hits leaves the cache alone; a change appends its line, and later lines win', async () => {
    const cold = await json('--concurrency', 'off')
    const path = join(dir, CACHE)
    await json('--cache')
    const before = statSync(path)
    const lines = readCache(path).lines
    await json('--cache')
    const after = statSync(path)
    // Not written at all: the same inode and time (a rewrite would rename a new file into place).
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs])
    writeFileSync(join(dir, 'c', 'scenario-005.md'), complete.replace(/^id: .*$/m, 'id: scenario-005').replace('I traced the failures', 'We traced the failures'))
    const changed = await json('--cache')
    expect(findings(changed.report)).toContain('c/scenario-005.md action-first-person 56')
    const now = readCache(path)
    // The same file, one line longer: the old lines as they were, the new one at the end.
    expect(statSync(path).ino).toBe(before.ino)
    expect(now.lines.slice(0, 12)).toEqual(lines)
    expect(now.lines.slice(12).map(nameOf)).toEqual(['../c/scenario-005.md'])
    // The appended line is the one read: a warm run shows the change, and a change back shows the original.
    expect(await json('--cache')).toEqual(changed)
    writeFileSync(join(dir, 'c', 'scenario-005.md'), complete.replace(/^id: .*$/m, 'id: scenario-005'))
    expect((await json('--cache')).report).toEqual(cold.report)
  })

  test('the cache is written whole again, sorted, once it holds more unused lines than the bound', async () => {
    const path = join(dir, CACHE)
    await json('--cache')
    const cache = readCache(path)
    // 70 lines no entry uses: a file that is gone, with an earlier line for a file still here.
    const unused = Array.from({ length: 70 }, (_, k) => cacheLine(k % 2 ? '../c/gone.md' : '../c/scenario-001.md', { hash: 'x'.repeat(64), stamp: 0, record: cache.files['../c/scenario-001.md']!.record }))
    const [head] = readFileSync(path, 'utf8').split('\n')
    writeFileSync(path, [head, ...unused, ...cache.lines].join('\n') + '\n')
    // Nothing is new, but past the bound the file is written whole, without the unused lines.
    const warm = await json('--cache')
    expect(readCache(path).lines).toHaveLength(12)
    expect(readCache(path).lines).toEqual(cache.lines)
    expect(warm.report).toEqual((await json('--concurrency', 'off')).report)
  })

  test('a damaged line is a miss: that file is linted again and its line written anew', async () => {
    const cold = await json('--concurrency', 'off')
    const path = join(dir, CACHE)
    await json('--cache')
    const cache = readCache(path)
    const fresh = structuredClone(cache.files['../c/scenario-003.md'])
    // Mark another file's record, so its hit shows: the damage costs one line, not the cache.
    cache.files['../c/scenario-000.md']!.record.messages.push({ ...structuredClone(fresh!.record.messages[0]!), line: 5 })
    writeCache(path, cache)
    const k = Object.keys(cache.files).indexOf('../c/scenario-003.md')
    const lines = readFileSync(path, 'utf8').split('\n')
    lines[k + 1] = lines[k + 1]!.slice(0, 40)
    writeFileSync(path, lines.join('\n'))
    const warm = await json('--cache')
    expect(findings(warm.report)).toEqual(['c/scenario-000.md action-first-person 5', ...findings(cold.report)])
    expect(readCache(path).files['../c/scenario-003.md']).toEqual(fresh)
  })

  test('a line damaged within its messages, its length kept, ends the run with exit 2 and names the cache (its findings cannot be shown)', async () => {
    await json('--cache')
    const path = join(dir, CACHE)
    const text = readFileSync(path, 'utf8')
    // scenario-003's messages, read only for the report: one byte changed, the length kept.
    const line = text.split('\n').find((l) => l.startsWith('["../c/scenario-003.md"'))!
    writeFileSync(path, text.replace(line, line.replace('"action-first-person",', '"action-first-person"]')))
    const r = await run(['lint', 'c', '--cache'], { cwd: dir })
    expect(r.code).toBe(2)
    const number = text.split('\n').indexOf(line) + 1
    expect(r.stderr).toBe(`starkit: Unexpected damaged line at \`${path}:${number}\` of the cache, expected a line as starkit writes it; delete the cache and run again\n`)
  })

  test('a line damaged within its spans, its length kept, ends the run with exit 2 once a cross-file finding needs them, and is harmless until then', async () => {
    const cold = await json('--concurrency', 'off')
    await json('--cache')
    const path = join(dir, CACHE)
    const text = readFileSync(path, 'utf8')
    const lineOf = (file: string) => text.split('\n').find((l) => l.startsWith(`["../c/${file}"`))!
    const damaged = (line: string) => line.replace('\t{"/id":[', '\t{"/id":{')
    // scenario-000's spans: no cross-file finding asks for them.
    expect(damaged(lineOf('scenario-000.md'))).not.toBe(lineOf('scenario-000.md'))
    writeFileSync(path, text.replace(lineOf('scenario-000.md'), damaged(lineOf('scenario-000.md'))))
    expect((await json('--cache')).report).toEqual(cold.report)
    // scenario-007's: its duplicate id is shown at its `/id`, so it is not a crash of `unique-id` on every file.
    writeFileSync(path, text.replace(lineOf('scenario-007.md'), damaged(lineOf('scenario-007.md'))))
    const r = await run(['lint', 'c', '--cache'], { cwd: dir })
    expect(r.code).toBe(2)
    const number = text.split('\n').indexOf(lineOf('scenario-007.md')) + 1
    expect(r.stderr).toBe(`starkit: Unexpected damaged line at \`${path}:${number}\` of the cache, expected a line as starkit writes it; delete the cache and run again\n`)
  })

  test('a cache cut off in the middle of its last line (an append cut short) costs that file a relint', async () => {
    const cold = await json('--concurrency', 'off')
    const path = join(dir, CACHE)
    await json('--cache')
    const text = readFileSync(path, 'utf8')
    const last = nameOf(text.trimEnd().split('\n').pop()!)
    writeFileSync(path, text.slice(0, text.length - 30))
    expect(await json('--cache')).toEqual(cold)
    // The relinted file's line went after the damaged one, on a line of its own.
    const cache = readCache(path)
    expect(cache.lines).toHaveLength(13)
    expect(nameOf(cache.lines[12]!)).toBe(last)
    expect(Object.keys(cache.files)).toHaveLength(12)
    expect(await json('--cache')).toEqual(cold)
  })

  test('a cache of another format is ignored, not an error', async () => {
    const cold = await json('--concurrency', 'off')
    mkdirSync(join(dir, '.starkit-cache'))
    for (const older of [
      JSON.stringify({ format: 2, key: 'x', files: {} }),
      // Format 3, the line before packed records: a record as the report writes it.
      [JSON.stringify({ format: 3, key: 'x' }), JSON.stringify(['../c/scenario-000.md', 'x'.repeat(64), { messages: [], directives: [] }])].join('\n'),
    ]) {
      writeFileSync(join(dir, CACHE), older)
      expect(await json('--cache')).toEqual(cold)
      expect(readCache(join(dir, CACHE)).header.format).toBe(CACHE_FORMAT)
    }
  })
})

describe('--shard', () => {
  test('the shards together report exactly what one run reports, cross-file findings included', async () => {
    const whole = await json()
    const parts = await Promise.all([1, 2, 3].map((i) => json('--shard', `${i}/3`)))
    const merged = parts.flatMap((p) => p.report.files).sort((a, b) => (a.path < b.path ? -1 : 1))
    expect(merged).toEqual(whole.report.files)
    expect(parts.map((p) => p.report.files.length)).toEqual([4, 4, 4])
    // scenario-002 (shard 3) and scenario-007 (shard 2) share an id: shard 2 still reports it.
    expect(findings(parts[1]!.report)).toContain('c/scenario-007.md unique-id 2')
  })

  test('a bad shard is a usage error', async () => {
    const r = await run(['lint', 'c', '--shard', '4/3'], { cwd: dir })
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'starkit: Unexpected `--shard 4/3`, expected `i/n` with 1 ≤ i ≤ n\n' })
  })
})

describe('--concurrency', () => {
  test('worker threads give the same report, in the same order, as one thread', () => {
    // Worker threads need the compiled worker: run the built CLI (npm test builds first).
    const lint = (c: string) => {
      try {
        return execFileSync('node', [bin, 'lint', 'c', '-f', 'json', '--concurrency', ...c.split(' ')], { cwd: dir, encoding: 'utf8' })
      } catch (error) {
        return (error as { stdout: string }).stdout
      }
    }
    const one = lint('off')
    expect(JSON.parse(one).files).toHaveLength(12)
    expect(lint('2')).toBe(one)
    expect(lint('3')).toBe(one)
    // With --cache, files are hashed on a thread too: cold, then warm with one file changed.
    expect(lint('2 --cache')).toBe(one)
    writeFileSync(join(dir, 'c', 'scenario-005.md'), readFileSync(join(dir, 'c', 'scenario-003.md')))
    const changed = lint('off')
    expect(changed).not.toBe(one)
    expect(lint('2 --cache')).toBe(changed)
    // Three runs of the built CLI: more than vitest's 5 s default on a loaded machine.
  }, 60_000)

  test('a bad value is a usage error', async () => {
    expect((await run(['lint', 'c', '--concurrency', 'lots'], { cwd: dir })).stderr).toBe('starkit: Unexpected `--concurrency lots`, expected a number, `auto` or `off`\n')
  })
})

describe('--shard with files the parser refuses', () => {
  test('a too-complex file still takes part in cross-file rules, on every route', async () => {
    // Same id as scenario-002, and a body nested too deep to parse: one run and the shards agree.
    const deep = complete.replace(/^id: .*$/m, 'id: scenario-002') + '\n' + Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n') + '\n'
    writeFileSync(join(dir, 'c', 'scenario-011.md'), deep)
    const whole = await json()
    const parts = await Promise.all([1, 2].map((i) => json('--shard', `${i}/2`)))
    const merged = parts.flatMap((p) => p.report.files).sort((a, b) => (a.path < b.path ? -1 : 1))
    expect(merged).toEqual(whole.report.files)
    expect(findings(whole.report).filter((f) => f.startsWith('c/scenario-011.md'))).toEqual(['c/scenario-011.md unique-id 2', 'c/scenario-011.md unique-id 2', 'c/scenario-011.md parse/too-complex 303'])
  })
})
