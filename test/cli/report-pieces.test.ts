/**
 * Reports are written a piece at a time (report/index.ts `formatPieces`): the pieces joined
 * are the report as one text, byte for byte, and `lint` writes them in batches, never the
 * whole report in one string.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { writeInBatches } from '../../src/cli/commands/lint.js'
import { FORMATS, format, formatPieces, pieceText, type Diagnostic, type FileReport } from '../../src/report/index.js'
import { JSON_REPORT_VERSION } from '../../src/report/json.js'

const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '"', '\\', '`', 'é', '☃', '𝄞', '\u2028', '%', ':', '<', '&') })
const diagnostic: fc.Arbitrary<Diagnostic> = fc.record(
  {
    ruleId: fc.constantFrom('action-first-person', 'schema/required', 'unique-id'),
    severity: fc.constantFrom('error' as const, 'warning' as const),
    message: text,
    line: fc.nat(),
    column: fc.nat(),
    endLine: fc.nat(),
    endColumn: fc.nat(),
    note: text,
    url: fc.webUrl(),
  },
  { requiredKeys: ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'] },
)
const files: fc.Arbitrary<FileReport[]> = fc.array(fc.record({ path: text, messages: fc.array(diagnostic, { maxLength: 4 }) }), { maxLength: 6 })
const options = { color: false, toolVersion: '1.2.3', rules: [] }

describe('report pieces', () => {
  test('the JSON report in pieces is JSON.stringify of the whole report, byte for byte', () => {
    fc.assert(
      fc.property(files, (reports) => {
        const errorCount = reports.flatMap((f) => f.messages).filter((m) => m.severity === 'error').length
        const warningCount = reports.flatMap((f) => f.messages).length - errorCount
        const whole = { version: JSON_REPORT_VERSION, tool: { name: 'starkit', version: '1.2.3' }, errorCount, warningCount, files: reports.map((f) => ({ path: f.path, messages: f.messages })) }
        expect(Array.from(formatPieces('json', reports, options), pieceText).join('')).toBe(JSON.stringify(whole, null, 2) + '\n')
      }),
      { numRuns: 300 },
    )
  })

  test('every format gives a piece per file with findings, at most, and the same text joined', () => {
    fc.assert(
      fc.property(files, fc.constantFrom(...FORMATS), (reports, name) => {
        // Bytes are valid until the next piece is taken: read as they come.
        const pieces = Array.from(formatPieces(name, reports, options), pieceText)
        expect(pieces.join('')).toBe(format(name, reports, options))
        // Past the head and the tail, a piece is one file's: no piece holds two files' findings.
        if (name !== 'sarif') expect(pieces.length).toBeLessThanOrEqual(reports.length + 3)
      }),
      { numRuns: 200 },
    )
  })

  test('the JSON report comes in chunks of ~64 KB of UTF-8, each one buffer written over by the next', () => {
    const reports: FileReport[] = Array.from({ length: 400 }, (_, i) => ({ path: `f${i}.md`, messages: [{ ruleId: 'r', severity: 'warning', message: `☃ ${'x'.repeat(300)} ${i}`, line: i, column: 1, endLine: i, endColumn: 2 }] }))
    const chunks: Buffer[] = []
    let buffer: ArrayBufferLike | undefined
    for (const piece of formatPieces('json', reports, options)) {
      expect(piece).toBeInstanceOf(Uint8Array)
      const bytes = piece as Buffer
      buffer ??= bytes.buffer
      expect(bytes.buffer).toBe(buffer)
      chunks.push(Buffer.from(bytes))
    }
    expect(chunks.length).toBeGreaterThan(2)
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(1 << 16)
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeLessThan((1 << 16) + 1000)
    expect(Buffer.concat(chunks).toString()).toBe(format('json', reports, options))
    expect(JSON.parse(Buffer.concat(chunks).toString()).files).toHaveLength(400)
  })

  test('lint writes pieces in batches of ~64 K characters, in order', () => {
    const writes: string[] = []
    const pieces = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(996)}`)
    writeInBatches((s) => writes.push(s), pieces)
    expect(writes.join('')).toBe(pieces.join(''))
    expect(writes.length).toBe(Math.ceil(1_000_000 / 66_000))
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan((1 << 16) + 1000)
    writes.length = 0
    writeInBatches((s) => writes.push(s), [])
    expect(writes).toEqual([])
    // Bytes as they are, with what writes them, between the batches of text around them; else as text.
    const bytes: string[] = []
    writeInBatches((s) => writes.push(s), ['a', 'b', Buffer.from('☃'), 'c'], (b) => bytes.push(`${writes.length}:${Buffer.from(b).toString()}`))
    expect([writes, bytes]).toEqual([['ab', 'c'], ['1:☃']])
    writes.length = 0
    writeInBatches((s) => writes.push(s), ['a', Buffer.from('☃'), 'c'])
    expect(writes).toEqual(['a', '☃', 'c'])
  })
})
