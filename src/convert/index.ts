/**
 * `convert`: scraped walkthrough page text -> scenario data, through one pipeline:
 * `unified().use(remarkParse).use(remarkPlainText).use(pagePlugin)`. Pure: no file system, no process. Never
 * throws on content; everything it finds is a positioned message on `file`.
 */
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { messageOn } from '../model/message.js'
import type { Scenario } from '../model/index.js'
import { firstInvalidUtf8 } from '../parse/decode.js'
import { checkLimits } from '../parse/limits.js'
import { inputSize, MAX_FILE_BYTES } from '../parse/limits.js'
import { pagePlugin, type LineRecord, type PageResult } from './page-plugin.js'
import { remarkPlainText } from './plain-text.js'
import { slugify } from './slug.js'
import type { WalkMessage } from './walk.js'

export { findMojibake, repairMojibake, type MojibakeRange } from './mojibake.js'
export { HEADER_CHROME, MARKERS } from './chrome.js'
export { splitKeyPhrases } from './key-phrases.js'
export { inferAnswer } from './practice.js'
export { slugify } from './slug.js'
export { pagePlugin, type LineRecord, type PageResult } from './page-plugin.js'
export { remarkPlainText } from './plain-text.js'

export interface ConvertOptions {
  /** The input's path, for messages. */
  path?: string
  /**
   * The size in bytes of the file the input was read from, when that is more than the input:
   * a caller that found the file over `MAX_FILE_BYTES` need not read it at all (the CLI reads
   * nothing of it), and it is refused by this size.
   */
  size?: number
}

/** What convert found and did, per input: the `--report` JSON holds one per file. */
export interface ConvertReport {
  /** Pointers of every field filled, in document order (`/steps/action/example` …). */
  fieldsFilled: string[]
  /** Sections the page should have and does not (layout titles: `Follow-ups` …). */
  sectionsMissing: string[]
  /** Lines kept under `Unplaced`, with their input line numbers. */
  unplacedLines: { line: number; text: string }[]
  /** Mojibake repaired (content) or mapped to the marker it stood for (markers). */
  repairs: { line: number; column: number; from: string; to: string }[]
}

export interface ConvertResult {
  /** The scenario as read: every field the page held; absent ones are absent. */
  scenario: Partial<Scenario>
  /** Whether the page filled every required field (and was one walkthrough page). */
  complete: boolean
  /** The input, decoded, with every message on it (rule ids `convert/…`). */
  file: VFile
  report: ConvertReport
  /** Every input line and where it went (field, label, chrome, marker, unplaced …). */
  lines: LineRecord[]
}

/**
 * remark-parse reading paragraphs only (plain-text.ts), then the page's reader. Not cut into
 * stretches (parse/chunked.ts): with the constructs disabled a page's parse keeps less alive,
 * and parsing it whole measured as fast or faster (1,000 pages, in one process).
 */
const processor = unified().use(remarkParse).use(remarkPlainText).use(pagePlugin).freeze()

function put(file: VFile, m: WalkMessage): void {
  const [source, ruleId] = m.ruleId.split('/', 2) as [string, string]
  const place = { line: m.line, column: m.column }
  const message = messageOn(file, m.reason, { place, ruleId, source })
  // As `file.info` and `file.message` set it.
  message.fatal = m.severity === 'info' ? undefined : m.severity === 'error'
  if (m.note !== undefined) message.note = m.note
}

/** Put `file`'s messages in the order they are shown: by place, in the order found at one place. */
export function sortMessages(file: VFile): void {
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

/** Bytes to text: UTF-8 (BOM dropped) or UTF-16 with a BOM; or the reason it is not text. */
function decodeInput(input: string | Uint8Array): { text: string; problems: WalkMessage[] } {
  const problems: WalkMessage[] = []
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, ''), problems }
  const bytes = input
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), problems }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), problems }
  const sample = bytes.subarray(0, 8192)
  let controls = 0
  // Control bytes outside 0x09-0x0D and ESC (an indexed loop: ~4x faster than a for-of over the bytes).
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!
    if (b < 0x20 && (b < 0x09 || (b > 0x0d && b !== 0x1b))) controls++
  }
  if (sample.includes(0) || controls > sample.length / 100) {
    problems.push({
      line: 1,
      column: 1,
      ruleId: 'convert/not-text',
      severity: 'error',
      reason: 'Unexpected binary content, expected the text of a scraped page',
    })
    return { text: '', problems }
  }
  const bad = firstInvalidUtf8(bytes)
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')
  if (bad !== -1) {
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')
    problems.push({
      line: before.length,
      column: before[before.length - 1]!.length + 1,
      ruleId: 'convert/not-utf8',
      severity: 'warning',
      reason: `Unexpected byte \`0x${hex}\`, expected UTF-8 text`,
      note: 'Bytes that are not UTF-8 read as U+FFFD; the page may be cut off mid-character',
    })
  }
  return { text, problems }
}

/** Leaf pointers of the filled data, in document order. */
function leaves(value: unknown, at: string, out: string[]): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) out.push(at)
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${at}/${i}`, out))
  else if (typeof value === 'object' && value !== null && !('min' in value && 'max' in value))
    for (const [k, v] of Object.entries(value)) leaves(v, `${at}/${k}`, out)
  else out.push(at)
  return out
}

/** Order scenario keys as the model does (deterministic data, whatever the page order). */
const KEY_ORDER = [
  'id',
  'question',
  'company',
  'principleSet',
  'principles',
  'overview',
  'steps',
  'levelReflections',
  'followUps',
  'weakAnswer',
  'selfCheck',
  'principleAngles',
  'levelVariants',
  'practice',
  'unplaced',
]

/** Convert one scraped page. Never throws on any input. */
export function convert(input: string | Uint8Array, options: ConvertOptions = {}): ConvertResult {
  const size = inputSize(input, options.size)
  const tooLarge: WalkMessage = { line: 1, column: 1, ruleId: 'convert/too-large', severity: 'error', reason: `Unexpected page of ${size} bytes, expected at most ${MAX_FILE_BYTES}` }
  const { text, problems } = size > MAX_FILE_BYTES ? { text: '', problems: [tooLarge] } : decodeInput(input)
  const file = new VFile({ value: text, ...(options.path === undefined ? {} : { path: options.path }) })
  for (const p of problems) put(file, p)
  // Plain text: only a line's length is limited (nesting and markers are text here).
  const limit = problems.some((p) => p.severity === 'error') ? undefined : checkLimits(text, { markdown: false })
  if (limit) put(file, { ...limit, ruleId: 'convert/too-complex', severity: 'error' })
  const binary = problems.some((p) => p.severity === 'error') || limit !== undefined
  let page: PageResult | undefined
  if (!binary && text.trim() === '') {
    put(file, { line: 1, column: 1, ruleId: 'convert/empty', severity: 'error', reason: 'Unexpected empty page, expected the text of a STAR walkthrough' })
  } else if (!binary) {
    page = processor.processSync(file).result as PageResult
  }
  const data: Record<string, unknown> = { ...(page?.data ?? {}) }
  if (typeof data.question === 'string' && data.question !== '') {
    const id = slugify(data.question)
    if (id !== '') data.id = id
  }
  const angles = data.principleAngles as { principle?: string }[] | undefined
  const principles = (angles ?? []).map((a) => a.principle).filter((p): p is string => typeof p === 'string')
  if (principles.length > 0) data.principles = principles
  const scenario: Record<string, unknown> = {}
  for (const key of KEY_ORDER) if (data[key] !== undefined) scenario[key] = data[key]

  let walkthrough = page !== undefined
  if (page) {
    const kind = page.kind
    if (kind !== undefined && !/walkthrough/i.test(kind)) {
      walkthrough = false
      put(file, {
        line: page.lines.find((l) => l.role === 'title')?.line ?? 1,
        column: 1,
        ruleId: 'convert/not-a-walkthrough',
        severity: 'error',
        reason: `Unexpected page kind \`${kind}\`, expected \`STAR Walkthrough\``,
        note: 'Only STAR walkthrough pages convert to scenarios; nothing was written for this page',
      })
    } else if (scenario.overview === undefined && scenario.steps === undefined && kind === undefined) {
      walkthrough = false
      put(file, {
        line: 1,
        column: 1,
        ruleId: 'convert/not-a-walkthrough',
        severity: 'error',
        reason: 'Unexpected page without a walkthrough title or sections, expected a STAR walkthrough',
        note: 'Found no `… - <Company> STAR Walkthrough` title, no `Scenario Overview` and no `Target:` steps',
      })
    }
    if (walkthrough) for (const m of page.messages) put(file, m)
    else for (const m of page.messages) if (m.ruleId !== 'convert/missing-section' && m.ruleId !== 'convert/missing-field') put(file, m)
    for (const r of page.repairs)
      put(file, {
        line: r.line,
        column: r.column,
        ruleId: 'convert/repaired-mojibake',
        severity: 'info',
        reason: `Unexpected mojibake \`${r.from}\`, repaired to \`${r.to}\``,
      })
  }
  sortMessages(file)
  const incomplete = file.messages.some(
    (m) => m.fatal === true || m.ruleId === 'missing-section' || m.ruleId === 'missing-field' || m.ruleId === 'no-answer',
  )
  const lines = page?.lines ?? []
  const report: ConvertReport = {
    fieldsFilled: page ? leaves(scenario, '', []).filter((p) => !p.startsWith('/unplaced')) : [],
    sectionsMissing: walkthrough && page ? page.sectionsMissing : [],
    unplacedLines: lines.filter((l) => l.disposition.kind === 'unplaced').map((l) => ({ line: l.line, text: l.raw.trim() })),
    repairs: page?.repairs ?? [],
  }
  return { scenario: scenario as Partial<Scenario>, complete: walkthrough && !incomplete, file, report, lines }
}
