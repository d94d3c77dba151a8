import { readFileSync } from 'node:fs'
import type { Io } from './io.js'

/** What every command gets from the shell. */
export interface CommandContext {
  io: Io
  /** Set the process exit code (the highest one set wins). */
  setExitCode(code: number): void
}

/** The package version (package.json is the single source). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version
