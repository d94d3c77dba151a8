import { mkdirSync, type Dirent } from 'node:fs'
import { readdir, realpath } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, parse, relative, resolve, sep } from 'node:path'
import { Option, type Command } from 'commander'
import { onExit } from 'signal-exit'
import type { PreparedScenario, SiteFile } from '../../emit/site.js'
import type { ByteChunks } from '../../report/byte-chunks.js'
import { finishRun, type FileRecord, type LintResult } from '../../rules/lint.js'
import { loadSchema } from '../../schema/validate.js'
import { unpackBody } from '../cache.js'
import type { CommandContext } from '../context.js'
import { EntryStore } from '../entry-store.js'
import { collectFiles, displayPath } from '../files.js'
import { EXIT, UsageError } from '../io.js'
import type { BuildRecord, Job, PackedRecord, PageJob } from '../lint-files.js'
import { below } from '../paths.js'
import { Pool, threadsFor } from '../pool.js'
import { cannotWrite, find, removeTemporaries, TEMPORARY_NAME, writeError, writeUnlessSame, type Content, type Found, type Target } from '../site-write.js'
import { configFor } from './lint.js'

export interface BuildCliOptions {
  out: string
  jsonOnly?: boolean
  htmlOnly?: boolean
  force?: boolean
  config?: string
  /** `--concurrency <n|auto|off>` (default `auto`), as for `lint`. */
  concurrency?: string
}

/** `a` is `b` or a folder that contains `b` (both absolute and normalised). */
function containsOrIs(a: string, b: string): boolean {
  const rel = relative(a, b)
  return rel === '' || (!rel.startsWith('..') && !parse(rel).root)
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest; `exists` says which (a dangling symbolic link does not exist). */
async function realish(path: string): Promise<{ real: string; exists: boolean }> {
  try {
    return { real: await realpath(path), exists: true }
  } catch {
    const parent = dirname(path)
    return { real: parent === path ? path : join((await realish(parent)).real, path.slice(parent.length)), exists: false }
  }
}

/**
 * Refuse an output folder whose files could land on anything but build output:
 * the file system root, the working directory or one of its ancestors, or a folder that
 * holds (or is) an input. Symbolic links are resolved first.
 */
export async function checkOutDir(out: string, cwd: string, inputs: readonly string[], given: string): Promise<void> {
  const { real, exists } = await realish(out)
  const refuse = (why: string): never => {
    throw new UsageError(`Unexpected \`--out ${given}\`, ${why}`)
  }
  if (parse(real).root === real) refuse('expected a folder of its own, not the file system root')
  if (containsOrIs(real, (await realish(cwd)).real)) refuse('expected a folder inside the project, such as `dist`')
  // A folder that is not there yet holds no input: no real path of a file goes through a
  // folder that does not exist. (A first build, or CI's, skips a real path per input: ~0.45 s
  // of this thread at 10,000 files, while the worker threads lint.)
  if (!exists) return
  for (const input of inputs) if (containsOrIs(real, (await realish(input)).real)) refuse(`expected a folder that holds no input (it holds \`${displayPath(input, cwd)}\`)`)
}

/** How many existing files are looked at at once: enough to keep the file system busy. */
const PARALLEL = 16

/** What each folder holds, by name (nothing for a missing folder): one read of the folder, not a look at each target. */
async function entriesOf(dir: string): Promise<Map<string, Dirent>> {
  try {
    return new Map((await readdir(dir, { withFileTypes: true })).map((d) => [d.name, d]))
  } catch {
    return new Map()
  }
}

/** The folder of a site file's `path` (`/` separators), `''` for one at the top. */
function folderOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')))
}

/**
 * Check every target before anything is written: no folder on the way and no target may be
 * a symbolic link (`replaceFile` would follow it out of `out`), or be of the wrong kind.
 * Returns what is at each target (in order), to tell an unchanged file without reading others.
 * Each folder is read once; only targets that are files already are looked at one by one, for
 * their size (a fresh 10,000-scenario build looked up 20,000 missing paths, ~1 s of this thread).
 */
async function plan(out: string, files: readonly SiteFile[], cwd: string): Promise<Found[]> {
  const targetOf = (file: SiteFile): string => inside(out, file.path)
  /** Refuse a target that is not a file (or nothing), whether its folder's listing or a look at it said so. */
  const refuse = (kind: Found['kind'], file: SiteFile): void => {
    if (kind === 'link') throw new UsageError(`Unexpected symbolic link \`${displayPath(targetOf(file), cwd)}\` in the output folder, expected a file`)
    if (kind === 'dir') throw new UsageError(`Unexpected folder \`${displayPath(targetOf(file), cwd)}\`, expected a file`)
    // A FIFO or a device: the rename would put a file in its place.
    if (kind === 'other') throw new UsageError(`Unexpected special file \`${displayPath(targetOf(file), cwd)}\` (not a regular file) in the output folder, expected a file`)
  }
  const checked = new Set<string>()
  const listings = new Map<string, Map<string, Dirent>>()
  let listing = new Map<string, Dirent>()
  const result: Found[] = []
  const sized: number[] = []
  // Judged in order, so the problem reported is the first one whatever the timing.
  let last: string | undefined
  for (const file of files) {
    const folder = folderOf(file.path)
    // The site's files come folder by folder: the folders on the way were checked, and listed, for the last file.
    if (folder !== last) {
      const folders = folder === '' ? [] : folder.split('/')
      for (let i = 0; i <= folders.length; i++) {
        const dir = join(out, ...folders.slice(0, i))
        if (checked.has(dir)) continue
        const { kind } = await find(dir)
        if (kind === 'link' && i > 0) throw new UsageError(`Unexpected symbolic link \`${displayPath(dir, cwd)}\` in the output folder, expected a folder`)
        if (kind === 'file' || kind === 'other') throw new UsageError(`Unexpected file \`${displayPath(dir, cwd)}\`, expected a folder`)
        checked.add(dir)
      }
      const dir = join(out, ...folders)
      listing = listings.get(dir) ?? (await entriesOf(dir))
      listings.set(dir, listing)
      last = folder
    }
    const entry = listing.get(file.path.slice(file.path.lastIndexOf('/') + 1))
    refuse(entry === undefined ? 'missing' : entry.isSymbolicLink() ? 'link' : entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other', file)
    if (entry) sized.push(result.length)
    // A file's entry is replaced by its size below.
    result.push({ kind: 'missing' })
  }
  // The size of each file already there (or what it has become since the folder was read).
  for (let from = 0; from < sized.length; from += PARALLEL) {
    const chunk = sized.slice(from, from + PARALLEL)
    const found = await Promise.all(chunk.map((k) => find(targetOf(files[k]!))))
    for (const [n, k] of chunk.entries()) {
      refuse(found[n]!.kind, files[k]!)
      result[k] = found[n]!
    }
  }
  return result
}

/** Files in `out/scenarios/` that this build did not produce (left in place, reported), and whether each is a temporary file (`TEMPORARY_NAME`). */
async function strays(out: string, files: ReadonlySet<string>): Promise<{ path: string; temporary: boolean }[]> {
  try {
    const names = await readdir(join(out, 'scenarios'))
    return names
      .filter((n) => (/\.(json|html)$/.test(n) && !files.has(`scenarios/${n}`)) || TEMPORARY_NAME.test(n))
      .sort()
      .map((n) => ({ path: join(out, 'scenarios', n), temporary: TEMPORARY_NAME.test(n) }))
  } catch {
    return []
  }
}

function line(path: string, m: LintResult['messages'][number]): string {
  return `${path}:${m.line}:${m.column}  ${m.severity}  ${m.message}  ${m.ruleId}\n`
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * `join(out, path)` for a site file's `path` (`siteFiles`: `/` separators, no `.` or `..`, ids
 * checked) and an `out` that is resolved and not a root (`checkOutDir`): the same path, without
 * `join`'s normalising of each of 20,000 paths (~40 ms of a 10,000-scenario build, while the
 * threads waited for their first pages).
 */
export function inside(out: string, path: string): string {
  return out + sep + (sep === '/' ? path : path.replaceAll('/', sep))
}

/** How much of the listing of written files waits to be written at most (UTF-16 units, ~300 lines). */
const LISTING_CHARS = 16_384

/** What a build keeps of a scenario while it lints the rest: its prepared scenario, its entry in the run's store (entry-store.ts). */
type Kept = Omit<PreparedScenario, 'entry'> & { entry: number }

/** A scenario that will be built: its file, its result (its findings read when the bundle is written), and what was kept of it. */
interface Entry {
  path: string
  result: LintResult
  prepared: Kept
}

/** The whole command, after option parsing. Returns the exit code. */
export async function runBuild(paths: readonly string[], options: BuildCliOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx
  const cwd = io.cwd
  const out = resolve(cwd, options.out)
  const config = configFor(paths, cwd, options.config)
  const jobs: Job[] = (await collectFiles(paths, cwd, config.ignores)).map((file) => ({ file, path: displayPath(file, cwd) }))
  const threads = threadsFor(options.concurrency ?? 'auto', jobs.length)
  // The output folder is checked while the files are linted (it resolves the real path of
  // every input: ~1 s at 10,000 files), and before anything is written.
  const outChecked = checkOutDir(out, cwd, jobs.map((j) => resolve(cwd, j.path)), options.out)

  // Parse, lint and serialize each file where lint does it (worker threads for many files);
  // this thread keeps each record and index card, never the scenario itself. Each scenario's
  // JSON text goes to the store (a scratch file: entry-store.ts), put there by the thread that
  // prepared it; where that write failed, or there is no scratch file, this thread puts it.
  const store = EntryStore.open()
  const forgetStore = onExit(() => store.discard())
  const pool = Pool.for(threads, jobs.length, config, { fix: false, keepScenario: false, prepare: true, packed: true, scratch: store.shared })
  let forget: (() => void) | undefined
  // What writes the bundle and the index, loaded by build alone (every other command would pay
  // for the HTML renderer) and while the files are linted: loaded after the lint, the threads
  // waited for it. (Each thread loads the renderer of its pages itself.) A failure to load is
  // caught here so that it is thrown where it is awaited, not as an unhandled rejection before.
  const emit = Promise.all([import('../../emit/json.js'), import('../../emit/site.js')])
  emit.catch(() => undefined)
  try {
    const kept: (Kept | undefined)[] = new Array<Kept | undefined>(jobs.length)
    /** Each file's lint result, read as it comes (as `lintPaths` does), while the threads lint the rest. */
    const linted: FileRecord[] = new Array<FileRecord>(jobs.length)
    const keep = (record: BuildRecord | PackedRecord, k: number): void => {
      linted[k] = 'packed' in record ? unpackBody(record.path, record.packed) : record
      if (!('prepared' in record) || !record.prepared) return
      const prepared = record.prepared
      delete record.prepared
      let entry: number
      try {
        entry = prepared.entry instanceof Uint8Array ? store.put(prepared.entry) : store.adopt(prepared.entry)
      } catch (error) {
        throw new UsageError(`Cannot write the build's scratch file (in ${tmpdir()}): ${(error as Error).message}`)
      }
      kept[k] = { id: prepared.id, facts: prepared.facts, cardHtml: prepared.cardHtml, entry }
    }
    // Each record comes packed (lint-files.ts), with its prepared scenario, which `keep` takes out;
    // its findings are read from the packed text when they are asked for.
    await Promise.all([pool.lint(jobs, keep), outChecked])
    const results = finishRun(linted, config)

    let errors = 0
    let warnings = 0
    for (const r of results) {
      // A file known to have no errors is not read for them.
      if (r.counts?.errorCount === 0) {
        warnings += r.counts.warningCount
        continue
      }
      for (const m of r.messages) {
        if (m.severity === 'error') {
          errors++
          io.stderr(line(r.path, m))
        } else warnings++
      }
    }
    const entries: Entry[] = []
    const byId = new Map<string, string>()
    results.forEach((r, k) => {
      const prepared = kept[k]
      if (!prepared) {
        if (options.force) io.stderr(`${r.path}: left out, it does not parse or validate\n`)
        return
      }
      const first = byId.get(prepared.id)
      if (first !== undefined) {
        errors++
        io.stderr(`${r.path}:1:1  error  Unexpected duplicate id \`${prepared.id}\`, also in \`${first}\`  build/unique-id\n`)
        return
      }
      byId.set(prepared.id, r.path)
      entries.push({ path: r.path, result: r, prepared })
    })
    if (errors > 0 && !options.force) {
      io.stderr(`starkit: ${plural(errors, 'error')}, nothing built (fix them, or build anyway with --force)\n`)
      return EXIT.findings
    }

    const [{ bundlePieces, bundleWarnings, compareIds }, { checkId, DEFAULT_TITLE, indexHtmlPieces, siteFiles }] = await emit
    const schemaId = loadSchema('scenario.schema.json')['$id']
    if (typeof schemaId !== 'string') throw new Error('schema/scenario.schema.json has no $id')
    for (const e of entries) checkId(e.prepared.id, e.path)
    entries.sort((a, b) => compareIds(a.prepared.id, b.prepared.id))
    const json = !options.htmlOnly
    const html = !options.jsonOnly
    const prepared = new Map(entries.map((e) => [e.prepared.id, e.prepared]))
    const files = siteFiles([...prepared.keys()], { json, html })
    const found = await plan(out, files, cwd)

    // Each scenario's page and JSON are rendered and written by the worker threads, while this
    // thread writes the bundle, the index and the assets; every write is listed in path order.
    // (`scenarios/<id>.html` and `.json` are next to each other in it: ids hold no `.`.)
    const title = DEFAULT_TITLE
    const targets: Target[] = files.map((f, k) => ({ path: inside(out, f.path), found: found[k]! }))
    const folders = [...new Set(files.map((f) => folderOf(f.path)))].map((folder) => join(out, folder))
    for (const dir of folders) mkdirSync(dir, { recursive: true })
    let written = 0
    /**
     * The listing's lines not written yet: each write is listed on a line of its own, written
     * ~16 KB at a time. A build of 10,000 scenarios lists 20,000 files, and a call of
     * `io.stdout` each (to a file or /dev/null, a system call each) took ~0.15 s of this
     * thread while the workers wanted its CPU. Written before anything else is said, at the
     * end, and when the build is interrupted.
     */
    let listing = ''
    const flushListing = (): void => {
      if (listing === '') return
      const lines = listing
      listing = ''
      io.stdout(lines)
    }
    // Every path written is in `out`: shown as `out` is, then its path in it. (`displayPath` of
    // each of 20,000 paths went through `path.relative` where `out` is outside the working
    // directory, as a tmpfs is: ~3 MB of this thread's allocations at 2,000 scenarios.)
    const shownOut = displayPath(out, cwd)
    const shown = (path: string): string => {
      const rest = below(path, out)
      return rest === undefined ? displayPath(path, cwd) : `${shownOut}/${sep === '/' ? rest : rest.replaceAll(sep, '/')}`
    }
    const wrote = (paths: readonly string[]): void => {
      for (const path of paths) listing += `wrote ${shown(path)}\n`
      written += paths.length
      if (listing.length >= LISTING_CHARS) flushListing()
    }
    // Interrupted from here on (Ctrl-C, SIGTERM), this thread stops the workers' writes and
    // waits for those under way (they run no exit handler), then removes any temporary file of
    // theirs still there. Once the pool is closed, none can be left.
    forget = onExit(() => {
      pool.interrupt()
      removeTemporaries(folders)
      // What was written before the signal is still listed (output that cannot be written is lost anyway).
      try {
        flushListing()
      } catch {
        // Nothing more to do on the way out.
      }
    })
    type Step = { file: number } | { page: PageJob }
    const steps: Step[] = []
    let last: { id: string; page: PageJob } | undefined
    for (const [k, file] of files.entries()) {
      if (file.kind !== 'html' && file.kind !== 'json') {
        steps.push({ file: k })
        continue
      }
      if (last?.id !== file.id) {
        last = { id: file.id, page: { entry: store.at(prepared.get(file.id)!.entry), title, linkJson: json } }
        steps.push({ page: last.page })
      }
      if (file.kind === 'html') last.page.html = targets[k]
      else last.page.jsonFile = targets[k]
    }
    const pages = pool.pages(steps.flatMap((s) => ('page' in s ? [s.page] : [])))
    const utf8 = new TextEncoder()
    const contentOf = (file: SiteFile): Content => {
      if (file.kind === 'asset') return utf8.encode(file.content)
      // Each entry's findings are read and ordered when its piece is made, as it is written,
      // and are garbage once it is: made all first, the 10,000 bench entries' ~58,000 findings
      // survived scavenge after scavenge of this thread while the workers waited for its CPU.
      if (file.kind === 'bundle') {
        const serialized = entries.map((e) => ({
          path: e.path,
          entry: store.piece(e.prepared.entry),
          get warnings() {
            return bundleWarnings(e.result.messages)
          },
          // A packed record's findings go from its bytes into the bundle, as into a JSON report.
          writeWarnings: (out: ByteChunks) => e.result.writeJsonMessages?.(out, 'bundle') ?? false,
        }))
        return () => bundlePieces(schemaId, serialized)
      }
      return indexHtmlPieces(entries.map((e) => ({ facts: e.prepared.facts, html: e.prepared.cardHtml })), title)
    }
    // What was written is listed however this ends (a worker that failed, a write that did).
    try {
      let failure: { error: unknown } | undefined
      for (const step of steps) {
        if ('file' in step) {
          try {
            if (writeUnlessSame(targets[step.file]!, contentOf(files[step.file]!))) wrote([targets[step.file]!.path])
          } catch (error) {
            failure = { error: cannotWrite(error, displayPath(targets[step.file]!.path, cwd)) }
            break
          }
          // A turn of the event loop: the index and the bundle take this thread ~1.4 s at 10,000
          // scenarios, and a worker that finished its batches waits for this thread to send more.
          await new Promise((resolve) => setImmediate(resolve))
          continue
        }
        // This thread answers the workers from here on: deep queues would only unbalance the end.
        pages.shallow()
        const result = await pages.take()
        wrote(result.wrote)
        if (result.failure) {
          failure = { error: writeError(result.failure, (path) => displayPath(path, cwd)) }
          break
        }
      }
      if (failure) {
        // No new batch of writes starts after a failed one; those under way finish and are listed first.
        for (let n = pages.stop(); n > 0; n--) wrote((await pages.take()).wrote)
        throw failure.error
      }
    } finally {
      flushListing()
    }
    for (const stray of await strays(out, new Set(files.map((f) => f.path))))
      io.stderr(
        stray.temporary
          ? `note: ${displayPath(stray.path, cwd)} is a temporary file of an interrupted build (left in place; safe to delete)\n`
          : `note: ${displayPath(stray.path, cwd)} is not part of this build (left in place)\n`,
      )
    const unchanged = files.length - written
    io.stdout(
      `Built ${plural(entries.length, 'scenario')} into ${displayPath(out, cwd)}: ` +
        `${plural(written, 'file')} written, ${unchanged} unchanged` +
        (warnings > 0 ? `, ${plural(warnings, 'warning')} (in the bundle; \`starkit lint\` shows them)` : '') +
        (errors > 0 ? `, ${plural(errors, 'error')} forced through` : '') +
        '\n',
    )
    return EXIT.ok
  } finally {
    await pool.close()
    forget?.()
    // No thread reads the store once the pool is closed (stopped, or idle and stopping).
    store.close()
    forgetStore()
  }
}

export default function register(program: Command, ctx: CommandContext): void {
  program
    .command('build')
    .description('lint, then write the JSON bundle and the HTML site')
    .argument('[paths...]', 'files, folders or globs', ['scenarios'])
    .option('-o, --out <dir>', 'output folder', 'dist')
    .addOption(new Option('--json-only', 'write only scenarios.json and scenarios/<id>.json').conflicts('htmlOnly'))
    .addOption(new Option('--html-only', 'write only the HTML site').conflicts('jsonOnly'))
    .option('--force', 'build even when lint finds errors (files that do not parse are left out)')
    .option('-c, --config <file>', 'use this config file')
    .option('--concurrency <n>', 'worker threads: a number, `auto` or `off`', 'auto')
    .action(async (paths: string[], options: BuildCliOptions) => {
      ctx.setExitCode(await runBuild(paths, options, ctx))
    })
}
