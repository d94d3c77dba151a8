import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { intern } from '../model/memo.js'
import type { ResolvedConfig } from '../rules/config.js'
import type { FileRecord } from '../rules/lint.js'
import type { ConvertJob, PageOutcome } from './convert-pages.js'
import { runTask, settleEntries, type BuildRecord, type Job, type JobOptions, type PackedRecord, type PageJob, type PageWritten, type Task, type TaskResult } from './lint-files.js'
import { UsageError } from './io.js'
import { runWeight } from './run-weight.js'
import { closeWriteGate, newWriteGate } from './site-write.js'
import { CONVERT_OPTIONS, type EarlyThread } from './early-thread.js'
import { workerResourceLimits, type WorkerKind } from './worker-heap.js'

/** Below this many files, threads cost more to start than they save. */
export const AUTO_THRESHOLD = 200
/** Convert's threshold (early-thread.ts, where the bin reads it too). */
export { CONVERT_AUTO_THRESHOLD } from './early-thread.js'
/** Tasks sent to a worker at a time (a run wants no more threads than batches). */
const BATCH = 16
/**
 * Batches a worker holds at once: the one it works on and the next, so it never waits for
 * this thread to answer (convert's main thread writes each page as it takes it). More would
 * only unbalance the last batches.
 */
const DEPTH = 2
/**
 * Batches of lint tasks a worker holds: one. Lint's main thread only collects records, so a
 * held batch saved nothing (10,000 files, alternated: 59.5 and 60.6 s with two, 59.6 and
 * 60.7 s with one), while the peak memory grew by 25–55 MB (372 and 390 MB against 347 and
 * 333 MB), past issue #7's bound on its growth from 1,000 files.
 */
const LINT_DEPTH = 1
/**
 * Batches of pages a worker holds at once while a build's main thread makes and writes the
 * index and the bundle (~1.4 s at 10,000 scenarios, in two stretches that answer no worker):
 * 64 batches are ~1 s of a worker's pages. With 16 (~0.26 s) each worker stood idle ~1.1 s of
 * a 10,000-scenario build, with 2 for most of that time. Once this thread takes pages again,
 * `Stream#shallow` brings it back to `DEPTH`, so the last batches end together.
 */
const PAGE_DEPTH = 64

/**
 * How many of the `left` tasks go in a worker's next batch, of `workers` threads. When the
 * main thread helps (convert), a worker's held batches are work it cannot take: at the run's
 * end it sat idle while a worker finished its two batches of 16 (~50 ms of 1,000 pages), so
 * the batches shrink as the tasks run out, to a share of what is left for each thread.
 */
export function batchSize(left: number, workers: number, helps: boolean): number {
  return helps ? Math.max(1, Math.min(BATCH, Math.ceil(left / (DEPTH * (workers + 1))))) : BATCH
}

/** `--concurrency <n|auto|off>` as a number of threads (0: lint in this thread); `auto` starts threads from `threshold` files on. */
export function threadsFor(setting: string, files: number, threshold = AUTO_THRESHOLD): number {
  if (setting === 'off') return 0
  if (setting === 'auto') {
    const cores = availableParallelism()
    return cores < 2 || files < threshold ? 0 : Math.min(cores, Math.ceil(files / 100))
  }
  if (!/^\d+$/.test(setting) || Number(setting) < 1) throw new UsageError(`Unexpected \`--concurrency ${setting}\`, expected a number, \`auto\` or \`off\``)
  return Number(setting)
}

/**
 * A result as a worker's `postMessage` hands it over: a copy that shares nothing with the
 * task's own data. A record's strings are often slices of the file's text (a message quoting
 * a key phrase, a frontmatter value), and V8 keeps a whole string alive for any slice of it:
 * kept for the run, 10,000 records linted in this thread held 248 MB of heap after a full GC,
 * against 55 MB copied (`test/cli/records-memory.test.ts`: ~24 KB a record against ~3.9 KB).
 * With threads, `postMessage` copies them.
 */
const detach = (result: TaskResult): TaskResult => structuredClone(result)

/**
 * `record` with one copy, for the whole run, of each rule id, severity and rule URL its
 * findings name (`shared` holds them). A record arrives from a worker thread, or from
 * `detach`, with its own copy of every string, and a run keeps every record: with ~6
 * findings a file, those three strings were ~0.75 KB of a record's ~3.9 KB. Messages and
 * paths are the file's own and are left as they are.
 */
function shareStrings<R extends FileRecord>(record: R, shared: Map<string, string>): R {
  for (const m of record.messages) {
    m.ruleId = intern(shared, m.ruleId)
    m.severity = intern(shared, m.severity) as typeof m.severity
    if (m.url !== undefined) m.url = intern(shared, m.url)
  }
  return record
}

let beforeThreadsHook: ((kind: WorkerKind) => void) | undefined

let earlyThread: EarlyThread | undefined

/**
 * `thread`, started by the bin for a convert before the bundle loaded (early-thread.ts): the
 * first pool that converts takes it as its first worker; any other pool stops it.
 */
export function useEarlyThread(thread: EarlyThread | undefined): void {
  earlyThread = thread
}

/**
 * `hook` is called once, before the first pool of the process starts its worker threads (not
 * at all in a run without them), with the work the threads do. The bin sets V8 flags there
 * that only pay when the threads keep every core busy, or for that work (bin/starkit.js); a
 * program that calls `main` itself sets none.
 */
export function beforeThreads(hook: (kind: WorkerKind) => void): void {
  beforeThreadsHook = hook
}

/** The worker script, compiled; absent when running from TypeScript sources (tests), where tasks run in this thread. */
const WORKER = new URL('./worker.js', import.meta.url)

/** What a worker sends back: the results of one batch of one stream. */
interface Done {
  stream: number
  results: { index: number; result: TaskResult }[]
}

/** Results of a list of tasks, taken one by one in task order whatever the scheduling. */
export interface Stream<T> {
  /** The next result; rejects when a task failed. */
  take(): Promise<T>
  /** Start no more tasks; how many started ones are yet to be taken. */
  stop(): number
  /** From now on send a worker a batch only while it holds fewer than `DEPTH`: the last batches end together. */
  shallow(): void
  /** How many of the tasks this thread has run itself. */
  readonly here: number
}

/**
 * Worker threads that lint files, render pages and convert scraped pages, kept for a whole run
 * (a build lints, then renders, on the same threads). With no thread, or no compiled worker,
 * tasks run in this thread, one at a time as their results are taken. A pool made without a
 * config (convert's) can be given no lint task.
 */
export class Pool {
  private readonly workers: Worker[]
  /** Batches each worker has been sent and not yet answered. */
  private readonly load = new Map<Worker, number>()
  /** The write gate the threads share (site-write.ts): closed by `interrupt`. */
  private readonly writeGate: Int32Array
  private streams = 0
  private onDone: ((worker: Worker, done: Done) => void) | undefined
  private onFailure: ((error: unknown) => void) | undefined

  /**
   * A pool for `tasks` tasks on at most `threads` threads: no more threads than batches of
   * tasks, since a thread with no batch only costs its start.
   */
  static for(threads: number, tasks: number, config?: ResolvedConfig, options?: JobOptions): Pool {
    return new Pool(Math.min(threads, Math.ceil(tasks / BATCH)), config, options)
  }

  private constructor(
    threads: number,
    private readonly config?: ResolvedConfig,
    private readonly options: JobOptions = { ...CONVERT_OPTIONS },
  ) {
    const usable = threads > 0 && existsSync(fileURLToPath(WORKER))
    // A pool without a config converts pages; one that prepares scenarios builds (worker-heap.ts).
    const kind: WorkerKind = config === undefined ? 'convert' : options.prepare ? 'build' : 'lint'
    if (usable) {
      // Threads make much that dies young, and the heap settings of a light run reach their
      // heaps too (run-weight.ts): the run is heavy from here, whoever started it.
      runWeight('heavy')
      const hook = beforeThreadsHook
      beforeThreadsHook = undefined
      hook?.(kind)
    }
    // The bin's early thread, when this pool converts: its first worker, sharing its memory.
    const early = earlyThread
    earlyThread = undefined
    const adopted = usable && kind === 'convert' ? early : undefined
    if (early !== undefined && adopted === undefined) void early.worker.terminate()
    adopted?.worker.ref()
    const halted = adopted?.halted ?? new Int32Array(new SharedArrayBuffer(4))
    this.writeGate = adopted?.writeGate ?? newWriteGate()
    const resourceLimits = workerResourceLimits(kind)
    this.workers = usable
      ? Array.from({ length: threads }, (_, i) =>
          i === 0 && adopted !== undefined ? adopted.worker : new Worker(WORKER, { workerData: { source: config?.source, options, halted, writeGate: this.writeGate }, resourceLimits }),
        )
      : []
    for (const worker of this.workers) {
      this.load.set(worker, 0)
      worker.on('message', (done: Done) => this.onDone?.(worker, done))
      worker.on('error', (error) => this.onFailure?.(error))
      worker.on('exit', (code) => this.onFailure?.(new Error(`A worker thread stopped (exit code ${code})`)))
    }
  }

  /**
   * The run is interrupted (called from an exit handler): no thread starts a write after this,
   * and those under way are waited for, briefly, so that none leaves a temporary file.
   */
  interrupt(): void {
    closeWriteGate(this.writeGate)
  }

  /** How many threads do the work (0: this one). */
  get threads(): number {
    return this.workers.length
  }

  /**
   * Lint every job, giving each record to `take` as it comes, in job order, while the threads
   * lint the rest; packed, with `JobOptions#packed`. The pool keeps none of them: the caller
   * keeps what it needs (lint and build keep every record, as cross-file rules need them all,
   * and build moves each prepared scenario's entry out of memory as it takes it). It kept a
   * second array of them until session 24: 10,000 references a run that no caller read.
   */
  async lint(jobs: readonly Job[], take: (record: BuildRecord | PackedRecord, index: number) => void): Promise<void> {
    const shared = new Map<string, string>()
    const receive = (r: TaskResult): TaskResult => ('packed' in r ? r : shareStrings(r as BuildRecord, shared))
    const stream = this.stream(jobs.map((job) => ({ kind: 'lint', job })), Infinity, LINT_DEPTH, false, undefined, receive) as Stream<BuildRecord | PackedRecord>
    for (let i = 0; i < jobs.length; i++) take(await stream.take(), i)
  }

  /**
   * Pages rendered and written, as far ahead of the one taken as the threads get (a result is
   * only the paths written): the threads never wait for the caller. Once a result says a
   * write failed, no new batch starts.
   */
  pages(jobs: readonly PageJob[]): Stream<PageWritten> {
    return this.stream(jobs.map((job) => ({ kind: 'page', job })), Infinity, PAGE_DEPTH, false, (r) => (r as PageWritten).failure !== undefined) as Stream<PageWritten>
  }

  /**
   * Scraped pages converted at most `ahead` results ahead of the one taken. In this thread,
   * each page waits for a turn of the event loop first, so a signal's handler (the command's,
   * through signal-exit) runs between pages, not after the last.
   *
   * With worker threads, this thread converts pages too, whenever the page it is to take next
   * is not ready (`helps`): convert's main thread only writes what the workers give it, and
   * otherwise stood idle for the whole run. Made for `threads - 1` workers (commands/convert.ts),
   * it starts converting as soon as it has loaded, while the worker boots, and a run starts one
   * thread fewer. On two cores, alternated against two workers: 3,000 pages 5.17–5.91 s
   * against 5.80–6.59 s at a peak ~30 MB lower; 1,000 pages a median 3.18 s against 3.22 s
   * (docs/performance.md, session 21).
   */
  convert(jobs: readonly ConvertJob[], ahead: number): Stream<PageOutcome> {
    return this.stream(jobs.map((job) => ({ kind: 'convert', job })), ahead, DEPTH, true, undefined, undefined, true) as Stream<PageOutcome>
  }

  /** Run `task` in this thread, as a worker would, and give its result as one from a worker. */
  private async runHere(task: Task, receive: (result: TaskResult) => TaskResult): Promise<TaskResult> {
    const r = await runTask(task, this.config, this.options)
    // A batch of one task: its entry goes to the scratch file now (worker.ts settles a batch).
    settleEntries([r])
    return receive(detach(r))
  }

  /**
   * Start `tasks` (one stream at a time; a new stream abandons the previous one). With
   * `helps`, this thread runs the next unsent task itself, one at a time, whenever the result it
   * is to take is not ready (and the stream is neither stopped nor `ahead` results ahead).
   */
  private stream(
    tasks: readonly Task[],
    ahead: number,
    depth: number,
    yieldFirst = false,
    halts?: (result: TaskResult) => boolean,
    receive: (result: TaskResult) => TaskResult = (r) => r,
    helps = false,
  ): Stream<TaskResult> {
    if (this.workers.length === 0) {
      let next = 0
      const run = (): Promise<TaskResult> => this.runHere(tasks[next++]!, receive)
      // A task starts when it is taken: none is ever under way.
      return {
        take: yieldFirst ? () => new Promise<void>((resolve) => setImmediate(resolve)).then(run) : run,
        stop: () => 0,
        shallow: () => undefined,
        get here() {
          return next
        },
      }
    }
    const id = ++this.streams
    const ready = new Map<number, TaskResult>()
    let sent = 0
    let taken = 0
    let here = 0
    let failure: { error: unknown } | undefined
    let wake: (() => void) | undefined
    let stopped = false
    const dispatch = (): void => {
      while (!stopped && sent < tasks.length && sent - taken < ahead) {
        const worker = this.leastLoaded(depth)
        if (worker === undefined) break
        const batch = tasks.slice(sent, sent + batchSize(tasks.length - sent, this.workers.length, helps)).map((task, k) => ({ index: sent + k, task }))
        sent += batch.length
        this.load.set(worker, this.load.get(worker)! + 1)
        worker.postMessage({ stream: id, batch })
      }
    }
    this.onDone = (worker, done) => {
      this.load.set(worker, this.load.get(worker)! - 1)
      if (done.stream === id)
        for (const { index, result } of done.results) {
          ready.set(index, receive(result))
          if (halts?.(result)) stopped = true
        }
      dispatch()
      wake?.()
    }
    this.onFailure = (error) => {
      failure ??= { error }
      wake?.()
    }
    dispatch()
    return {
      take: async () => {
        while (!ready.has(taken)) {
          if (failure) throw failure.error
          if (helps && !stopped && sent < tasks.length && sent - taken < ahead) {
            const index = sent++
            here++
            const result = await this.runHere(tasks[index]!, receive)
            ready.set(index, result)
            if (halts?.(result)) stopped = true
            // A turn of the event loop: the workers' results are received, and they are sent
            // their next batches, between two tasks here (and a signal's handler runs).
            await new Promise<void>((resolve) => setImmediate(resolve))
            continue
          }
          await new Promise<void>((resolve) => (wake = resolve))
        }
        const result = ready.get(taken)!
        ready.delete(taken)
        taken++
        dispatch()
        return result
      },
      stop: () => {
        stopped = true
        return sent - taken
      },
      shallow: () => {
        depth = Math.min(depth, DEPTH)
      },
      get here() {
        return here
      },
    }
  }

  /** The worker with the fewest batches in hand, if it has fewer than `depth`. */
  private leastLoaded(depth: number): Worker | undefined {
    let best: Worker | undefined
    for (const worker of this.workers) if (this.load.get(worker)! < depth && (best === undefined || this.load.get(worker)! < this.load.get(best)!)) best = worker
    return best
  }

  /**
   * Stop the threads. When none holds a batch, they are idle, and are stopped without waiting
   * for their teardown (a thread's heap given back took ~60 ms of a 10,000-file lint's end,
   * which the run's last steps use instead). When one does (a run that failed part way), this
   * waits until every thread has stopped, so that none is still at work (reading build's
   * store, writing a file) when the caller goes on.
   */
  async close(): Promise<void> {
    this.onFailure = undefined
    const stopped = Promise.all(this.workers.map((w) => w.terminate()))
    if ([...this.load.values()].some((batches) => batches > 0)) await stopped
  }
}

/**
 * Lint jobs on `threads` worker threads, feeding small batches as workers free up.
 * Results come back in job order whatever the scheduling; `take` gets each as it comes, while
 * the threads lint the rest.
 */
export async function lintJobs(
  jobs: readonly Job[],
  config: ResolvedConfig,
  options: JobOptions,
  threads: number,
  take: (record: FileRecord | PackedRecord, index: number) => void,
): Promise<void> {
  const pool = Pool.for(threads, jobs.length, config, options)
  try {
    await pool.lint(jobs, take)
  } finally {
    await pool.close()
  }
}
