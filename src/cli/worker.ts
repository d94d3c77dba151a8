/**
 * A worker thread of `starkit lint --concurrency`, of `starkit build` and of `starkit convert`:
 * resolves the config it is sent (convert sends none), then does the tasks it is given (lint a
 * file; render a scenario page; convert a scraped page), one message back per batch. Records
 * are plain JSON; bytes are handed over, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { StarkitConfig } from '../model/index.js'
import { resolveConfig } from '../rules/config.js'
import { runTask, transferable, type JobOptions, type Task } from './lint-files.js'

const { source, options } = workerData as { source?: StarkitConfig; options: JobOptions }
const config = source === undefined ? undefined : resolveConfig(source).config

parentPort!.on('message', async ({ stream, batch }: { stream: number; batch: { index: number; task: Task }[] }) => {
  const results = []
  for (const { index, task } of batch) results.push({ index, result: await runTask(task, config, options) })
  parentPort!.postMessage({ stream, results }, results.flatMap((r) => transferable(r.result)))
})
