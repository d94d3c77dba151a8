/**
 * Paths that name something other than a regular file: what starkit reads, and how it writes.
 *
 * ## Reading
 *
 * A path can name a FIFO, a socket or a device as well as a file: named on the command line,
 * matched by a glob, or a symbolic link met while walking a folder. Reading a FIFO waits for a
 * writer that may never come, and `/dev/zero` never ends. So a file is opened without blocking
 * (`O_NONBLOCK`: opening a FIFO returns at once even with no writer), looked at through its
 * descriptor (`fstat`: what was opened, not what the path names a moment later), and read only
 * if it is a regular file. Anything else is an error with code `ENOTREG` (starkit's own; there
 * is no errno for it), which each command reports on that file like any unreadable one.
 *
 * ## Writing a file the user named
 *
 * `--output`, `--report` and the like are written atomically (`replaceFile`: a temporary file,
 * then a rename). Over a device or a FIFO that rename would put a regular file in its
 * place: `--output /dev/null`, run as root, replaced `/dev/null` itself. So a path that is
 * already a character device or a FIFO is written through, as a shell's `>` would
 * (`/dev/null`, `/dev/stdout`, a process substitution's `/dev/fd/63`), and anything else
 * atomically, a symbolic link to a file included (`replaceFile` replaces its target). A
 * block device or a socket is refused: neither writing over a disk nor replacing a node is
 * what anyone meant, and a socket cannot be opened as a file.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync, writeFileSync, type Stats } from 'node:fs'
import { roomFor } from './io.js'
import { replaceFile } from './site-write.js'

/** Open for reading without waiting on a FIFO (Windows has no `O_NONBLOCK`, nor FIFOs of this kind). */
export const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** What a path that is not a regular file or a folder is, in the words of a message. */
export function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'FIFO'
  if (stat.isSocket()) return 'socket'
  if (stat.isCharacterDevice()) return 'character device'
  if (stat.isBlockDevice()) return 'block device'
  return 'special file'
}

/** The error for a path that is a FIFO, a socket or a device (`kindOf`): code `ENOTREG`. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG'

  constructor(kind: string) {
    super(`Unexpected ${kind}, expected a regular file`)
  }
}

/**
 * A descriptor of `path` opened for reading, once it is known to be a regular file (the
 * caller closes it), and the file's size. Throws the `open` error, `EISDIR` for a folder, or a
 * `NotRegularFileError`.
 */
export function openRegularFile(path: string): { fd: number; size: number; stat: Stats } {
  const fd = openSync(path, READ_FLAGS)
  try {
    const stat = fstatSync(fd)
    // A folder opens for reading; its read would fail with EISDIR, so that is the error.
    if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' })
    if (!stat.isFile()) throw new NotRegularFileError(kindOf(stat))
    return { fd, size: stat.size, stat }
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

/** The bytes of a regular file; throws as `openRegularFile` does, or the read's error. */
export function readRegularFile(path: string): Buffer {
  const { bytes } = readUnlessLarger(path, Infinity)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** A thread's buffer for files read with `reuse` ({@link readUnlessLarger}); it grows to the largest such file. */
let reused: Uint8Array | undefined

/**
 * A regular file's size, and its bytes if it has at most `limit` (none if more: such a file
 * is refused by its size, `MAX_FILE_BYTES`, and reading it whole first took its size in memory
 * and failed past 2 GiB). Pass both on (`ParseOptions#size`). Throws as `readRegularFile` does.
 *
 * With `reuse`, the bytes are read into a buffer this thread reuses, valid until its next
 * such read: for a caller that decodes them at once (lint's worker threads, a file each task).
 * A new buffer a file was fresh memory to fault in, ~11 µs a 4 KB page on the bench's machine.
 */
export function readUnlessLarger(path: string, limit: number, reuse = false): { bytes: Uint8Array; size: number } {
  const { fd, size } = openRegularFile(path)
  try {
    if (size > limit) return { bytes: new Uint8Array(0), size }
    // A file that says it is empty may not be (one of /proc): read to its end.
    if (!reuse || size === 0) {
      const bytes = readFileSync(fd)
      return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), size }
    }
    // Its size as `stat` said, as `readFileSync` reads a regular file (fewer bytes if it shrank since).
    reused = roomFor(reused, size)
    let length = 0
    for (let n = -1; length < size && n !== 0; length += n) n = readSync(fd, reused, length, size - length, null)
    return { bytes: reused.subarray(0, length), size }
  } finally {
    closeSync(fd)
  }
}

/** A read error in the words of a message on the file: the same for lint, build, fmt and convert. */
export function readErrorMessage(error: unknown): string {
  if (error instanceof NotRegularFileError) return error.message
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EACCES' || code === 'EPERM') return 'Unexpected unreadable file (permission denied)'
  if (code === 'EISDIR') return 'Unexpected folder, expected a file'
  if (code === 'ELOOP') return 'Unexpected symbolic link loop'
  // Gone since the files were listed, or a config named that is not there.
  if (code === 'ENOENT') return 'No such file'
  return `Unexpected error reading the file (${code ?? 'unknown'})`
}

/** What is at `path`, following links: `file`, `folder`, `missing`, or a special file's kind (`kindOf`). */
export function kindAt(path: string): string {
  let stat: Stats | undefined
  try {
    stat = statSync(path, { throwIfNoEntry: false })
  } catch {
    // Unreadable, a link loop: the write will say why.
    return 'missing'
  }
  if (stat === undefined) return 'missing'
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : kindOf(stat)
}

/** The special files a user's output is written through to. */
const WRITTEN_THROUGH = new Set(['character device', 'FIFO'])

/**
 * Write `data` to a file the user named: through, to a character device or a FIFO that is
 * there; else atomically. Throws the write's error, or an Error for a block device or a socket.
 */
export async function writeUserFile(path: string, data: string | Uint8Array): Promise<void> {
  const kind = kindAt(path)
  if (WRITTEN_THROUGH.has(kind)) writeFileSync(path, data)
  else if (kind === 'file' || kind === 'folder' || kind === 'missing') replaceFile(path, typeof data === 'string' ? Buffer.from(data) : data)
  else throw new Error(`Unexpected ${kind}, expected a file`)
}
