import { closeSync, fstatSync, readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { dirname, relative, sep } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { ResolvedConfig } from '../rules/config.js'
import type { FileRecord } from '../rules/lint.js'
import { VERSION } from './context.js'
import { hash } from './digest.js'
import { openRegularFile } from './special-files.js'
import { compareCodeUnits } from '../model/order.js'

/** The default `--cache-location`. */
export const DEFAULT_CACHE = '.starkit-cache/lint.ndjson'
/**
 * 3: one line per file, so a warm run writes the lines of unchanged files back as it read
 * them (2 was one JSON object, parsed and serialized whole on every run; 1 keyed files from
 * the working directory).
 */
const FORMAT = 3

/**
 * One file's cached result. The record has no path: a hit is shown with the current run's
 * path (the cache may be read from another folder).
 */
export interface CacheEntry {
  hash: string
  record: Omit<FileRecord, 'path'>
  /** The entry's line as it was read, written back unchanged while the file is. */
  line?: string
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

/** What every cached result depends on besides the file itself. */
export function cacheKey(config: ResolvedConfig, fix: boolean): string {
  const rules = config.rules.map((r) => [r.rule.id, r.severity, r.options])
  return hash(new TextEncoder().encode(JSON.stringify([FORMAT, VERSION, fix, rules, config.settings])))
}

/** A loaded cache: its entries, and what the next save needs to know of the file. */
export interface LoadedCache {
  entries: Map<string, CacheEntry>
  /** Entry lines in the file: damaged ones, and earlier lines of a name a later line replaced, included. */
  lines: number
  /** The file as it was read, when it was of this format and key: a save may append to it while it is still that file. */
  file?: { dev: number; ino: number; size: number; endsWithNewline: boolean }
}

/**
 * Cached entries by cache name (`cacheName`), for this key: none when the file is missing,
 * unreadable, of another format or from another key. A line that does not read as an entry
 * is left out (its file is linted again), never a failed run.
 *
 * The file: a header line `{"format":3,"key":"…"}`, then `["<name>","<hash>",<record>]` per
 * file. A full write sorts the lines by name; a save that only adds or replaces a few
 * entries appends their lines instead, and a later line for a name replaces an earlier one.
 */
export function loadCache(path: string, key: string): LoadedCache {
  const entries = new Map<string, CacheEntry>()
  const none: LoadedCache = { entries, lines: 0 }
  let text: string
  let stat: { dev: number; ino: number; size: number }
  try {
    // A FIFO or a device at the cache location is no cache (special-files.ts), not a wait.
    const { fd } = openRegularFile(path)
    try {
      stat = fstatSync(fd)
      text = readFileSync(fd, 'utf8')
    } finally {
      closeSync(fd)
    }
  } catch {
    return none
  }
  const lines = text.split('\n')
  try {
    const header = JSON.parse(lines[0]!) as { format?: unknown; key?: unknown }
    if (header.format !== FORMAT || header.key !== key) return none
  } catch {
    return none
  }
  let count = 0
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!
    if (line === '') continue
    count++
    try {
      const [name, digest, record] = JSON.parse(line) as [unknown, unknown, CacheEntry['record']]
      if (typeof name === 'string' && typeof digest === 'string' && record && Array.isArray(record.messages) && Array.isArray(record.directives))
        entries.set(name, { hash: digest, record, line })
    } catch {
      // A damaged line: that file is a miss.
    }
  }
  return { entries, lines: count, file: { dev: stat.dev, ino: stat.ino, size: stat.size, endsWithNewline: text.endsWith('\n') } }
}

/** Lines in the file that no entry uses, beyond which a save writes the whole file again: at least this many, or a quarter of the entries. */
export const STALE_LINES = 64

/**
 * Save `entries` (each with its line as read, if it has one). When the file is still the one
 * loaded, and would hold few lines no entry uses, only the new lines are appended: a warm run
 * with one file changed writes one line, not the 24 MB of the bench's 10,000 files. Else the
 * whole file is written again, sorted (write-file-atomic). Nothing is written when no entry is
 * new and the file can stay. An append cut short (a killed run) leaves at worst one damaged
 * line, which the next run reads as a miss. Another run that rewrote the file in between gave it
 * a new inode (a rename) or a new size: then this one rewrites it whole.
 */
export async function saveCache(path: string, key: string, entries: ReadonlyMap<string, CacheEntry>, loaded: LoadedCache): Promise<void> {
  const fresh = [...entries].filter(([, e]) => e.line === undefined)
  const stale = loaded.lines + fresh.length - entries.size
  if (loaded.file && stale <= Math.max(STALE_LINES, entries.size / 4)) {
    if (fresh.length === 0) return
    const text = fresh.map(([name, e]) => JSON.stringify([name, e.hash, e.record]) + '\n').join('')
    if (await append(path, loaded.file, loaded.file.endsWithNewline ? text : '\n' + text)) return
  }
  const names = [...entries.keys()].sort(compareCodeUnits)
  const lines = [JSON.stringify({ format: FORMAT, key })]
  for (const name of names) {
    const e = entries.get(name)!
    lines.push(e.line ?? JSON.stringify([name, e.hash, e.record]))
  }
  await writeFileAtomic(path, lines.join('\n') + '\n')
}

/** Append `text` to `path` if it is still the file `was`; whether it did. */
async function append(path: string, was: NonNullable<LoadedCache['file']>, text: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'a')
  } catch {
    return false
  }
  try {
    const now = await handle.stat()
    if (now.dev !== was.dev || now.ino !== was.ino || now.size !== was.size) return false
    await handle.write(text)
    await handle.datasync()
    return true
  } finally {
    await handle.close()
  }
}
