import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import writeFileAtomic from 'write-file-atomic'
import type { ResolvedConfig } from '../rules/config.js'
import type { FileRecord } from '../rules/lint.js'
import { VERSION } from './context.js'

/** The default `--cache-location`. */
export const DEFAULT_CACHE = '.starkit-cache/lint.json'
const FORMAT = 1

interface CacheFile {
  format: number
  /** starkit version + resolved config + rule set: any change empties the cache. */
  key: string
  files: Record<string, { hash: string; record: FileRecord }>
}

export function hash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** What every cached result depends on besides the file itself. */
export function cacheKey(config: ResolvedConfig, fix: boolean): string {
  const rules = config.rules.map((r) => [r.rule.id, r.severity, r.options])
  return hash(new TextEncoder().encode(JSON.stringify([FORMAT, VERSION, fix, rules, config.settings])))
}

/** Cached records by path, for this key (empty when the file is missing, unreadable or from another key). */
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
