/**
 * The unified plugin that reads a scraped page:
 * `unified().use(remarkParse).use(remarkPlainText).use(pagePlugin)`. remark-parse reads the
 * page as paragraphs (plain-text.ts: no Markdown construct); this compiler takes the lines of
 * each paragraph from its position, reads every line from the source itself (the line as it
 * was, markers and spacing included, not the mdast text), walks the page's known shape and
 * returns the result as `file.result`, with every finding on `file`.
 */
import type { Root } from 'mdast'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { headerChrome } from './chrome.js'
import { checkCompleteness } from './completeness.js'
import { blankLine, readLine, splitLines, textLines, type PageLine } from './lines.js'
import { resolveMarkers, type MarkerRepair } from './markers.js'
import { isTitle, Walk, type Disposition, type Role, type WalkMessage, type WalkState } from './walk.js'

/** One source line and where it went. */
export interface LineRecord {
  line: number
  /** The source line, as it was. */
  raw: string
  disposition: Disposition
  role?: Role
}

export interface PageResult {
  /** The scenario data read (absent sections are absent). */
  data: Record<string, unknown>
  /** Every source line, in order. */
  lines: LineRecord[]
  /** The page kind of the title suffix (`STAR Walkthrough`). */
  kind?: string
  /** Repairs of mojibake, content and markers. */
  repairs: MarkerRepair[]
  sectionsMissing: string[]
  messages: WalkMessage[]
}

declare module 'unified' {
  interface CompileResultMap {
    PageResult: PageResult
  }
}

/** Whether line `k` can open a page's header (blank, marker, header chrome). */
const headerish = (line: PageLine): boolean => line.blank || line.markerOnly || headerChrome(line.text) !== undefined

/** The lines where each page starts: a title line, with the header lines above it. */
function pageStarts(lines: PageLine[]): number[] {
  const starts = [0]
  let titles = 0
  for (let k = 0; k < lines.length; k++) {
    if (!isTitle(lines[k]!.text)) continue
    titles++
    if (titles === 1) continue
    let s = k
    while (s - 1 > starts[starts.length - 1]! && headerish(lines[s - 1]!)) s--
    // The company line, right above the title's header lines.
    const above = lines[s - 1]
    if (above && s - 1 > starts[starts.length - 1]! && above.text.split(/\s+/).length <= 6 && !/[.?!:]$/.test(above.text)) {
      s--
      while (s - 1 > starts[starts.length - 1]! && headerish(lines[s - 1]!)) s--
    }
    starts.push(s)
  }
  return starts
}

const pageText = (lines: PageLine[], from: number, to: number): string =>
  lines
    .slice(from, to)
    .map((l) => l.raw.trim())
    .filter((t) => t !== '')
    .join('\n')

/** Read a page's lines into scenario data: the compiler of `pagePlugin`. */
export function readPage(tree: Root, file: VFile): PageResult {
  const text = String(file.value ?? '')
  const raws = splitLines(text)
  // A final line ending does not start another line.
  if (raws.length > 1 && raws[raws.length - 1] === '') raws.pop()
  // The paragraphs' lines are read; a line outside them is blank (read anyway if it is not:
  // a line is never dropped on the parser's word).
  const inParagraph = textLines(tree, raws.length)
  const lines = raws.map((raw, k) => (inParagraph[k + 1] === 1 || raw.trim() !== '' ? readLine(raw, k + 1) : blankLine(raw, k + 1)))
  const state: WalkState = {
    lines,
    role: new Array(lines.length),
    disposition: lines.map((l): Disposition | undefined => (l.blank ? { kind: 'blank' } : undefined)) as Disposition[],
    data: {},
    messages: [],
    answers: [],
    seen: new Set(),
  }
  const starts = pageStarts(lines)
  const firstEnd = starts[1] ?? lines.length
  const walk = new Walk(state, 0, firstEnd)
  walk.run()
  const repairs: MarkerRepair[] = []
  resolveMarkers(state, 0, firstEnd, repairs)
  for (const line of lines.slice(0, firstEnd))
    for (const r of line.repairs) repairs.push({ line: line.line, column: r.column, from: r.from, to: r.to })
  for (const line of lines.slice(0, firstEnd))
    for (const d of line.damaged)
      state.messages.push({
        line: line.line,
        column: d.start + 1,
        ruleId: 'convert/damaged-text',
        severity: 'warning',
        reason: `Unexpected damaged characters \`${d.text}\`, expected UTF-8 text`,
        note: 'Mojibake that lost bytes on the way; kept as it was',
      })
  // Further pages: a repeated copy is dropped (nothing is lost), another page is kept unplaced.
  // The first page's text is made only when there is another page to compare with it.
  const first = starts.length > 1 ? pageText(lines, 0, firstEnd) : ''
  for (let p = 1; p < starts.length; p++) {
    const from = starts[p]!
    const to = starts[p + 1] ?? lines.length
    const same = pageText(lines, from, to) === first
    const head = lines.slice(from, to).find((l) => isTitle(l.text)) ?? lines[from]!
    if (same) {
      for (let k = from; k < to; k++) if (!lines[k]!.blank) state.disposition[k] = { kind: 'duplicate' }
      state.messages.push({
        line: head.line,
        column: 1,
        ruleId: 'convert/duplicate-page',
        severity: 'warning',
        reason: 'Unexpected repeated copy of the page, expected one page per file',
        note: `Lines ${from + 1}-${to} repeat lines 1-${firstEnd} and were skipped`,
      })
      continue
    }
    for (let k = from; k < to; k++) if (!lines[k]!.blank) state.disposition[k] = { kind: 'unplaced' }
    state.messages.push({
      line: head.line,
      column: 1,
      ruleId: 'convert/multiple-pages',
      severity: 'error',
      reason: `Unexpected second page \`${head.text.slice(0, 60)}\`, expected one page per file`,
      note: 'Its lines are kept under `Unplaced`; convert it from a file of its own',
    })
  }
  // Nothing is lost: a line the walk did not reach (a bug) is kept unplaced, and the
  // unplaced list is rebuilt in source order from the dispositions.
  lines.forEach((line, k) => {
    if (state.disposition[k] !== undefined) return
    state.disposition[k] = { kind: 'unplaced' }
    state.messages.push({ line: line.line, column: 1, ruleId: 'convert/unplaced', severity: 'warning', reason: `Unexpected line \`${line.text.slice(0, 40)}\`, expected a known part of the page` })
  })
  const unplaced = lines.filter((_, k) => state.disposition[k]!.kind === 'unplaced').map((l) => l.full)
  if (unplaced.length > 0) state.data.unplaced = unplaced
  else delete state.data.unplaced
  const lastLine = lines[firstEnd - 1]?.line ?? 1
  const completeness = checkCompleteness(state, { line: lastLine, column: 1 })
  const messages = [...state.messages, ...completeness.messages]
  const result: PageResult = {
    data: state.data,
    lines: lines.map((l, k) => {
      const record: LineRecord = { line: l.line, raw: l.raw, disposition: state.disposition[k]! }
      const role = state.role[k]
      if (role !== undefined) record.role = role
      return record
    }),
    repairs: repairs.sort((a, b) => a.line - b.line || a.column - b.column),
    sectionsMissing: completeness.sectionsMissing,
    messages,
  }
  if (state.kind !== undefined) result.kind = state.kind
  return result
}

/** The unified plugin: a compiler that turns the remark tree of a page into a `PageResult`. */
export const pagePlugin: Plugin<[], Root, PageResult> = function () {
  this.compiler = (tree, file) => readPage(tree as Root, file)
}
