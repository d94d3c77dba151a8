import { isUtf8 } from 'node:buffer'
import { closeSync, readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import type { Span } from '../model/index.js'
import type { FrontFacts } from '../parse/front.js'
import type { Diagnostic, JsonForm } from '../report/diagnostic.js'
import type { ResolvedConfig } from '../rules/config.js'
import { ruleUrl } from '../rules/define-rule.js'
import { byPlace, type FileRecord } from '../rules/lint.js'
import type { ByteChunks } from '../report/byte-chunks.js'
import { count, type Counts } from '../report/summary.js'
import { UsageError } from './io.js'
import { replaceFile } from './site-write.js'
import { CACHE_FORMAT, isStamp, type Stamp } from './cache-line.js'
import { VERSION } from './context.js'
import { hash } from './digest.js'
import { openRegularFile, READ_FLAGS } from './special-files.js'
import { intern } from '../model/memo.js'
import { compareCodeUnits } from '../model/order.js'
import { writePackedMessages } from './packed-json.js'

/** The default `--cache-location`. */
export const DEFAULT_CACHE = '.starkit-cache/lint.ndjson'
export { CACHE_FORMAT, cacheName } from './cache-line.js'

/**
 * One file's cached result. The record has no path: a hit is shown with the current run's
 * path (the cache may be read from another folder).
 */
export interface CacheEntry {
  hash: string
  /** The file's stamp when hashed (cache-line.ts): while it matches, the file is not read. */
  stamp: Stamp | 0
  record: CachedRecord
  /** Where the entry's line is in the bytes read, to write it back unchanged while the file is. */
  line?: LineBytes
  /** A new entry's line, made already (`lineBytes`): written as it is. */
  made?: Buffer
}

/** A line of a cache file read: its `bytes` from `start` up to `end`. */
export interface LineBytes {
  bytes: Buffer
  start: number
  end: number
}

/**
 * What the cache keeps of a file's record: no path, no scenario, never a `--fix` output. A
 * record read back from a line has its `counts`, and reads its `messages` from the line each
 * time they are asked for (`FileRecord#counts`): a warm run does not hold 10,000 files' findings.
 */
export type CachedRecord = Pick<FileRecord, 'messages' | 'directives' | 'front' | 'counts' | 'writeJsonMessages'>

/**
 * A message as a line holds it: `[ruleId, severity, message, line, column, endLine,
 * endColumn, more?]`, severity 1 for a warning and 2 for an error. `more` is absent when the
 * message has no other key, 1 when its one other key is `url` with its rule's address, else
 * an object of its other keys in their order (`url` 1 again standing for the rule's address).
 * A message whose first keys are not those seven, in that order, is kept whole: the record
 * read back is the one written, key order included, so a warm report is byte for byte a cold
 * one.
 */
type PackedMessage = [string, 1 | 2, string, number, number, number, number, (1 | Record<string, unknown>)?]
/** A span as a line holds it: start line, column and offset, then end line, column and offset. */
type PackedSpan = [number, number, number, number, number, number]
/**
 * A front as a line's head holds it: `[data]`, its spans packed in the line's middle part
 * (`packRecord`), or kept whole when a span has other keys.
 */
type PackedFront = [Record<string, unknown>] | FrontFacts
/**
 * What a line says of a record before its spans and messages: their counts, the length of
 * their text after the second tab (UTF-8 bytes), the directives and the front.
 */
type PackedHead = [[errorCount: number, warningCount: number, fixableCount: number, length: number], CachedRecord['directives'], PackedFront?]

const HEAD = ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'] as const

function packMessage(m: Diagnostic): PackedMessage | Diagnostic {
  const keys = Object.keys(m)
  for (let i = 0; i < HEAD.length; i++) if (keys[i] !== HEAD[i]) return m
  if (m.severity !== 'warning' && m.severity !== 'error') return m
  const packed: PackedMessage = [m.ruleId, m.severity === 'error' ? 2 : 1, m.message, m.line, m.column, m.endLine, m.endColumn]
  if (keys.length === HEAD.length) return packed
  const more: Record<string, unknown> = {}
  for (let i = HEAD.length; i < keys.length; i++) more[keys[i]!] = (m as unknown as Record<string, unknown>)[keys[i]!]
  if (more.url === ruleUrl(m.ruleId)) more.url = 1
  packed.push(keys.length === HEAD.length + 1 && more.url === 1 ? 1 : more)
  return packed
}

const isPoint = (p: unknown): p is { line: number; column: number; offset: number } =>
  typeof p === 'object' && p !== null && Object.keys(p).join() === 'line,column,offset'

/** A front as a line holds it: in its head, and its spans' JSON ('' when the front is kept whole in the head). */
function packFront(front: FrontFacts): { head: PackedFront; spans: string } {
  const spans: Record<string, PackedSpan> = {}
  for (const [pointer, span] of Object.entries(front.spans)) {
    if (Object.keys(span).join() !== 'start,end' || !isPoint(span.start) || !isPoint(span.end)) return { head: front, spans: '' }
    const { start, end } = span
    spans[pointer] = [start.line, start.column, start.offset, end.line, end.column, end.offset]
  }
  return Object.keys(front).join() === 'data,spans' ? { head: [front.data], spans: JSON.stringify(spans) } : { head: front, spans: '' }
}

/**
 * A record as a cache line holds it after its name, hash and stamp (`CACHE_FORMAT` 7): its
 * head, its front's spans' JSON (or ''), and its messages' JSON, in the report's order
 * (`byPlace`), so that a report can copy them as they are (packed-json.ts).
 */
function packRecord(record: CachedRecord): { head: PackedHead; spans: string; messages: string } {
  const list = [...record.messages].sort(byPlace)
  const messages = JSON.stringify(list.map(packMessage))
  const { errorCount, warningCount, fixableCount } = count([{ messages: list }])
  const head: PackedHead = [[errorCount, warningCount, fixableCount, Buffer.byteLength(messages)], record.directives]
  let spans = ''
  if (record.front) {
    const front = packFront(record.front)
    head.push(front.head)
    spans = front.spans
  }
  return { head, spans, messages }
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0

/** One copy of each rule id and each rule's address, shared by every record read back. */
export interface SharedStrings {
  ids: Map<string, string>
  urls: Map<string, string>
}

export const sharedStrings = (): SharedStrings => ({ ids: new Map(), urls: new Map() })

function urlOf(shared: SharedStrings, ruleId: string): string {
  let url = shared.urls.get(ruleId)
  if (url === undefined) shared.urls.set(ruleId, (url = ruleUrl(ruleId)))
  return url
}

function unpackMessage(p: unknown, shared: SharedStrings): Diagnostic {
  if (!Array.isArray(p)) {
    if (typeof p !== 'object' || p === null) throw new TypeError('Not a message')
    return p as Diagnostic
  }
  const [ruleId, severity, message, line, column, endLine, endColumn, more] = p as PackedMessage
  if (typeof ruleId !== 'string' || (severity !== 1 && severity !== 2) || typeof message !== 'string' || p.length > 8) throw new TypeError('Not a packed message')
  if (!isCount(line) || !isCount(column) || !isCount(endLine) || !isCount(endColumn)) throw new TypeError('Not a packed message')
  const m: Diagnostic = { ruleId: intern(shared.ids, ruleId), severity: severity === 2 ? 'error' : 'warning', message, line, column, endLine, endColumn }
  if (more === 1) m.url = urlOf(shared, ruleId)
  else if (typeof more === 'object' && more !== null)
    for (const key of Object.keys(more)) {
      const value = more[key]
      ;(m as unknown as Record<string, unknown>)[key] = key === 'url' && value === 1 ? urlOf(shared, ruleId) : value
    }
  else if (more !== undefined) throw new TypeError('Not a packed message')
  return m
}

function unpackSpan(s: PackedSpan): Span {
  const [line, column, offset, endLine, endColumn, endOffset] = s
  return { start: { line, column, offset }, end: { line: endLine, column: endColumn, offset: endOffset } }
}

/** The messages of a line's text after its tab; throws on anything `packRecord` does not write. */
function unpackMessages(text: string, shared: SharedStrings = sharedStrings()): Diagnostic[] {
  const list = JSON.parse(text) as unknown
  if (!Array.isArray(list)) throw new TypeError('Not packed messages')
  const messages: Diagnostic[] = new Array<Diagnostic>(list.length)
  for (let i = 0; i < list.length; i++) messages[i] = unpackMessage(list[i], shared)
  return messages
}

/** A line whose bytes are not UTF-8 is damaged, not read with replacement characters. */
const decoder = new TextDecoder('utf-8', { fatal: true })

function isPackedSpan(s: unknown): s is PackedSpan {
  if (!Array.isArray(s) || s.length !== 6) return false
  for (let i = 0; i < 6; i++) if (!isCount(s[i])) return false
  return true
}

/** What a cache line says: the file's name and its entry. */
export interface CacheLine {
  name: string
  entry: CacheEntry
}

/** How a load reads its lines: the strings they share, and the error a line that cannot be read after all makes (`start`: where it begins in the text). */
export interface Reading {
  shared: SharedStrings
  damaged(error: unknown, start: number): Error
}

const readingAlone = (): Reading => ({ shared: sharedStrings(), damaged: (error) => error as Error })

/**
 * A record read back from a line of the cache's bytes: its counts, directives and front, and
 * its messages read from the bytes after the line's second tab each time they are asked for
 * (or copied into a JSON report from there). One object a line, with its getters on the
 * class: the 10,000 bench files' records as object literals with getters, each with its
 * closures, took ~0.1 s more to load.
 */
class CachedLine implements CachedRecord, LineBytes {
  front?: FrontFacts
  constructor(
    readonly bytes: Buffer,
    readonly start: number,
    readonly end: number,
    /** Where the line's spans end, and its messages start after. */
    private readonly tab: number,
    private readonly reading: Reading,
    readonly directives: CachedRecord['directives'],
    readonly counts: Counts,
  ) {}

  get messages(): Diagnostic[] {
    try {
      return unpackMessages(this.bytes.toString('utf8', this.tab + 1, this.end), this.reading.shared)
    } catch (error) {
      throw this.damaged(error)
    }
  }

  /** The messages as the JSON report writes them, copied from the line (packed-json.ts); false when they cannot be. */
  writeJsonMessages(out: ByteChunks, form?: JsonForm): boolean {
    return writePackedMessages(this.bytes, this.tab + 1, this.end, out, form)
  }

  /** The line's bytes from `from` up to `to`, read as JSON; throws what `reading.damaged` makes of an error. */
  part(from: number, to: number): unknown {
    try {
      return JSON.parse(this.bytes.toString('utf8', from, to)) as unknown
    } catch (error) {
      throw this.damaged(error)
    }
  }

  /** What `reading.damaged` makes of an error in reading this line. */
  damaged(error: unknown): Error {
    return this.reading.damaged(error, this.start)
  }
}

/**
 * A front read back from a line: its data, and its spans made from the line's middle part when
 * asked for (only a cross-file finding does). Not read with the head: loading the bench's
 * cache of 10,000 lines took a median 141 ms with every file's spans parsed, 129 ms without.
 */
class CachedFront implements FrontFacts {
  constructor(
    readonly data: Record<string, unknown>,
    private readonly line: CachedLine,
    private readonly from: number,
    private readonly to: number,
  ) {}

  get spans(): Record<string, Span> {
    const packed = this.line.part(this.from, this.to)
    if (typeof packed !== 'object' || packed === null || Array.isArray(packed)) throw this.line.damaged(new TypeError('Not packed spans'))
    const unpacked: Record<string, Span> = {}
    for (const [pointer, span] of Object.entries(packed)) {
      if (!isPackedSpan(span)) throw this.line.damaged(new TypeError('Not a packed span'))
      unpacked[pointer] = unpackSpan(span)
    }
    return unpacked
  }
}

/**
 * The record of a line's bytes from `start` up to `end` whose head, read already up to the
 * `tab` it ends at, has its record's items from `at` on (`readCacheLine`).
 */
function readRecord(bytes: Buffer, start: number, end: number, tab: number, head: unknown[], at: number, reading: Reading): CachedLine {
  if (head.length < at + 2 || head.length > at + 3) throw new TypeError('Not a cache line')
  const counts = head[at] as unknown
  const directives = head[at + 1] as unknown
  if (!Array.isArray(directives)) throw new TypeError('Not a cache line')
  if (!Array.isArray(counts) || counts.length !== 4 || !isCount(counts[0]) || !isCount(counts[1]) || !isCount(counts[2]) || !isCount(counts[3])) throw new TypeError('Not a cache line')
  // The spans, after the head's tab, up to the second.
  const second = bytes.indexOf(TAB, tab + 1)
  if (second === -1 || second > end) throw new TypeError('Not a cache line')
  if (end - second - 1 !== counts[3]) throw new TypeError('Not the messages the line says')
  const record = new CachedLine(bytes, start, end, second, reading, directives as CachedRecord['directives'], {
    errorCount: counts[0] as number,
    warningCount: counts[1] as number,
    fixableCount: counts[2] as number,
  })
  // A packed front's spans are the bytes between the tabs, read when asked for; any other line has none there.
  const front = head[at + 2] as PackedFront | undefined
  if (Array.isArray(front)) {
    const data = front[0] as unknown
    if (front.length !== 1 || typeof data !== 'object' || data === null || second === tab + 1) throw new TypeError('Not a packed front')
    record.front = new CachedFront(data as Record<string, unknown>, record, tab + 1, second)
  } else if (second !== tab + 1) throw new TypeError('Not a cache line')
  else if (typeof front === 'object' && front !== null) record.front = front
  else if (front !== undefined) throw new TypeError('Not a packed front')
  return record
}

const TAB = 0x09

/** Where a line's head ends: its first tab (none is raw in JSON text), which must come before `end`. */
function headEnd(bytes: Buffer, start: number, end: number): number {
  const tab = bytes.indexOf(TAB, start)
  if (tab === -1 || tab > end) throw new TypeError('Not a cache line')
  return tab
}

/**
 * The cache line in `bytes` from `start` up to `end` (`cacheLine`; a string is read whole,
 * as its UTF-8): its head is read now, and its record's messages from the bytes each time they are
 * asked for, not held (`FileRecord#counts`); so are its front's spans, which only a
 * cross-file finding needs, from the head read again. Throws a TypeError on a head
 * `cacheLine` does not write, or messages of another length than the head says (a line cut
 * short). Messages that do not read as `cacheLine` wrote them throw what `reading.damaged`
 * makes of the error when they are read. Rule ids and addresses come from `reading.shared`:
 * 10,000 cached records hold one copy of each.
 *
 * Only the head is made a string: the whole file as one text took ~0.05 s at the bench's
 * 11 MB (a new string that large is memory the process has not touched yet).
 */
export function readCacheLine(line: Buffer | string, start = 0, end?: number, reading: Reading = readingAlone()): CacheLine {
  // Offsets are the bytes' (UTF-8): a string is read whole.
  if (typeof line === 'string' && (start !== 0 || end !== undefined)) throw new RangeError('Unexpected offsets into a string cache line, expected its bytes')
  const bytes = typeof line === 'string' ? Buffer.from(line) : line
  end ??= bytes.length
  const tab = headEnd(bytes, start, end)
  const head = JSON.parse(bytes.toString('utf8', start, tab)) as unknown
  if (!Array.isArray(head)) throw new TypeError('Not a cache line')
  const name = head[0] as unknown
  const hash = head[1] as unknown
  const stamp = head[2] as unknown
  if (typeof name !== 'string' || typeof hash !== 'string' || !isStamp(stamp)) throw new TypeError('Not a cache line')
  const record = readRecord(bytes, start, end, tab, head, 3, reading)
  return { name, entry: { hash, stamp, record, line: record } }
}

/** A cached record as the record of the file at `path`: its messages still read from the cache when asked for. */
class CachedRecordAt implements FileRecord {
  readonly directives: FileRecord['directives']
  readonly counts?: Counts
  readonly front?: FrontFacts
  constructor(
    readonly path: string,
    private readonly record: CachedRecord,
  ) {
    this.directives = record.directives
    if (record.counts) this.counts = record.counts
    if (record.front) this.front = record.front
  }

  get messages(): Diagnostic[] {
    return this.record.messages
  }

  writeJsonMessages(out: ByteChunks, form?: JsonForm): boolean {
    return this.record.writeJsonMessages?.(out, form) ?? false
  }
}

/** A cached record as the record of the file at `path`, its messages still read when asked for (not a spread, which would read them). */
export function recordAt(record: CachedRecord, path: string): FileRecord {
  return new CachedRecordAt(path, record)
}

/** What every cached result depends on besides the file itself. */
export function cacheKey(config: ResolvedConfig, fix: boolean): string {
  const rules = config.rules.map((r) => [r.rule.id, r.severity, r.options])
  return hash(new TextEncoder().encode(JSON.stringify([CACHE_FORMAT, VERSION, fix, rules, config.settings])))
}

/** A loaded cache: its entries, and what the next save needs to know of the file. */
export interface LoadedCache {
  entries: Map<string, CacheEntry>
  /** Entry lines in the file: damaged ones, and earlier lines of a name a later line replaced, included. */
  lines: number
  /** The file as it was read, when it was of this format and key: a save may append to it while it is still that file. */
  file?: { dev: number; ino: number; size: number; endsWithNewline: boolean }
}

/**
 * Cached entries by cache name (`cacheName`), for this key: none when the file is missing,
 * unreadable, of another format or from another key. A line that does not read as an entry
 * is left out (its file is linted again), never a failed run.
 *
 * The file: a header line `{"format":7,"key":"…"}`, then per file the JSON of
 * `["<name>","<hash>",<stamp>,…the record's head]`, a tab, the JSON of its front's spans (or
 * nothing), a tab, and the JSON of its messages (`cacheLine`). A full write sorts the lines by
 * name; a save that only adds or replaces a few entries appends their lines instead, and a
 * later line for a name replaces an earlier one.
 *
 * Only each line's head is read here (made a string, and parsed). Its spans and messages stay
 * bytes of the file until a cross-file finding or a report asks for them: the bench's 10,000
 * files' findings were held as objects through a warm run.
 */
export function loadCache(path: string, key: string, read: CacheFile | undefined = readCacheFileSync(path)): LoadedCache {
  const entries = new Map<string, CacheEntry>()
  const none: LoadedCache = { entries, lines: 0 }
  if (read === undefined) return none
  const { bytes, stat } = read
  // Lines that are not UTF-8 are left out, whole: each is checked only when the file is not
  // (~0.5 ms at 11 MB). A report copies a line's messages as they are (packed-json.ts).
  const utf8 = isUtf8(bytes)
  const newline = bytes.indexOf(NEWLINE)
  try {
    const header = JSON.parse(decoder.decode(bytes.subarray(0, newline === -1 ? bytes.length : newline))) as { format?: unknown; key?: unknown }
    if (header.format !== CACHE_FORMAT || header.key !== key) return none
  } catch {
    return none
  }
  let count = 0
  const reading: Reading = {
    shared: sharedStrings(),
    damaged: (_, start) => {
      let number = 1
      for (let at = bytes.indexOf(NEWLINE); at !== -1 && at < start; at = bytes.indexOf(NEWLINE, at + 1)) number++
      return new UsageError(`Unexpected damaged line at \`${path}:${number}\` of the cache, expected a line as starkit writes it; delete the cache and run again`)
    },
  }
  for (let at = newline === -1 ? bytes.length : newline + 1; at < bytes.length; ) {
    const found = bytes.indexOf(NEWLINE, at)
    const end = found === -1 ? bytes.length : found
    const start = at
    at = end + 1
    if (end === start) continue
    count++
    // A damaged line: that file is a miss.
    if (!utf8 && !isUtf8(bytes.subarray(start, end))) continue
    try {
      const { name, entry } = readCacheLine(bytes, start, end, reading)
      entries.set(name, entry)
    } catch {
      // A damaged line: that file is a miss.
    }
  }
  return { entries, lines: count, file: { dev: stat.dev, ino: stat.ino, size: stat.size, endsWithNewline: bytes[bytes.length - 1] === NEWLINE } }
}

const NEWLINE = 0x0a

/**
 * A record as the end of a cache line (`lineBytes`): the items of its head after the name, hash
 * and stamp, the head's `]`, a tab, its front's spans' JSON, a tab, its messages' JSON. A lint worker thread sends each record
 * so (`JobOptions#packed`), and the main thread keeps it so: the file's findings are read when
 * the report asks for them, and the text goes to the cache as it is.
 */
export function packBody(record: CachedRecord): string {
  const { head, spans, messages } = packRecord(record)
  // A tab is never raw in JSON text (JSON.stringify writes `\t`): the first one in a line ends its head, the second its spans.
  return `${JSON.stringify(head).slice(1)}\t${spans}\t${messages}`
}

/** What a cache line has before its record (`packBody`): the JSON of its file's name, hash and stamp. */
const lineHead = (name: string, hash: string, stamp: Stamp | 0): string => `[${JSON.stringify(name)},${JSON.stringify(hash)},${JSON.stringify(stamp)},`

/** The cache line of a file's name, hash, stamp and packed record (`packBody`, as UTF-8: what a lint worker thread sends). */
export function lineBytes(name: string, hash: string, stamp: Stamp | 0, body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(lineHead(name, hash, stamp)), body])
}

/** The line of an entry, as UTF-8: the JSON of its name, hash, stamp and record's head, a tab, its spans' JSON, a tab, its messages' JSON. */
function cacheLineBytes(name: string, entry: CacheEntry): Buffer {
  return entry.made ?? Buffer.from(lineHead(name, entry.hash, entry.stamp) + packBody(entry.record))
}

/** The line of an entry (`cacheLineBytes`) as text. */
export function cacheLine(name: string, entry: CacheEntry): string {
  return cacheLineBytes(name, entry).toString()
}

/** How packed records are read: one copy of each rule id and address for all of them. */
const bodies: Reading = readingAlone()

/** A record a worker thread packed (`packBody`, as UTF-8), read as the cache reads a line: its messages when asked for. */
export function unpackBody(path: string, body: Uint8Array): FileRecord {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const tab = headEnd(bytes, 0, bytes.length)
  // The body's head is a line's without its first three items and their `[` (`packBody`).
  const head = JSON.parse('[' + bytes.toString('utf8', 0, tab)) as unknown
  if (!Array.isArray(head)) throw new TypeError('Not a packed record')
  return new CachedRecordAt(path, readRecord(bytes, 0, bytes.length, tab, head, 0, bodies))
}

/** The cache file's bytes, and which file it was. */
export interface CacheFile {
  bytes: Buffer
  stat: { dev: number; ino: number; size: number }
}

/** The cache file at `path`, or undefined when there is none to read (missing, unreadable, not a regular file). */
export function readCacheFileSync(path: string): CacheFile | undefined {
  try {
    // A FIFO or a device at the cache location is no cache (special-files.ts), not a wait.
    const { fd, stat } = openRegularFile(path)
    try {
      return { bytes: readFileSync(fd), stat }
    } finally {
      closeSync(fd)
    }
  } catch {
    return undefined
  }
}

/**
 * `readCacheFileSync` on the thread pool: a warm run starts it before it looks for the files
 * (~0.1 s at 10,000 files), and the read (~11 MB at the bench's 10,000 files) goes on meanwhile.
 */
export async function readCacheFile(path: string): Promise<CacheFile | undefined> {
  let handle
  try {
    handle = await open(path, READ_FLAGS)
  } catch {
    return undefined
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) return undefined
    // As many bytes as `stat` says, in one read where the system allows: `readFile` reads
    // 512 KB at a time, each read waiting for this thread to ask for the next, and this
    // thread is busy looking for the files meanwhile (~0.06 s of a warm run at 10,000 files).
    // Lines another run appends meanwhile are not read: its save sees the size changed
    // (`saveCache`); a file cut shorter meanwhile is read to its end.
    const bytes = Buffer.allocUnsafe(stat.size)
    let got = 0
    for (let n = -1; got < bytes.length && n !== 0; got += n) n = (await handle.read(bytes, got, bytes.length - got, got)).bytesRead
    return { bytes: bytes.subarray(0, got), stat }
  } catch {
    return undefined
  } finally {
    await handle.close()
  }
}

/** Lines in the file that no entry uses, beyond which a save writes the whole file again: at least this many, or a quarter of the entries. */
export const STALE_LINES = 64

/**
 * Save `entries` (each with its line as read, if it has one). When the file is still the one
 * loaded, and would hold few lines no entry uses, only the new lines are appended: a warm run
 * with one file changed writes one line, not the 24 MB of the bench's 10,000 files. Else the
 * whole file is written again, sorted (`replaceFile`). Nothing is written when no entry is
 * new and the file can stay. An append cut short (a killed run) leaves at worst one damaged
 * line, which the next run reads as a miss. Another run that rewrote the file in between gave it
 * a new inode (a rename) or a new size: then this one rewrites it whole.
 *
 * Nothing is synced to the disk: what a crash of the system loses or damages costs those files
 * a new lint, never a wrong result (a line's messages have the length its head says, and a
 * line that does not read is a miss). A sync took ~0.05 s of a warm run on this machine.
 */
export async function saveCache(path: string, key: string, entries: ReadonlyMap<string, CacheEntry>, loaded: LoadedCache): Promise<void> {
  // `forEach`: a Map's `for…of` (or spread) makes a [name, entry] pair for each of its 10,000
  // entries here, where nearly none is fresh.
  const fresh: [string, CacheEntry][] = []
  entries.forEach((e, name) => {
    if (e.line === undefined) fresh.push([name, e])
  })
  const stale = loaded.lines + fresh.length - entries.size
  if (loaded.file && stale <= Math.max(STALE_LINES, entries.size / 4)) {
    if (fresh.length === 0) return
    const lines: Uint8Array[] = loaded.file.endsWithNewline ? [] : [LINE_END]
    for (const [name, e] of fresh) lines.push(cacheLineBytes(name, e), LINE_END)
    if (await append(path, loaded.file, Buffer.concat(lines))) return
  }
  const names = [...entries.keys()].sort(compareCodeUnits)
  const lines: Uint8Array[] = [Buffer.from(JSON.stringify({ format: CACHE_FORMAT, key })), LINE_END]
  for (const name of names) {
    const e = entries.get(name)!
    lines.push(e.line ? e.line.bytes.subarray(e.line.start, e.line.end) : cacheLineBytes(name, e), LINE_END)
  }
  replaceFile(path, Buffer.concat(lines), { fsync: false })
}

const LINE_END = Buffer.from('\n')

/** Append `bytes` to `path` if it is still the file `was`; whether it did. */
async function append(path: string, was: NonNullable<LoadedCache['file']>, bytes: Uint8Array): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'a')
  } catch {
    return false
  }
  try {
    const now = await handle.stat()
    if (now.dev !== was.dev || now.ino !== was.ino || now.size !== was.size) return false
    await handle.write(bytes)
    return true
  } finally {
    await handle.close()
  }
}
