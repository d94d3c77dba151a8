import type { Fix, Severity } from '../rules/define-rule.js'

/**
 * One finding on one file, as every reporter sees it. Mapped from a vfile message;
 * this is also the shape of a message in the versioned JSON report.
 */
export interface Diagnostic {
  /** `schema/required`, `parse/yaml`, `action-first-person`, … */
  ruleId: string
  severity: Severity
  /** One clause, sentence case, no final period. */
  message: string
  line: number
  column: number
  endLine: number
  endColumn: number
  /** A longer why. */
  note?: string
  /** The rule's documentation. */
  url?: string
  /** A fix `--fix` may apply. */
  fix?: Fix
}

/** The findings on one file. */
export interface FileReport {
  /** The path as given or found, relative to the working directory, with `/` separators. */
  path: string
  messages: Diagnostic[]
}
