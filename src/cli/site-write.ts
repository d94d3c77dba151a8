/**
 * How `build` writes a file of the site, on whichever thread has it: the main thread writes
 * the bundle, the index and the assets, and a worker thread writes the page it rendered and the
 * scenario's JSON next to it, so that 20,000 writes are not all queued on one thread.
 * `convert` writes its new files with `writeNew` too (with an fsync), and removes its
 * temporary files with `removeTemporaries` when interrupted.
 */
import { lstat } from 'node:fs/promises'
import { closeSync, fchmodSync, fchownSync, fsyncSync, linkSync, openSync, readdirSync, readSync, realpathSync, renameSync, rmSync, statSync, type Stats } from 'node:fs'
import { join } from 'node:path'
import { isMainThread, threadId } from 'node:worker_threads'
import { onExit } from 'signal-exit'
import type { DeferredBytes } from '../emit/json.js'
import { maxUtf8Length } from '../report/byte-chunks.js'
import { UsageError, writeAll } from './io.js'

/** What is at a path before the build writes there. */
export type Found = { kind: 'missing' | 'dir' | 'link' | 'other' } | { kind: 'file'; size: number }

export async function find(path: string): Promise<Found> {
  try {
    const s = await lstat(path)
    return s.isSymbolicLink() ? { kind: 'link' } : s.isDirectory() ? { kind: 'dir' } : s.isFile() ? { kind: 'file', size: s.size } : { kind: 'other' }
  } catch {
    return { kind: 'missing' }
  }
}

/** A file to write: where (absolute; its folder exists), and what the build found there. */
export interface Target {
  path: string
  found: Found
}

/** Pieces of a file, one after another: each a buffer, or bytes read only when written (the bundle's entries, from build's scratch file). */
export type Piece = Uint8Array | DeferredBytes

/**
 * Pieces made as they are written, each buffer valid until the next piece is taken (the
 * bundle: the bytes between two entries, its warnings among them, written in one reused
 * buffer). A function, as the pieces are made again when they are written after a comparison.
 */
export type PieceStream = () => Iterable<Piece>

/**
 * A file's bytes: one buffer, or pieces written one after another (no copy of what the pieces
 * hold), listed or made as they are written.
 */
export type Content = Uint8Array | readonly Piece[] | PieceStream

/** The size of content whose pieces are listed. */
const sizeOf = (content: Uint8Array | readonly Piece[]): number => (content instanceof Uint8Array ? content.byteLength : content.reduce((n, p) => n + p.byteLength, 0))

const piecesOf = (content: Content): Iterable<Piece> => (content instanceof Uint8Array ? [content] : typeof content === 'function' ? content() : content)

/**
 * A thread's buffer for writing and comparing pieces: the bundle is ~30,000 pieces at 10,000
 * scenarios (each entry between the bytes around it). Written one by one, each entry read into
 * a buffer of its own, that was a write call a piece and 178 MB of fresh memory for the main
 * thread to fault in and collect; gathered here, it is a write call a MB and one buffer.
 */
const BATCH_BYTES = 1 << 20
let batch: Uint8Array | undefined
const batchBuffer = (): Uint8Array => (batch ??= new Uint8Array(BATCH_BYTES))

/** A thread's buffer for text encoded just before it is written ({@link encodeForWrite}). */
const ENCODE_BYTES = 1 << 20
let encoded: Uint8Array | undefined
const utf8 = new TextEncoder()

/**
 * `text` as UTF-8 in this thread's one buffer for it, where it surely fits (3 bytes a UTF-16
 * unit at most); else in a buffer of its own. The bytes are valid until the next call on this
 * thread: only for a write made before then. A build's worker thread encodes each page and
 * each `scenarios/<id>.json` so: each in a new buffer, that was ~45 KB a scenario of fresh
 * memory to fill and collect (a worker's `encode` took 0.7 s of a 10,000-file build, this
 * ~0.4 s, most of it flattening the page's string first).
 */
export function encodeForWrite(text: string): Uint8Array {
  if (maxUtf8Length(text) > ENCODE_BYTES) return utf8.encode(text)
  const buffer = (encoded ??= new Uint8Array(ENCODE_BYTES))
  return buffer.subarray(0, utf8.encodeInto(text, buffer).written)
}

/** A piece's bytes: a deferred piece read into `spare` when it fits (its bytes are then valid until `spare` is used again), else into a buffer of its own. */
function bytesOf(piece: Uint8Array | DeferredBytes, spare?: Uint8Array): Uint8Array {
  if (piece instanceof Uint8Array) return piece
  if (spare === undefined || piece.byteLength > spare.byteLength) return piece.read()
  piece.readInto(spare, 0)
  return spare.subarray(0, piece.byteLength)
}

/** Write the pieces to `fd` one after another, gathered into writes of up to `BATCH_BYTES` (a larger piece is written on its own). */
export function writePieces(fd: number, pieces: Iterable<Piece>): void {
  if (Array.isArray(pieces) && pieces.length === 1 && pieces[0] instanceof Uint8Array) return writeAll(fd, pieces[0])
  const buffer = batchBuffer()
  let used = 0
  const flush = (): void => {
    if (used > 0) writeAll(fd, buffer.subarray(0, used))
    used = 0
  }
  for (const piece of pieces) {
    if (used + piece.byteLength > buffer.byteLength) flush()
    if (piece.byteLength > buffer.byteLength) {
      writeAll(fd, bytesOf(piece))
      continue
    }
    if (piece instanceof Uint8Array) buffer.set(piece, used)
    else piece.readInto(buffer, used)
    used += piece.byteLength
  }
  flush()
}

/** A thread's buffer for the bytes of a file compared with what would be written there. */
let compared: Uint8Array | undefined

/** Read up to `n` bytes of `fd` from `position` into `into`; how many there were. */
function readAt(fd: number, into: Uint8Array, n: number, position: number): number {
  let got = 0
  for (let k = -1; got < n && k !== 0; got += k) k = readSync(fd, into, got, n - got, position + got)
  return got
}

/**
 * Whether the file at `path` holds the pieces' bytes and nothing more, read a buffer at a time
 * (a piece is read, or made, only while the bytes before it were the same). Read whole, an
 * unchanged 10,000-scenario bundle was 178 MB of fresh memory for a rebuild to compare.
 */
function sameBytes(path: string, pieces: Iterable<Piece>): boolean {
  const fd = openSync(path, 'r')
  try {
    const spare = batchBuffer()
    const file = (compared ??= new Uint8Array(BATCH_BYTES))
    let at = 0
    for (const piece of pieces) {
      const bytes = bytesOf(piece, spare)
      for (let done = 0; done < bytes.byteLength; ) {
        const n = Math.min(file.byteLength, bytes.byteLength - done)
        if (readAt(fd, file, n, at) < n || Buffer.compare(file.subarray(0, n), bytes.subarray(done, done + n)) !== 0) return false
        done += n
        at += n
      }
    }
    return readAt(fd, file, 1, at) === 0
  } finally {
    closeSync(fd)
  }
}

/**
 * Write `content` to `target` unless those very bytes are there; whether it wrote. Atomic
 * (a temporary file, then a rename: {@link replaceFile} over a file that is there, keeping its
 * mode and owner, and {@link writeNew} where there was none), synchronous (the thread has nothing
 * else to do, and each awaited step cost a round trip to the thread pool), without an fsync:
 * build output is made again from the sources by the next build, and a killed run still leaves
 * the old file or the new one. The fsync of 20,000 files cost ~0.6 ms of CPU each.
 */
export function writeUnlessSame(target: Target, content: Content): boolean {
  return gated(() => {
    const { path, found } = target
    if (found.kind === 'missing') {
      writeNew(path, content)
      return true
    }
    // Listed pieces have a size: a file of another size is not read. Pieces made as they are
    // written are compared as they are made.
    if (found.kind === 'file' && (typeof content === 'function' || sizeOf(content) === found.size) && sameBytes(path, piecesOf(content))) return false
    replaceFile(path, content, { fsync: false })
    return true
  })
}

/**
 * The write gate of a pool's threads, in memory they share: `[0]` is 1 once the run is
 * interrupted, `[1]` counts the writes under way. A worker thread runs no exit handler, so on
 * Ctrl-C or SIGTERM the main thread closes the gate from its own: no write starts after that,
 * it waits (briefly) for those under way to rename or remove their temporary files, and only
 * then does the process end. Without it, an interrupted build could leave a temporary file.
 */
let gate: Int32Array | undefined

/** A new gate, open (the pool makes one and hands it to its threads). */
export function newWriteGate(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8))
}

/** Make this thread's writes go through `shared` (each worker thread, at its start), or through none. */
export function useWriteGate(shared: Int32Array | undefined): void {
  gate = shared
}

/** Close the gate: no write of any thread starts after this; wait up to `ms` for those under way. */
export function closeWriteGate(shared: Int32Array, ms = 2000): void {
  Atomics.store(shared, 0, 1)
  const deadline = Date.now() + ms
  for (let n = Atomics.load(shared, 1); n > 0; n = Atomics.load(shared, 1)) {
    const left = deadline - Date.now()
    if (left <= 0 || Atomics.wait(shared, 1, n, left) === 'timed-out') return
  }
}

/** Run a write counted as under way, unless the gate is closed (then it throws `EINTR` and writes nothing). */
function gated<T>(write: () => T): T {
  if (gate === undefined) return write()
  // Counted before the gate is looked at: a thread that closes it then sees this write, or
  // this write sees it closed (sequentially consistent atomics).
  Atomics.add(gate, 1, 1)
  try {
    if (Atomics.load(gate, 0) === 1) throw Object.assign(new Error('Unexpected write after the run was interrupted'), { code: 'EINTR' })
    return write()
  } finally {
    Atomics.sub(gate, 1, 1)
    Atomics.notify(gate, 1)
  }
}

let temporaries = 0

/** What names this process's temporary files (any thread's): `<file>.starkit-<pid>-<thread>-<n>`. */
const MARK = `.starkit-${process.pid}-`

/**
 * The name of a temporary file of any build, beside a page or a JSON file: `writeNew`'s (of
 * any pid) or `replaceFile`'s, or write-file-atomic's `<file>.<number>` (builds before
 * session 15 used it). Only a killed run leaves one.
 */
export const TEMPORARY_NAME = /\.(?:json|html)\.(?:starkit-\d+-\d+-\d+|\d+)$/

/**
 * Remove this process's temporary files from `folders`: what an interrupt (Ctrl-C, SIGTERM)
 * leaves of the writes under way in worker threads, which run no exit handler. The main
 * thread calls it from its own (signal-exit, as write-file-atomic does).
 */
export function removeTemporaries(folders: Iterable<string>): void {
  for (const folder of folders) {
    let names: string[]
    try {
      names = readdirSync(folder)
    } catch {
      continue
    }
    for (const name of names) if (name.includes(MARK)) rmSync(join(folder, name), { force: true })
  }
}

/**
 * Write a file where none is: a temporary file next to it, then a rename, as write-file-atomic
 * does, less what a new file of a checked folder does not need. The caller has already found
 * that no target is a symbolic link and that its folder is one it made or checked (so there is
 * no real path to resolve: write-file-atomic's `realpathSync` looks at every component of the
 * path), and there is no mode or owner to keep. Creating files in a folder of 20,000 was most
 * of a build's page writes, and this took 30–50 % less time a file than
 * `writeFileAtomic.sync` (10,000 new files, alternated runs; docs/performance.md). `fsync`
 * flushes the file before it takes its name (convert: a page converted once is not made
 * again). `clobber: false` gives it its name with a hard link instead of a rename, which
 * fails with `EEXIST` if a file appeared there since the caller looked (the temporary file is
 * removed and nothing else is touched); where the file system has no hard links, it renames.
 */
export function writeNew(path: string, content: Content, { fsync = false, clobber = true }: { fsync?: boolean; clobber?: boolean } = {}): void {
  const temporary = `${path}${MARK}${threadId}-${++temporaries}`
  let fd: number | undefined
  try {
    fd = openSync(temporary, 'wx')
    writePieces(fd, piecesOf(content))
    if (fsync) fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    if (clobber || !linked(temporary, path)) renameSync(temporary, path)
  } catch (error) {
    abandon(fd, temporary)
    throw error
  }
}

/** After a failed write: close `fd` (if open) and remove `temporary`, whatever fails, so that the write's own error is the one reported. */
function abandon(fd: number | undefined, temporary: string): void {
  try {
    if (fd !== undefined) closeSync(fd)
    rmSync(temporary, { force: true })
  } catch {
    // The write's own error is the one to report.
  }
}

/** Link `path` to `temporary` and remove `temporary`; false where the file system has no hard links. Throws `EEXIST` if `path` is there. */
function linked(temporary: string, path: string): boolean {
  try {
    linkSync(temporary, path)
  } catch (error) {
    if (NO_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) return false
    throw error
  }
  rmSync(temporary, { force: true })
  return true
}

/** What `fchown` may say where the owner cannot be kept (not root, or no owners), as write-file-atomic allows. */
const CHOWN_OK = new Set(['EPERM', 'EINVAL', 'ENOSYS'])

/**
 * Write `content` to the file at `path`, replacing what is there, atomically: what
 * write-file-atomic does (the real path through symbolic links, a temporary file beside it with
 * the existing file's mode and owner, an optional fsync, a rename, the temporary file removed on
 * an error or a signal), except that every byte is written before the rename.
 * write-file-atomic (6.0.0) makes one `write` call and renames whatever it wrote: a write cut
 * short (a disk that fills, a file size limit) replaced a user's file with its first bytes, and
 * `fmt` said `formatted`. `writeAll` goes on until every byte is written, and a write that fails
 * throws before the rename, leaving the file as it was. Synchronous, as every caller writes one
 * file at a time.
 */
export function replaceFile(path: string, content: Content, { fsync = true }: { fsync?: boolean } = {}): void {
  let target = path
  try {
    target = realpathSync(path)
  } catch {
    // Not there (or a link to nothing): written where named.
  }
  let was: Stats | undefined
  try {
    was = statSync(target)
  } catch {
    // A new file.
  }
  const temporary = `${target}${MARK}${threadId}-${++temporaries}`
  // A signal's handler runs between turns of the event loop, so it finds the temporary file
  // renamed or removed; registered (signal-exit, as write-file-atomic does) so that a signal
  // during the write does not end the process before the `finally` below.
  const forget = isMainThread ? onExit(() => rmSync(temporary, { force: true })) : undefined
  let fd: number | undefined
  try {
    fd = openSync(temporary, 'wx', was ? was.mode & 0o7777 : 0o666)
    writePieces(fd, piecesOf(content))
    if (was) {
      fchmodSync(fd, was.mode & 0o7777)
      try {
        fchownSync(fd, was.uid, was.gid)
      } catch (error) {
        if (!CHOWN_OK.has((error as NodeJS.ErrnoException).code ?? '')) throw error
      }
    }
    if (fsync) fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temporary, target)
  } catch (error) {
    abandon(fd, temporary)
    throw error
  } finally {
    forget?.()
  }
}

/** What `link` says on a file system without hard links (FAT, exFAT, some network and FUSE mounts). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK'])

/** A failed write, as it crosses from a worker thread (an Error's own fields would not). */
export interface WriteFailure {
  message: string
  code?: string
  /** The file that was being written, when known. */
  path?: string
}

export function failureOf(error: unknown, path?: string): WriteFailure {
  const e = error as NodeJS.ErrnoException
  const failure: WriteFailure = e instanceof Error ? (e.code === undefined ? { message: e.message } : { message: e.message, code: e.code }) : { message: String(error) }
  if (path !== undefined) failure.path = path
  return failure
}

/** The failure as an Error again, on the main thread. */
export function errorOf(failure: WriteFailure): Error {
  return Object.assign(new Error(failure.message), failure.code === undefined ? {} : { code: failure.code })
}

/**
 * What a command that stops at a failed write of the file it shows as `shown` throws: the
 * file system's failure (it has a code: a full disk, no permission) as one line naming the
 * file, exit 2 (`UsageError`); anything else, an error of starkit's own, as it is.
 */
export function cannotWrite(error: unknown, shown: string): unknown {
  return (error as NodeJS.ErrnoException | undefined)?.code === undefined ? error : new UsageError(`Cannot write \`${shown}\`: ${(error as Error).message}`)
}

/** {@link replaceFile}, its failure thrown as {@link cannotWrite} of the file as the command shows it. */
export function replaceShown(path: string, content: Content, shown: string): void {
  try {
    replaceFile(path, content)
  } catch (error) {
    throw cannotWrite(error, shown)
  }
}

/** {@link cannotWrite} of a failure that crossed from a worker thread, naming its file (when it has one) as `shown` shows paths. */
export function writeError(failure: WriteFailure, shown: (path: string) => string): unknown {
  return failure.path === undefined ? errorOf(failure) : cannotWrite(errorOf(failure), shown(failure.path))
}
