/**
 * The content digests `--cache` keys files by: SHA-256 of each file's bytes.
 *
 * A file whose stamp (cache-line.ts: size, times, inode) is what the cache recorded when it
 * was hashed is not read: its digest is the recorded one. Any other file is read and hashed,
 * and gets a stamp of its own. On the bench's 10,000 files a warm run read and hashed 134 MB,
 * ~0.5 s of a thread; a look at each file with `stat` takes a fraction of that.
 *
 * Files and cache do not depend on each other, so from `AUTO_THRESHOLD` files on, a worker
 * thread (`digest-worker.ts`, which loads nothing of the linter) reads the stamps from the
 * cache file itself and digests while this thread parses the cache, and then this thread
 * takes files from the same list until none is left (`Digesting#help`) instead of waiting idle
 * for the worker (~0.15 s of a warm run at 10,000 files). The two claim files through one
 * shared counter, so each file is digested once, by whichever thread gets to it.
 */
import { createHash } from 'node:crypto'
import { closeSync, existsSync, readSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { MAX_FILE_BYTES } from '../parse/limits.js'
import { cacheName, matches, readStamps, stampOf, type Known, type Stamp } from './cache-line.js'
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

/** A file's digest, and its stamp (0: none, cache-line.ts). */
export interface Digest {
  digest: string
  stamp: Stamp | 0
}

/** What the cache knows of a file (absolute path), if anything. */
export type KnownOf = (file: string) => Known | undefined

/**
 * The digest of a file's bytes and its stamp: the known digest when the file's stamp is still
 * the known one, else read and hashed. Throws when it cannot be read, is not a regular file
 * (special-files.ts) or is over `MAX_FILE_BYTES` (hashing a file of gigabytes on every warm run
 * would cost more than linting it, which reads nothing of it).
 */
export function digestFile(file: string, known?: Known): Digest {
  if (known !== undefined && known.stamp !== 0) {
    const stat = statSync(file, { throwIfNoEntry: false })
    if (stat !== undefined && matches(known.stamp, stat)) return { digest: known.hash, stamp: known.stamp }
  }
  const { fd, stat } = openRegularFile(file)
  try {
    if (stat.size > MAX_FILE_BYTES) throw new TooLarge()
    // Taken before the bytes are read: a change while they are read makes a later change time.
    const stamp = stampOf(stat)
    const digest = createHash('sha256')
    let n: number
    while ((n = readSync(fd, buffer, 0, buffer.length, null)) > 0) digest.update(buffer.subarray(0, n))
    return { digest: digest.digest('hex'), stamp }
  } finally {
    closeSync(fd)
  }
}

/** The digest of a file, or `undefined` when it cannot be read. */
function tryDigest(file: string, known?: Known): Digest | undefined {
  try {
    return digestFile(file, known)
  } catch {
    return undefined
  }
}

const nothingKnown: KnownOf = () => undefined

/** The digest of each file, in order; `undefined` for a file that cannot be read. */
export function digestFilesSync(files: readonly string[], knownOf: KnownOf = nothingKnown): (Digest | undefined)[] {
  return files.map((file) => tryDigest(file, knownOf(file)))
}

/** Digests of some of a list's files: `at[k]` is the index in the list of `digests[k]`. */
export interface Claimed {
  at: number[]
  digests: (Digest | undefined)[]
}

/** Digest the files of `files` whose index this thread claims from `next` (shared), until none is left. */
export function digestClaimed(files: readonly string[], next: Int32Array, knownOf: KnownOf = nothingKnown): Claimed {
  const claimed: Claimed = { at: [], digests: [] }
  for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1)) {
    claimed.at.push(i)
    claimed.digests.push(tryDigest(files[i]!, knownOf(files[i]!)))
  }
  return claimed
}

/** What the cache file at `cache` knows of each file, as the digest thread reads it (`readStamps`). */
export function knownFromCacheFile(cache: string): KnownOf {
  const stamps = readStamps(cache)
  return stamps.size === 0 ? nothingKnown : (file) => stamps.get(cacheName(cache, file))
}

/**
 * Digests under way: `help(knownOf)` digests the files left on this thread, with what the
 * loaded cache knows; `done` has every digest, in order, once every file is digested.
 */
export interface Digesting {
  help(knownOf?: KnownOf): void
  done: Promise<(Digest | undefined)[]>
}

/** The worker script, compiled; absent when running from TypeScript sources (tests). */
const WORKER = new URL('./digest-worker.js', import.meta.url)

/**
 * `digestFilesSync`, started on a worker thread when `threaded` (and the worker is compiled),
 * so that this thread is free until it calls `help()`; the worker reads what it knows of the
 * files from the cache file at `cache`. If the thread fails, the files it did not report are
 * digested here instead: the digests are the same either way. Without a thread, every file is
 * digested here, when `help()` is called.
 */
export function digestFiles(files: readonly string[], threaded: boolean, cache?: string): Digesting {
  if (!threaded || !existsSync(fileURLToPath(WORKER))) {
    let resolve!: (digests: (Digest | undefined)[]) => void
    const done = new Promise<(Digest | undefined)[]>((r) => (resolve = r))
    return { help: (knownOf) => resolve(digestFilesSync(files, knownOf)), done }
  }
  const next = new Int32Array(new SharedArrayBuffer(4))
  const digests: (Digest | undefined)[] = new Array<Digest | undefined>(files.length).fill(undefined)
  const filled = new Uint8Array(files.length)
  const take = (claimed: Claimed): void =>
    claimed.at.forEach((i, k) => {
      digests[i] = claimed.digests[k]
      filled[i] = 1
    })
  let helper: KnownOf = nothingKnown
  const worker = new Worker(WORKER, { workerData: { files, next, cache } })
  const done = new Promise<(Digest | undefined)[]>((resolve) => {
    let settled = false
    const settle = (claimed: Claimed | undefined): void => {
      if (settled) return
      settled = true
      if (claimed) take(claimed)
      // A thread that failed may have claimed files it never reported.
      for (let i = 0; i < files.length; i++) if (!filled[i]) digests[i] = tryDigest(files[i]!, helper(files[i]!))
      resolve(digests)
    }
    worker.once('message', (claimed: Claimed) => settle(claimed))
    // 'exit' also follows the message: then there is nothing left to do.
    worker.once('error', () => settle(undefined))
    worker.once('exit', () => settle(undefined))
  })
  return {
    help: (knownOf = nothingKnown) => {
      helper = knownOf
      take(digestClaimed(files, next, knownOf))
    },
    done,
  }
}
