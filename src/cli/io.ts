/**
 * Everything the CLI takes from the outside world, passed in so `main(argv, io)` can be
 * tested without spawning a process.
 */
export interface Io {
  /** The directory relative paths are resolved against. */
  cwd: string
  stdout(text: string): void
  stderr(text: string): void
  /** Whether stdout is a terminal (colour, progress). */
  stdoutIsTTY: boolean
  /** Whether stdin is a terminal (interactive prompts). */
  stdinIsTTY: boolean
  env: Record<string, string | undefined>
}

/** Exit codes: documented API (README "Exit codes"). */
export const EXIT = {
  /** Nothing wrong (or warnings only, within --max-warnings). */
  ok: 0,
  /** Findings: content errors. */
  findings: 1,
  /** Could not run: bad usage, unreadable path, no files matched, bad config. */
  usage: 2,
} as const

/** An error that is the user's to fix (bad flag, missing path): one stderr line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}
