/**
 * The content digests `--cache` keys files by: SHA-256 of each file's bytes.
 *
 * A warm run of a large repo reads and hashes every file (113.8 MB for the bench's 10,000) and
 * parses the cache, each about 0.3–0.5 s. They do not depend on each other, so from
 * `AUTO_THRESHOLD` files on, a worker thread (`digest-worker.ts`, which loads nothing else)
 * reads and hashes while this thread parses the cache, and then this thread takes files from
 * the same list until none is left (`Digesting#help`) instead of waiting idle for the worker
 * (~0.15 s of a warm run at 10,000 files). The two claim files through one shared counter,
 * so each file is hashed once, by whichever thread gets to it.
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

/** The digest of a file, or `undefined` when it cannot be read. */
function tryDigest(file: string): string | undefined {
  try {
    return digestFile(file)
  } catch {
    return undefined
  }
}

/** The digest of each file, in order; `undefined` for a file that cannot be read. */
export function digestFilesSync(files: readonly string[]): (string | undefined)[] {
  return files.map(tryDigest)
}

/** Digests of some of a list's files: `at[k]` is the index in the list of `digests[k]`. */
export interface Claimed {
  at: number[]
  digests: (string | undefined)[]
}

/** Hash the files of `files` whose index this thread claims from `next` (shared), until none is left. */
export function digestClaimed(files: readonly string[], next: Int32Array): Claimed {
  const claimed: Claimed = { at: [], digests: [] }
  for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1)) {
    claimed.at.push(i)
    claimed.digests.push(tryDigest(files[i]!))
  }
  return claimed
}

/** Digests under way: `help()` hashes the files left on this thread; `done` has every digest, in order. */
export interface Digesting {
  help(): void
  done: Promise<(string | undefined)[]>
}

/** The worker script, compiled; absent when running from TypeScript sources (tests). */
const WORKER = new URL('./digest-worker.js', import.meta.url)

/**
 * `digestFilesSync`, started on a worker thread when `threaded` (and the worker is compiled),
 * so that this thread is free until it calls `help()`. If the thread fails, the files it did
 * not report are hashed here instead: the digests are the same either way. Without a thread,
 * every file is hashed here, at once.
 */
export function digestFiles(files: readonly string[], threaded: boolean): Digesting {
  if (!threaded || !existsSync(fileURLToPath(WORKER))) {
    const digests = digestFilesSync(files)
    return { help: () => undefined, done: Promise.resolve(digests) }
  }
  const next = new Int32Array(new SharedArrayBuffer(4))
  const digests: (string | undefined)[] = new Array<string | undefined>(files.length).fill(undefined)
  const filled = new Uint8Array(files.length)
  const take = (claimed: Claimed): void =>
    claimed.at.forEach((i, k) => {
      digests[i] = claimed.digests[k]
      filled[i] = 1
    })
  const worker = new Worker(WORKER, { workerData: { files, next } })
  const done = new Promise<(string | undefined)[]>((resolve) => {
    let settled = false
    const settle = (claimed: Claimed | undefined): void => {
      if (settled) return
      settled = true
      if (claimed) take(claimed)
      // A thread that failed may have claimed files it never reported.
      for (let i = 0; i < files.length; i++) if (!filled[i]) digests[i] = tryDigest(files[i]!)
      resolve(digests)
    }
    worker.once('message', (claimed: Claimed) => settle(claimed))
    // 'exit' also follows the message: then there is nothing left to do.
    worker.once('error', () => settle(undefined))
    worker.once('exit', () => settle(undefined))
  })
  return { help: () => take(digestClaimed(files, next)), done }
}
