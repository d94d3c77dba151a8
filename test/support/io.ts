import type { Io } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'

/** A message of `lint --format json`, as the tests read it. */
export interface Message {
  ruleId: string
  severity: string
  message: string
  line: number
  column: number
}

/** Run the CLI in-process with captured output. */
export async function run(argv: string[], options: { cwd: string; tty?: boolean; env?: Record<string, string> }) {
  let stdout = ''
  let stderr = ''
  const io: Io = {
    cwd: options.cwd,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    stdoutIsTTY: options.tty ?? false,
    stdinIsTTY: options.tty ?? false,
    env: options.env ?? {},
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}
