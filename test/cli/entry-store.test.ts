/**
 * Build's entry store (`src/cli/entry-store.ts`): each scenario's bundle entry goes to a
 * scratch file that has no name once made, and comes back byte for byte, for a page task
 * (`entryBytes`) and as a piece of the bundle read only when written. Where no scratch file
 * can be made, the entries stay in memory. And `writeUnlessSame` reads such a piece only when
 * it has to.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { EntryBatch, entryBytes, entryText, EntryStore, putShared, type EntryAt } from '../../src/cli/entry-store.js'
import { encodeForWrite, writeUnlessSame } from '../../src/cli/site-write.js'
import type { DeferredBytes } from '../../src/emit/json.js'

let dir: string
const saved = process.env.TMPDIR
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-entry-store-'))
})
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = saved
  rmSync(dir, { recursive: true, force: true })
})

const utf8 = new TextEncoder()
/** Entries of several sizes: empty, small, non-ASCII, larger than one read. */
const ENTRIES = [new Uint8Array(0), utf8.encode('{"id":"a"}'), utf8.encode('{"title":"“quoted” — ✅"}'), new Uint8Array(300_000).map((_, i) => (i * 7) % 251)]

describe('EntryStore', () => {
  test('keeps entries in a scratch file that has no name, and gives each back byte for byte', () => {
    process.env.TMPDIR = dir
    const store = EntryStore.open()
    try {
      expect(store.scratch).toBe(true)
      // Made in the temporary folder and unlinked at once: nothing there, even while open.
      expect(readdirSync(dir)).toEqual([])
      const ids = ENTRIES.map((e) => store.put(e))
      expect(ids).toEqual([0, 1, 2, 3])
      for (const [k, bytes] of ENTRIES.entries()) {
        const at = store.at(k)
        // Where it is, not the bytes: what a page task is sent.
        expect(at).not.toBeInstanceOf(Uint8Array)
        expect(Buffer.compare(entryBytes(at), bytes), `entry ${k}`).toBe(0)
        const piece = store.piece(k) as DeferredBytes
        expect(piece.byteLength).toBe(bytes.byteLength)
        expect(Buffer.compare(piece.read(), bytes), `piece ${k}`).toBe(0)
      }
    } finally {
      store.close()
    }
    // Closing again is nothing.
    store.close()
    expect(readdirSync(dir)).toEqual([])
  })

  test('takes entries other threads put in its scratch file, each where it was put, none over another', () => {
    process.env.TMPDIR = dir
    const store = EntryStore.open()
    const other = EntryStore.open()
    try {
      const shared = store.shared!
      // Entries put through the shared end (as a worker thread does) and by the store itself, in turns.
      const ids = ENTRIES.map((e, k) => (k % 2 === 0 ? store.adopt(putShared(shared, e)) : store.put(e)))
      expect(ids).toEqual([0, 1, 2, 3])
      for (const [k, bytes] of ENTRIES.entries()) expect(Buffer.compare(entryBytes(store.at(k)), bytes), `entry ${k}`).toBe(0)
      // Back to back: each starts where the one before ends.
      const spans = ENTRIES.map((_, k) => store.at(k) as { offset: number; length: number })
      for (let k = 1; k < spans.length; k++) expect(spans[k]!.offset).toBe(spans[k - 1]!.offset + spans[k - 1]!.length)
      // An entry of another store's file is refused, not read from the wrong file.
      expect(() => store.adopt(putShared(other.shared!, ENTRIES[1]!))).toThrow(/another scratch file/)
    } finally {
      store.close()
      other.close()
    }
  })

  test('gives back the text of each entry, read into one reused buffer that grows for a larger one', () => {
    process.env.TMPDIR = dir
    const store = EntryStore.open()
    try {
      // Large, then small (no bytes of the one before), then larger than the buffer has grown to.
      const texts = ['{"x":"' + 'é✅'.repeat(50_000) + '"}', '{"id":"a"}', '', '{"title":"“quoted” — ✅ 😀"}', 'y'.repeat(700_000)]
      texts.forEach((t) => store.put(utf8.encode(t)))
      for (const [k, t] of texts.entries()) expect(entryText(store.at(k)), `entry ${k}`).toBe(t)
      // Again in another order: each read starts afresh.
      for (const k of [4, 1, 0, 3, 2]) expect(entryText(store.at(k)), `entry ${k}`).toBe(texts[k])
      // An entry held in memory is its own bytes.
      expect(entryText(utf8.encode('{"id":"b"}'))).toBe('{"id":"b"}')
    } finally {
      store.close()
    }
  })

  test('puts a batch of entries with one write where it settles, each holder told where its entry is', () => {
    process.env.TMPDIR = dir
    const store = EntryStore.open()
    try {
      const batch = new EntryBatch(store.shared!)
      const start = Number(store.shared!.end[0])
      // Small ones, one that fills the buffer past its end (put first, mid-batch), one too large for it (put on its own).
      const texts = ['{"id":"a"}', '{"t":"“é” ✅ 😀"}', '', 'é✅'.repeat(100_000), '✅'.repeat(200_000), 'z'.repeat(400_000), '{"id":"b"}']
      const holders: { entry: EntryAt }[] = texts.map((t) => ({ entry: batch.encode(t) }))
      // Nothing written until the batch settles, but what did not fit after the rest.
      const other = { entry: utf8.encode('not of the batch') }
      batch.settle([...holders, other])
      expect(other.entry).toBeInstanceOf(Uint8Array)
      for (const [k, h] of holders.entries()) {
        expect(h.entry, `entry ${k}`).not.toBeInstanceOf(Uint8Array)
        expect(entryText(h.entry), `entry ${k}`).toBe(texts[k])
      }
      // Every byte written once: the spans tile what the batch took of the file.
      const spans = holders.map((h) => h.entry as { offset: number; length: number }).sort((a, b) => a.offset - b.offset)
      expect(spans[0]!.offset).toBe(start)
      for (let k = 1; k < spans.length; k++) expect(spans[k]!.offset).toBe(spans[k - 1]!.offset + spans[k - 1]!.length)
      expect(Number(store.shared!.end[0])).toBe(spans.at(-1)!.offset + spans.at(-1)!.length)
      // A batch of nothing but an empty entry puts it too: a span, not a view of the buffer.
      const empty: { entry: EntryAt } = { entry: batch.encode('') }
      batch.settle([empty])
      expect(empty.entry).not.toBeInstanceOf(Uint8Array)
      expect(entryText(empty.entry)).toBe('')
      // Settled, the batch holds nothing: a holder settled again is left alone.
      const again = { entry: holders[0]!.entry }
      batch.settle([again])
      expect(again.entry).toBe(holders[0]!.entry)
    } finally {
      store.close()
    }
  })

  test('leaves each entry its own bytes where the batch cannot be written', () => {
    // A descriptor that is not open: the write fails, as on a full disk.
    const batch = new EntryBatch({ fd: 1_000_000, end: new BigInt64Array(new SharedArrayBuffer(8)) })
    const texts = ['{"id":"a"}', 'w'.repeat(500_000), '{"id":"c"}']
    const holders: { entry: EntryAt }[] = texts.map((t) => ({ entry: batch.encode(t) }))
    const more = { entry: batch.encode('{"id":"d"}') }
    batch.settle([...holders, more])
    for (const [k, h] of [...holders, more].entries()) {
      expect(h.entry, `entry ${k}`).toBeInstanceOf(Uint8Array)
      expect(new TextDecoder().decode(h.entry as Uint8Array), `entry ${k}`).toBe([...texts, '{"id":"d"}'][k])
    }
    // Each its own copy: the next batch's bytes do not change them.
    batch.encode('{"id":"overwrite"}')
    expect(new TextDecoder().decode(holders[0]!.entry as Uint8Array)).toBe('{"id":"a"}')
  })

  test('keeps entries in memory where no scratch file can be made', () => {
    process.env.TMPDIR = join(dir, 'no-such-folder')
    const store = EntryStore.open()
    expect(store.scratch).toBe(false)
    // No scratch file for other threads either: they give their entries' bytes.
    expect(store.shared).toBeUndefined()
    for (const bytes of ENTRIES) store.put(bytes)
    for (const [k, bytes] of ENTRIES.entries()) {
      expect(store.at(k)).toBe(bytes)
      expect(store.piece(k)).toBe(bytes)
    }
    store.close()
  })
})

describe('writeUnlessSame with pieces read when written', () => {
  /** A piece that counts how often it is read. */
  function deferred(bytes: Uint8Array): DeferredBytes & { reads: number } {
    const piece = {
      byteLength: bytes.byteLength,
      reads: 0,
      read: () => (piece.reads++, bytes),
      readInto: (target: Uint8Array, at: number) => {
        piece.reads++
        target.set(bytes, at)
      },
    }
    return piece
  }

  test('writes a new file from them, and leaves the same bytes alone', () => {
    const path = join(dir, 'bundle.json')
    const middle = deferred(utf8.encode('middle'))
    expect(writeUnlessSame({ path, found: { kind: 'missing' } }, [utf8.encode('head '), middle, utf8.encode(' tail')])).toBe(true)
    expect(readFileSync(path, 'utf8')).toBe('head middle tail')
    expect(writeUnlessSame({ path, found: { kind: 'file', size: 16 } }, [utf8.encode('head '), middle, utf8.encode(' tail')])).toBe(false)
    expect(middle.reads).toBe(2)
  })

  test('reads none once an earlier piece differs, and replaces the file', () => {
    const path = join(dir, 'bundle.json')
    writeFileSync(path, 'HEAD middle tail')
    const middle = deferred(utf8.encode('middle'))
    expect(writeUnlessSame({ path, found: { kind: 'file', size: 16 } }, [utf8.encode('head '), middle, utf8.encode(' tail')])).toBe(true)
    // Read once, to write the file: not to compare it.
    expect(middle.reads).toBe(1)
    expect(readFileSync(path, 'utf8')).toBe('head middle tail')
  })

  test('pieces made as they are written: compared as they are made, made again to be written', () => {
    const path = join(dir, 'stream.json')
    let made = 0
    /** Pieces as `bundlePieces` makes them: every buffer a view of one, written over for the next piece, and a deferred one between. */
    const stream = (words: string[]) => () => {
      made++
      const shared = new Uint8Array(64)
      return (function* () {
        for (const [k, word] of words.entries()) {
          const bytes = utf8.encode(word)
          shared.set(bytes)
          yield shared.subarray(0, bytes.byteLength)
          if (k === 0) yield deferred(utf8.encode('<deferred>'))
        }
      })()
    }
    expect(writeUnlessSame({ path, found: { kind: 'missing' } }, stream(['head ', 'middle ', 'tail']))).toBe(true)
    expect(readFileSync(path, 'utf8')).toBe('head <deferred>middle tail')
    expect(made).toBe(1)
    // The same bytes: made once, to compare, and left alone.
    expect(writeUnlessSame({ path, found: { kind: 'file', size: 26 } }, stream(['head ', 'middle ', 'tail']))).toBe(false)
    expect(made).toBe(2)
    // Other bytes, or the same and more, or fewer: made to compare, made again to write.
    for (const [words, text] of [
      [['head ', 'MIDDLE ', 'tail'], 'head <deferred>MIDDLE tail'],
      [['head ', 'MIDDLE ', 'tail', '!'], 'head <deferred>MIDDLE tail!'],
      [['head ', 'MIDDLE '], 'head <deferred>MIDDLE '],
    ] as const) {
      made = 0
      expect(writeUnlessSame({ path, found: { kind: 'file', size: 26 } }, stream([...words]))).toBe(true)
      expect([made, readFileSync(path, 'utf8')]).toEqual([2, text])
    }
  })

  test('gathers pieces into writes and still writes every byte in order, a piece larger than the batch included', () => {
    const path = join(dir, 'big.json')
    // Two pieces one byte more than the 1 MB batch, pieces of ~0.4 MB, a 1.5 MB one (more than
    // the batch), and small ones between: deferred pieces land across the batch's end and alone.
    const sizes = [(1 << 20) - 10, 11, 5, 400_000, 7, 400_000, 400_000, 3, 1_500_000, 11, 300_000, 2]
    let offset = 0
    const pieces = sizes.map((size, k) => {
      const bytes = new Uint8Array(size)
      for (let i = 0; i < size; i++) bytes[i] = (offset + i * 7 + k) % 251
      offset += size
      return k % 2 === 1 ? deferred(bytes) : bytes
    })
    const whole = Buffer.concat(pieces.map((p) => (p instanceof Uint8Array ? p : p.read())))
    expect(writeUnlessSame({ path, found: { kind: 'missing' } }, pieces)).toBe(true)
    expect(readFileSync(path).equals(whole)).toBe(true)
    // The same bytes are left alone, a deferred piece larger than the batch compared too.
    expect(writeUnlessSame({ path, found: { kind: 'file', size: whole.byteLength } }, pieces)).toBe(false)
    // One byte changed in the last piece: written again.
    const changed = [...pieces.slice(0, -1), new Uint8Array([0, 0])]
    expect(writeUnlessSame({ path, found: { kind: 'file', size: whole.byteLength } }, changed)).toBe(true)
    expect(readFileSync(path).subarray(-2)).toEqual(Buffer.from([0, 0]))
  })
})

describe('encodeForWrite', () => {
  test('gives the UTF-8 bytes of the text, in one buffer reused from call to call where it fits', () => {
    const texts = ['<p>a & b</p>', '', 'é✅😀 “quoted”', 'x'.repeat(349_525)]
    for (const t of texts) expect(Buffer.from(encodeForWrite(t)).toString('utf8')).toBe(t)
    const first = encodeForWrite('first')
    const second = encodeForWrite('2nd')
    // One buffer: the second call wrote over the first's bytes (valid only until the next call).
    expect(second.buffer).toBe(first.buffer)
    expect(Buffer.from(first).toString()).toBe('2ndst')
  })

  test('gives a text that might not fit its own buffer, left alone by later calls', () => {
    // 3 bytes a UTF-16 unit at most: past a third of the buffer, a text might not fit.
    const big = 'ab'.repeat(200_000)
    const bytes = encodeForWrite(big)
    const small = encodeForWrite('small')
    expect(bytes.buffer).not.toBe(small.buffer)
    expect(Buffer.from(bytes).toString()).toBe(big)
  })
})
