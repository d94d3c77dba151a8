/**
 * A record's packed messages (cache.ts `packRecord`: the end of a cache line, or what a lint
 * worker thread sends) written as the JSON report writes them (or as a bundle entry's
 * `warnings`), from their UTF-8 bytes: no message is made, and no string of one. A warm
 * `--cache` run reports the bench's 10,000 files' ~58,000 findings so (~24 MB of report): made
 * into messages and written by `JSON.stringify`, they took ~0.19 s of a run of ~0.75 s;
 * copied, ~0.08 s.
 *
 * The report's text of a message is its packed text with the report's keys and indents put
 * between the values, which are copied as they are. That holds only for text that
 * `JSON.stringify` would write again the same: anything else (an escape it does not write, a
 * number that is not a count, messages out of the report's order, a message kept whole) gives
 * `false`, and the report makes those messages and writes them as it does any others.
 */
import type { ByteChunks } from '../report/byte-chunks.js'
import type { JsonForm } from '../report/diagnostic.js'
import { stringifyNested } from '../model/nested-json.js'
import { ruleUrl } from '../rules/define-rule.js'

// The text around a message's values, as `JSON.stringify(report, null, 2)` has it for a
// message of a file of the report's `files` (five levels down), as UTF-8.
const utf8 = (text: string): Buffer => Buffer.from(text)
const FIRST = utf8('[\n        {\n          "ruleId": ')
const NEXT = utf8(',\n        {\n          "ruleId": ')
const WARNING = utf8(',\n          "severity": "warning",\n          "message": ')
const ERROR = utf8(',\n          "severity": "error",\n          "message": ')
const AFTER_MESSAGE = [',\n          "line": ', ',\n          "column": ', ',\n          "endLine": ', ',\n          "endColumn": '].map(utf8)
const URL = utf8(',\n          "url": ')
const CLOSE = utf8('\n        }')
const END = utf8('\n      ]')
const KEY = ',\n          '

/** The keys a message's packed form has in its first seven places: its `more` cannot have them. */
const HEAD_KEYS = new Set(['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'])

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const ZERO = 0x30
const ONE = 0x31
const TWO = 0x32

/** The JSON of each rule's address, by rule id, as UTF-8. */
const urls = new Map<string, Buffer>()

function urlJson(ruleId: string): Buffer {
  let json = urls.get(ruleId)
  if (json === undefined) urls.set(ruleId, (json = utf8(JSON.stringify(ruleUrl(ruleId)))))
  return json
}

/** The hex digit a byte is (lower case only, as `JSON.stringify` writes them), or -1. */
function hex(c: number): number {
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x61 + 10 : -1
}

/**
 * Where the JSON string at `at` ends (past its closing quote), if it is one `JSON.stringify`
 * writes: no raw control character, and no escape but `\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
 * `\t` and `\u00xx` for the other control characters. Else -1. (A lone surrogate, which it
 * writes as `\udxxx`, is left to the report's own writing.)
 */
export function stringEnd(bytes: Uint8Array, at: number, to: number): number {
  if (bytes[at] !== QUOTE) return -1
  for (let i = at + 1; i < to; i++) {
    const c = bytes[i]!
    if (c === QUOTE) return i + 1
    if (c < 0x20) return -1
    if (c !== BACKSLASH) continue
    const e = bytes[++i]
    if (e === QUOTE || e === BACKSLASH || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) continue
    if (e !== 0x75 || i + 4 >= to || bytes[i + 1] !== ZERO || bytes[i + 2] !== ZERO) return -1
    const high = hex(bytes[i + 3]!)
    const low = hex(bytes[i + 4]!)
    if (high < 0 || high > 1 || low < 0) return -1
    const code = 16 * high + low
    // Backspace, tab, line feed, form feed and carriage return have their short escapes.
    if (code === 8 || code === 9 || code === 10 || code === 12 || code === 13) return -1
    i += 4
  }
  return -1
}

/** The count read by the last `countEnd`. */
let counted = 0

/** Where the count (a whole number ≥ 0 of at most 15 digits, no leading zero) at `at` ends, its value in `counted`; -1 if there is none. */
function countEnd(bytes: Uint8Array, at: number, to: number): number {
  let i = at
  let value = 0
  while (i < to && i - at < 16) {
    const c = bytes[i]!
    if (c < ZERO || c > 0x39) break
    value = 10 * value + (c - ZERO)
    i++
  }
  if (i === at || i - at > 15 || (bytes[at] === ZERO && i - at > 1)) return -1
  counted = value
  return i
}

/** Where the JSON object at `at` ends (past its closing brace), by its brackets outside strings; -1 if it does not. */
function objectEnd(bytes: Uint8Array, at: number, to: number): number {
  if (bytes[at] !== OPEN_BRACE) return -1
  let depth = 0
  for (let i = at; i < to; i++) {
    const c = bytes[i]
    if (c === QUOTE) {
      i = stringEnd(bytes, i, to)
      if (i === -1) return -1
      i--
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return c === CLOSE_BRACE ? i + 1 : -1
  }
  return -1
}

/** The keys a bundle's finding has after its seventh, in its order (src/emit/json.ts `ORDER.diagnostic`). */
const BUNDLE_MORE = ['note', 'url']

/**
 * The keys after a message's seventh, from its packed `more` object (cache.ts `packMessage`):
 * `url` 1 stands for the rule's address. False when the object is not one a message's
 * unpacking gives back as it is (a key of the first seven, a key that an object puts first),
 * or, for a bundle, when it has a key a bundle's finding has not, or its keys in another order
 * (a `fix` is left out, as `bundleDiagnostic` leaves it).
 */
function writeMore(more: unknown, ruleId: string, out: ByteChunks, form: JsonForm): boolean {
  if (typeof more !== 'object' || more === null || Array.isArray(more)) return false
  let order = 0
  for (const key of Object.keys(more)) {
    if (HEAD_KEYS.has(key) || key === '__proto__' || /^\d/.test(key)) return false
    const value = (more as Record<string, unknown>)[key]
    if (form === 'bundle') {
      if (key === 'fix') continue
      const at = BUNDLE_MORE.indexOf(key)
      if (at < order || value === undefined) return false
      order = at + 1
    }
    out.text(KEY + JSON.stringify(key) + ': ')
    if (key === 'url' && value === 1) out.put(urlJson(ruleId))
    else out.text(typeof value === 'object' && value !== null ? stringifyNested(value, 5) : JSON.stringify(value))
  }
  return true
}

/** The report's text before a `note`'s value (a `url`'s is `URL`). */
const NOTE = utf8(',\n          "note": ')
const COLON = 0x3a
/** `note` and `url` as a packed `more` object has them: its two keys that lint's findings have. */
const NOTE_KEY = utf8('"note"')
const URL_KEY = utf8('"url"')

/** Whether `bytes` from `at` on start with all of `key`. */
function startsWith(bytes: Uint8Array, at: number, key: Uint8Array): boolean {
  for (let k = 0; k < key.length; k++) if (bytes[at + k] !== key[k]) return false
  return true
}

/**
 * A packed `more` object in `bytes` from `from` up to `to` (its braces included) written from
 * its bytes, as `writeMore` writes it once parsed: true when written. Only the shape lint's
 * findings have is copied: a `note` whose value is a string and a `url` that is a string or 1
 * (the rule's address), each at most once, in the order a bundle's finding has them where the
 * form is `bundle`. Anything else (another key, another value, a note after the address in a
 * bundle) writes nothing and gives false: `writeMore` decides, from the object parsed. The
 * bench's 10,000 files have a `note` in one finding each: parsed, and its value made a string
 * and encoded again, they took ~15 ms of a warm run's ~0.6 s and ~5 MB of its allocations.
 */
function copyMore(bytes: Buffer, from: number, to: number, id: number, idEnd: number, out: ByteChunks, form: JsonForm): boolean {
  // Where each value is (-1: absent).
  let note = -1
  let noteEnd = -1
  let url = -1
  let urlEnd = -1
  for (let i = from + 1; ; i++) {
    const isNote = startsWith(bytes, i, NOTE_KEY)
    if (isNote ? note !== -1 : url !== -1 || !startsWith(bytes, i, URL_KEY)) return false
    i += isNote ? NOTE_KEY.length : URL_KEY.length
    if (bytes[i++] !== COLON) return false
    const start = i
    if (bytes[i] === QUOTE) i = stringEnd(bytes, i, to)
    else if (!isNote && bytes[i] === ONE) i++
    else return false
    if (i === -1) return false
    if (!isNote) (url = start), (urlEnd = i)
    // In a bundle, a note after the address is not a finding's order.
    else if (form === 'bundle' && url !== -1) return false
    else (note = start), (noteEnd = i)
    if (bytes[i] === COMMA) continue
    if (bytes[i] !== CLOSE_BRACE || i + 1 !== to) return false
    break
  }
  const address = url !== -1 && bytes[url] === ONE ? urlOf(bytes, id, idEnd) : undefined
  const chunk = out.ensure(NOTE.length + URL.length + (to - from) + (address?.length ?? 0))
  let at = out.at
  const noteFirst = note !== -1 && (url === -1 || note < url)
  if (noteFirst) at = copy(chunk, put(chunk, at, NOTE), bytes, note, noteEnd)
  if (url !== -1) at = address ? put(chunk, put(chunk, at, URL), address) : copy(chunk, put(chunk, at, URL), bytes, url, urlEnd)
  if (note !== -1 && !noteFirst) at = copy(chunk, put(chunk, at, NOTE), bytes, note, noteEnd)
  out.at = at
  return true
}

/**
 * Write `source` into `bytes` at `at`; where the writing ends. The report's longer constant
 * pieces (a message's opening, its severity's keys, a rule's address: 25-90 bytes) with one
 * `set`, the shorter in a loop: the bench's 10,000 cached files' findings written in 95-113 ms
 * against 114-123 ms on the first pass (a warm run's one), 46-47 against 56-58 ms once
 * optimized (a loop for every piece until session 24). A `set` of a `subarray` for the longer
 * copied values (`copy`, over 64 bytes) was slower in two runs of three (76-80 ms against
 * 48-50 ms once optimized): the subarray is an object each time.
 */
function put(bytes: Buffer, at: number, source: Uint8Array): number {
  if (source.length > 24) {
    bytes.set(source, at)
    return at + source.length
  }
  for (let k = 0; k < source.length; k++) bytes[at++] = source[k]!
  return at
}

/** Write `source` from `from` up to `to` into `bytes` at `at`; where the writing ends. */
function copy(bytes: Buffer, at: number, source: Uint8Array, from: number, to: number): number {
  for (let k = from; k < to; k++) bytes[at++] = source[k]!
  return at
}

/**
 * The rule ids met so far (their JSON, as UTF-8) and their addresses' JSON, by the same index:
 * a report's findings are of a few rules, so each id is found here by its bytes, with no
 * string or copy made of it. Keeping only the last id made a copy of it at each change of rule
 * (in the bench's warm run, twice a file: ~3 MB of its allocations).
 */
const seenIds: Uint8Array[] = []
const seenUrls: Buffer[] = []
/** More rules than starkit has: past this many, an id is looked up from its string each time. */
const SEEN_MAX = 64

/** The JSON of the address of the rule whose id's JSON is in `bytes` from `from` up to `to`, as UTF-8. */
function urlOf(bytes: Buffer, from: number, to: number): Buffer {
  for (let j = 0; j < seenIds.length; j++) {
    const id = seenIds[j]!
    if (id.length === to - from && startsWith(bytes, from, id)) return seenUrls[j]!
  }
  const url = urlJson(ruleIdOf(bytes, from, to))
  if (seenIds.length < SEEN_MAX) {
    seenIds.push(Uint8Array.prototype.slice.call(bytes, from, to))
    seenUrls.push(url)
  }
  return url
}

/**
 * Write the messages packed in `bytes` from `from` up to `to` (a JSON array, UTF-8) as the
 * JSON report writes a file's `messages` after its key: `JSON.stringify(messages, null, 2)`
 * three levels down; or, with `form` `bundle`, as a bundle writes an entry's `warnings` after
 * its key (three levels down too: a finding's keys in the bundle's order, no `fix`; findings
 * in the order of both, by line and column). True when written; false when they cannot be written from their packed
 * text (see above), with part of them perhaps written: the caller puts `out.at` back.
 *
 * Each message is written straight into the chunk's buffer, after one `ensure` of room for
 * the most it can take: its keys and indents (~230 bytes), its values (no more than what is
 * left of the packed text) and its rule's address (~60 bytes and the id).
 */
export function writePackedMessages(bytes: Buffer, from: number, to: number, out: ByteChunks, form: JsonForm = 'report'): boolean {
  let i = from
  if (bytes[i++] !== OPEN_BRACKET) return false
  if (bytes[i] === CLOSE_BRACKET) {
    if (i + 1 !== to) return false
    out.ascii('[]')
    return true
  }
  let line = -1
  let column = -1
  for (let first = true; ; first = false) {
    // `[ruleId,severity,message,line,column,endLine,endColumn(,more)?]`
    if (bytes[i++] !== OPEN_BRACKET) return false
    const id = i
    i = stringEnd(bytes, i, to)
    if (i === -1 || bytes[i] !== COMMA) return false
    const idEnd = i
    const severity = bytes[i + 1]
    if ((severity !== ONE && severity !== TWO) || bytes[i + 2] !== COMMA) return false
    const message = i + 3
    i = stringEnd(bytes, message, to)
    if (i === -1) return false
    const chunk = out.ensure(320 + 2 * (to - id))
    let at = out.at
    at = put(chunk, at, first ? FIRST : NEXT)
    at = copy(chunk, at, bytes, id, idEnd)
    at = put(chunk, at, severity === TWO ? ERROR : WARNING)
    at = copy(chunk, at, bytes, message, i)
    for (let k = 0; k < 4; k++) {
      if (bytes[i] !== COMMA) return false
      const start = i + 1
      i = countEnd(bytes, start, to)
      if (i === -1) return false
      // In the report's order (`byPlace`): by line, then column; a tie is left to the report, which orders it further.
      if (k === 0) {
        if (counted < line) return false
        if (counted > line) column = -1
        line = counted
      } else if (k === 1) {
        if (counted <= column) return false
        column = counted
      }
      at = put(chunk, at, AFTER_MESSAGE[k]!)
      at = copy(chunk, at, bytes, start, i)
    }
    // An eighth item: 1 for the rule's address, or an object of the message's other keys.
    let more = false
    if (bytes[i] === COMMA) {
      if (bytes[i + 1] === ONE) {
        at = put(chunk, at, URL)
        at = put(chunk, at, urlOf(bytes, id, idEnd))
        i += 2
      } else more = true
    }
    out.at = at
    if (more) {
      const end = objectEnd(bytes, i + 1, to)
      if (end === -1) return false
      if (!copyMore(bytes, i + 1, end, id, idEnd, out, form)) {
        let more: unknown
        try {
          more = JSON.parse(bytes.toString('utf8', i + 1, end))
        } catch {
          return false
        }
        if (!writeMore(more, ruleIdOf(bytes, id, idEnd), out, form)) return false
      }
      i = end
    }
    if (bytes[i++] !== CLOSE_BRACKET) return false
    out.put(CLOSE)
    if (bytes[i] === COMMA) {
      i++
      continue
    }
    if (bytes[i] !== CLOSE_BRACKET || i + 1 !== to) return false
    out.put(END)
    return true
  }
}

/** The rule id whose JSON string is in `bytes` from `from` up to `to`. */
function ruleIdOf(bytes: Buffer, from: number, to: number): string {
  const raw = bytes.toString('utf8', from + 1, to - 1)
  return raw.includes('\\') ? (JSON.parse(bytes.toString('utf8', from, to)) as string) : raw
}
