import { Command, CommanderError } from 'commander'
import { COMMANDS } from './commands/index.js'
import { VERSION, type CommandContext } from './context.js'
import { EXIT, UsageError, type Io } from './io.js'

export { directWriter, writeAll } from './io.js'
export { beforeThreads, useEarlyThread } from './pool.js'
export { onRunWeight } from './run-weight.js'

/**
 * The CLI: parse `argv` (without node and the script), run the command, return the exit
 * code (0 clean, 1 findings, 2 could not run). The only code that touches the outside
 * world is here and in the command files, and all of it goes through `io`.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok
  // --debug is global: taken out before commander sees it, so it works after any command.
  const debug = argv.includes('--debug')
  argv = argv.filter((a) => a !== '--debug')
  const ctx: CommandContext = { io, setExitCode: (code) => void (exitCode = Math.max(exitCode, code)) }
  const program = new Command('starkit')
    .description('Lint, convert, scaffold and publish STAR interview walkthroughs')
    .version(VERSION, '-v, --version')
    .option('--debug', 'show stack traces for internal errors (any position)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'starkit: ')),
    })
  for (const register of COMMANDS) register(program, ctx)
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'starkit: ')),
    })
  }
  if (argv.length === 0) {
    io.stdout(program.helpInformation())
    return EXIT.ok
  }
  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (error instanceof UsageError) {
      io.stderr(`starkit: ${error.message}\n`)
      return EXIT.usage
    }
    const e = error as Error
    io.stderr(`starkit: internal error: ${e?.message ?? String(error)}${debug ? '' : ' (run with --debug for the stack)'}\n`)
    if (debug && e?.stack) io.stderr(e.stack + '\n')
    return EXIT.usage
  }
  return exitCode
}
