import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ResolvedConfig } from '../rules/config.js'
import type { FileRecord } from '../rules/lint.js'
import { lintJob, type Job, type JobOptions } from './lint-files.js'
import { UsageError } from './io.js'

/** Below this many files, threads cost more to start than they save. */
export const AUTO_THRESHOLD = 200
const BATCH = 16

/** `--concurrency <n|auto|off>` as a number of threads (0: lint in this thread). */
export function threadsFor(setting: string, files: number): number {
  if (setting === 'off') return 0
  if (setting === 'auto') {
    const cores = availableParallelism()
    return cores < 2 || files < AUTO_THRESHOLD ? 0 : Math.min(cores, Math.ceil(files / 100))
  }
  if (!/^\d+$/.test(setting) || Number(setting) < 1) throw new UsageError(`Unexpected \`--concurrency ${setting}\`, expected a number, \`auto\` or \`off\``)
  return Number(setting)
}

/** The worker script, compiled; absent when running from TypeScript sources (tests), where linting stays in-thread. */
const WORKER = new URL('./lint-worker.js', import.meta.url)

/**
 * Lint jobs on `threads` worker threads, feeding small batches as workers free up.
 * Results come back in job order whatever the scheduling.
 */
export async function lintJobs(jobs: readonly Job[], config: ResolvedConfig, options: JobOptions, threads: number): Promise<FileRecord[]> {
  const records: FileRecord[] = new Array(jobs.length)
  if (threads === 0 || !existsSync(fileURLToPath(WORKER))) {
    for (let i = 0; i < jobs.length; i++) records[i] = await lintJob(jobs[i]!, config, options)
    return records
  }
  let next = 0
  const workers = Array.from({ length: Math.min(threads, Math.ceil(jobs.length / BATCH)) }, () => new Worker(WORKER, { workerData: { source: config.source, options } }))
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (next >= jobs.length) return void resolve()
              const batch = jobs.slice(next, next + BATCH).map((job, k) => ({ index: next + k, job }))
              next += batch.length
              worker.postMessage(batch)
            }
            worker.on('message', (done: { index: number; record: FileRecord }[]) => {
              for (const { index, record } of done) records[index] = record
              feed()
            })
            worker.on('error', reject)
            feed()
          }),
      ),
    )
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
  return records
}
