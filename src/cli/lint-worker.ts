/**
 * A worker thread of `starkit lint --concurrency`: resolves the config it is sent, then
 * lints the files it is given, one message back per file (plain-JSON records).
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { StarkitConfig } from '../model/index.js'
import { resolveConfig } from '../rules/config.js'
import { lintJob, type Job, type JobOptions } from './lint-files.js'

const { source, options } = workerData as { source: StarkitConfig; options: JobOptions }
const config = resolveConfig(source).config

parentPort!.on('message', async (batch: { index: number; job: Job }[]) => {
  const out = []
  for (const { index, job } of batch) out.push({ index, record: await lintJob(job, config, options) })
  parentPort!.postMessage(out)
})
