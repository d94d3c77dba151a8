/**
 * A path below a folder, by slicing: what `path.relative` gives for a file under the folder,
 * without its work (it resolves both paths). Used for every file of a run (files.ts) and for
 * each file's name in the cache (cache-line.ts, loaded by the digest thread: nothing heavy here).
 */
import { sep } from 'node:path'

/** `path` from `dir` when `path` is under it (both absolute and normalized, as `resolve` makes them), else undefined. */
export function below(path: string, dir: string): string | undefined {
  const base = dir.endsWith(sep) ? dir : dir + sep
  return path.startsWith(base) && path.length > base.length ? path.slice(base.length) : undefined
}
