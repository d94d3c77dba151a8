/**
 * UTF-8 text written a piece at a time into chunks of about `size` bytes (`take`), all in one
 * buffer, written again and again: a chunk taken is valid until the next is written, and a
 * taker that keeps one copies it. The JSON report is written so: a cached file's findings are
 * copied into it from their cache line's bytes (packed-json.ts), never made into strings, and
 * 24 MB of report are ~370 writes of one buffer. A new buffer for each chunk made ~24 MB of
 * memory outside the heap for V8 to account for, and collect (~0.07 s more of a warm run).
 */
/** The most bytes `text` can take as UTF-8: 3 a UTF-16 unit (a pair's 4 bytes are 2 a unit). */
export const maxUtf8Length = (text: string): number => 3 * text.length

export class ByteChunks {
  /** The chunk being written; bytes from 0 up to `at` are written. */
  bytes: Buffer
  at = 0

  /** `size`: how full a chunk is when `full`; the buffer has room for half as much again, so that a piece written past `size` seldom needs a larger one. */
  constructor(readonly size = 1 << 16) {
    this.bytes = Buffer.allocUnsafe(size + (size >> 1))
  }

  /** Make room for `n` more bytes; returns the chunk to write them into, from `at` on. */
  ensure(n: number): Buffer {
    if (this.at + n > this.bytes.length) {
      // A piece larger than what is left: a larger buffer, with what is written so far, kept for the next chunks.
      const grown = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.at + n))
      this.bytes.copy(grown, 0, 0, this.at)
      this.bytes = grown
    }
    return this.bytes
  }

  /** Write `text` as UTF-8. */
  text(text: string): void {
    this.at += this.ensure(maxUtf8Length(text)).write(text, this.at)
  }

  /** Write `text`, known to be ASCII (the report's own keys and punctuation): no encoder. */
  ascii(text: string): void {
    const bytes = this.ensure(text.length)
    let at = this.at
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i)
    this.at = at
  }

  /** Write all of `source` (a short one: see `copy`). */
  put(source: Uint8Array): void {
    this.copy(source, 0, source.length)
  }

  /** Write the bytes of `source` from `from` up to `to`. */
  copy(source: Uint8Array, from: number, to: number): void {
    const bytes = this.ensure(to - from)
    let at = this.at
    // Pieces are short (a rule id, a message): a loop is cheaper than a subarray and `set`.
    for (let i = from; i < to; i++) bytes[at++] = source[i]!
    this.at = at
  }

  /** Whether the chunk is full enough to be taken. */
  get full(): boolean {
    return this.at >= this.size
  }

  /** The bytes written since the last take, valid until the next are written (over them). */
  take(): Buffer {
    const taken = this.bytes.subarray(0, this.at)
    this.at = 0
    return taken
  }
}
