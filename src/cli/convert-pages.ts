/**
 * `starkit convert`'s per-page work: read, convert, write the Markdown text. It is a task of
 * the shared worker pool (`Pool#convert` in pool.ts, `--concurrency`): the same function in a
 * worker and in this thread, with an outcome of plain JSON, so a run gives the same outcome
 * for every page whatever the threads; the command decides, writes and reports in page order.
 */
import { convert, sortMessages, type ConvertReport, type ConvertResult } from '../convert/index.js'
import { write } from '../emit/markdown.js'
import type { Diagnostic } from '../report/diagnostic.js'
import { toDiagnostic } from '../rules/lint.js'
import { messageOn } from '../model/message.js'
import { checkLimits, MAX_FILE_BYTES } from '../parse/limits.js'
import { readErrorMessage, readUnlessLarger } from './special-files.js'

/** One page of a run: where it is on disk, and the path messages show. */
export interface ConvertJob {
  file: string
  shown: string
}

/** What became of one page, before the command decides whether and where to write it. */
export type PageOutcome =
  | {
      /** Why the page could not be read, as the message on it says (`readErrorMessage`). */
      readError: string
    }
  | {
      /** Messages to show and report (notes excluded, as the terminal shows them). */
      messages: Diagnostic[]
      complete: boolean
      id: string | null
      /** The canonical Markdown, or null when the page cannot be written (not a walkthrough, no id). */
      markdown: string | null
      report: ConvertReport
    }

/** Whether a converted page can be written: a walkthrough with an id. */
function writable(result: ConvertResult): boolean {
  const blocked = result.file.messages.some((m) => m.source === 'convert' && ['not-a-walkthrough', 'empty', 'not-text'].includes(m.ruleId ?? ''))
  return !blocked && typeof result.scenario.id === 'string'
}

/**
 * Why lint would refuse `markdown` (over one of its limits, docs/limits.md), or undefined. A
 * page is read as plain text, where only a line's length is limited; the Markdown written from
 * it is Markdown, and may be over: escapes make it larger, and a `]` is a link marker there.
 */
function overLintLimits(markdown: string): string | undefined {
  const bytes = Buffer.byteLength(markdown)
  if (bytes > MAX_FILE_BYTES) return `Unexpected scenario Markdown of ${bytes} bytes, expected at most ${MAX_FILE_BYTES} (what lint reads)`
  const limit = checkLimits(markdown)
  if (limit) return `Unexpected scenario Markdown that lint would refuse, at its line ${limit.line}: ${limit.reason}`
  return undefined
}

/** Read and convert one page. Never throws on content; an unreadable file (or not a regular one) is its read error. */
export function convertPage(job: ConvertJob): PageOutcome {
  let read: { bytes: Uint8Array; size: number }
  try {
    // Into this thread's one buffer: convert decodes the bytes at once and keeps only the text.
    read = readUnlessLarger(job.file, MAX_FILE_BYTES, true)
  } catch (error) {
    return { readError: readErrorMessage(error) }
  }
  // A page over the size limit is not read: it is refused by its size.
  const result = convert(read.bytes, { path: job.shown, size: read.size })
  let markdown = writable(result) ? write(result.scenario) : null
  const over = markdown === null ? undefined : overLintLimits(markdown)
  if (over !== undefined) {
    const message = messageOn(result.file, over, { place: { line: 1, column: 1 }, ruleId: 'too-complex', source: 'convert' })
    message.fatal = true
    message.note = 'Nothing was written for this page'
    sortMessages(result.file)
    markdown = null
  }
  return {
    messages: result.file.messages.filter((m) => m.fatal !== undefined).map(toDiagnostic),
    complete: result.complete && over === undefined,
    id: typeof result.scenario.id === 'string' ? result.scenario.id : null,
    markdown,
    report: result.report,
  }
}
