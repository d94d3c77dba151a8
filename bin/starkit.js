#!/usr/bin/env node
// The bundle of lib/cli/main.js (scripts/bundle.mjs): one file to load, not ~200 modules,
// compiled with its code cache (bin/load-main.js).
import { setFlagsFromString } from 'node:v8'
import { compileMain, requireMain } from './load-main.js'
import { startFlags } from './v8-flags.js'

// The flags every run starts with, each with why (bin/v8-flags.js). Each V8 flag the bin sets,
// these and those below, is set unless node was given it on its own command line: then it is
// the user's, kept as given.
const setFlag = startFlags(setFlagsFromString, process.execArgv)

// With --debug an internal error prints its stack: through the bundle's source maps, the
// lines of src/*.ts that threw. Node reads a file's source map only if maps are on when the
// file loads, so they are turned on before the bundle is loaded (and only then: reading
// them costs every start), and node loads the bundle itself, without the code cache
// (`requireMain`).
const debug = process.argv.includes('--debug')
if (debug) process.setSourceMapsEnabled(true)

// The bundle compiled now, with its code cache, before any other flag is set: V8 takes a code
// cache only under the flags it was made with, which are these (scripts/code-cache.mjs). It
// runs below, once convert's thread has started.
const compiled = debug ? undefined : compileMain()

// Once a run starts worker threads, the threads keep the cores busy, and V8's helper threads
// only take the cores from them (as concurrent marking did, bin/v8-flags.js). A run without
// threads (a warm `--cache` run, a few files) keeps its helpers: the other cores are idle
// there. Measured in alternated runs (docs/performance.md, session 21):
// - Each heap of the process (this thread's and each worker's) scavenges on its own thread,
//   without parallel helper tasks. Convert of 1,000 pages 2.52-2.93 s (median 2.61) against
//   2.58-3.10 s (2.70); lint of 2,000 files 5.29-5.52 s against 5.56-5.68 s; a warm run
//   0.73-0.75 s against 0.70-0.74 s with the flag from the start. V8 reads it at each scavenge.
// - Each worker thread compiles its optimized code itself, not on a helper: a compile job
//   waited for a busy core while the thread ran its code unoptimized. Convert of 1,000 pages
//   2.42-2.58 s (median 2.50) against 2.44-2.69 s (2.59); lint of 2,000 files 4.78-5.04 s
//   against 5.06-5.27 s; at 10,000 files the same within the noise. V8 reads it when it makes
//   an isolate: the workers' isolates, made after this, not this thread's.
// - Convert's threads optimize a function later: at four times V8's interrupt budget (how
//   much of its bytecode runs between two checks of whether it is hot enough). Each thread
//   warms up on its own, and a 1,000-page run is mostly warm-up: one thread
//   (`--concurrency off`) took 3.0-3.2 s against 2.4-2.8 s for two, whose TurboFan compiled
//   471 functions in ~1.3 CPU-s (the one thread's 279 in ~0.9). With the budget raised, 308-321
//   in ~0.73 CPU-s, each on more feedback: 1,000 pages, 14 alternated pairs, faster in all 14
//   by a median 6.7 %; 3,000 pages the same. Lint of 2,000 files (a median 0.997 of eight
//   pairs) and build of 2,000 (9 of 16 pairs faster) did not move, and keep V8's budget. V8
//   reads the flag whenever it gives a function its next budget.
const threadFlags = (kind) => {
  setFlag('--no-parallel-scavenge')
  setFlag('--no-concurrent-recompilation')
  if (kind === 'convert') setFlag('--interrupt-budget=270336')
}

// A convert that will start a worker thread starts it now, so that it loads while this thread
// runs the bundle, instead of once the command has listed its pages (lib/cli/early-thread.js,
// a module of its own so that other commands read none of it).
let early
if (process.argv.includes('convert')) {
  const { startEarlyThread, wantsEarlyThread } = await import('../lib/cli/early-thread.js')
  if (wantsEarlyThread(process.argv.slice(2), process.cwd())) {
    threadFlags('convert')
    early = startEarlyThread(new URL('../lib/bundle/worker.js', import.meta.url))
  }
}

const { beforeThreads, directWriter, main, onRunWeight, useEarlyThread, writeAll } = compiled ? compiled.run() : requireMain()
useEarlyThread(early)

// A pool sets them when it starts its threads (the early thread's are set above).
beforeThreads(threadFlags)

// Each heap of the process (this thread's, each worker thread's) grows its old generation to
// 1.3 times what a full collection left, not up to 4 times (V8 picks the factor by how fast
// its collector is): a worker thread's old generation (~14 MB live) grew to 60-106 MB of
// garbage between collections, and where two such tops met made the peak memory of a long run.
// 10,000 files: 294 MB against 331-345 MB; 1,000 files: the same 255-267 MB; the same time
// within this machine's noise (docs/performance.md). V8 reads the flag at each collection.
const HEAP_GROWING_PERCENT = 30
setFlag(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)

// A `--cache` run over files that are mostly unchanged says it is light (src/cli/run-weight.ts):
// what it makes (the cache's heads, the records, the report's pieces) mostly lives to its end.
// While it is light:
// - this thread's young generation keeps the size it has when the run says so (what it grew
//   to while the bundle loaded, ~2 MB here) instead of growing to 16 MB a semi-space: a larger
//   one only copies the same survivors through more memory, each page of it a page fault. The
//   bench's warm run, alternated: 0.71 s against 0.76 s (medians, 12 pairs, each faster),
//   ~4,700 fewer page faults. Kept small throughout, the young generation made a lint of 150
//   files on this thread slower (1.24-1.39 s against 1.07-1.17 s): hence only while light.
// - the old generation grows as V8 decides (`--heap-growing-percent=0`), not by the 1.3 above:
//   the heap only gains what lives to the end, and a full collection found little to free.
//   One full collection fewer: 0.645 s against 0.68 s (medians, 12 pairs; 26 of 34 faster).
// Once the run has more files to lint here, threads to start or other shards' frontmatter to
// read, it says it is heavy: V8's growth of the young generation (a factor of 2, its default)
// and the 1.3 are back. V8 reads both flags each time a heap would grow, in every heap of the
// process (docs/performance.md, session 24).
onRunWeight((weight) => {
  const light = weight === 'light'
  setFlag(`--semi-space-growth-factor=${light ? 1 : 2}`)
  setFlag(`--heap-growing-percent=${light ? 0 : HEAP_GROWING_PERCENT}`)
})

// Standard output or error that cannot be written (a full disk, `> /dev/full`, a reader that
// went away) is one line and exit 2, as any run that could not deliver what it made: not an
// unhandled 'error' event with a stack trace. The write's error comes as an event, after
// the write call returned; exit handlers still run (convert's and build's remove their
// temporary files).
const failed = (stream, name) => (error) => {
  if (stream !== process.stderr) process.stderr.write(`starkit: Unexpected error writing ${name} (${error.code ?? error.message})\n`)
  process.exit(2)
}
const STREAMS = [
  [process.stdout, 'standard output'],
  [process.stderr, 'standard error'],
]
for (const [stream, name] of STREAMS) stream.on('error', failed(stream, name))

// A file or /dev/null is written directly (directWriter); its errors end the run as the stream's do.
const direct = directWriter(1)
const stdoutFailed = failed(process.stdout, 'standard output')
const stdout = direct
  ? (s) => {
      try {
        direct(s)
      } catch (error) {
        stdoutFailed(error)
      }
    }
  : (s) => process.stdout.write(s)
// The JSON report's chunks of UTF-8 (report/byte-chunks.ts), written as they are, in order
// with the text; a stream is given a copy, as it may hold them while the next is written over them.
const stdoutBytes = direct
  ? (bytes) => {
      try {
        writeAll(1, bytes)
      } catch (error) {
        stdoutFailed(error)
      }
    }
  : (bytes) => process.stdout.write(Buffer.from(bytes))

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout,
  stdoutBytes,
  stderr: (s) => process.stderr.write(s),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stdinIsTTY: Boolean(process.stdin.isTTY),
  env: process.env,
})
process.exitCode = code
// A write that failed at once (a pipe whose reader had already gone) marks its stream, and its
// 'error' event would only come on a later tick: the exit below would come first, with the
// command's code, and what the output lost would go unsaid.
for (const [stream, name] of STREAMS) if (stream.errored) failed(stream, name)(stream.errored)
// The run is over: ending now, rather than once the event loop is empty, skips tearing down the
// heap (~0.08 s after a warm run over 10,000 files on the bench's machine). Only when nothing waits
// to be written: a pipe's writes may still be queued.
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code)
