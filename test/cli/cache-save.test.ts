/**
 * `saveCache` appends only to the very file it loaded: when another run replaced or grew the
 * file in between, it writes the whole cache again rather than append to a file it did not read.
 */
import { appendFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadCache, saveCache, type CacheEntry } from '../../src/cli/cache.js'

const record = (line: number): CacheEntry['record'] => ({ messages: [{ ruleId: 'r', severity: 'warning', message: 'm', line, column: 1, endLine: line, endColumn: 2 }], directives: [] })

function setUp() {
  const path = join(mkdtempSync(join(tmpdir(), 'starkit-cache-')), 'lint.ndjson')
  const entries = new Map<string, CacheEntry>([
    ['b.md', { hash: 'hb', record: record(2) }],
    ['a.md', { hash: 'ha', record: record(1) }],
  ])
  return { path, entries }
}

describe('saveCache', () => {
  test('a new cache is written whole, sorted; a new entry is then appended; nothing new, nothing written', async () => {
    const { path, entries } = setUp()
    await saveCache(path, 'k', entries, loadCache(path, 'k'))
    const whole = readFileSync(path, 'utf8')
    expect(whole.split('\n').slice(1, 3).map((l) => JSON.parse(l)[0])).toEqual(['a.md', 'b.md'])
    const loaded = loadCache(path, 'k')
    expect(loaded.lines).toBe(2)
    await saveCache(path, 'k', new Map(loaded.entries), loaded)
    expect(readFileSync(path, 'utf8')).toBe(whole)
    const more = new Map(loaded.entries).set('c.md', { hash: 'hc', record: record(3) })
    await saveCache(path, 'k', more, loaded)
    expect(readFileSync(path, 'utf8')).toBe(whole + JSON.stringify(['c.md', 'hc', record(3)]) + '\n')
    expect([...loadCache(path, 'k').entries.keys()]).toEqual(['a.md', 'b.md', 'c.md'])
  })

  test('a file replaced or grown since it was loaded is written whole, not appended to', async () => {
    const { path, entries } = setUp()
    await saveCache(path, 'k', entries, loadCache(path, 'k'))
    for (const change of [
      // Another run renamed a new cache into place (another key, say).
      () => {
        writeFileSync(path + '.new', '{"format":3,"key":"other"}\n')
        renameSync(path + '.new', path)
      },
      // Another run appended to it.
      () => appendFileSync(path, JSON.stringify(['z.md', 'hz', record(9)]) + '\n'),
    ]) {
      const loaded = loadCache(path, 'k')
      change()
      const more = new Map(loaded.entries).set('c.md', { hash: 'hc', record: record(3) })
      await saveCache(path, 'k', more, loaded)
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
      expect(JSON.parse(lines[0]!)).toEqual({ format: 3, key: 'k' })
      expect(lines.slice(1).map((l) => JSON.parse(l)[0])).toEqual(['a.md', 'b.md', 'c.md'])
    }
  })
})
