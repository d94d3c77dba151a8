/** The worker thread of `digestFiles`: hashes the files it is given, sends the digests back, and ends. */
import { parentPort, workerData } from 'node:worker_threads'
import { digestFilesSync } from './digest.js'

parentPort!.postMessage(digestFilesSync(workerData as string[]))
