import { MAX_FILE_BYTES } from '../parse/limits.js'
import { decode } from '../parse/decode.js'
import type { PreparedScenario } from '../emit/site.js'
import { readFrontFacts } from '../parse/front.js'
import type { ResolvedConfig } from '../rules/config.js'
import { lintFile, type FileRecord } from '../rules/lint.js'
import type { ConvertJob, PageOutcome } from './convert-pages.js'
import { readErrorMessage, readUnlessLarger } from './special-files.js'
import { encodeForWrite, failureOf, writeUnlessSame, type Target, type WriteFailure } from './site-write.js'
import { packBody } from './cache.js'
import { EntryBatch, entryText, type EntryAt, type ScratchSpan, type SharedScratch } from './entry-store.js'

/**
 * What only build and convert use, loaded on their first task: `starkit lint` and its
 * workers never load the HTML renderer or the page converter (~0.1 s at each start).
 */
let site: Promise<typeof import('../emit/site.js')> | undefined
let pages: Promise<typeof import('./convert-pages.js')> | undefined
const loadSite = (): Promise<typeof import('../emit/site.js')> => (site ??= import('../emit/site.js'))
const loadPages = (): Promise<typeof import('./convert-pages.js')> => (pages ??= import('./convert-pages.js'))

/** One file of a run: the path reports show, and where it is on disk. */
export interface Job {
  path: string
  file: string
}

function unreadable(path: string, error: unknown): FileRecord {
  const message = readErrorMessage(error)
  return { path, messages: [{ ruleId: 'parse/read', severity: 'error', message, line: 1, column: 1, endLine: 1, endColumn: 1 }], directives: [] }
}

export interface JobOptions {
  fix: boolean
  /** Keep the parsed scenario on the record (only for library callers; memory grows with every file). */
  keepScenario: boolean
  /** Put what `build` keeps of a valid file's scenario on the record (`prepared`), instead of the scenario. */
  prepare?: boolean
  /**
   * With `prepare`: put each prepared entry in the build's scratch file (entry-store.ts) and give
   * where it is on the record, not its bytes. Where the write fails, the record has the bytes,
   * and the main thread's own write reports why.
   */
  scratch?: SharedScratch
  /**
   * Give the record packed, as the end of a cache line (`packBody`), not as objects: `lint`
   * and `build` keep every file's record to the end of a run, and 10,000 records as objects
   * were ~50 MB of the main thread's heap (and of the peak memory), packed ~12 MB. Not with
   * `fix` (a packed record has no output) or `keepScenario`; with `prepare`, the prepared
   * scenario comes beside the packed record.
   */
  packed?: boolean
}

/** A prepared scenario as a record gives it: its entry's bytes, or where they are in the scratch file (`JobOptions#scratch`). */
export type PreparedAt = Omit<PreparedScenario, 'entry'> & { entry: Uint8Array | ScratchSpan }

/**
 * A record packed (`JobOptions#packed`), as UTF-8, with its prepared scenario for `build`
 * (`JobOptions#prepare`). Bytes, not a string: a worker hands them over, and the main thread
 * holds them outside its heap, and reads each record's head from them (cache.ts `unpackBody`);
 * its messages stay bytes until a report asks for them. As strings, the
 * 10,000 records of the bench's corpus survived the main thread's scavenges one after another,
 * and its young generation grew to 34 MB (17 MB at 1,000 files): most of what the peak memory
 * grew by with the corpus.
 */
export interface PackedRecord {
  path: string
  packed: Uint8Array
  prepared?: PreparedAt
}

const utf8 = new TextEncoder()

/** A record as `build` gets it: what it needs of the scenario, already serialized, not the scenario. */
export interface BuildRecord extends FileRecord {
  prepared?: PreparedAt
}

/** Read and lint one file; an unreadable file is a message on it, not a failed run. */
export async function lintJob(job: Job, config: ResolvedConfig, options: JobOptions): Promise<BuildRecord | PackedRecord> {
  const record = await lintRecord(job, config, options)
  if (!options.packed || options.fix || options.keepScenario) return record
  const packed: PackedRecord = { path: record.path, packed: utf8.encode(packBody(record)) }
  if (record.prepared) packed.prepared = record.prepared
  return packed
}

async function lintRecord(job: Job, config: ResolvedConfig, options: JobOptions): Promise<BuildRecord> {
  try {
    // A synchronous read: the thread has nothing to do meanwhile, and fs/promises' readFile
    // cost ~0.2 ms a file in round trips to the thread pool (readFileSync ~0.04 ms). Only a
    // regular file is read: a FIFO or a device is a `parse/read` error, not a wait (special-files.ts).
    // A file over the size limit is not read at all: it is refused by its size. Read into
    // this thread's buffer for reads: the lint decodes the bytes at once and keeps none.
    const { bytes, size } = readUnlessLarger(job.file, MAX_FILE_BYTES, true)
    const record: BuildRecord = lintFile({ path: job.path, content: bytes, size }, config, options.fix)
    if (options.prepare && record.scenario) {
      const { prepareScenario } = await loadSite()
      // With a scratch file, the entry waits in this thread's batch for the others of its batch of tasks (`settleEntries`).
      const batch = options.scratch ? entryBatchFor(options.scratch) : undefined
      record.prepared = prepareScenario(record.scenario, { encode: batch && ((text) => batch.encode(text)) })
    }
    if (!options.keepScenario) delete record.scenario
    return record
  } catch (error) {
    return unreadable(job.path, error)
  }
}

/** This thread's batch of entries for the scratch file (one per pool: a build's pool has one scratch file). */
let entries: { scratch: SharedScratch; batch: EntryBatch } | undefined

function entryBatchFor(scratch: SharedScratch): EntryBatch {
  if (entries?.scratch !== scratch) entries = { scratch, batch: new EntryBatch(scratch) }
  return entries.batch
}

/**
 * Put the entries the tasks of `results` prepared in the scratch file, with one write, and
 * give each record where its entry is (or, where the write failed, its bytes: the main thread
 * then puts them, and says why that fails). Called once the tasks of a batch are done, before
 * their results are sent.
 */
export function settleEntries(results: readonly TaskResult[]): void {
  entries?.batch.settle(results.flatMap((r) => ('prepared' in r && r.prepared ? [r.prepared] : [])))
}

/** What cross-file rules need of a file outside this `--shard`: its frontmatter, read as a full lint reads it. */
export async function frontOnly(job: Job): Promise<FileRecord> {
  const record: FileRecord = { path: job.path, messages: [], directives: [] }
  try {
    const { bytes, size } = readUnlessLarger(job.file, MAX_FILE_BYTES)
    if (size > MAX_FILE_BYTES) return record
    const decoded = decode(bytes)
    const front = 'text' in decoded ? readFrontFacts(decoded.text) : undefined
    if (front) record.front = front
  } catch {
    // An unreadable file has no frontmatter; its own shard reports it.
  }
  return record
}

/**
 * A scenario's files of the site (the second half of a build's per-file work): its page,
 * rendered from its prepared JSON, and the JSON itself, each written where it goes by the
 * thread that has the task.
 */
export interface PageJob {
  /** The scenario as the build prepared it (`PreparedScenario#entry`), or where the build keeps it (entry-store.ts). */
  entry: EntryAt
  title: string
  /** Whether the page links to its JSON file. */
  linkJson: boolean
  /** `scenarios/<id>.html`, when the site has HTML. */
  html?: Target
  /** `scenarios/<id>.json`, when the site has JSON. */
  jsonFile?: Target
}

/** The paths a page task wrote, in site order (the page, then its JSON), and the write that failed, after which it wrote nothing. */
export interface PageWritten {
  wrote: string[]
  failure?: WriteFailure
}

export async function pageJob(job: PageJob): Promise<PageWritten> {
  const wrote: string[] = []
  /** The file being written, for a failure to name. */
  let writing: string | undefined
  try {
    const site = await loadSite()
    const entry = entryText(job.entry)
    if (job.html) {
      const page = encodeForWrite(site.preparedHtml(entry, { title: job.title, json: job.linkJson }))
      writing = job.html.path
      if (writeUnlessSame(job.html, page)) wrote.push(job.html.path)
      writing = undefined
    }
    if (job.jsonFile) {
      const json = encodeForWrite(site.preparedJson(entry))
      writing = job.jsonFile.path
      if (writeUnlessSame(job.jsonFile, json)) wrote.push(job.jsonFile.path)
    }
  } catch (error) {
    return { wrote, failure: failureOf(error, writing) }
  }
  return { wrote }
}

/** The work a thread can be given: lint a file, render and write a scenario's page and JSON, or convert a scraped page. */
export type Task = { kind: 'lint'; job: Job } | { kind: 'page'; job: PageJob } | { kind: 'convert'; job: ConvertJob }

/** What a task gives back: a record, the files a page task wrote, a converted page. */
export type TaskResult = BuildRecord | PackedRecord | PageWritten | PageOutcome

/** Run one task; a lint task needs the run's config (a convert pool has none). */
export async function runTask(task: Task, config: ResolvedConfig | undefined, options: JobOptions): Promise<TaskResult> {
  if (task.kind === 'page') return pageJob(task.job)
  if (task.kind === 'convert') return (await loadPages()).convertPage(task.job)
  if (config === undefined) throw new Error('Unexpected lint task without a config')
  return lintJob(task.job, config, options)
}

/** The buffers of a task's result a worker can hand over instead of copying. */
export function transferable(result: TaskResult): ArrayBuffer[] {
  const prepared = 'prepared' in result ? result.prepared : undefined
  const packed = 'packed' in result ? result.packed : undefined
  const whole = (bytes: Uint8Array | ScratchSpan | undefined): bytes is Uint8Array =>
    bytes instanceof Uint8Array && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
  return [packed, prepared?.entry, prepared?.cardHtml].filter(whole).map((bytes) => bytes.buffer as ArrayBuffer)
}
