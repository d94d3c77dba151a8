/** The worker thread of `digestFiles`: hashes the files it claims of those it is given, sends the digests back, and ends. */
import { parentPort, workerData } from 'node:worker_threads'
import { digestClaimed } from './digest.js'

const { files, next } = workerData as { files: string[]; next: Int32Array }
parentPort!.postMessage(digestClaimed(files, next))
