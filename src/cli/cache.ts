import { closeSync, readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { dirname } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { Span } from '../model/index.js'
import type { FrontFacts } from '../parse/front.js'
import type { Diagnostic } from '../report/diagnostic.js'
import type { ResolvedConfig } from '../rules/config.js'
import { ruleUrl } from '../rules/define-rule.js'
import type { FileRecord } from '../rules/lint.js'
import { CACHE_FORMAT, isStamp, type Stamp } from './cache-line.js'
import { VERSION } from './context.js'
import { hash } from './digest.js'
import { openRegularFile, READ_FLAGS } from './special-files.js'
import { compareCodeUnits } from '../model/order.js'

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
  /** The entry's line as it was read, written back unchanged while the file is. */
  line?: string
}

/** What the cache keeps of a file's record: no path, no scenario, never a `--fix` output. */
export type CachedRecord = Pick<FileRecord, 'messages' | 'directives' | 'front'>

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
/** `[messages, directives, front?]`; front is `[data, spans]`, or kept whole when a span has other keys. */
type PackedRecord = [(PackedMessage | Diagnostic)[], CachedRecord['directives'], ([Record<string, unknown>, Record<string, PackedSpan>] | FrontFacts)?]

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

function packFront(front: FrontFacts): [Record<string, unknown>, Record<string, PackedSpan>] | FrontFacts {
  const spans: Record<string, PackedSpan> = {}
  for (const [pointer, span] of Object.entries(front.spans)) {
    if (Object.keys(span).join() !== 'start,end' || !isPoint(span.start) || !isPoint(span.end)) return front
    const { start, end } = span
    spans[pointer] = [start.line, start.column, start.offset, end.line, end.column, end.offset]
  }
  return Object.keys(front).join() === 'data,spans' ? [front.data, spans] : front
}

/** A record as a cache line holds it (`CACHE_FORMAT` 4). */
export function packRecord(record: CachedRecord): PackedRecord {
  const packed: PackedRecord = [record.messages.map(packMessage), record.directives]
  if (record.front) packed.push(packFront(record.front))
  return packed
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0

/** One copy of each rule id and each rule's address, shared by every record read back. */
export interface SharedStrings {
  ids: Map<string, string>
  urls: Map<string, string>
}

export const sharedStrings = (): SharedStrings => ({ ids: new Map(), urls: new Map() })

function idOf(shared: SharedStrings, ruleId: string): string {
  const kept = shared.ids.get(ruleId)
  if (kept !== undefined) return kept
  shared.ids.set(ruleId, ruleId)
  return ruleId
}

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
  const m: Diagnostic = { ruleId: idOf(shared, ruleId), severity: severity === 2 ? 'error' : 'warning', message, line, column, endLine, endColumn }
  if (more === 1) m.url = urlOf(shared, ruleId)
  else if (typeof more === 'object' && more !== null)
    for (const key of Object.keys(more)) {
      const value = more[key]
      ;(m as unknown as Record<string, unknown>)[key] = key === 'url' && value === 1 ? urlOf(shared, ruleId) : value
    }
  else if (more !== undefined) throw new TypeError('Not a packed message')
  return m
}

function unpackSpan(s: unknown): Span {
  if (!Array.isArray(s) || s.length !== 6 || !s.every(isCount)) throw new TypeError('Not a packed span')
  const [line, column, offset, endLine, endColumn, endOffset] = s as PackedSpan
  return { start: { line, column, offset }, end: { line: endLine, column: endColumn, offset: endOffset } }
}

/**
 * The record a packed one stands for; throws on anything `packRecord` does not write. Rule ids
 * and addresses come from `shared`: 10,000 cached records hold one copy of each.
 */
export function unpackRecord(packed: unknown, shared: SharedStrings = sharedStrings()): CachedRecord {
  if (!Array.isArray(packed) || !Array.isArray(packed[0]) || !Array.isArray(packed[1]) || packed.length > 3) throw new TypeError('Not a packed record')
  const list = packed[0] as unknown[]
  const messages: Diagnostic[] = new Array<Diagnostic>(list.length)
  for (let i = 0; i < list.length; i++) messages[i] = unpackMessage(list[i], shared)
  const record: CachedRecord = { messages, directives: packed[1] as CachedRecord['directives'] }
  const front = packed[2] as PackedRecord[2]
  if (Array.isArray(front)) {
    const [data, spans] = front
    if (typeof data !== 'object' || data === null || typeof spans !== 'object' || spans === null) throw new TypeError('Not a packed front')
    const unpacked: Record<string, Span> = {}
    for (const pointer of Object.keys(spans)) unpacked[pointer] = unpackSpan(spans[pointer])
    record.front = { data, spans: unpacked }
  } else if (typeof front === 'object' && front !== null) record.front = front
  else if (front !== undefined) throw new TypeError('Not a packed front')
  return record
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
 * The file: a header line `{"format":4,"key":"…"}`, then per file
 * `["<name>","<hash>",<stamp>,…packRecord(record)]` (cache-line.ts). A full write sorts the lines by name; a save that only adds or replaces a few
 * entries appends their lines instead, and a later line for a name replaces an earlier one.
 */
export function loadCache(path: string, key: string, read: CacheFile | undefined = readCacheFileSync(path)): LoadedCache {
  const entries = new Map<string, CacheEntry>()
  const none: LoadedCache = { entries, lines: 0 }
  if (read === undefined) return none
  const { text, stat } = read
  const lines = text.split('\n')
  try {
    const header = JSON.parse(lines[0]!) as { format?: unknown; key?: unknown }
    if (header.format !== CACHE_FORMAT || header.key !== key) return none
  } catch {
    return none
  }
  let count = 0
  const strings = sharedStrings()
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!
    if (line === '') continue
    count++
    try {
      const [name, digest, stamp, ...packed] = JSON.parse(line) as unknown[]
      if (typeof name === 'string' && typeof digest === 'string' && isStamp(stamp)) entries.set(name, { hash: digest, stamp, record: unpackRecord(packed, strings), line })
    } catch {
      // A damaged line: that file is a miss.
    }
  }
  return { entries, lines: count, file: { dev: stat.dev, ino: stat.ino, size: stat.size, endsWithNewline: text.endsWith('\n') } }
}

/** The line of an entry. */
export function cacheLine(name: string, entry: CacheEntry): string {
  return JSON.stringify([name, entry.hash, entry.stamp, ...packRecord(entry.record)])
}

/** The cache file's text, and which file it was. */
export interface CacheFile {
  text: string
  stat: { dev: number; ino: number; size: number }
}

/** The cache file at `path`, or undefined when there is none to read (missing, unreadable, not a regular file). */
export function readCacheFileSync(path: string): CacheFile | undefined {
  try {
    // A FIFO or a device at the cache location is no cache (special-files.ts), not a wait.
    const { fd, stat } = openRegularFile(path)
    try {
      return { text: readFileSync(fd, 'utf8'), stat }
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
    return { text: await handle.readFile('utf8'), stat }
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
 * whole file is written again, sorted (write-file-atomic). Nothing is written when no entry is
 * new and the file can stay. An append cut short (a killed run) leaves at worst one damaged
 * line, which the next run reads as a miss. Another run that rewrote the file in between gave it
 * a new inode (a rename) or a new size: then this one rewrites it whole.
 */
export async function saveCache(path: string, key: string, entries: ReadonlyMap<string, CacheEntry>, loaded: LoadedCache): Promise<void> {
  const fresh = [...entries].filter(([, e]) => e.line === undefined)
  const stale = loaded.lines + fresh.length - entries.size
  if (loaded.file && stale <= Math.max(STALE_LINES, entries.size / 4)) {
    if (fresh.length === 0) return
    const text = fresh.map(([name, e]) => cacheLine(name, e) + '\n').join('')
    if (await append(path, loaded.file, loaded.file.endsWithNewline ? text : '\n' + text)) return
  }
  const names = [...entries.keys()].sort(compareCodeUnits)
  const lines = [JSON.stringify({ format: CACHE_FORMAT, key })]
  for (const name of names) {
    const e = entries.get(name)!
    lines.push(e.line ?? cacheLine(name, e))
  }
  await writeFileAtomic(path, lines.join('\n') + '\n')
}

/** Append `text` to `path` if it is still the file `was`; whether it did. */
async function append(path: string, was: NonNullable<LoadedCache['file']>, text: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'a')
  } catch {
    return false
  }
  try {
    const now = await handle.stat()
    if (now.dev !== was.dev || now.ino !== was.ino || now.size !== was.size) return false
    await handle.write(text)
    await handle.datasync()
    return true
  } finally {
    await handle.close()
  }
}
