import type { FileReport } from './diagnostic.js'
import { stringifyNested } from '../model/nested-json.js'
import { ByteChunks } from './byte-chunks.js'
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
 * The report, a file at a time: exactly `JSON.stringify(report, null, 2) + '\n'` as UTF-8,
 * in chunks of ~64 KB (`ByteChunks`), without the whole text at once (a report of 10,000
 * files with findings is ~24 MB, and the one string and its bytes were ~50 MB of memory at
 * the end of a run). A file that can write its messages itself (`writeJsonMessages`: a cached
 * file's, from its cache line) does; the others' are made and written by `JSON.stringify`.
 */
export function* jsonReportPieces(files: readonly FileReport[], toolVersion: string): Generator<Uint8Array> {
  const { errorCount, warningCount } = count(files)
  const head: Omit<JsonReport, 'files'> = { version: JSON_REPORT_VERSION, tool: { name: 'starkit', version: toolVersion }, errorCount, warningCount }
  const out = new ByteChunks()
  if (files.length === 0) {
    out.text(JSON.stringify({ ...head, files: [] }, null, 2) + '\n')
    yield out.take()
    return
  }
  // The head's text up to its closing brace, then the files' array, each file indented two levels.
  out.text(JSON.stringify(head, null, 2).slice(0, -2) + ',\n  "files": [\n')
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!
    const before = i === 0 ? '    ' : ',\n    '
    const at = out.at
    if (f.writeJsonMessages) {
      // The file's keys as `stringifyNested` writes them, its messages by the file itself.
      out.text(`${before}{\n      "path": ${JSON.stringify(f.path)},\n      "messages": `)
      if (f.writeJsonMessages(out)) {
        out.ascii('\n    }')
        if (out.full) yield out.take()
        continue
      }
      out.at = at
    }
    // The file as it stands two levels down (report, `files`): a third cheaper than indenting its text again.
    out.text(before + stringifyNested({ path: f.path, messages: f.messages }, 2))
    if (out.full) yield out.take()
  }
  out.ascii('\n  ]\n}\n')
  yield out.take()
}
