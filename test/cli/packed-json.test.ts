/**
 * A cached record's messages are copied into the JSON report from their cache line's bytes
 * (cli/packed-json.ts), never made: the report is byte for byte the one made from the
 * messages, and whatever the copy cannot vouch for is left to the report's own writing.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { cacheLine, readCacheLine, recordAt, sharedStrings, unpackBody, type CacheEntry } from '../../src/cli/cache.js'
import { writePackedMessages, stringEnd } from '../../src/cli/packed-json.js'
import { stringifyNested } from '../../src/model/nested-json.js'
import { ByteChunks } from '../../src/report/byte-chunks.js'
import { format, type Diagnostic } from '../../src/report/index.js'
import { bundleWarnings } from '../../src/emit/json.js'
import { ruleUrl } from '../../src/rules/define-rule.js'
import { byPlace } from '../../src/rules/lint.js'

const options = { color: false, toolVersion: '1.2.3', rules: [] }
const url = ruleUrl

/** A record through its cache line, as a warm run reads it; and whether its messages were copied from the line. */
function throughLine(record: CacheEntry['record']): { report: string; copied: boolean } {
  const reading = { shared: sharedStrings(), damaged: (e: unknown) => e as Error }
  const back = readCacheLine(cacheLine('x.md', { hash: 'h', stamp: 0, record }), undefined, undefined, reading).entry.record
  const out = new ByteChunks()
  const copied = back.writeJsonMessages!(out)
  return { report: format('json', [recordAt(back, 'x.md')], options), copied }
}

/** The report of the record's messages as made from them. */
const made = (record: CacheEntry['record']): string => format('json', [{ path: 'x.md', messages: [...record.messages].sort(byPlace) }], options)

const message = (line: number, column: number, more: Partial<Diagnostic> = {}): Diagnostic => ({
  ruleId: 'key-phrase-in-example',
  severity: 'warning',
  message: 'Missing key phrase `no ticket` in the Situation example',
  line,
  column,
  endLine: line,
  endColumn: column + 9,
  url: url('key-phrase-in-example'),
  ...more,
})

describe('writePackedMessages', () => {
  test("a bench file's findings are copied, and the report is the one made from them", () => {
    const record = {
      messages: [
        message(81, 1),
        message(28, 1, { severity: 'error', message: 'Quote " and backslash \\ and tab \t and \u0001 and é ☃ 𝄞 \u2028' }),
        message(226, 13, { ruleId: 'level-time-budget', note: 'Situation 30s + Task 20s = 50s', url: url('level-time-budget') }),
        message(30, 1, { url: 'https://example.com/elsewhere' }),
        message(30, 2, { ruleId: 'x', note: { nested: [1, { deep: 'é' }], empty: [] } as never }),
        { ruleId: 'schema/required', severity: 'error', message: 'Missing `id`', line: 1, column: 1, endLine: 3, endColumn: 4 },
      ],
      directives: [],
    } satisfies CacheEntry['record']
    const { report, copied } = throughLine(record)
    expect(copied).toBe(true)
    expect(report).toBe(made(record))
    expect(report).toBe(JSON.stringify({ version: 1, tool: { name: 'starkit', version: '1.2.3' }, errorCount: 2, warningCount: 4, files: [{ path: 'x.md', messages: [...record.messages].sort(byPlace) }] }, null, 2) + '\n')
  })

  test('no messages are copied as `[]`', () => {
    const record = { messages: [], directives: [] }
    expect(throughLine(record)).toEqual({ report: made(record), copied: true })
  })

  test.each([
    ['two findings at one place (the report orders them further)', [message(5, 3, { ruleId: 'b' }), message(5, 3, { ruleId: 'a' })]],
    ['a lone surrogate, which JSON.stringify escapes', [message(5, 3, { message: 'half \ud800 of a pair' })]],
    ['a message whose keys are in another order (kept whole)', [{ severity: 'warning', ruleId: 'odd', message: 'Odd', line: 4, column: 1, endLine: 4, endColumn: 2 } as never]],
  ])('%s: not copied, and the report is still the one made from them', (_, messages) => {
    const record = { messages: messages as Diagnostic[], directives: [] }
    const { report, copied } = throughLine(record)
    expect(copied).toBe(false)
    expect(report).toBe(made(record))
  })

  /** The report of packed messages given as text, through a worker's body (`unpackBody`). */
  const copy = (packed: string): { copied: boolean; text: string } => {
    const body = Buffer.from(`[0,0,0,${Buffer.byteLength(packed)}],[]]\t\t${packed}`)
    const out = new ByteChunks()
    const copied = unpackBody('x.md', body).writeJsonMessages!(out)
    return { copied, text: out.take().toString() }
  }

  test.each([
    ['an escape JSON.stringify does not write', '[["r",1,"a\\/b",1,1,1,1]]'],
    ['a \\u escape of a character with a short one', '[["r",1,"a\\u000ab",1,1,1,1]]'],
    ['a \\u escape of a backspace', '[["r",1,"a\\u0008b",1,1,1,1]]'],
    ['a \\u escape in upper case', '[["r",1,"a\\u001Fb",1,1,1,1]]'],
    ['a raw control character', '[["r",1,"a\nb",1,1,1,1]]'],
    ['a count with a leading zero', '[["r",1,"m",01,1,1,1]]'],
    ['a negative count', '[["r",1,"m",-1,1,1,1]]'],
    ['a severity of 3', '[["r",3,"m",1,1,1,1]]'],
    ['a more that is not 1 or an object', '[["r",1,"m",1,1,1,1,2]]'],
    ['a key of the first seven in a more', '[["r",1,"m",1,1,1,1,{"line":2}]]'],
    ['a count that is not whole', '[["r",1,"m",1.5,1,1,1]]'],
    ['a more object cut short', '[["r",1,"m",1,1,1,1,{"note":"x"]]'],
    ['a more that is not JSON', '[["r",1,"m",1,1,1,1,{"note":x}]]'],
    ['a key that an object puts first', '[["r",1,"m",1,1,1,1,{"1":"x"}]]'],
    ['a ninth item', '[["r",1,"m",1,1,1,1,1,1]]'],
    ['a ninth item after the address', '[["r",1,"m",1,1,1,1,1,{"note":"x"}]]'],
    ['lines out of order', '[["r",1,"m",2,1,1,1],["r",1,"m",1,1,1,1]]'],
    ['columns out of order on one line', '[["r",1,"m",2,5,1,1],["r",1,"m",2,4,1,1]]'],
    ['text after the array', '[["r",1,"m",1,1,1,1]]x'],
    ['no closing bracket', '[["r",1,"m",1,1,1,1]'],
  ])('%s: not copied', (_, packed) => {
    expect(copy(packed).copied).toBe(false)
  })

  test('escapes JSON.stringify writes are copied as they are, and a later line starts its columns anew', () => {
    const packed = '[["r",2,"q\\" b\\\\ \\b\\f\\n\\r\\t \\u0000 \\u001f",1,5,1,6],["r",1,"m",2,1,2,2,1]]'
    const { copied, text } = copy(packed)
    expect(copied).toBe(true)
    const messages = [
      { ruleId: 'r', severity: 'error', message: 'q" b\\ \b\f\n\r\t \u0000 \u001f', line: 1, column: 5, endLine: 1, endColumn: 6 },
      { ruleId: 'r', severity: 'warning', message: 'm', line: 2, column: 1, endLine: 2, endColumn: 2, url: url('r') },
    ]
    expect(text).toBe(stringifyNested(messages, 3))
  })

  test("a note and an address are copied in the order of the line's object, the rule's address written for 1", () => {
    const packed = '[["r",1,"m",1,1,1,1,{"url":1,"note":"a \\" q \\u0001 é"}],["r",1,"m",2,1,2,2,{"note":"n","url":"https://example.com/"}]]'
    const { copied, text } = copy(packed)
    expect(copied).toBe(true)
    const messages = [
      { ruleId: 'r', severity: 'warning', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 1, url: url('r'), note: 'a " q \u0001 é' },
      { ruleId: 'r', severity: 'warning', message: 'm', line: 2, column: 1, endLine: 2, endColumn: 2, note: 'n', url: 'https://example.com/' },
    ]
    expect(text).toBe(stringifyNested(messages, 3))
  })

  test.each([
    ['a note twice (the object parsed keeps the last)', '{"note":"a","note":"b"}', [{ note: 'b' }]],
    ['a note that is not a string', '{"note":2,"url":1}', [{ note: 2, url: 'R' }]],
    ['another key', '{"note":"a","fix":{"range":[1,2],"text":"I"}}', [{ note: 'a', fix: { range: [1, 2], text: 'I' } }]],
  ])('%s: written from the object parsed', (_, more, [expected]) => {
    const { copied, text } = copy(`[["r",1,"m",1,1,1,1,${more}]]`)
    expect(copied).toBe(true)
    const rest = Object.fromEntries(Object.entries(expected!).map(([k, v]) => [k, v === 'R' ? url('r') : v]))
    expect(text).toBe(stringifyNested([{ ruleId: 'r', severity: 'warning', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 1, ...rest }], 3))
  })

  test('stringEnd ends a string at its closing quote, past escaped quotes', () => {
    const bytes = Buffer.from('"a\\"b\\\\"x')
    expect(stringEnd(bytes, 0, bytes.length)).toBe(8)
    expect(stringEnd(bytes, 1, bytes.length)).toBe(-1)
    expect(stringEnd(Buffer.from('"open'), 0, 5)).toBe(-1)
  })

  test('what it writes before it finds it cannot copy is written over by the report', () => {
    const out = new ByteChunks()
    out.ascii('kept')
    const packed = Buffer.from('[["r",1,"m",1,1,1,1],["r",1,"m",1,1,1,1]]')
    expect(writePackedMessages(packed, 0, packed.length, out)).toBe(false)
    // The first message was written before the tie was found: the caller puts `at` back.
    expect(out.at).toBeGreaterThan(4)
  })

  test('any record: the report through its cache line is the one made from its messages', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', 'é', '☃', '𝄞', '\ud800', '\u2028', '/') })
    const diagnostic: fc.Arbitrary<Diagnostic> = fc.record(
      {
        ruleId: fc.constantFrom('action-first-person', 'schema/required', 'unique-id', 'r"q'),
        severity: fc.constantFrom('error' as const, 'warning' as const),
        message: text,
        line: fc.nat({ max: 5 }),
        column: fc.nat({ max: 5 }),
        endLine: fc.nat(),
        endColumn: fc.nat(),
        note: fc.oneof(text, fc.jsonValue()),
        url: fc.oneof(fc.constant(undefined), fc.constantFrom(url('action-first-person'), url('unique-id'), 'https://example.com/')),
      },
      { requiredKeys: ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'] },
    ).map((m) => JSON.parse(JSON.stringify(m)) as Diagnostic)
    let copies = 0
    fc.assert(
      fc.property(fc.array(diagnostic, { maxLength: 5 }), (messages) => {
        const record = { messages, directives: [] }
        const { report, copied } = throughLine(record)
        if (copied) copies++
        expect(report).toBe(made(record))
      }),
      { numRuns: 400 },
    )
    // Most records are copied: the test is of the copy, not of the report's own writing.
    expect(copies).toBeGreaterThan(100)
  })
})

describe("writePackedMessages for a bundle entry's warnings", () => {
  /** The packed messages of a record written as a bundle's warnings, or undefined when not copied. */
  const asBundle = (messages: Diagnostic[]): string | undefined => {
    const back = readCacheLine(cacheLine('x.md', { hash: 'h', stamp: 0, record: { messages, directives: [] } })).entry.record
    const out = new ByteChunks()
    return back.writeJsonMessages!(out, 'bundle') ? out.take().toString() : undefined
  }
  const fix = { range: [1, 2] as [number, number], text: 'I' }
  /** A finding with its other keys as lint gives them: note, url, fix. */
  const finding = (line: number, more: Record<string, unknown>): Diagnostic => {
    const { url: _url, ...head } = message(line, 1)
    return { ...head, ...more } as Diagnostic
  }

  test('keys in the bundle order, a fix left out: the warnings made from the messages', () => {
    const address = url('key-phrase-in-example')
    const messages = [finding(9, { note: 'a note', url: address, fix }), message(2, 3), finding(4, {}), finding(5, { url: address, fix }), finding(6, { note: 'n' })]
    expect(JSON.stringify(messages[0])).toContain('"fix"')
    expect(asBundle(messages)).toBe(stringifyNested(bundleWarnings(messages), 3))
  })

  test.each([
    ['an address before a note', [{ ...message(1, 1, { url: undefined }), url: url('key-phrase-in-example'), note: 'n' }]],
    ['a key a bundle does not have', [message(1, 1, { extra: 1 } as never)]],
  ])('%s: not copied', (_, messages) => {
    expect(asBundle(messages as Diagnostic[])).toBeUndefined()
  })
})

describe('ByteChunks', () => {
  test('a chunk is taken when full; a piece larger than the room left grows the buffer and keeps what was written', () => {
    const out = new ByteChunks(8)
    out.ascii('abcdef')
    expect(out.full).toBe(false)
    out.text('é☃')
    expect(out.full).toBe(true)
    expect(out.take().toString()).toBe('abcdefé☃')
    expect(out.at).toBe(0)
    out.ascii('xy')
    out.copy(Buffer.from('0123456789abcdefghij'), 2, 18)
    expect(out.take().toString()).toBe('xy23456789abcdefgh')
    out.put(Buffer.from('z'))
    expect(out.take().toString()).toBe('z')
  })
})
