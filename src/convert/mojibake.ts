/**
 * Mojibake: UTF-8 text that was decoded with a single-byte code page, so `✅` (bytes
 * E2 9C 85) reads `âœ…` (Windows-1252) or `βœ…` (Windows-1253 letters mixed with
 * Windows-1252 punctuation, as scrapers that fall back per byte produce).
 *
 * The general repair, not a table of known strings: every character a single-byte code page
 * gives a byte from 0x80 up maps back to that byte (tables built from the code pages
 * themselves through TextDecoder); a run of such characters whose bytes form UTF-8 sequences
 * is mojibake, and decoding those bytes repairs it. A sequence whose bytes were lost on the
 * way (a lead byte and too few continuation bytes, or U+FFFD where a byte was) is reported as
 * damaged: it has no repair here; `convert` maps it to the marker its position calls for.
 *
 * Legitimate text is left alone: a lone `’`, “smart quotes”, `é`, Greek or Cyrillic words
 * do not form UTF-8 lead + continuation sequences of these bytes. Hand-written because the
 * well-kept libraries for this (ftfy) are Python; this is the small part of it we need.
 */

/** The code pages a scraper may have decoded UTF-8 with, most likely first. */
export const CODE_PAGES = ['windows-1252', 'windows-1253', 'windows-1250'] as const

/** One stretch of mojibake in a text. */
export interface MojibakeRange {
  /** Offset of the first character (UTF-16 code units, as `String#slice`). */
  start: number
  /** Offset after the last character. */
  end: number
  /** The mojibake as it stands in the text. */
  text: string
  /** The text it stood for; absent when bytes were lost and it cannot be decoded. */
  repaired?: string
  /** Bytes were lost or damaged: `repaired` is absent. */
  damaged?: boolean
}

/** Byte marking a character that stood for a byte now unknown (U+FFFD). */
const LOST = -1


/**
 * Windows-1252 bytes 0x80-0x9F (the only row where it differs from ISO-8859-1), per the
 * WHATWG index. Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (nodejs/node#56542),
 * so this row is supplied here; the other code pages come from TextDecoder.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

function decodeByte(page: string, decoder: { decode(input: Uint8Array): string }, byte: number): string {
  if (page === 'windows-1252' && byte >= 0x80 && byte <= 0x9f) return WINDOWS_1252_C1[byte - 0x80]!
  return decoder.decode(Uint8Array.of(byte))
}

function buildReverse(): Map<string, number[]> {
  const map = new Map<string, number[]>()
  const add = (char: string, byte: number): void => {
    const list = map.get(char)
    if (!list) map.set(char, [byte])
    else if (!list.includes(byte)) list.push(byte)
  }
  for (const page of CODE_PAGES) {
    const decoder = new TextDecoder(page)
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const char = decodeByte(page, decoder, byte)
      if (char.length === 1 && char !== '\ufffd') add(char, byte)
    }
  }
  // ISO-8859-1 (and per-byte fallbacks) leave C1 bytes as the C1 control characters.
  for (let byte = 0x80; byte <= 0x9f; byte++) add(String.fromCharCode(byte), byte)
  map.set('\ufffd', [LOST])
  return map
}

/** char -> candidate bytes, in code page order. */
const REVERSE: ReadonlyMap<string, readonly number[]> = buildReverse()

const isContinuation = (b: number): boolean => b >= 0x80 && b <= 0xbf

/** Bytes a UTF-8 sequence led by `lead` has in all; 0 when `lead` cannot lead one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  return 0
}

/** Whether `b` may follow `lead` as the second byte (UTF-8's overlong and range limits). */
function validSecond(lead: number, b: number): boolean {
  if (b === LOST) return true
  if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf
  if (lead === 0xed) return b >= 0x80 && b <= 0x9f
  if (lead === 0xf0) return b >= 0x90 && b <= 0xbf
  if (lead === 0xf4) return b >= 0x80 && b <= 0x8f
  return isContinuation(b)
}

function leadCandidate(char: string): number | undefined {
  return REVERSE.get(char)?.find((b) => sequenceLength(b) > 0)
}

function continuationCandidate(char: string, lead: number, second: boolean): number | undefined {
  const bytes = REVERSE.get(char)
  if (!bytes) return undefined
  return bytes.find((b) => b === LOST || (second ? validSecond(lead, b) : isContinuation(b)))
}

const decoder = new TextDecoder('utf-8', { fatal: true })

function decode(bytes: number[]): string | undefined {
  try {
    return decoder.decode(Uint8Array.from(bytes))
  } catch {
    return undefined
  }
}

/** Characters that never appear repaired: C0/C1 controls and non-characters. */
function plausible(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xfffe || cp === 0xffff) return false
  }
  return true
}

/**
 * Find the mojibake in `text`, in order. Linear in the length of the text.
 * Repairs mojibake that was itself decoded wrongly again (`Ã¢Å“â€¦`) in the same step.
 */
export function findMojibake(text: string): MojibakeRange[] {
  // ASCII text holds none (each character of mojibake is 0x80 or above): most lines are ASCII.
  if (!NON_ASCII.test(text)) return []
  return merge(text, scan(text), 2)
}

const NON_ASCII = /[^\0-\x7f]/

/**
 * Join touching decodable ranges into one (`ðŸ’¡ðŸ’¡` is one stretch), and repair a joined
 * repair again while it still holds mojibake.
 */
function merge(text: string, ranges: MojibakeRange[], depth: number): MojibakeRange[] {
  const out: MojibakeRange[] = []
  for (const r of ranges) {
    const prev = out[out.length - 1]
    if (prev && prev.end === r.start && prev.repaired !== undefined && r.repaired !== undefined) {
      prev.end = r.end
      prev.text = text.slice(prev.start, r.end)
      prev.repaired += r.repaired
    } else out.push({ ...r })
  }
  if (depth > 0)
    for (const r of out)
      if (r.repaired !== undefined) {
        const again = repairWith(r.repaired, depth - 1)
        if (again.ranges.length > 0 && again.ranges.every((x) => x.repaired !== undefined)) r.repaired = again.text
      }
  return out
}

function scan(text: string): MojibakeRange[] {
  const ranges: MojibakeRange[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    if (code < 0x80) {
      i++
      continue
    }
    const lead = leadCandidate(text[i]!)
    if (lead === undefined) {
      i++
      continue
    }
    const length = sequenceLength(lead)
    const bytes = [lead]
    let j = i + 1
    while (bytes.length < length && j < n) {
      const b = continuationCandidate(text[j]!, lead, bytes.length === 1)
      if (b === undefined) break
      bytes.push(b)
      j++
    }
    const range = judge(text, i, j, bytes, length)
    if (range) {
      ranges.push(range)
      i = j
    } else i++
  }
  return ranges
}

function judge(text: string, start: number, end: number, bytes: number[], length: number): MojibakeRange | undefined {
  const lead = bytes[0]!
  const lost = bytes.includes(LOST)
  const source = text.slice(start, end)
  if (bytes.length === length && !lost) {
    const decoded = decode(bytes)
    if (decoded === undefined || !plausible(decoded)) return undefined
    if (length === 2 && !twoByteMojibake(text, start, lead)) return undefined
    return { start, end, text: source, repaired: decoded }
  }
  // Damaged: a sequence cut short or holding a lost byte. Demand enough evidence that a
  // lone accented letter followed by punctuation (`é’`, `ół`) is not taken for one.
  const evidence =
    bytes.length >= 3 ||
    (bytes.length === 2 && (lost || symbolStub(text, end, lead, bytes[1]!)))
  return evidence ? { start, end, text: source, damaged: true } : undefined
}

/**
 * Two bytes of a symbol or emoji whose next byte was lost: `ðŸ`/`πŸ` (F0 9F, the emoji
 * plane), or `âš`/`ï¸` (leads E2 and EF, U+2xxx symbols and U+FE0F) where the next byte was a
 * no-break space (A0) that became a space or vanished.
 */
function symbolStub(text: string, end: number, lead: number, second: number): boolean {
  if (lead === 0xf0) return second === 0x9f
  if (lead !== 0xe2 && lead !== 0xef) return false
  if (CLOSING.has(text[end - 1]!)) return false
  const next = text[end]
  return next === undefined || next === ' ' || next === '\t'
}

/** Punctuation that naturally follows a letter at the end of a word in real text. */
const CLOSING = new Set(['»', '’', '”', '›', '…', '™', '®'])

function closesWord(text: string, at: number): boolean {
  const next = text[at + 1]
  return CLOSING.has(text[at]!) && (next === undefined || !/\p{L}/u.test(next))
}

const script = (ch: string): string | undefined =>
  /\p{Script=Latin}/u.test(ch) ? 'Latin' : /\p{Script=Greek}/u.test(ch) ? 'Greek' : /\p{L}/u.test(ch) ? 'other' : undefined

/**
 * A complete two-byte sequence is an upper-case letter (a lead byte) and one more character,
 * which real text also has (`ΤΟ»`, `ÓŁ`); take it for mojibake only when it carries the
 * signature of UTF-8 read as a code page: `Ã`/`Â` (leads C3/C2 of Latin-1 letters), or a
 * letter followed by a symbol or a letter of another script, not closing a word.
 */
function twoByteMojibake(text: string, start: number, lead: number): boolean {
  const first = text[start]!
  const second = text[start + 1]!
  if ((lead === 0xc3 || lead === 0xc2) && script(first) === 'Latin') return true
  const a = script(first)
  const b = script(second)
  if (a !== undefined && a === b) return false
  return !closesWord(text, start + 1)
}

/**
 * The text with every decodable range replaced by its repair (applied again on the result,
 * up to twice, for mojibake of mojibake). Damaged ranges stay as they are.
 */
export function repairMojibake(text: string): { text: string; ranges: MojibakeRange[] } {
  return repairWith(text, 2)
}

function repairWith(text: string, depth: number): { text: string; ranges: MojibakeRange[] } {
  const ranges = merge(text, scan(text), depth)
  if (ranges.length === 0) return { text, ranges }
  let out = ''
  let last = 0
  for (const r of ranges) {
    out += text.slice(last, r.start) + (r.repaired ?? r.text)
    last = r.end
  }
  out += text.slice(last)
  return { text: out, ranges }
}
