import { dirname, resolve } from 'node:path'
import { Option, type Command } from 'commander'
import writeFileAtomic from 'write-file-atomic'
import { FORMATS, count, format, type FileReport, type Format } from '../../report/index.js'
import { ruleUrl } from '../../rules/define-rule.js'
import { RULES } from '../../rules/index.js'
import { lintInputs, type LintResult } from '../../rules/lint.js'
import { resolveConfig, type ResolvedConfig } from '../../rules/config.js'
import { findConfig, loadConfig } from '../config-file.js'
import { VERSION, type CommandContext } from '../context.js'
import { collectFiles } from '../files.js'
import { EXIT, UsageError } from '../io.js'
import { readInputs } from '../read.js'

export interface LintCliOptions {
  format: Format
  output?: string
  quiet?: boolean
  maxWarnings?: string
  fix?: boolean
  config?: string
  color?: boolean
}

/** The config for a run: `--config`, else the nearest config above the first path, else `recommended`. */
export function configFor(paths: readonly string[], cwd: string, explicit?: string): ResolvedConfig {
  if (explicit) return loadConfig(resolve(cwd, explicit), cwd)
  const found = findConfig(resolve(cwd, paths[0] ?? '.'))
  return found ? loadConfig(found, cwd) : resolveConfig().config
}

/** Lint files on disk: collect, read, lint. Shared by `lint` and `build`. */
export async function lintPaths(paths: readonly string[], cwd: string, config: ResolvedConfig, fix = false): Promise<LintResult[]> {
  const files = await collectFiles(paths, cwd, config.ignores)
  const { inputs, unreadable } = await readInputs(files, cwd)
  const results = await lintInputs(inputs, { config, fix })
  for (const u of unreadable)
    results.push({ path: u.path, messages: [{ ruleId: 'parse/read', severity: 'error', message: u.reason, line: 1, column: 1, endLine: 1, endColumn: 1 }] })
  return results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

export default function register(program: Command, ctx: CommandContext): void {
  program
    .command('lint')
    .description('check scenario files: parse, schema, consistency rules')
    .argument('<paths...>', 'files, folders or globs')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-q, --quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option('--fix', 'apply the fixes rules offer, then report what remains')
    .option('-c, --config <file>', 'use this config file')
    .option('--no-color', 'no colour in stylish output')
    .action(async (paths: string[], options: LintCliOptions) => {
      const { io } = ctx
      let maxWarnings = Infinity
      if (options.maxWarnings !== undefined) {
        if (!/^\d+$/.test(options.maxWarnings)) throw new UsageError(`Unexpected \`--max-warnings ${options.maxWarnings}\`, expected a whole number`)
        maxWarnings = Number(options.maxWarnings)
      }
      const config = configFor(paths, io.cwd, options.config)
      const results = await lintPaths(paths, io.cwd, config, options.fix)
      if (options.fix) {
        for (const r of results) {
          if (r.output === undefined) continue
          await writeFileAtomic(resolve(io.cwd, r.path), r.output)
          io.stderr(`fixed ${r.fixed} problem${r.fixed === 1 ? '' : 's'} in ${r.path}\n`)
        }
      }
      const counts = count(results)
      const shown: FileReport[] = results.map((r) => ({
        path: r.path,
        messages: options.quiet ? r.messages.filter((m) => m.severity === 'error') : r.messages,
      }))
      const color = options.color !== false && !options.output && io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb'
      const text = format(options.format, shown, {
        color,
        toolVersion: VERSION,
        rules: [...RULES.map((r) => ({ id: r.id, summary: r.summary, url: ruleUrl(r.id) }))],
      })
      if (options.output) await writeFileAtomic(resolve(io.cwd, options.output), text).catch((e: Error) => {
        throw new UsageError(`Cannot write \`${options.output}\`: ${e.message} (in ${dirname(options.output!)})`)
      })
      else io.stdout(text)
      if (counts.errorCount > 0) ctx.setExitCode(EXIT.findings)
      else if (counts.warningCount > maxWarnings) {
        io.stderr(`starkit: ${counts.warningCount} warnings, more than --max-warnings ${maxWarnings}\n`)
        ctx.setExitCode(EXIT.findings)
      }
    })
}
