import { readFileSync } from 'node:fs'
import { dirname, relative, sep } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { ResolvedConfig } from '../rules/config.js'
import type { FileRecord } from '../rules/lint.js'
import { VERSION } from './context.js'
import { hash } from './digest.js'

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

/**
 * Cached entries by cache name (`cacheName`), for this key: none when the file is missing,
 * unreadable, of another format or from another key. A line that does not read as an entry
 * is left out (its file is linted again), never a failed run.
 *
 * The file: a header line `{"format":3,"key":"…"}`, then `["<name>","<hash>",<record>]` per
 * file, sorted by name.
 */
export function loadCache(path: string, key: string): Map<string, CacheEntry> {
  const entries = new Map<string, CacheEntry>()
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return entries
  }
  const lines = text.split('\n')
  try {
    const header = JSON.parse(lines[0]!) as { format?: unknown; key?: unknown }
    if (header.format !== FORMAT || header.key !== key) return entries
  } catch {
    return entries
  }
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!
    if (line === '') continue
    try {
      const [name, digest, record] = JSON.parse(line) as [unknown, unknown, CacheEntry['record']]
      if (typeof name === 'string' && typeof digest === 'string' && record && Array.isArray(record.messages) && Array.isArray(record.directives))
        entries.set(name, { hash: digest, record, line })
    } catch {
      // A damaged line: that file is a miss.
    }
  }
  return entries
}

/** Write the cache: each entry's line as read when it has one, else the entry serialized. */
export async function saveCache(path: string, key: string, entries: ReadonlyMap<string, CacheEntry>): Promise<void> {
  const names = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const lines = [JSON.stringify({ format: FORMAT, key })]
  for (const name of names) {
    const e = entries.get(name)!
    lines.push(e.line ?? JSON.stringify([name, e.hash, e.record]))
  }
  await writeFileAtomic(path, lines.join('\n') + '\n')
}
