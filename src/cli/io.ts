import { fstatSync, writeSync } from 'node:fs'
import { isatty } from 'node:tty'

/**
 * Everything the CLI takes from the outside world, passed in so `main(argv, io)` can be
 * tested without spawning a process.
 */
export interface Io {
  /** The directory relative paths are resolved against. */
  cwd: string
  stdout(text: string): void
  /** Write UTF-8 bytes to stdout as they are, or a copy of them, before returning (the caller writes over them next); without it, they are decoded and given to `stdout`. */
  stdoutBytes?(bytes: Uint8Array): void
  stderr(text: string): void
  /** Whether stdout is a terminal (colour, progress). */
  stdoutIsTTY: boolean
  /** Whether stdin is a terminal (interactive prompts). */
  stdinIsTTY: boolean
  env: Record<string, string | undefined>
}

/** Exit codes: documented API (README "Exit codes"). */
export const EXIT = {
  /** Nothing wrong (or warnings only, within --max-warnings). */
  ok: 0,
  /** Findings: content errors. */
  findings: 1,
  /** Could not run: bad usage, unreadable path, no files matched, bad config. */
  usage: 2,
} as const

/** An error that is the user's to fix (bad flag, missing path): one stderr line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Text is encoded into this buffer for a direct write (`directWriter`), reused from one write to the next. */
const DIRECT_BUFFER_BYTES = 1 << 20

/**
 * A writer of text straight to `fd` with `writeSync`, when it is a regular file or a device
 * that is not a terminal (`> report.json`, `> /dev/null`): for those, `process.stdout` writes
 * synchronously too, but through a stream that makes a new buffer for every write. A 24 MB
 * report took ~0.1 s that way, ~0.02 s this way. Undefined for a pipe, a socket or a
 * terminal, which keep their stream (a pipe's other end may have made it non-blocking).
 */
export function directWriter(fd: number): ((text: string) => void) | undefined {
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile() && !(stat.isCharacterDevice() && !isatty(fd))) return undefined
  } catch {
    return undefined
  }
  const buffer = Buffer.allocUnsafe(DIRECT_BUFFER_BYTES)
  return (text) => {
    const bytes = Buffer.byteLength(text) <= buffer.length ? buffer.subarray(0, buffer.write(text)) : Buffer.from(text)
    writeAll(fd, bytes)
  }
}

/** Write every byte of `bytes` to `fd` (a write may take fewer than it is given): at the file's position, or from `position` on. */
export function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at, position === undefined ? null : position + at)
}

/**
 * A buffer of at least `size` bytes for a thread to read into again and again: `buffer` when
 * it is large enough, else a new one (64 KB at least, and twice the old one, so that a run of
 * growing sizes makes few of them).
 */
export function roomFor(buffer: Uint8Array | undefined, size: number): Uint8Array {
  return buffer !== undefined && buffer.byteLength >= size ? buffer : new Uint8Array(Math.max(size, 1 << 16, 2 * (buffer?.byteLength ?? 0)))
}
