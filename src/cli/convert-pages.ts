/**
 * `starkit convert`'s per-page work: read, convert, write the Markdown text. It is a task of
 * the shared worker pool (`Pool#convert` in pool.ts, `--concurrency`): the same function in a
 * worker and in this thread, with an outcome of plain JSON, so a run gives the same outcome
 * for every page whatever the threads; the command decides, writes and reports in page order.
 */
import { convert, type ConvertReport, type ConvertResult } from '../convert/index.js'
import { write } from '../emit/markdown.js'
import type { Diagnostic } from '../report/diagnostic.js'
import { toDiagnostic } from '../rules/lint.js'
import { MAX_FILE_BYTES } from '../parse/limits.js'
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

/** Read and convert one page. Never throws on content; an unreadable file (or not a regular one) is its read error. */
export function convertPage(job: ConvertJob): PageOutcome {
  let read: { bytes: Uint8Array; size: number }
  try {
    read = readUnlessLarger(job.file, MAX_FILE_BYTES)
  } catch (error) {
    return { readError: readErrorMessage(error) }
  }
  // A page over the size limit is not read: it is refused by its size.
  const result = convert(read.bytes, { path: job.shown, size: read.size })
  return {
    messages: result.file.messages.filter((m) => m.fatal !== undefined).map(toDiagnostic),
    complete: result.complete,
    id: typeof result.scenario.id === 'string' ? result.scenario.id : null,
    markdown: writable(result) ? write(result.scenario) : null,
    report: result.report,
  }
}
