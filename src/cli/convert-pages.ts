/**
 * `starkit convert`'s per-page work (read, convert, write the Markdown text) and the worker
 * threads that spread it (`--concurrency`). The page work is the same function in a worker
 * and in this thread, and its outcome is plain JSON, so a run gives the same outcome for
 * every page whatever the threads; the command decides, writes and reports in page order.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { convert, type ConvertReport, type ConvertResult } from '../convert/index.js'
import { write } from '../emit/markdown.js'
import type { Diagnostic } from '../report/diagnostic.js'
import { toDiagnostic } from '../rules/lint.js'
import { WORKER_RESOURCE_LIMITS } from './worker-heap.js'

/** One page of a run: where it is on disk, and the path messages show. */
export interface PageJob {
  file: string
  shown: string
}

/** What became of one page, before the command decides whether and where to write it. */
export type PageOutcome =
  | { readError: string }
  | {
      /** Messages to show and report (notes excluded, as the terminal shows them). */
      messages: Diagnostic[]
      complete: boolean
      id: string | null
      /** The canonical Markdown, or null when the page cannot be written (not a walkthrough, no id). */
      markdown: string | null
      report: ConvertReport
    }

/** Whether a converted page can be written: a walkthrough with an id. */
function writable(result: ConvertResult): boolean {
  const blocked = result.file.messages.some((m) => m.source === 'convert' && ['not-a-walkthrough', 'empty', 'not-text'].includes(m.ruleId ?? ''))
  return !blocked && typeof result.scenario.id === 'string'
}

/** Read and convert one page. Never throws on content; an unreadable file is its error code. */
export function convertPage(job: PageJob): PageOutcome {
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(readFileSync(job.file))
  } catch (error) {
    return { readError: (error as NodeJS.ErrnoException).code ?? 'error' }
  }
  const result = convert(bytes, { path: job.shown })
  return {
    messages: result.file.messages.filter((m) => m.fatal !== undefined).map(toDiagnostic),
    complete: result.complete,
    id: typeof result.scenario.id === 'string' ? result.scenario.id : null,
    markdown: writable(result) ? write(result.scenario) : null,
    report: result.report,
  }
}

/** Pages sent to a worker at a time. */
const BATCH = 8
/** How far (in pages) the workers may run ahead of the page the command is at: bounds the memory held. */
const AHEAD = 256

/** The worker script, compiled; absent when running from TypeScript sources (tests), where pages convert in this thread. */
const WORKER = new URL('./convert-worker.js', import.meta.url)

/** The outcomes of a run's pages, asked for in order. */
export interface PageOutcomes {
  /** The outcome of page `index`; call for 0, 1, 2 … in turn. */
  get(index: number): Promise<PageOutcome>
  /** Stop the workers. */
  close(): Promise<void>
}

/** Convert `jobs` on `threads` worker threads (0: in this thread, page by page as asked). */
export function convertPages(jobs: readonly PageJob[], threads: number): PageOutcomes {
  if (threads === 0 || !existsSync(fileURLToPath(WORKER))) {
    return {
      // Yield first, so the writes in flight get their callbacks between pages.
      get: (index) => new Promise((resolve) => setImmediate(() => resolve(convertPage(jobs[index]!)))),
      close: async () => {},
    }
  }
  const settle: { resolve: (o: PageOutcome) => void; reject: (e: unknown) => void }[] = []
  const outcomes = jobs.map((_, i) => new Promise<PageOutcome>((resolve, reject) => void (settle[i] = { resolve, reject })))
  // An outcome asked for later may fail before anyone awaits it: keep that from being an unhandled rejection.
  for (const o of outcomes) o.catch(() => {})
  let next = 0
  let asked = 0
  const idle: Worker[] = []
  const feed = (worker: Worker): void => {
    if (next >= jobs.length || next >= asked + AHEAD) return void idle.push(worker)
    const batch = jobs.slice(next, next + BATCH).map((job, k) => ({ index: next + k, job }))
    next += batch.length
    worker.postMessage(batch)
  }
  const fail = (error: unknown): void => {
    for (let i = 0; i < jobs.length; i++) settle[i]!.reject(error)
  }
  const workers = Array.from({ length: Math.min(threads, Math.ceil(jobs.length / BATCH)) }, () => {
    const worker = new Worker(WORKER, { resourceLimits: WORKER_RESOURCE_LIMITS })
    worker.on('message', (done: { index: number; outcome: PageOutcome }[]) => {
      for (const { index, outcome } of done) settle[index]!.resolve(outcome)
      feed(worker)
    })
    worker.on('error', fail)
    // Outcomes already given stay given; any other is lost with the worker.
    worker.on('exit', (code) => fail(new Error(`Unexpected exit of a convert worker (code ${code})`)))
    return worker
  })
  for (const worker of workers) feed(worker)
  return {
    get(index) {
      asked = Math.max(asked, index)
      while (idle.length > 0 && next < jobs.length && next < asked + AHEAD) feed(idle.pop()!)
      return outcomes[index]!
    },
    async close() {
      await Promise.all(workers.map((w) => w.removeAllListeners('exit').terminate()))
    },
  }
}
