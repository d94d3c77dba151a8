import { readFile } from 'node:fs/promises'
import { MAX_FILE_BYTES } from '../parse/index.js'
import { decode } from '../parse/decode.js'
import { readFrontFacts } from '../parse/front.js'
import type { ResolvedConfig } from '../rules/config.js'
import { lintFile, type FileRecord } from '../rules/lint.js'

/** One file of a run: the path reports show, and where it is on disk. */
export interface Job {
  path: string
  file: string
}

function unreadable(path: string, error: unknown): FileRecord {
  const code = (error as NodeJS.ErrnoException).code
  const message =
    code === 'EACCES' || code === 'EPERM'
      ? 'Unexpected unreadable file (permission denied)'
      : code === 'EISDIR'
        ? 'Unexpected folder, expected a file'
        : code === 'ELOOP'
          ? 'Unexpected symbolic link loop'
          : `Unexpected error reading the file (${code ?? 'unknown'})`
  return { path, messages: [{ ruleId: 'parse/read', severity: 'error', message, line: 1, column: 1, endLine: 1, endColumn: 1 }], directives: [] }
}

export interface JobOptions {
  fix: boolean
  /** Keep the parsed scenario on the record (`build` needs it; `lint` does not, so memory stays flat). */
  keepScenario: boolean
}

/** Read and lint one file; an unreadable file is a message on it, not a failed run. */
export async function lintJob(job: Job, config: ResolvedConfig, options: JobOptions): Promise<FileRecord> {
  try {
    const record = lintFile({ path: job.path, content: new Uint8Array(await readFile(job.file)) }, config, options.fix)
    if (!options.keepScenario) delete record.scenario
    return record
  } catch (error) {
    return unreadable(job.path, error)
  }
}

/** What cross-file rules need of a file outside this `--shard`: its frontmatter, read as a full lint reads it. */
export async function frontOnly(job: Job): Promise<FileRecord> {
  const record: FileRecord = { path: job.path, messages: [], directives: [] }
  try {
    const bytes = new Uint8Array(await readFile(job.file))
    if (bytes.byteLength > MAX_FILE_BYTES) return record
    const decoded = decode(bytes)
    const front = 'text' in decoded ? readFrontFacts(decoded.text) : undefined
    if (front) record.front = front
  } catch {
    // An unreadable file has no frontmatter; its own shard reports it.
  }
  return record
}
