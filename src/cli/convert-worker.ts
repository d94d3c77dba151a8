/**
 * A worker thread of `starkit convert --concurrency`: converts the pages it is given, one
 * message back per batch (plain-JSON outcomes, in the order given).
 */
import { parentPort } from 'node:worker_threads'
import { convertPage, type PageJob } from './convert-pages.js'

parentPort!.on('message', (batch: { index: number; job: PageJob }[]) => {
  parentPort!.postMessage(batch.map(({ index, job }) => ({ index, outcome: convertPage(job) })))
})
