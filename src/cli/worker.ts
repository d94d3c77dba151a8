/**
 * A worker thread of `starkit lint --concurrency`, of `starkit build` and of `starkit convert`:
 * resolves the config it is sent (convert sends none), then does the tasks it is given (lint a
 * file; render a scenario page; convert a scraped page), one message back per batch. Records
 * are plain JSON; bytes are handed over, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { StarkitConfig } from '../model/index.js'
import { resolveConfig } from '../rules/config.js'
import { runTask, settleEntries, transferable, type JobOptions, type Task } from './lint-files.js'
import { useWriteGate } from './site-write.js'

const { source, options, halted, writeGate } = workerData as { source?: StarkitConfig; options: JobOptions; halted: Int32Array; writeGate: Int32Array }
useWriteGate(writeGate)
const config = source === undefined ? undefined : resolveConfig(source).config

/**
 * A worker holds the next batch while it works on one (pool.ts), so "no new batch of page
 * writes starts after a failed one" is kept here: the first thread whose write fails marks
 * its stream in memory all threads share, and a page batch of a marked stream is answered
 * with nothing written (the batch under way finishes).
 */
async function handle({ stream, batch }: { stream: number; batch: { index: number; task: Task }[] }): Promise<void> {
  const results = []
  if (batch[0]?.task.kind === 'page' && Atomics.load(halted, 0) === stream) for (const { index } of batch) results.push({ index, result: { wrote: [] } })
  else
    for (const { index, task } of batch) {
      const result = await runTask(task, config, options)
      if (task.kind === 'page' && 'failure' in result && result.failure !== undefined) Atomics.store(halted, 0, stream)
      results.push({ index, result })
    }
  // The batch's entries go to build's scratch file with one write, before the records say where.
  settleEntries(results.map((r) => r.result))
  parentPort!.postMessage({ stream, results }, results.flatMap((r) => transferable(r.result)))
}

// One batch after the other: a task that awaits (the first page loads the renderer) must not
// let the held batch start alongside it.
let turn = Promise.resolve()
parentPort!.on('message', (message: Parameters<typeof handle>[0]) => {
  turn = turn.then(() => handle(message))
})
