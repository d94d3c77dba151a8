/**
 * How `build` writes a file of the site, on whichever thread has it: the main thread writes
 * the bundle, the index and the assets, and a worker thread writes the page it rendered and the
 * scenario's JSON next to it, so that 20,000 writes are not all queued on one thread.
 */
import { lstat } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import writeFileAtomic from 'write-file-atomic'

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

/**
 * Write `content` to `target` unless those very bytes are there; whether it wrote. Atomic
 * (write-file-atomic: a temporary file, then a rename), synchronous (the thread has nothing
 * else to do, and each awaited step cost a round trip to the thread pool), without an fsync:
 * build output is made again from the sources by the next build, and a killed run still leaves
 * the old file or the new one. The fsync of 20,000 files cost ~0.6 ms of CPU each.
 */
export function writeUnlessSame(target: Target, content: Uint8Array): boolean {
  const { path, found } = target
  if (found.kind === 'file' && found.size === content.byteLength && Buffer.compare(readFileSync(path), content) === 0) return false
  writeFileAtomic.sync(path, Buffer.from(content.buffer, content.byteOffset, content.byteLength), { fsync: false })
  return true
}

/** A failed write, as it crosses from a worker thread (an Error's own fields would not). */
export interface WriteFailure {
  message: string
  code?: string
}

export function failureOf(error: unknown): WriteFailure {
  const e = error as NodeJS.ErrnoException
  return e instanceof Error ? (e.code === undefined ? { message: e.message } : { message: e.message, code: e.code }) : { message: String(error) }
}

/** The failure as an Error again, on the main thread. */
export function errorOf(failure: WriteFailure): Error {
  return Object.assign(new Error(failure.message), failure.code === undefined ? {} : { code: failure.code })
}
