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
import { MAX_FILE_BYTES } from '../parse/limits.js'
import { openRegularFile } from './special-files.js'

/** The digest of some bytes: SHA-256, hex. */
export function hash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * One buffer for every file read: 10,000 buffers of their own were 113.8 MB of garbage. The
 * hash takes the file a buffer at a time, so a large file does not grow it (a scenario is
 * 5–15 KB: one read and one update).
 */
const buffer = Buffer.allocUnsafe(1 << 16)

/** A file over the size limit has no digest: it is never cached, and a lint refuses it by its size without reading it. */
class TooLarge extends Error {}

/**
 * The digest of a file's bytes; throws when it cannot be read, is not a regular file
 * (special-files.ts) or is over `MAX_FILE_BYTES` (hashing a file of gigabytes on every warm run
 * would cost more than linting it, which reads nothing of it).
 */
export function digestFile(file: string): string {
  const { fd, size } = openRegularFile(file)
  try {
    if (size > MAX_FILE_BYTES) throw new TooLarge()
    const digest = createHash('sha256')
    let n: number
    while ((n = readSync(fd, buffer, 0, buffer.length, null)) > 0) digest.update(buffer.subarray(0, n))
    return digest.digest('hex')
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
