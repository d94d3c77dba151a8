/**
 * What a `--cache` line says before its record: the file's name, the digest of its bytes and
 * its stamp, by which a file is known without reading it (digest.ts). The digest thread
 * (digest-worker.ts) loads this module, and nothing of the linter.
 *
 * A line is `["<name>","<hash>",<stamp>,…record's head]`, a tab, the spans of the record's
 * front, a tab, the record's messages (cache.ts).
 */
import type { Stats } from 'node:fs'
import { dirname, relative, sep } from 'node:path'
import { below } from './paths.js'

/**
 * 7: a record's messages in the report's order, and their length in UTF-8 bytes: a JSON
 * report copies them from the line's bytes (packed-json.ts).
 * 6: a front's spans between the head and the messages, after a tab of their own, read only
 * when a cross-file finding asks for them (in 5 they were in the head, read for every line).
 * 5: a record's messages after a tab, read only when a report asks for them, and their
 * counts in the head before it. 4: a stamp per file, and its record packed (`packRecord`): less than half the bytes of 3,
 * which wrote each message as the report does, its rule's URL included. 3: one line per file,
 * so a warm run writes the lines of unchanged files back as it read them (2 was one JSON
 * object, parsed and serialized whole on every run; 1 keyed files from the working directory).
 */
export const CACHE_FORMAT = 7

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
  return stat.isFile() && stamped(stamp, stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino)
}

/** Whether a regular file's size, times and inode are what `stamp` recorded (a 0 stamp matches nothing). */
export function stamped(stamp: Stamp | 0, size: number, mtimeMs: number, ctimeMs: number, ino: number): boolean {
  return stamp !== 0 && stamp[0] === size && stamp[1] === mtimeMs && stamp[2] === ctimeMs && stamp[3] === ino
}

/** A file's digest and its stamp when hashed, as a cache line or a hash gives them. */
export interface Known {
  hash: string
  stamp: Stamp | 0
}

export const isStamp = (value: unknown): value is Stamp | 0 =>
  value === 0 || (Array.isArray(value) && value.length === 4 && value.every((v) => typeof v === 'number' && Number.isFinite(v)))

/**
 * The name of `file` (absolute) in the cache at `cache` (absolute): its path from the
 * cache's folder. The same file has the same name whatever folder starkit runs from, and in
 * a checkout moved with its cache (a CI runner restoring `.starkit-cache/`).
 */
export function cacheName(cache: string, file: string): string {
  // The common case, a file under the cache's folder, without path.relative's work.
  const rel = below(file, dirname(cache)) ?? relative(dirname(cache), file)
  return sep === '/' ? rel : rel.split(sep).join('/')
}
