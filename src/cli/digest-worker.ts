/** The worker thread of `digestFiles`: digests the files it claims of those it is given, with what the cache file knows of them, sends the digests back, and ends. */
import { parentPort, workerData } from 'node:worker_threads'
import { digestClaimed, knownFromCacheFile } from './digest.js'

const { files, next, cache } = workerData as { files: string[]; next: Int32Array; cache?: string }
parentPort!.postMessage(digestClaimed(files, next, cache === undefined ? undefined : knownFromCacheFile(cache)))
