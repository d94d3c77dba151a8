/**
 * The content digests `--cache` keys files by: SHA-256 of each file's bytes.
 *
 * A file whose stamp (cache-line.ts: size, times, inode) is what the cache recorded when it
 * was hashed is not read: its digest is the recorded one. Any other file is read and hashed,
 * and gets a stamp of its own. On the bench's 10,000 files a warm run read and hashed 134 MB,
 * ~0.5 s of a thread; a look at each file with `stat` takes a fraction of that.
 *
 * A look at the files with `stat` does not depend on the cache, so from `AUTO_THRESHOLD` files
 * on (with `--concurrency auto`, only past two cores: `digestThreadFor` in commands/lint.ts),
 * a worker thread (`digest-worker.ts`, which loads nothing of the linter) looks at them
 * while this thread parses the cache, and then this thread takes files from the same list
 * until none is left (`Digesting#help`) instead of waiting idle for the worker. The two claim
 * files through one shared counter, so each file is looked at once, by whichever thread gets
 * to it; the files to read and hash are shared the same way.
 */
import { createHash } from 'node:crypto'
import { closeSync, existsSync, readSync, statSync, type Stats } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { MAX_FILE_BYTES } from '../parse/limits.js'
import { matches, stamped, stampOf, type Known, type Stamp } from './cache-line.js'
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

/** What the cache knows of a file (absolute path; `index`, its place in the list digested), if anything. */
export type KnownOf = (file: string, index: number) => Known | undefined

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
  return files.map((file, i) => tryDigest(file, knownOf(file, i)))
}

/**
 * What `stat` said of each file of a list, four numbers a file in a shared buffer: size,
 * modification and change times, inode (a stamp's numbers, cache-line.ts). NaN: not looked at
 * yet; a size of -1: missing, unreadable or not a regular file.
 */
export type Looks = Float64Array

/** A `Looks` for `count` files, none looked at yet, shareable with a worker thread. */
export function newLooks(count: number): Looks {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, count) * 4 * Float64Array.BYTES_PER_ELEMENT)).fill(NaN)
}

/** Look at each file of `files` whose index this thread claims from `next[slot]` (shared), until none is left. */
export function lookClaimed(files: readonly string[], next: Int32Array, looks: Looks, slot = 0): void {
  for (let i = Atomics.add(next, slot, 1); i < files.length; i = Atomics.add(next, slot, 1)) {
    const stat = statOrNot(files[i]!)
    const at = i * 4
    if (stat === undefined || !stat.isFile()) looks[at] = -1
    else {
      looks[at + 1] = stat.mtimeMs
      looks[at + 2] = stat.ctimeMs
      looks[at + 3] = stat.ino
      looks[at] = stat.size
    }
  }
}

function statOrNot(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}

/** Whether the look at file `i` is what `stamp` recorded (a 0 stamp matches nothing). */
function looksAsStamped(looks: Looks, i: number, stamp: Stamp | 0): boolean {
  const at = i * 4
  return stamped(stamp, looks[at]!, looks[at + 1]!, looks[at + 2]!, looks[at + 3]!)
}

/** Digests of some of a list's files: `at[k]` is the index in the list of `digests[k]`. */
export interface Claimed {
  at: number[]
  digests: (Digest | undefined)[]
}

/** Read and hash the files of `files` at the indices of `todo` this thread claims from `next[slot]` (shared), until none is left. */
export function hashClaimed(files: readonly string[], todo: readonly number[], next: Int32Array, slot = 1): Claimed {
  const claimed: Claimed = { at: [], digests: [] }
  for (let k = Atomics.add(next, slot, 1); k < todo.length; k = Atomics.add(next, slot, 1)) {
    claimed.at.push(todo[k]!)
    claimed.digests.push(tryDigest(files[todo[k]!]!))
  }
  return claimed
}

/**
 * Digests under way: `look()` looks at files with `stat` on this thread until none is left
 * (nothing of the cache needed yet); `help(knownOf)` takes a share of the work on this thread,
 * with what the loaded cache knows; `done` has every digest, in order, once `help` has been
 * called and every file is digested.
 */
export interface Digesting {
  look(): void
  help(knownOf?: KnownOf): void
  done: Promise<(Digest | undefined)[]>
}

/**
 * Each file's digest where its look is what the cache recorded when it was hashed; `todo`, the
 * files to read and hash (not looked at, or not as recorded). A file that is missing or not a
 * regular file has none.
 */
function compareLooks(files: readonly string[], looks: Looks, knownOf: KnownOf): { digests: (Digest | undefined)[]; todo: number[] } {
  const digests: (Digest | undefined)[] = new Array<Digest | undefined>(files.length).fill(undefined)
  const todo: number[] = []
  for (let i = 0; i < files.length; i++) {
    // A file the worker claimed and never looked at (it failed): read and hashed.
    if (Number.isNaN(looks[i * 4])) {
      todo.push(i)
      continue
    }
    if (looks[i * 4] === -1) continue
    const k = knownOf(files[i]!, i)
    if (k !== undefined && looksAsStamped(looks, i, k.stamp)) digests[i] = { digest: k.hash, stamp: k.stamp }
    else todo.push(i)
  }
  return { digests, todo }
}

/** The worker script, compiled; absent when running from TypeScript sources (tests). */
const WORKER = new URL('./digest-worker.js', import.meta.url)

/** From this many files to read and hash on, the worker thread takes a share of them: below, sending them costs more than it saves. */
export const SHARED_HASHING = 32

/** What the digest thread is sent once the looks are compared: the indices of the files to read and hash (a share of them), or none. */
export type HashOrder = number[] | null

/**
 * `digestFilesSync`, in two steps that a worker thread shares when `threaded` (and the worker is
 * compiled). First each file is looked at with `stat`, which needs nothing of the cache: the
 * worker starts at once, while this thread parses the cache, and this thread looks at what is
 * left when it calls `help()`. Then this thread compares each look with the stamp the cache
 * has (cache-line.ts): a file that looks as it did when hashed has its recorded digest. The
 * others are read and hashed, by both threads when there are many (a fresh checkout touches
 * every file). The worker read the cache file itself until session 12, to compare as it
 * looked: ~0.15 s of a warm run at 10,000 files before its first look.
 *
 * If the thread fails, what it did not report is done here: the digests are the same either
 * way. Without a thread, every file is looked at here when `look()` or `help()` is called, and
 * compared and, where it must be, read and hashed here once `help()` gives what the cache knows.
 */
export function digestFiles(files: readonly string[], threaded: boolean): Digesting {
  let helped!: (knownOf: KnownOf) => void
  const known = new Promise<KnownOf>((resolve) => (helped = resolve))
  // [0]: the next file to look at; [1]: the next of the files to hash.
  const next = new Int32Array(new SharedArrayBuffer(8))
  const looks = newLooks(files.length)
  const look = (): void => lookClaimed(files, next, looks)
  // This thread looks at what is left, then the digests are made with what the cache knows.
  const help = (knownOf: KnownOf = nothingKnown): void => {
    look()
    helped(knownOf)
  }
  if (!threaded || !existsSync(fileURLToPath(WORKER))) {
    // Every file looked at and hashed here: by `look()`, while the cache file is still being
    // read (a warm run on two cores waited ~0.03-0.05 s for it), or by `help`.
    const done = known.then((knownOf) => {
      const { digests, todo } = compareLooks(files, looks, knownOf)
      for (const i of todo) digests[i] = tryDigest(files[i]!)
      return digests
    })
    return { look, help, done }
  }
  const worker = new Worker(WORKER, { workerData: { files, next, looks } })
  let failed = false
  const message = (): Promise<unknown> =>
    new Promise((resolve) => {
      if (failed) return resolve(undefined)
      const settle = (value: unknown): void => {
        worker.off('message', settle)
        worker.off('error', fail)
        worker.off('exit', fail)
        resolve(value)
      }
      const fail = (): void => {
        failed = true
        settle(undefined)
      }
      worker.on('message', settle)
      worker.once('error', fail)
      worker.once('exit', fail)
    })
  // The worker says when it has no file left to look at.
  const looked = message()
  const done = (async () => {
    const knownOf = await known
    await looked
    const { digests, todo } = compareLooks(files, looks, knownOf)
    const share = !failed && todo.length >= SHARED_HASHING
    const theirs = share ? message() : undefined
    worker.postMessage((share ? todo : null) satisfies HashOrder)
    const mine = hashClaimed(files, todo, next)
    const reported = (await theirs) as Claimed | undefined
    for (const claimed of reported ? [mine, reported] : [mine]) claimed.at.forEach((i, k) => (digests[i] = claimed.digests[k]))
    // Files the worker claimed and did not report (it failed): read and hashed here.
    if (share && !reported) {
      const at = new Set([...mine.at])
      for (const i of todo) if (!at.has(i)) digests[i] = tryDigest(files[i]!)
    }
    return digests
  })()
  return { look, help, done }
}
