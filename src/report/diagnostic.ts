import type { BundleDiagnostic } from '../model/bundle.js'
import type { Fix } from '../rules/define-rule.js'
import type { ByteChunks } from './byte-chunks.js'
import type { Counts } from './summary.js'

/**
 * One finding on one file, as every reporter sees it. Mapped from a vfile message;
 * this is also the shape of a message in the versioned JSON report. The fields a bundle
 * carries are the model's (`BundleDiagnostic`); a fix is only for `--fix`.
 */
export interface Diagnostic extends BundleDiagnostic {
  /** A fix `--fix` may apply. */
  fix?: Fix
}

/** Where findings are written as JSON: a report's file's `messages`, or a bundle entry's `warnings`. */
export type JsonForm = 'report' | 'bundle'

/** The findings on one file. */
export interface FileReport {
  /** The path as given or found, relative to the working directory, with `/` separators. */
  path: string
  messages: Diagnostic[]
  /**
   * The counts of `messages`, when known without reading them: then `messages` may be read
   * anew each time it is asked for (a warm `--cache` run's, from their cache line), not held.
   */
  counts?: Counts
  /**
   * Write `messages` into `out` as the JSON report does (after the file's `"messages": `), or
   * with `form` `bundle` as a bundle entry's `warnings` (src/emit/json.ts `bundleWarnings`:
   * no `fix`, keys in the bundle's order), from a form the file keeps them in, without making
   * them: a cached file's, from its cache line's bytes. False when they cannot be written so;
   * then the caller makes them, and writes them itself over whatever this wrote.
   */
  writeJsonMessages?(out: ByteChunks, form?: JsonForm): boolean
}
