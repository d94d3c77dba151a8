import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { collectFiles, displayPath } from '../files.js'
import { EXIT } from '../io.js'
import { replaceShown } from '../site-write.js'
import { MAX_FILE_BYTES } from '../../parse/limits.js'
import { readErrorMessage, readUnlessLarger } from '../special-files.js'

export default function register(program: Command, ctx: CommandContext): void {
  program
    .command('fmt')
    .description('rewrite scenario files in the canonical format (in place, atomically)')
    .argument('<paths...>', 'files, folders or globs')
    .option('--check', 'write nothing; exit 1 when a file is not canonical')
    .action(async (paths: string[], options: { check?: boolean }) => {
      const { io } = ctx
      // Loaded here, not at start: every other command would pay for the Markdown writer.
      const { formatScenario } = await import('../../emit/format.js')
      const files = await collectFiles(paths, io.cwd)
      let changed = 0
      for (const file of files) {
        const shown = displayPath(file, io.cwd)
        let read: { bytes: Uint8Array; size: number }
        try {
          // A file over the size limit is not read: fmt refuses it by its size.
          read = readUnlessLarger(file, MAX_FILE_BYTES)
        } catch (error) {
          io.stderr(`${shown}:1:1: ${readErrorMessage(error)}\n`)
          ctx.setExitCode(EXIT.findings)
          continue
        }
        const { bytes, size } = read
        const result = formatScenario(bytes, shown, size)
        if (result.output === undefined) {
          for (const b of result.blockers) io.stderr(`${shown}:${b.line}:${b.column}: ${b.reason} (${b.ruleId}); not formatted\n`)
          ctx.setExitCode(EXIT.findings)
          continue
        }
        const before = new TextDecoder().decode(bytes)
        if (before === result.output) continue
        changed++
        if (options.check) {
          io.stdout(`${shown}: not canonical\n`)
          ctx.setExitCode(EXIT.findings)
        } else {
          replaceShown(file, Buffer.from(result.output), shown)
          io.stdout(`${shown}: formatted\n`)
        }
      }
      if (changed === 0 && !options.check) io.stderr(`${files.length} file${files.length === 1 ? '' : 's'} already canonical\n`)
    })
}
