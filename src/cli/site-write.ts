/**
 * How `build` writes a file of the site, on whichever thread has it: the main thread writes
 * the bundle, the index and the assets, and a worker thread writes the page it rendered and the
 * scenario's JSON next to it, so that 20,000 writes are not all queued on one thread.
 */
import { lstat } from 'node:fs/promises'
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { threadId } from 'node:worker_threads'
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
 * (a temporary file, then a rename: write-file-atomic over a file that is there, keeping its
 * mode and owner, and {@link writeNew} where there was none), synchronous (the thread has nothing
 * else to do, and each awaited step cost a round trip to the thread pool), without an fsync:
 * build output is made again from the sources by the next build, and a killed run still leaves
 * the old file or the new one. The fsync of 20,000 files cost ~0.6 ms of CPU each.
 */
export function writeUnlessSame(target: Target, content: Uint8Array): boolean {
  const { path, found } = target
  if (found.kind === 'missing') {
    writeNew(path, content)
    return true
  }
  if (found.kind === 'file' && found.size === content.byteLength && Buffer.compare(readFileSync(path), content) === 0) return false
  writeFileAtomic.sync(path, Buffer.from(content.buffer, content.byteOffset, content.byteLength), { fsync: false })
  return true
}

let temporaries = 0

/**
 * Write a file the build found no file at: a temporary file next to it, then a rename, as
 * write-file-atomic does, less what a new file of a checked folder does not need. The build
 * has already found that no folder on the way and no target is a symbolic link (so there is
 * no real path to resolve: write-file-atomic's `realpathSync` looks at every component of
 * the path), and there is no mode or owner to keep. Creating files in a folder of 20,000 was
 * most of a build's page writes, and this took 30–50 % less time a file than
 * `writeFileAtomic.sync` (10,000 new files, alternated runs; docs/performance.md).
 */
function writeNew(path: string, content: Uint8Array): void {
  const temporary = `${path}.starkit-${process.pid}-${threadId}-${++temporaries}`
  let fd: number | undefined
  try {
    fd = openSync(temporary, 'wx')
    for (let at = 0; at < content.byteLength; ) at += writeSync(fd, content, at)
    closeSync(fd)
    fd = undefined
    renameSync(temporary, path)
  } catch (error) {
    try {
      if (fd !== undefined) closeSync(fd)
      rmSync(temporary, { force: true })
    } catch {
      // The write's own error is the one to report.
    }
    throw error
  }
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
