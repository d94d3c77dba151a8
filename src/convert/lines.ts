import type { Root } from 'mdast'
import { isMarkerChar, knownMarker } from './chrome.js'
import { findMojibake, type MojibakeRange } from './mojibake.js'

/** A marker found at the start of a line (or making up the whole line). */
export interface LineMarker {
  /** 1-based column in the source line. */
  column: number
  /** The marker as it stands in the source (mojibake included). */
  source: string
  /** What it reads as after mojibake repair; absent when bytes were lost. */
  decoded?: string
  /** It came from mojibake (repaired or damaged). */
  mojibake: boolean
}

/** A mojibake repair inside a line's content. */
export interface LineRepair {
  column: number
  from: string
  to: string
}

/** One source line of the page, as the walker sees it. */
export interface PageLine {
  /** 1-based line number. */
  line: number
  /** The line exactly as in the source (no line ending). */
  raw: string
  /** The line holds no text: whitespace only, or nothing. */
  blank: boolean
  /** Leading spaces (tabs count as one). */
  indent: number
  /** The markers at the start of the line. */
  markers: LineMarker[]
  /** The line after its leading markers, mojibake repaired, trimmed. */
  text: string
  /** The whole line, mojibake repaired, trimmed (markers included). */
  full: string
  /** The line holds markers only. */
  markerOnly: boolean
  /** Content repairs (markers excluded). */
  repairs: LineRepair[]
  /** Damaged mojibake inside the content: kept as is, reported. */
  damaged: MojibakeRange[]
}

/**
 * The lines that hold text, from the tree: with `remarkPlainText`, remark-parse reads a page as
 * paragraphs and blank lines only, and each paragraph's position gives its run of lines.
 * Index 1 to `lineCount` (1-based line numbers; index 0 is unused).
 */
export function textLines(tree: Root, lineCount: number): Uint8Array {
  const text = new Uint8Array(lineCount + 1)
  for (const node of tree.children) {
    const start = node.position?.start.line
    const end = node.position?.end.line
    if (start === undefined || end === undefined) continue
    for (let l = start; l <= end && l <= lineCount; l++) text[l] = 1
  }
  return text
}

/** Split text into lines on any line ending. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/)
}

/** Leading spaces and tabs. */
function indentOf(raw: string): number {
  let n = 0
  while (n < raw.length && (raw.charCodeAt(n) === 0x20 || raw.charCodeAt(n) === 0x09)) n++
  return n
}

/** Whether the code unit at `i` is white space as `\s` (and `trim`) know it; ASCII without a regex. */
function isSpaceAt(raw: string, i: number): boolean {
  const c = raw.charCodeAt(i)
  return c < 0x80 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : /\s/.test(raw[i]!)
}

/** Variation selectors and the zero-width joiner: they dress the pictograph before them. */
const isDressing = (cp: number): boolean => cp === 0xfe0e || cp === 0xfe0f || cp === 0x200d

/** Below U+00A9 (©, the first Extended_Pictographic) no character can be a marker's. */
const FIRST_MARKER_CHAR = 0xa9

/** A line outside every paragraph: blank (whitespace only, so no markers and no mojibake). */
export function blankLine(raw: string, line: number): PageLine {
  return { line, raw, blank: true, indent: indentOf(raw), markers: [], text: '', full: '', markerOnly: false, repairs: [], damaged: [] }
}

/** Read one source line: its markers, its repaired text. */
export function readLine(raw: string, line: number): PageLine {
  const ranges = findMojibake(raw)
  const markers: LineMarker[] = []
  let i = 0
  let r = 0
  // Leading markers: pictographs, and mojibake that reads as one (or lost its bytes). Nothing
  // is read past the end of `ranges` or `raw`: the first such read in a thread would throw away
  // TurboFan's code for this function ("out of bounds"), to be compiled again.
  for (;;) {
    while (i < raw.length && isSpaceAt(raw, i)) i++
    const range = r < ranges.length ? ranges[r] : undefined
    if (range && range.start === i && (range.damaged || [...range.repaired!].every(isMarkerChar))) {
      const m: LineMarker = { column: i + 1, source: range.text, mojibake: true }
      if (range.repaired !== undefined) m.decoded = range.repaired
      markers.push(m)
      i = range.end
      r++
      continue
    }
    if (i >= raw.length) break
    const cp = raw.codePointAt(i)!
    if (cp < FIRST_MARKER_CHAR) break
    const char = String.fromCodePoint(cp)
    if (!isMarkerChar(char)) break
    let j = i + char.length
    // Dressing characters are single code units.
    while (j < raw.length && isDressing(raw.charCodeAt(j))) j++
    const source = raw.slice(i, j)
    const prev = markers[markers.length - 1]
    // A dressing character on its own joins the marker before it.
    if (prev && !prev.mojibake && j - i === char.length && isDressing(cp)) {
      prev.source += source
      prev.decoded = prev.source
    } else markers.push({ column: i + 1, source, decoded: source, mojibake: false })
    i = j
  }
  const bodyStart = i
  const repairs: LineRepair[] = []
  const damaged: MojibakeRange[] = []
  let body = ''
  let last = bodyStart
  for (; r < ranges.length; r++) {
    const range = ranges[r]!
    body += raw.slice(last, range.start)
    if (range.repaired !== undefined) {
      repairs.push({ column: range.start + 1, from: range.text, to: range.repaired })
      body += range.repaired
    } else {
      damaged.push(range)
      body += range.text
    }
    last = range.end
  }
  body += raw.slice(last)
  const text = body.trim()
  return {
    line,
    raw,
    blank: text === '' && markers.length === 0 && raw.trim() === '',
    indent: indentOf(raw),
    markers,
    text,
    full: markers.length > 0 ? `${markers.map((m) => m.decoded ?? m.source).join(' ')} ${text}`.trim() : text,
    markerOnly: markers.length > 0 && text === '',
    repairs,
    damaged,
  }
}

/** Whether a marker reads as a known marker. */
export function isKnown(marker: LineMarker): boolean {
  return marker.decoded !== undefined && knownMarker(marker.decoded) !== undefined
}
