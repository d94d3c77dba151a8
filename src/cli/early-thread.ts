/**
 * `starkit convert`'s worker thread, started by the bin before it loads the CLI's bundle.
 *
 * A worker thread takes ~0.25 s from its start to its first page (Node's start of a thread,
 * then the bundle's converter loaded and compiled), and the pool used to start it only once
 * the command had loaded (~0.13 s) and listed its pages: for the first ~0.4 s of a run only
 * the main thread converted. Started by the bin, the thread loads while the main thread does:
 * its first page came ~0.14 s sooner, the main thread's ~0.03 s later (the two load at once).
 * 1,000 pages, alternated: 1.82 s against 1.85 s (means of ten pairs, nine faster; and of
 * eight, six faster), 1 and 100 pages the same (docs/performance.md, session 26).
 *
 * The bin starts it only for a run that will want it (`wantsEarlyThread`): the convert
 * command, threads not turned off, and, on `auto`, at least `CONVERT_AUTO_THRESHOLD` pages in
 * the paths given, counted from their listing (files named, and `.txt` files of folders named,
 * not of their sub-folders). A thread started for nothing cost a run of one page ~25 ms. The
 * count is only a guess of `collectPages` (commands/convert.ts): where it is wrong the run is the
 * same, with the thread started by the pool, or started and stopped unused.
 *
 * Plain module state is no use here: the bin loads this file from lib/cli, the bundle has its
 * own copy. The bin hands the thread to the bundle's pool (`useEarlyThread` in pool.ts), which
 * takes it as its first worker, or stops it.
 */
import { readdirSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { workerResourceLimits } from './worker-heap.js'

/**
 * Convert's: below this many pages, one thread (its optimizing compiler on the idle core)
 * converts them faster than two that each warm up on their own. Alternated against
 * `--concurrency off`, six pairs each: 200 pages a median 1.07 and 1.08 times as long on two
 * threads, 300 pages 0.97 and 0.99, 400 pages 0.94 (docs/performance.md, session 23).
 */
export const CONVERT_AUTO_THRESHOLD = 300

/** A worker thread started for a convert, and the memory it shares with the pool that takes it. */
export interface EarlyThread {
  worker: Worker
  /** The pool's `halted` flag: which stream of page writes a failed write stopped. */
  halted: Int32Array
  /** The pool's write gate (site-write.ts). */
  writeGate: Int32Array
}

/** What `convert`'s pool sends its worker threads: no config, no options but the defaults. */
export const CONVERT_OPTIONS = { fix: false, keepScenario: false } as const

/** The value of `--name value` or `--name=value` among `args`, the last one given. */
function optionValue(args: readonly string[], name: string): string | undefined {
  let value: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === name) value = args[++i]
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1)
  }
  return value
}

/** Options of `convert` that take a value: their values are not paths. */
const VALUED = new Set(['-o', '--out-dir', '--report', '--concurrency'])

/** Whether the command line (without `node` and the bin) is a convert that will start a worker thread; `pagesIn` counts pages up to a bound. */
export function wantsEarlyThread(args: readonly string[], cwd: string, cores = availableParallelism(), pagesIn = countPages): boolean {
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') {
      positional.push(...args.slice(i + 1))
      break
    }
    if (VALUED.has(arg)) i++
    else if (!arg.startsWith('-')) positional.push(arg)
  }
  if (positional[0] !== 'convert' || args.includes('--help') || args.includes('-h')) return false
  const concurrency = optionValue(args, '--concurrency') ?? 'auto'
  // Convert runs `n - 1` workers besides this thread (commands/convert.ts).
  if (concurrency !== 'auto') return /^\d+$/.test(concurrency) && Number(concurrency) >= 2
  return cores >= 2 && pagesIn(positional.slice(1), cwd, CONVERT_AUTO_THRESHOLD) >= CONVERT_AUTO_THRESHOLD
}

/** Whether a file of a folder given to convert is a page by its name: a `.txt` file, not a hidden one (`collectPages` reads the same). */
export const isPageName = (name: string): boolean => !name.startsWith('.') && name.toLowerCase().endsWith('.txt')

/** Pages in `paths`, counted up to `bound`: a file is one, a folder its `.txt` files (not its sub-folders'); what cannot be read, none. */
export function countPages(paths: readonly string[], cwd: string, bound: number): number {
  let pages = 0
  for (const path of paths) {
    if (pages >= bound) break
    const abs = resolve(cwd, path)
    try {
      if (!statSync(abs).isDirectory()) pages++
      else for (const name of readdirSync(abs)) if (isPageName(name)) pages++
    } catch {
      // Not there, or not readable: the command says so.
    }
  }
  return pages
}

/**
 * Start convert's worker thread from `script` (the bundle's worker), as the pool would start it.
 * Unreferenced: a run that ends before its pool takes the thread (a usage error, no pages) is
 * not kept waiting for it.
 */
export function startEarlyThread(script: URL): EarlyThread {
  const halted = new Int32Array(new SharedArrayBuffer(4))
  // The gate as site-write.ts's `newWriteGate` makes it, not imported: its modules cost the bin ~15 ms.
  const writeGate = new Int32Array(new SharedArrayBuffer(8))
  const worker = new Worker(script, { workerData: { source: undefined, options: CONVERT_OPTIONS, halted, writeGate }, resourceLimits: workerResourceLimits('convert') })
  worker.unref()
  return { worker, halted, writeGate }
}
