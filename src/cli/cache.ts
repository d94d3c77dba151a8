import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, relative, sep } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { ResolvedConfig } from '../rules/config.js'
import type { FileRecord } from '../rules/lint.js'
import { VERSION } from './context.js'

/** The default `--cache-location`. */
export const DEFAULT_CACHE = '.starkit-cache/lint.json'
/** 2: files keyed by their path from the cache's folder (1 keyed them from the working directory). */
const FORMAT = 2

interface CacheFile {
  format: number
  /** starkit version + resolved config + rule set: any change empties the cache. */
  key: string
  /** By the file's path relative to the folder that holds the cache, `/`-separated. */
  files: Record<string, { hash: string; record: FileRecord }>
}

/**
 * The name of `file` (absolute) in the cache at `cache` (absolute): its path from the
 * cache's folder. The same file has the same name whatever folder starkit runs from, and in
 * a checkout moved with its cache (a CI runner restoring `.starkit-cache/`).
 */
export function cacheName(cache: string, file: string): string {
  return relative(dirname(cache), file).split(sep).join('/')
}

export function hash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** What every cached result depends on besides the file itself. */
export function cacheKey(config: ResolvedConfig, fix: boolean): string {
  const rules = config.rules.map((r) => [r.rule.id, r.severity, r.options])
  return hash(new TextEncoder().encode(JSON.stringify([FORMAT, VERSION, fix, rules, config.settings])))
}

/** Cached records by cache name (`cacheName`), for this key (empty when the file is missing, unreadable or from another key). */
export function loadCache(path: string, key: string): Map<string, { hash: string; record: FileRecord }> {
  try {
    const cache = JSON.parse(readFileSync(path, 'utf8')) as CacheFile
    if (cache.format !== FORMAT || cache.key !== key) return new Map()
    return new Map(Object.entries(cache.files))
  } catch {
    return new Map()
  }
}

export async function saveCache(path: string, key: string, entries: Map<string, { hash: string; record: FileRecord }>): Promise<void> {
  const files: CacheFile['files'] = {}
  for (const [p, e] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) files[p] = e
  await writeFileAtomic(path, JSON.stringify({ format: FORMAT, key, files } satisfies CacheFile))
}
