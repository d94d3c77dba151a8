/**
 * What a `--cache` line says before its record: the file's name, the digest of its bytes and
 * its stamp. The digest thread (digest-worker.ts) reads these, and only these, to know a
 * file's digest without reading the file; it loads nothing of the linter.
 *
 * A line is `["<name>","<hash>",<stamp>,…record's head]`, a tab, the record's messages (cache.ts).
 */
import { closeSync, readSync, type Stats } from 'node:fs'
import { dirname, relative, sep } from 'node:path'
import { openRegularFile } from './special-files.js'

/**
 * 5: a record's messages after a tab, read only when a report asks for them, and their
 * counts in the head before it. 4: a stamp per file, and its record packed (`packRecord`): less than half the bytes of 3,
 * which wrote each message as the report does, its rule's URL included. 3: one line per file,
 * so a warm run writes the lines of unchanged files back as it read them (2 was one JSON
 * object, parsed and serialized whole on every run; 1 keyed files from the working directory).
 */
export const CACHE_FORMAT = 5

/**
 * What `stat` said of a file when its bytes were hashed: size, modification time, change time
 * (ms) and inode. While `stat` still says exactly this, the file holds the bytes hashed then,
 * and its digest is known without reading it, as git knows an unchanged file from its index.
 * The change time is the one a program cannot set back (`utimes` sets the other two): a write,
 * a rename over the file or a `touch` makes it the time of that change.
 */
export type Stamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number]

/**
 * A file changed this recently (ms) when hashed gets no stamp (0), and is read again next
 * time. A file system keeps times in ticks (a few ms; FAT's modification time, 2 s): a file
 * written twice within one tick has one time for two contents, and the stamp taken between the
 * writes would match the second. A stamp is only taken of a file whose times are older than
 * this, so any later change gives it a later change time.
 */
export const SETTLED_MS = 3000

/** The stamp of a file `stat` describes, as of `now`; 0 when it changed too recently to tell a later change by its times. */
export function stampOf(stat: Stats, now = Date.now()): Stamp | 0 {
  if (Math.max(stat.mtimeMs, stat.ctimeMs) > now - SETTLED_MS) return 0
  return [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino]
}

/** Whether `stat` describes the file as `stamp` does (a 0 stamp matches nothing). */
export function matches(stamp: Stamp | 0, stat: Stats): boolean {
  return stamp !== 0 && stat.isFile() && stamp[0] === stat.size && stamp[1] === stat.mtimeMs && stamp[2] === stat.ctimeMs && stamp[3] === stat.ino
}

/** A file's digest and its stamp when hashed, as a cache line or a hash gives them. */
export interface Known {
  hash: string
  stamp: Stamp | 0
}

export const isStamp = (value: unknown): value is Stamp | 0 =>
  value === 0 || (Array.isArray(value) && value.length === 4 && value.every((v) => typeof v === 'number' && Number.isFinite(v)))

/** `["<name>","<hash>",<stamp>,`: the JSON string of the name, a hash (no quote or backslash in it), and 0 or an array of numbers. */
const PREFIX = /^\["((?:[^"\\]|\\.)*)","([^"\\]*)",(0|\[[^[\]"]*\]),/

/** The name, hash and stamp a cache line starts with; undefined for a line that does not start as one. */
export function linePrefix(line: string): (Known & { name: string }) | undefined {
  const m = PREFIX.exec(line)
  if (!m) return undefined
  try {
    const name = JSON.parse(`"${m[1]!}"`) as string
    const stamp = JSON.parse(m[3]!) as unknown
    return isStamp(stamp) ? { name, hash: m[2]!, stamp } : undefined
  } catch {
    return undefined
  }
}

/** Bytes of a line's start decoded to find its prefix: most names are short; a longer line is decoded again up to `MAX_PREFIX_BYTES`. */
const SHORT_PREFIX_BYTES = 512
/** The most bytes of a line's start read for its prefix; a line whose name is longer has no stamp for this reader, and its file is read. */
const MAX_PREFIX_BYTES = 4096
/** The cache file is read this much at a time, into one buffer. */
const CHUNK_BYTES = 1 << 20

/**
 * The digest and stamp of each file named in the cache at `path` (by cache name; a later line
 * wins), whatever the key: they depend on the file alone. Empty when there is no cache of this
 * format. Stamps of 0 are left out: they tell nothing.
 *
 * Only the start of each line is decoded, a chunk of the file at a time: the whole text would
 * be ~23 MB of fresh memory at the bench's 10,000 files (the file and its string), on the
 * thread that has the files to look at.
 */
export function readStamps(path: string, chunkBytes = CHUNK_BYTES): Map<string, Known> {
  const stamps = new Map<string, Known>()
  let fd: number
  try {
    // A FIFO or a device at the cache location is no cache (special-files.ts), not a wait.
    fd = openRegularFile(path).fd
  } catch {
    return stamps
  }
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes)
    /** The start of a line that a chunk's end cut, up to `MAX_PREFIX_BYTES`. */
    let carried: Buffer[] = []
    let carriedBytes = 0
    let header = true
    /** Take a whole line's start; false once the header says the cache is of another format. */
    const line = (start: Buffer): boolean => {
      if (header) {
        header = false
        try {
          return (JSON.parse(start.toString('utf8')) as { format?: unknown }).format === CACHE_FORMAT
        } catch {
          return false
        }
      }
      const prefix = linePrefix(start.toString('utf8', 0, Math.min(start.length, SHORT_PREFIX_BYTES))) ?? (start.length > SHORT_PREFIX_BYTES ? linePrefix(start.toString('utf8')) : undefined)
      if (prefix && prefix.stamp !== 0) stamps.set(prefix.name, { hash: prefix.hash, stamp: prefix.stamp })
      return true
    }
    for (let n = readSync(fd, buffer, 0, chunkBytes, null); n > 0; n = readSync(fd, buffer, 0, chunkBytes, null)) {
      // The bytes read this time: past them the buffer holds an earlier chunk's.
      const chunk = buffer.subarray(0, n)
      for (let at = 0; at < n; ) {
        const end = chunk.indexOf(10, at)
        // The line's start, as much of it as the carried part leaves room for.
        const start = chunk.subarray(at, Math.min(end === -1 ? n : end, at + MAX_PREFIX_BYTES - carriedBytes))
        if (end === -1) {
          // The line goes on in the next chunk: keep its start (a copy: the buffer is read into again).
          if (start.length > 0) carried.push(Buffer.from(start))
          carriedBytes += start.length
          break
        }
        const whole = carriedBytes === 0 ? start : Buffer.concat([...carried, start])
        carried = []
        carriedBytes = 0
        if (!line(whole)) return new Map()
        at = end + 1
      }
    }
    if (carriedBytes > 0 && !line(Buffer.concat(carried))) return new Map()
    return stamps
  } catch {
    return stamps
  } finally {
    closeSync(fd)
  }
}

/**
 * The name of `file` (absolute) in the cache at `cache` (absolute): its path from the
 * cache's folder. The same file has the same name whatever folder starkit runs from, and in
 * a checkout moved with its cache (a CI runner restoring `.starkit-cache/`).
 */
export function cacheName(cache: string, file: string): string {
  const base = dirname(cache) + sep
  // The common case, a file under the cache's folder, without path.relative's work.
  const rel = file.startsWith(base) ? file.slice(base.length) : relative(dirname(cache), file)
  return sep === '/' ? rel : rel.split(sep).join('/')
}
