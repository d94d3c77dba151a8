/**
 * Where `build` keeps each scenario's bundle entry (its JSON, ~15 KB) from the moment its
 * file is linted until the bundle and its page are written: a scratch file, not memory.
 *
 * Held in the main thread, the 10,000 bench scenarios' entries were ~150 MB of its memory
 * by the end of the lint phase (a 178 MB bundle), which the garbage collector of that thread
 * worked around, and which a page task then copied to a worker thread again. Written to the
 * scratch file as each record is taken, an entry is garbage at once; a page task reads its
 * scenario's entry from the file itself (`entryBytes`), and the bundle reads each entry as
 * it writes it.
 *
 * The scratch file is made in the system's temporary folder and unlinked at once where the
 * system allows it (POSIX): it has no name, so nothing is left of it however the process
 * ends, and the threads of the process read it by its descriptor. Where it cannot be unlinked
 * while open, it is removed when the store is closed (or by the build's exit handler). Where
 * no scratch file can be made (no writable temporary folder), the entries stay in memory, as
 * before.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DeferredBytes } from '../emit/json.js'
import { maxUtf8Length } from '../report/byte-chunks.js'
import { roomFor, writeAll } from './io.js'

/** Where an entry is in a store's scratch file; any thread of the process can read it (`entryBytes`). */
export interface ScratchSpan {
  fd: number
  offset: number
  length: number
}

/** An entry as a page task gets it: its bytes, or where they are. */
export type EntryAt = Uint8Array | ScratchSpan

/**
 * A store's scratch file as every thread of a build writes to it: its descriptor, and where the
 * next entry goes (shared memory, moved on atomically, so threads never write over each other).
 * A worker thread puts the entry it prepared there itself, and sends only where it is: the main
 * thread took ~150 MB of entries at 10,000 scenarios only to write them there, and its collector
 * ran for the memory they held outside its heap.
 */
export interface SharedScratch {
  fd: number
  end: BigInt64Array
}

/** Put `bytes` at the end of the shared scratch file; where they are. Throws the write's error (a full disk). */
export function putShared(scratch: SharedScratch, bytes: Uint8Array): ScratchSpan {
  const offset = Number(Atomics.add(scratch.end, 0, BigInt(bytes.byteLength)))
  writeAll(scratch.fd, bytes, offset)
  return { fd: scratch.fd, offset, length: bytes.byteLength }
}

/** The bytes an {@link EntryBatch} gathers entries into before one write: 16 bench entries are ~270 KB. */
const BATCH_BYTES = 1 << 20

/**
 * Entries a thread prepares for the scratch file, put there together: each is encoded into
 * the batch's buffer after the one before, and `settle` puts them with one write and tells
 * each holder where its entry went. A build's worker thread settles a batch of 16 tasks
 * (pool.ts) before it sends their records. One write of ~17 KB an entry, each taking the
 * scratch file's lock the other threads wait on, took ~0.13 ms of a worker in a 10,000-file
 * build's profile; sixteen entries in one write cost a fraction of that each (here, alone:
 * 23 µs against ~4 µs an entry; two threads at once: 40–50 µs against ~7 µs).
 */
export class EntryBatch {
  private readonly buffer = new Uint8Array(BATCH_BYTES)
  private used = 0
  /** The entries in the buffer, not yet put. */
  private held: Uint8Array[] = []
  /** Each entry encoded since the last `settle` and put since (or whose write failed), by its bytes as `encode` gave them: what it is now. */
  private readonly settled = new Map<Uint8Array, EntryAt>()

  constructor(private readonly scratch: SharedScratch) {}

  /**
   * `text`'s bytes for an entry, held until `settle`: a view of the batch's buffer, which is
   * put first when the text may not fit after what it holds (3 bytes a UTF-16 unit at most).
   * A text that may not fit in it at all is put on its own at once.
   */
  encode(text: string): Uint8Array {
    if (maxUtf8Length(text) > this.buffer.byteLength) {
      const own = utf8.encode(text)
      this.settled.set(own, this.tryPut(own) ?? own)
      return own
    }
    if (this.used + maxUtf8Length(text) > this.buffer.byteLength) this.flush()
    const { written } = utf8.encodeInto(text, this.buffer.subarray(this.used))
    const view = this.buffer.subarray(this.used, this.used + written)
    this.used += written
    this.held.push(view)
    return view
  }

  /**
   * Put what is held, and set each holder's entry that this batch encoded to where it is in
   * the scratch file; where its write failed, to its bytes in a buffer of their own, which the
   * main thread puts itself (saying why that fails). Other holders are left as they are.
   */
  settle(holders: Iterable<{ entry: EntryAt }>): void {
    this.flush()
    for (const holder of holders) if (holder.entry instanceof Uint8Array) holder.entry = this.settled.get(holder.entry) ?? holder.entry
    this.settled.clear()
  }

  /** Put what the buffer holds with one write, and note where each of its entries went; the buffer can take entries again. */
  private flush(): void {
    if (this.held.length === 0) return
    const span = this.tryPut(this.buffer.subarray(0, this.used))
    for (const view of this.held) this.settled.set(view, span ? { fd: span.fd, offset: span.offset + view.byteOffset, length: view.byteLength } : view.slice())
    this.held = []
    this.used = 0
  }

  private tryPut(bytes: Uint8Array): ScratchSpan | undefined {
    try {
      return putShared(this.scratch, bytes)
    } catch {
      return undefined
    }
  }
}

const utf8 = new TextEncoder()

/** The bytes of an entry, read from the scratch file when that is where they are. */
export function entryBytes(entry: EntryAt): Uint8Array {
  if (entry instanceof Uint8Array) return entry
  const bytes = new Uint8Array(entry.length)
  readSpan(entry, bytes, 0)
  return bytes
}

/** A thread's buffer for reading an entry it decodes at once ({@link entryText}). */
let reading: Uint8Array | undefined
const text = new TextDecoder()

/** The text of an entry; one from the scratch file is read into a buffer this thread reuses (not a new one an entry). */
export function entryText(entry: EntryAt): string {
  if (entry instanceof Uint8Array) return text.decode(entry)
  reading = roomFor(reading, entry.length)
  readSpan(entry, reading, 0)
  return text.decode(reading.subarray(0, entry.length))
}

/** Read the span's bytes into `target` from `at` on. */
function readSpan(span: ScratchSpan, target: Uint8Array, at: number): void {
  for (let done = 0; done < span.length; ) {
    const n = readSync(span.fd, target, at + done, span.length - done, span.offset + done)
    if (n === 0) throw Object.assign(new Error('Unexpected end of the build scratch file'), { code: 'EIO' })
    done += n
  }
}

/** The entries of one build, in the order they were put. */
export class EntryStore {
  private readonly kept: Uint8Array[] = []
  private readonly spans: ScratchSpan[] = []
  /** Where the next entry goes in the scratch file, shared with the threads that put entries there (`putShared`). */
  private readonly end = new BigInt64Array(new SharedArrayBuffer(8))
  private closed = false

  private constructor(
    /** The scratch file's descriptor, or undefined: the entries are kept in memory. */
    private readonly fd: number | undefined,
    /** What is left to remove at close: the file and its folder, where they could not be unlinked at once. */
    private readonly leftover: string | undefined,
  ) {}

  /** A store on a new scratch file, or in memory when none can be made. */
  static open(): EntryStore {
    let dir: string | undefined
    try {
      dir = mkdtempSync(join(tmpdir(), 'starkit-scratch-'))
      const file = join(dir, 'entries')
      const fd = openSync(file, 'wx+', 0o600)
      try {
        unlinkSync(file)
        rmdirSync(dir)
        return new EntryStore(fd, undefined)
      } catch {
        return new EntryStore(fd, dir)
      }
    } catch {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
      return new EntryStore(undefined, undefined)
    }
  }

  /** Whether the entries are in a scratch file (not memory). */
  get scratch(): boolean {
    return this.fd !== undefined
  }

  /** The scratch file as other threads put entries in it (`putShared`), or undefined: entries are kept in memory. */
  get shared(): SharedScratch | undefined {
    return this.fd === undefined ? undefined : { fd: this.fd, end: this.end }
  }

  /** Keep `bytes`; the number that gets them back. Throws the write's error (a full disk). */
  put(bytes: Uint8Array): number {
    const shared = this.shared
    if (shared === undefined) return this.kept.push(bytes) - 1
    return this.spans.push(putShared(shared, bytes)) - 1
  }

  /** Keep an entry a thread put in this store's scratch file (`putShared` of `shared`); the number that gets it back. */
  adopt(span: ScratchSpan): number {
    if (span.fd !== this.fd) throw new Error('Unexpected entry of another scratch file')
    return this.spans.push(span) - 1
  }

  /** Entry `k` as a page task gets it. */
  at(k: number): EntryAt {
    return this.fd === undefined ? this.kept[k]! : this.spans[k]!
  }

  /** Entry `k` as a piece of the bundle: its length known, its bytes read when written. */
  piece(k: number): Uint8Array | DeferredBytes {
    const entry = this.at(k)
    return entry instanceof Uint8Array ? entry : { byteLength: entry.length, read: () => entryBytes(entry), readInto: (target, at) => readSpan(entry, target, at) }
  }

  /** Close and remove the scratch file, once no thread reads it any more; again is nothing. */
  close(): void {
    if (this.closed) return
    this.closed = true
    if (this.fd !== undefined) closeSync(this.fd)
    this.discard()
  }

  /**
   * Remove the scratch file's name, where it still has one, and nothing else: what an exit
   * handler may do while worker threads still read the file. Closing its descriptor there
   * could let a thread read another file that reused the number; the process's end closes it.
   */
  discard(): void {
    if (this.leftover !== undefined) rmSync(this.leftover, { recursive: true, force: true })
  }
}
