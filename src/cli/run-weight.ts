/**
 * What this thread is about to do, for the bin to size its heap by (V8 flags are the bin's,
 * bin/starkit.js; a program that calls `main` itself sets none).
 *
 * - `light`: the run reads more than it makes. A `--cache` run over files that are mostly
 *   unchanged keeps each cached file's line for the whole run, and makes little that dies
 *   young: its cache heads, records and report survive. V8 grows a young generation that
 *   keeps surviving (to 16 MB a semi-space), and every page it grows into is a page fault
 *   and memory the scavenges copy the same survivors through; and a full collection of a
 *   heap that only gains what lives finds little to free. The bin keeps the young generation
 *   as it is and lets V8 grow the old one as it decides.
 * - `heavy`: the run parses files here, or starts worker threads: what it makes mostly dies
 *   young, and a young generation kept small promotes it into the old one before it dies.
 *
 * `lintPaths` says `light` when it has a cache, and `heavy` as soon as it knows it has more
 * than `LIGHT_FILES` files to lint here, or other shards' frontmatter to read; a pool says
 * `heavy` when it starts worker threads (pool.ts), for any command.
 */
export type RunWeight = 'light' | 'heavy'

let hook: ((weight: RunWeight) => void) | undefined

/** Set what is called when a run says what it is about to do (the bin's; one at a time). */
export function onRunWeight(next: ((weight: RunWeight) => void) | undefined): void {
  hook = next
}

/** Say what this thread is about to do. */
export function runWeight(weight: RunWeight): void {
  hook?.(weight)
}

/**
 * At most this many files to lint, on this thread, keep a cached run `light`. Measured with
 * the bench's 10,000-file cache and the young generation kept small (alternated runs, the
 * changes before each run undone after it): 1 file changed 0.63 s against 0.70 s, 10 files
 * 0.86 s against 0.94 s, 25 files 1.01 s against 1.04 s, 50 files 1.61 s against 1.50 s.
 */
export const LIGHT_FILES = 24
