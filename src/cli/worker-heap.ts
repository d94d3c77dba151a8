import type { ResourceLimits } from 'node:worker_threads'

/** What a pool's worker threads do: the commands' work allocates differently. */
export type WorkerKind = 'lint' | 'build' | 'convert'

/**
 * Young generation sizes (MB) of starkit's worker threads, by the work they do. Parsing
 * Markdown allocates a lot of short-lived objects (micromark's events, tokens and points);
 * with V8's default young generation of a few MB, each scavenge copied the live part of a
 * whole parse, and a 1,000-file lint spent about a third of its time in scavenges: workers got
 * 96 MB. Since lint parses a scenario in stretches (parse/chunked.ts) and convert a page as
 * plain paragraphs, less of a parse is alive at a scavenge, and a young generation that large
 * is memory the thread touches (each page of it faulted in once, ~11 µs a page on the bench's
 * VM) for nothing (session 17, alternated runs):
 *
 * - lint, 10,000 files: 32 MB, 20.8 and 22.4 s, peak 228–234 MB; 96 MB, 22.2 and 22.6 s, peak
 *   321–324 MB; 1,000 files: 4.3–5.1 s against 4.3–5.4 s, peak 189–207 MB against 253–275 MB;
 * - convert, 1,000 pages: 16 MB, 2.9–3.1 s against 3.1–3.3 s; 3,000 pages 7.5–8.5 s against
 *   8.1–8.6 s, peak 194 MB against 304 MB;
 * - build, which also renders every page on the same threads, kept 96 MB then (with 32 MB,
 *   28.0 and 30.6 s against 26.1 and 28.9 s, two runs each). Measured again in session 27,
 *   after ten sessions of changes to lint and build, less is faster (alternated, three pairs
 *   at 10,000 files and six at 2,000, every pair faster): 10,000 files, 48 MB 23.81 s against
 *   96 MB 24.85 s, then 32 MB 22.41 s against 48 MB 22.82 s, peak 322 MB against 410 MB with
 *   96; 2,000 files, 32 MB 5.95 s against 96 MB 6.23 s, peak 225 MB against 302 MB.
 */
const YOUNG_GENERATION_MB: Record<WorkerKind, number> = { lint: 32, build: 32, convert: 16 }

/** The heap settings of a worker thread that does `kind` of work. */
export function workerResourceLimits(kind: WorkerKind): ResourceLimits {
  return { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB[kind] }
}
