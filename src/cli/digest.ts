/**
 * The content digests `--cache` keys files by: SHA-256 of each file's bytes.
 *
 * A warm run of a large repo reads and hashes every file (113.8 MB for the bench's 10,000) and
 * parses the cache, each about 0.3 s. They do not depend on each other, so from
 * `AUTO_THRESHOLD` files on, a worker thread (`digest-worker.ts`, which loads nothing else)
 * reads and hashes while this thread parses the cache.
 */
import { createHash } from 'node:crypto'
import { closeSync, existsSync, readSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { openRegularFile } from './special-files.js'

/** The digest of some bytes: SHA-256, hex. */
export function hash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** One buffer for every file read: 10,000 buffers of their own were 113.8 MB of garbage. */
let buffer = Buffer.allocUnsafe(1 << 16)

/** The digest of a file's bytes; throws when it cannot be read or is not a regular file (special-files.ts). */
export function digestFile(file: string): string {
  const fd = openRegularFile(file)
  try {
    let size = 0
    for (;;) {
      if (size === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2)
        buffer.copy(bigger, 0, 0, size)
        buffer = bigger
      }
      const n = readSync(fd, buffer, size, buffer.length - size, null)
      if (n === 0) break
      size += n
    }
    return hash(buffer.subarray(0, size))
  } finally {
    closeSync(fd)
  }
}

/** The digest of each file, in order; `undefined` for a file that cannot be read. */
export function digestFilesSync(files: readonly string[]): (string | undefined)[] {
  return files.map((file) => {
    try {
      return digestFile(file)
    } catch {
      return undefined
    }
  })
}

/** The worker script, compiled; absent when running from TypeScript sources (tests). */
const WORKER = new URL('./digest-worker.js', import.meta.url)

/**
 * `digestFilesSync` on a worker thread when `threaded` (and the worker is compiled), so that
 * this thread is free until the promise is awaited. If the thread fails, the files are
 * hashed here instead: the digests are the same either way.
 */
export function digestFiles(files: readonly string[], threaded: boolean): Promise<(string | undefined)[]> {
  if (!threaded || !existsSync(fileURLToPath(WORKER))) return Promise.resolve(digestFilesSync(files))
  return new Promise((resolve) => {
    let settled = false
    const settle = (digests: () => (string | undefined)[]): void => {
      if (settled) return
      settled = true
      resolve(digests())
    }
    const worker = new Worker(WORKER, { workerData: files })
    worker.once('message', (digests: (string | undefined)[]) => settle(() => digests))
    // 'exit' also follows the message: then there is nothing left to do.
    worker.once('error', () => settle(() => digestFilesSync(files)))
    worker.once('exit', () => settle(() => digestFilesSync(files)))
  })
}
