import { mkdir } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { dirname, resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { FORMATS, count, formatPieces, pieceText, type FileReport, type Format, type Piece } from '../../report/index.js'
import { ruleUrl } from '../../rules/define-rule.js'
import { RULES } from '../../rules/index.js'
import { finishRun, type FileRecord, type LintResult } from '../../rules/lint.js'
import { resolveConfig, type ResolvedConfig } from '../../rules/config.js'
import { findConfig, loadConfig } from '../config-file.js'
import { VERSION, type CommandContext } from '../context.js'
import { cacheKey, cacheName, DEFAULT_CACHE, lineBytes, loadCache, readCacheFile, recordAt, saveCache, unpackBody, type CacheEntry } from '../cache.js'
import { digestFiles } from '../digest.js'
import { collectFiles, displayPath } from '../files.js'
import { EXIT, UsageError } from '../io.js'
import { frontOnly, type Job, type PackedRecord } from '../lint-files.js'
import { lintJobs, threadsFor } from '../pool.js'
import { LIGHT_FILES, runWeight } from '../run-weight.js'
import { replaceShown } from '../site-write.js'
import { kindAt, writeUserFile } from '../special-files.js'

export interface LintCliOptions {
  format: Format
  output?: string
  quiet?: boolean
  maxWarnings?: string
  fix?: boolean
  config?: string
  color?: boolean
  cache?: boolean
  cacheLocation?: string
  concurrency: string
  shard?: string
}

/** The config for a run: `--config`, else the nearest config above the first path, else `recommended`. */
export function configFor(paths: readonly string[], cwd: string, explicit?: string): ResolvedConfig {
  if (explicit) return loadConfig(resolve(cwd, explicit), cwd)
  const found = findConfig(resolve(cwd, paths[0] ?? '.'))
  return found ? loadConfig(found, cwd) : resolveConfig().config
}

export interface LintRunOptions {
  fix?: boolean
  /** `--cache` location (absolute); no cache when absent. */
  cache?: string
  /** `--concurrency` (default `auto`). */
  concurrency?: string
  /** `--shard i/n`. */
  shard?: string
  /** Return each valid file's scenario (for `build`). */
  keepScenario?: boolean
}

/** `--shard i/n` as [i, n], 1-based. */
export function parseShard(value: string): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(value)
  const [i, n] = m ? [Number(m[1]), Number(m[2])] : [0, 0]
  if (!m || n < 1 || i < 1 || i > n) throw new UsageError(`Unexpected \`--shard ${value}\`, expected \`i/n\` with 1 ≤ i ≤ n`)
  return [i, n]
}

/**
 * Whether `--cache` looks at and hashes the files on a thread of its own (digest.ts): with
 * `--concurrency auto`, only where there are more than two cores. With two, the thread's start
 * (~0.2 s here, while this thread loads the cache and the thread pool reads its file) cost
 * more than its share of the work saved (session 17, 10,000 files, alternated): one file
 * changed, 0.76–0.78 s without it against 0.82–0.87 s with it (4,500 fewer page faults);
 * every file touched (all read and hashed), 1.01–1.12 s against 0.94–1.29 s. A number of
 * threads asked for is given one, as before.
 */
export function digestThreadFor(setting: string, files: number): boolean {
  if (threadsFor(setting, files) === 0) return false
  return setting !== 'auto' || availableParallelism() > 2
}

/**
 * Lint files on disk: collect, then lint each (from the cache when its bytes, the config
 * and starkit are unchanged; on worker threads when there are many), then run the
 * cross-file rules over every file. Shared by `lint` and `build`.
 */
export async function lintPaths(paths: readonly string[], cwd: string, config: ResolvedConfig, options: LintRunOptions = {}): Promise<LintResult[]> {
  if (options.cache) {
    // The cache is read back and replaced: a FIFO or a device there is neither (special-files.ts).
    const kind = kindAt(options.cache)
    if (kind !== 'file' && kind !== 'missing') throw new UsageError(`Unexpected ${kind} at \`${displayPath(options.cache, cwd)}\`, expected a cache file (or none)`)
  }
  // A cached run reads more than it makes, until it finds many files to lint (run-weight.ts).
  if (options.cache) runWeight('light')
  // Read while the files are looked for: neither needs the other.
  const cacheFile = options.cache ? readCacheFile(options.cache) : undefined
  const files = await collectFiles(paths, cwd, config.ignores)
  const all: Job[] = files.map((file) => ({ file, path: displayPath(file, cwd) }))
  // A shard takes every n-th file of the sorted list: balanced, and the same split on every machine.
  const [shard, shards] = options.shard ? parseShard(options.shard) : [1, 1]
  const mine = all.filter((_, k) => k % shards === shard - 1)
  const fix = options.fix ?? false
  const key = options.cache ? cacheKey(config, fix) : ''
  // The files are looked at with `stat` (on a thread of their own when there are many and
  // `digestThreadFor` says so, digest.ts) while the cache is parsed here: neither needs the other. Then this thread looks
  // at what is left, and files that do not look as the cache recorded them are read and hashed.
  const cachePath = options.cache
  const threaded = digestThreadFor(options.concurrency ?? 'auto', mine.length)
  const digesting = cachePath ? digestFiles(mine.map((job) => job.file), threaded) : undefined
  // Each file's name in the cache, made once, while the cache file may still be being read.
  const names = cachePath ? mine.map((job) => cacheName(cachePath, job.file)) : []
  // Without a digest thread, the files are looked at here while the cache file is still being read.
  if (!threaded) digesting?.look()
  const loaded = cachePath ? loadCache(cachePath, key, await cacheFile) : { entries: new Map<string, CacheEntry>(), lines: 0 }
  const cache = loaded.entries
  digesting?.help((_, k) => cache.get(names[k]!))
  const digests = (await digesting?.done) ?? []
  // By index: a file's record at its place in `all`; the rest at its place in `mine`.
  const records: FileRecord[] = new Array<FileRecord>(all.length)
  const placeOf = (k: number): number => k * shards + shard - 1
  const hits: (CacheEntry | undefined)[] = new Array<CacheEntry | undefined>(mine.length)
  const todo: Job[] = []
  const todoAt: number[] = []
  mine.forEach((job, k) => {
    const digest = digests[k]
    // Not cached, or unreadable: linted, which reports why it cannot be read.
    const hit = cachePath && digest !== undefined ? cache.get(names[k]!) : undefined
    // The record was made for this file, maybe shown from another folder: show it as now.
    if (hit && hit.hash === digest!.digest) {
      hits[k] = hit
      records[placeOf(k)] = recordAt(hit.record, job.path)
    } else {
      todo.push(job)
      todoAt.push(k)
    }
  })
  const threads = threadsFor(options.concurrency ?? 'auto', todo.length)
  // Heavy too for a shard: it reads the frontmatter of every other shard's file (`frontOnly`,
  // below). A pool that starts threads says so itself.
  if (options.cache && (todo.length > LIGHT_FILES || shards > 1)) runWeight('heavy')
  // Packed when nothing but the report and the cache needs them as objects (`JobOptions#packed`).
  const keepScenario = options.keepScenario ?? false
  /** Per file of this shard linted now, what its thread gave (a record, or its record packed). */
  const linted: (FileRecord | PackedRecord | undefined)[] = new Array<FileRecord | PackedRecord | undefined>(mine.length)
  // Each record is read as it comes, while the threads lint the rest: this thread has nothing
  // else to do meanwhile, and 10,000 packed records read at the end took it ~90 ms.
  await lintJobs(todo, config, { fix, keepScenario, packed: !fix && !keepScenario }, threads, (got, j) => {
    const k = todoAt[j]!
    linted[k] = got
    records[placeOf(k)] = 'packed' in got ? unpackBody(got.path, got.packed) : got
  })
  if (cachePath) {
    const entries = new Map<string, CacheEntry>()
    mine.forEach((_, k) => {
      const digest = digests[k]
      if (digest === undefined) return
      const hit = hits[k]
      if (hit) {
        // Its line as read, stamp included, even when the file's stamp is new with the same
        // bytes (a `touch`; a fresh checkout with the cache restored, as on a CI runner, gives
        // every file a new one): the cache is written again only for new results. Such a file
        // is read and hashed on each run until its bytes change, as every file was before stamps.
        entries.set(names[k]!, hit)
        return
      }
      const got = linted[k]!
      if ('packed' in got) {
        // Its line as the worker thread packed it, not packed again.
        entries.set(names[k]!, { hash: digest.digest, stamp: digest.stamp, record: records[placeOf(k)]!, made: lineBytes(names[k]!, digest.digest, digest.stamp, got.packed) })
        return
      }
      const { path: _path, scenario: _scenario, ...record } = got
      // A fixed file has new bytes: its record is not for the hash read before.
      if (record.output === undefined) entries.set(names[k]!, { hash: digest.digest, stamp: digest.stamp, record })
    })
    await mkdir(dirname(cachePath), { recursive: true })
    await saveCache(cachePath, key, entries, loaded)
  }
  if (shards > 1) {
    const others = all.map((_, i) => i).filter((i) => i % shards !== shard - 1)
    const fronts = await Promise.all(others.map((i) => frontOnly(all[i]!)))
    others.forEach((i, j) => (records[i] = fronts[j]!))
  }
  return finishRun(records, config, shards > 1 ? new Set(mine.map((j) => j.path)) : undefined)
}

/** Pieces of output are gathered up to this many characters a write: few writes, and no text of the whole report. */
const BATCH = 1 << 16

/**
 * Write `pieces` in order, text a batch of pieces at a time; bytes (chunks of ~64 KB already)
 * as they are, with `writeBytes` (which writes or copies them before it returns: they are
 * written over by the next piece), else as text.
 */
export function writeInBatches(write: (text: string) => void, pieces: Iterable<Piece>, writeBytes?: (bytes: Uint8Array) => void): void {
  let batch = ''
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      if (batch !== '') write(batch)
      batch = ''
      if (writeBytes) writeBytes(piece)
      else write(pieceText(piece))
      continue
    }
    batch += piece
    if (batch.length >= BATCH) {
      write(batch)
      batch = ''
    }
  }
  if (batch !== '') write(batch)
}

export default function register(program: Command, ctx: CommandContext): void {
  program
    .command('lint')
    .description('check scenario files: parse, schema, consistency rules')
    .argument('<paths...>', 'files, folders or globs')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-q, --quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option('--fix', 'apply the fixes rules offer, then report what remains')
    .option('-c, --config <file>', 'use this config file')
    .option('--no-color', 'no colour in stylish output')
    .option('--cache', 'reuse results of unchanged files (keyed by content, config, rules and version)')
    .option('--cache-location <file>', `where the cache lives (default ${DEFAULT_CACHE})`)
    .option('--concurrency <n>', 'worker threads: a number, `auto` or `off`', 'auto')
    .option('--shard <i/n>', 'lint the i-th of n deterministic slices of the files (cross-file rules still see all)')
    .action(async (paths: string[], options: LintCliOptions) => {
      const { io } = ctx
      let maxWarnings = Infinity
      if (options.maxWarnings !== undefined) {
        if (!/^\d+$/.test(options.maxWarnings)) throw new UsageError(`Unexpected \`--max-warnings ${options.maxWarnings}\`, expected a whole number`)
        maxWarnings = Number(options.maxWarnings)
      }
      const config = configFor(paths, io.cwd, options.config)
      const cache = options.cache || options.cacheLocation ? resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE) : undefined
      const results = await lintPaths(paths, io.cwd, config, { fix: options.fix, cache, concurrency: options.concurrency, shard: options.shard })
      if (options.fix) {
        for (const r of results) {
          if (r.output === undefined) continue
          replaceShown(resolve(io.cwd, r.path), Buffer.from(r.output), r.path)
          io.stderr(`fixed ${r.fixed} problem${r.fixed === 1 ? '' : 's'} in ${r.path}\n`)
        }
      }
      const counts = count(results)
      // Each file's messages are taken as the report gets to it: a cached file's are read from
      // its cache line then, not all held at once (`FileRecord#counts`).
      const shown: readonly FileReport[] = options.quiet
        ? results.map((r) => ({
            path: r.path,
            get messages() {
              return r.messages.filter((m) => m.severity === 'error')
            },
          }))
        : results
      const color = options.color !== false && !options.output && io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb'
      const pieces = formatPieces(options.format, shown, {
        color,
        toolVersion: VERSION,
        rules: [...RULES.map((r) => ({ id: r.id, summary: r.summary, url: ruleUrl(r.id) }))],
      })
      // A copy of each: bytes are written over by the next piece.
      const bytes = (piece: Piece): Uint8Array => (typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece))
      if (options.output) await writeUserFile(resolve(io.cwd, options.output), Buffer.concat(Array.from(pieces, bytes))).catch((e: Error) => {
        throw new UsageError(`Cannot write \`${options.output}\`: ${e.message} (in ${dirname(options.output!)})`)
      })
      else writeInBatches(io.stdout, pieces, io.stdoutBytes)
      if (counts.errorCount > 0) ctx.setExitCode(EXIT.findings)
      else if (counts.warningCount > maxWarnings) {
        io.stderr(`starkit: ${counts.warningCount} warnings, more than --max-warnings ${maxWarnings}\n`)
        ctx.setExitCode(EXIT.findings)
      }
    })
}
