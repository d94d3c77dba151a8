/**
 * The worker thread of `digestFiles`: looks at the files it claims with `stat`, says when none
 * is left, then reads and hashes its share of the files it is sent (or none), sends their
 * digests back, and ends. It loads nothing of the linter, and nothing of the cache.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { hashClaimed, lookClaimed, type HashOrder, type Looks } from './digest.js'

const { files, next, looks } = workerData as { files: string[]; next: Int32Array; looks: Looks }
lookClaimed(files, next, looks)
parentPort!.once('message', (todo: HashOrder) => {
  if (todo) parentPort!.postMessage(hashClaimed(files, todo, next))
})
parentPort!.postMessage('looked')
