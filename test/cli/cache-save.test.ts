/**
 * `saveCache` appends only to the very file it loaded: when another run replaced or grew the
 * file in between, it writes the whole cache again rather than append to a file it did not read.
 */
import { appendFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { byPlace } from '../../src/rules/lint.js'
import { CACHE_FORMAT, cacheLine, loadCache, readCacheFile, readCacheFileSync, readCacheLine, saveCache, sharedStrings, type CacheEntry, type SharedStrings } from '../../src/cli/cache.js'

const record = (line: number): CacheEntry['record'] => ({ messages: [{ ruleId: 'r', severity: 'warning', message: 'm', line, column: 1, endLine: line, endColumn: 2 }], directives: [] })

function setUp() {
  const path = join(mkdtempSync(join(tmpdir(), 'starkit-cache-')), 'lint.ndjson')
  const entries = new Map<string, CacheEntry>([
    ['b.md', { hash: 'hb', stamp: 0, record: record(2) }],
    ['a.md', { hash: 'ha', stamp: 0, record: record(1) }],
  ])
  return { path, entries }
}

describe('saveCache', () => {
  test('a new cache is written whole, sorted; a new entry is then appended; nothing new, nothing written', async () => {
    const { path, entries } = setUp()
    await saveCache(path, 'k', entries, loadCache(path, 'k'))
    const whole = readFileSync(path, 'utf8')
    expect(whole.split('\n').slice(1, 3).map((l) => JSON.parse(l.slice(0, l.indexOf('\t')))[0])).toEqual(['a.md', 'b.md'])
    const loaded = loadCache(path, 'k')
    expect(loaded.lines).toBe(2)
    await saveCache(path, 'k', new Map(loaded.entries), loaded)
    expect(readFileSync(path, 'utf8')).toBe(whole)
    const more = new Map(loaded.entries).set('c.md', { hash: 'hc', stamp: 0, record: record(3) })
    await saveCache(path, 'k', more, loaded)
    expect(readFileSync(path, 'utf8')).toBe(whole + cacheLine('c.md', { hash: 'hc', stamp: 0, record: record(3) }) + '\n')
    expect([...loadCache(path, 'k').entries.keys()]).toEqual(['a.md', 'b.md', 'c.md'])
  })

  test('a file replaced or grown since it was loaded is written whole, not appended to', async () => {
    const { path, entries } = setUp()
    await saveCache(path, 'k', entries, loadCache(path, 'k'))
    for (const change of [
      // Another run renamed a new cache into place (another key, say).
      () => {
        writeFileSync(path + '.new', JSON.stringify({ format: CACHE_FORMAT, key: 'other' }) + '\n')
        renameSync(path + '.new', path)
      },
      // Another run appended to it.
      () => appendFileSync(path, cacheLine('z.md', { hash: 'hz', stamp: 0, record: record(9) }) + '\n'),
    ]) {
      const loaded = loadCache(path, 'k')
      change()
      const more = new Map(loaded.entries).set('c.md', { hash: 'hc', stamp: 0, record: record(3) })
      await saveCache(path, 'k', more, loaded)
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
      expect(JSON.parse(lines[0]!)).toEqual({ format: CACHE_FORMAT, key: 'k' })
      expect(lines.slice(1).map((l) => JSON.parse(l.slice(0, l.indexOf('\t')))[0])).toEqual(['a.md', 'b.md', 'c.md'])
    }
  })
})

describe('cacheLine / readCacheLine', () => {
  const url = (id: string) => `https://github.com/starkit/starkit/blob/main/docs/rules/${id}.md`
  const span = (line: number, column: number, offset: number, endColumn: number) => ({ start: { line, column, offset }, end: { line, column: endColumn, offset: offset + endColumn - column } })
  const record: CacheEntry['record'] = {
    messages: [
      { ruleId: 'schema/required', severity: 'error', message: 'Missing `id`', line: 1, column: 1, endLine: 3, endColumn: 4 },
      { ruleId: 'action-first-person', severity: 'warning', message: 'Unexpected `We`', line: 56, column: 1, endLine: 56, endColumn: 3, url: url('action-first-person') },
      { ruleId: 'level-time-budget', severity: 'warning', message: 'Unexpected 175s', line: 9, column: 13, endLine: 9, endColumn: 22, note: 'Situation 30s + …', url: url('level-time-budget') },
      { ruleId: 'custom', severity: 'warning', message: 'Elsewhere', line: 2, column: 1, endLine: 2, endColumn: 2, url: 'https://example.com/custom' },
      // Keys in another order: kept whole, so the order comes back as it was.
      { severity: 'warning', ruleId: 'odd', message: 'Odd', line: 4, column: 1, endLine: 4, endColumn: 2 } as never,
    ],
    directives: [{ kind: 'disable', ruleIds: ['a'], line: 7, column: 1, endLine: 7, endColumn: 30, start: 90, end: 119, used: true }],
    front: { data: { id: 'x', principles: ['Ownership'] }, spans: { '/id': span(2, 5, 8, 6), '/principles': span(4, 3, 30, 12) } },
  }

  /** A record through its line's head and messages, as `loadCache` reads them. */
  const through = (r: CacheEntry['record'], shared?: SharedStrings) => {
    const { name, entry } = readCacheLine(cacheLine('x.md', { hash: 'h', stamp: [1, 2.5, 3.25, 4], record: r }), undefined, undefined, { shared: shared ?? sharedStrings(), damaged: (e) => e as Error })
    expect([name, entry.hash, entry.stamp]).toEqual(['x.md', 'h', [1, 2.5, 3.25, 4]])
    return entry.record
  }

  test('a record comes back deep-equal, key order included (the JSON of a warm report is the cold one), its messages in the report order, with its counts', () => {
    const back = through(record)
    const { counts } = back
    const inOrder = [...record.messages].sort(byPlace)
    expect(inOrder.map((m) => m.line)).toEqual([1, 2, 4, 9, 56])
    expect({ messages: back.messages, directives: back.directives, front: { data: back.front!.data, spans: back.front!.spans } }).toEqual({ ...record, messages: inOrder })
    expect(JSON.stringify(back.messages)).toBe(JSON.stringify(inOrder))
    expect(counts).toEqual({ errorCount: 1, warningCount: 4, fixableCount: 0 })
    const bare = { messages: [], directives: [] }
    const none = through(bare)
    expect(JSON.stringify({ messages: none.messages, directives: none.directives })).toBe(JSON.stringify(bare))
    expect(none.front).toBeUndefined()
  })

  test('its messages are read from the line each time they are asked for, not held', () => {
    const back = through(record)
    const [first, second] = [back.messages, back.messages]
    expect(first).toEqual(second)
    expect(first).not.toBe(second)
    first.push(first[0]!)
    expect(back.messages).toHaveLength(record.messages.length)
  })

  test('the rule URL and severity are not written per message; rule ids and URLs are shared on load', () => {
    const line = cacheLine('x.md', { hash: 'h', stamp: 0, record })
    expect(line).not.toContain(url('action-first-person'))
    expect(line).toContain('https://example.com/custom')
    // Only the message kept whole spells its severity out.
    expect(line.split('"warning"')).toHaveLength(2)
    // Two tabs: the head's end, and the spans'.
    expect(line.split('\t')).toHaveLength(3)
    // Less than half of the record written as it is (format 3).
    const many = { ...record, messages: Array.from({ length: 20 }, () => record.messages[1]!) }
    expect(cacheLine('x.md', { hash: 'h', stamp: 0, record: many }).length).toBeLessThan(JSON.stringify(many).length / 2)
    const shared = sharedStrings()
    const [a, b] = [through(record, shared).messages, through(record, shared).messages].map((list) => list.find((m) => m.ruleId === 'action-first-person')!)
    expect(a!.url).toBe(url('action-first-person'))
    expect(shared.urls.get('action-first-person')).toBe(b!.url)
    expect(shared.ids.get('action-first-person')).toBe(b!.ruleId)
  })

  test("a front's spans are made from the line when asked for, not read with its head", () => {
    const back = through(record)
    expect(back.front!.spans).toEqual(record.front!.spans)
    expect(back.front!.spans).not.toBe(back.front!.spans)
    const written = cacheLine('x.md', { hash: 'h', stamp: 0, record })
    const [head, spans] = written.split('\t')
    expect(JSON.parse(head!)[5]).toEqual([record.front!.data])
    expect(JSON.parse(spans!)).toEqual({ '/id': [2, 5, 8, 2, 6, 9], '/principles': [4, 3, 30, 4, 12, 39] })
  })

  test('spans that are not as written throw what the reading makes of the error, when asked for', () => {
    const written = cacheLine('x.md', { hash: 'h', stamp: 0, record })
    const [head, , messages] = written.split('\t')
    const reading = { shared: sharedStrings(), damaged: () => new RangeError('damaged') }
    for (const spans of ['{"/id":[2,5,8,2,6]}', '{"/id":[2,5,8,2,6,9]', '[]']) {
      const { front, messages: read } = readCacheLine(`${head}\t${spans}\t${messages}`, undefined, undefined, reading).entry.record
      expect(front!.data).toEqual(record.front!.data)
      expect(read).toHaveLength(record.messages.length)
      expect(() => front!.spans).toThrow(RangeError)
    }
  })

  test('a front whose spans are not plain points is kept whole', () => {
    const odd = { ...record, front: { data: { id: 'x' }, spans: { '/id': { start: { line: 1, column: 1, offset: 0, extra: 1 }, end: { line: 1, column: 2, offset: 1 } } } } } as never
    expect(through(odd).front).toEqual((odd as CacheEntry['record']).front)
  })

  const counts = (text: string) => [0, 0, 0, text.length]
  /** A line of a head and messages as given. */
  const line = (head: unknown[], messages: string, spans = '') => `${JSON.stringify(head)}\t${spans}\t${messages}`
  test('a line as written reads, from its bytes anywhere in a buffer, or whole from a string', () => {
    const text = line(['é.md', 'h', 0, counts('[]'), []], '[]')
    expect(readCacheLine(text).name).toBe('é.md')
    const bytes = Buffer.from(`x\n${text}\ny`)
    expect(readCacheLine(bytes, 2, bytes.length - 2).name).toBe('é.md')
    // Offsets into a string would be taken as bytes: refused.
    expect(() => readCacheLine(`x\n${text}`, 2)).toThrow(RangeError)
  })
  test.each([
    ['not an array', { messages: [] }, '[]'],
    ['no tab', ['a.md', 'h', 0, counts('[]'), []], ''],
    ['a name that is not a string', [1, 'h', 0, counts('[]'), []], '[]'],
    ['a stamp of three numbers', ['a.md', 'h', [1, 2, 3], counts('[]'), []], '[]'],
    ['counts that are not four counts', ['a.md', 'h', 0, [0, 0, 0], []], '[]'],
    ['messages of another length than the head says (a line cut short)', ['a.md', 'h', 0, [0, 0, 0, 3], []], '[]'],
    ['a packed front of two items (format 5)', ['a.md', 'h', 0, counts('[]'), [], [{}, { '/id': [1, 1, 0, 1, 2, 2] }]], '[]'],
    ['a packed front with no spans', ['a.md', 'h', 0, counts('[]'), [], [{}]], '[]'],
    ['a front that is a number', ['a.md', 'h', 0, counts('[]'), [], 7], '[]'],
    ['a seventh element', ['a.md', 'h', 0, counts('[]'), [], undefined, 1], '[]'],
  ])('a head with %s is not a line (the file is a miss)', (_, head, messages) => {
    const text = !Array.isArray(head) || messages === '' ? JSON.stringify(head) : line(head, messages)
    expect(() => readCacheLine(text)).toThrow(TypeError)
  })

  test.each([
    ['one tab (format 5)', `${JSON.stringify(['a.md', 'h', 0, counts('[]'), []])}\t[]`],
    ['spans for a front kept whole', line(['a.md', 'h', 0, counts('[]'), [], { data: {}, spans: {} }], '[]', '{}')],
    ['spans for no front', line(['a.md', 'h', 0, counts('[]'), []], '[]', '{}')],
  ])('a line with %s is not a line (the file is a miss)', (_, text) => {
    expect(() => readCacheLine(text)).toThrow(TypeError)
  })

  test.each([
    ['a severity that is not 1 or 2', '[["r",3,"m",1,1,1,1]]'],
    ['a line that is not a count', '[["r",1,"m","one",1,1,1]]'],
    ['a message that is a string', '["r"]'],
    ['text that is not JSON', '[["r",1,"m",1,1,1,1]'],
  ])('messages with %s throw when read', (_, messages) => {
    const { record } = readCacheLine(line(['a.md', 'h', 0, counts(messages), []], messages), undefined, undefined, { shared: sharedStrings(), damaged: () => new RangeError('damaged') }).entry
    expect(() => record.messages).toThrow(RangeError)
  })
})

describe('loadCache', () => {
  test('a line cut short is a miss; a line damaged within its messages is read, and its messages name the cache when read', async () => {
    const { path, entries } = setUp()
    await saveCache(path, 'k', entries, loadCache(path, 'k'))
    const [header, a, b] = readFileSync(path, 'utf8').trimEnd().split('\n')
    writeFileSync(path, [header, a!.slice(0, -1), b!.replace('"m",2', '"m"]2')].join('\n') + '\n')
    const loaded = loadCache(path, 'k')
    expect([...loaded.entries.keys()]).toEqual(['b.md'])
    expect(() => loaded.entries.get('b.md')!.record.messages).toThrow(`Unexpected damaged line at \`${path}:3\` of the cache`)
  })

  test('a line with bytes that are not UTF-8 is a miss; the other lines keep their numbers', async () => {
    const { path, entries } = setUp()
    await saveCache(path, 'k', entries, loadCache(path, 'k'))
    const [header, a, b] = readFileSync(path, 'utf8').trimEnd().split('\n')
    // One byte of `a.md`'s message, 0xFF: never a byte of UTF-8. `b.md`'s line is damaged inside its messages too.
    const bad = Buffer.from(a!)
    bad[bad.indexOf('"m"') + 1] = 0xff
    writeFileSync(path, Buffer.concat([Buffer.from(header + '\n'), bad, Buffer.from('\n' + b!.replace('"m",2', '"m"]2') + '\n')]))
    const loaded = loadCache(path, 'k')
    expect([...loaded.entries.keys()]).toEqual(['b.md'])
    expect(loaded.lines).toBe(2)
    expect(() => loaded.entries.get('b.md')!.record.messages).toThrow(`Unexpected damaged line at \`${path}:3\` of the cache`)
  })
})

describe('readCacheFile', () => {
  test('reads what readCacheFileSync reads; a folder, a FIFO or nothing is no cache, never a wait', async () => {
    const { path, entries } = setUp()
    await saveCache(path, 'k', entries, loadCache(path, 'k'))
    const read = await readCacheFile(path)
    expect(read?.bytes).toEqual(readFileSync(path))
    expect(read?.stat.ino).toBe(readCacheFileSync(path)?.stat.ino)
    expect([...loadCache(path, 'k', read).entries.keys()]).toEqual(['a.md', 'b.md'])
    const fifo = join(dirname(path), 'fifo')
    execFileSync('mkfifo', [fifo])
    for (const none of [fifo, dirname(path), join(dirname(path), 'missing')]) {
      expect(await readCacheFile(none)).toBeUndefined()
      expect(readCacheFileSync(none)).toBeUndefined()
    }
  })
})
