import { readFile } from 'node:fs/promises'
import type { LintInput } from '../rules/lint.js'
import { displayPath } from './files.js'

/** A file that could not be read: reported as a positioned message, the run goes on. */
export interface Unreadable {
  path: string
  reason: string
}

/** Read files as bytes (decoding is the parser's job, so bad bytes get a position). */
export async function readInputs(files: readonly string[], cwd: string): Promise<{ inputs: LintInput[]; unreadable: Unreadable[] }> {
  const inputs: LintInput[] = []
  const unreadable: Unreadable[] = []
  for (const file of files) {
    const path = displayPath(file, cwd)
    try {
      inputs.push({ path, content: new Uint8Array(await readFile(file)) })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const reason =
        code === 'EACCES' || code === 'EPERM'
          ? 'Unexpected unreadable file (permission denied)'
          : code === 'EISDIR'
            ? 'Unexpected folder, expected a file'
            : code === 'ELOOP'
              ? 'Unexpected symbolic link loop'
              : `Unexpected error reading the file (${code ?? 'unknown'})`
      unreadable.push({ path, reason })
    }
  }
  return { inputs, unreadable }
}
