import type { FileReport } from './diagnostic.js'
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

export function jsonReport(files: readonly FileReport[], toolVersion: string): string {
  const { errorCount, warningCount } = count(files)
  const report: JsonReport = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'starkit', version: toolVersion },
    errorCount,
    warningCount,
    files: files.map((f) => ({ path: f.path, messages: f.messages })),
  }
  return JSON.stringify(report, null, 2) + '\n'
}
