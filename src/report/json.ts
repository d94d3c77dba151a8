import type { FileReport } from './diagnostic.js'
import { stringifyNested } from '../model/nested-json.js'
import { count } from './summary.js'

/** The version of the JSON report format (docs/json-report.md). Bumped on any breaking change. */
export const JSON_REPORT_VERSION = 1

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION
  tool: { name: 'starkit'; version: string }
  errorCount: number
  warningCount: number
  files: FileReport[]
}

/**
 * The report, a file at a time: exactly `JSON.stringify(report, null, 2) + '\n'`, without the
 * whole text at once (a report of 10,000 files with findings is ~24 MB, and the one string
 * and its bytes were ~50 MB of memory at the end of a run).
 */
export function* jsonReportPieces(files: readonly FileReport[], toolVersion: string): Generator<string> {
  const { errorCount, warningCount } = count(files)
  const head: Omit<JsonReport, 'files'> = { version: JSON_REPORT_VERSION, tool: { name: 'starkit', version: toolVersion }, errorCount, warningCount }
  if (files.length === 0) {
    yield JSON.stringify({ ...head, files: [] }, null, 2) + '\n'
    return
  }
  // The head's text up to its closing brace, then the files' array, each file indented two levels.
  yield JSON.stringify(head, null, 2).slice(0, -2) + ',\n  "files": [\n'
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!
    // The file as it stands two levels down (report, `files`): a third cheaper than indenting its text again.
    yield (i === 0 ? '    ' : ',\n    ') + stringifyNested({ path: f.path, messages: f.messages }, 2)
  }
  yield '\n  ]\n}\n'
}
