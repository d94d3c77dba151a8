import { existsSync, lstatSync } from 'node:fs'
import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import writeFileAtomic from 'write-file-atomic'
import { convert, type ConvertResult } from '../../convert/index.js'
import { write } from '../../emit/markdown.js'
import { stylish } from '../../report/stylish.js'
import { toDiagnostic } from '../../rules/lint.js'
import type { CommandContext } from '../context.js'
import { displayPath } from '../files.js'
import { EXIT, UsageError } from '../io.js'

/** The version of the `--report` JSON (documented in docs/convert.md). */
export const CONVERT_REPORT_VERSION = 1

/** What `--report` holds for one input. */
export interface ConvertFileReport {
  input: string
  /** The file written, or null when nothing was written (see `status`). */
  output: string | null
  status: 'written' | 'stdout' | 'exists' | 'duplicate-id' | 'not-converted' | 'unreadable'
  complete: boolean
  id: string | null
  fieldsFilled: string[]
  sectionsMissing: string[]
  unplacedLines: { line: number; text: string }[]
  repairs: { line: number; column: number; from: string; to: string }[]
  messages: ReturnType<typeof toDiagnostic>[]
}

interface Options {
  outDir?: string
  stdout?: boolean
  force?: boolean
  report?: string
}

/** Page files: named files as given; folders' `.txt` files, walked in sorted order. */
async function collectPages(paths: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>()
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.txt')) found.add(path)
    }
  }
  for (const p of paths) {
    const abs = resolve(cwd, p)
    let info
    try {
      info = await stat(abs)
    } catch {
      throw new UsageError(`Unexpected path \`${p}\`, expected an existing file or folder`)
    }
    if (info.isDirectory()) await walk(abs)
    else found.add(abs)
  }
  if (found.size === 0) throw new UsageError('No pages found, expected `.txt` files in the folders given')
  return [...found]
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

/** Whether a converted page can be written: a walkthrough with an id. */
function writable(result: ConvertResult): boolean {
  const blocked = result.file.messages.some((m) => m.source === 'convert' && ['not-a-walkthrough', 'empty', 'not-text'].includes(m.ruleId ?? ''))
  return !blocked && typeof result.scenario.id === 'string'
}

export default function register(program: Command, ctx: CommandContext): void {
  program
    .command('convert')
    .description('convert scraped walkthrough pages into scenario Markdown files named by id')
    .argument('<paths...>', 'page files, or folders of .txt pages')
    .option('-o, --out-dir <dir>', 'folder for the <id>.md files', '.')
    .option('--stdout', 'print the Markdown instead of writing files')
    .option('--force', 'overwrite existing files')
    .option('--report <file>', 'write a JSON report of every input')
    .action(async (paths: string[], options: Options) => {
      const { io } = ctx
      const outDir = resolve(io.cwd, options.outDir ?? '.')
      const reportPath = options.report === undefined ? undefined : resolve(io.cwd, options.report)
      if (reportPath !== undefined && existsSync(reportPath) && !options.force)
        throw new UsageError(`Unexpected existing report \`${options.report}\`, expected a new file or \`--force\``)
      const files = await collectPages(paths, io.cwd)
      const progress = io.stdoutIsTTY && files.length > 1 && !options.stdout
      const written = new Map<string, string>()
      let madeOutDir = false
      const reports: ConvertFileReport[] = []
      const shownReports: { path: string; messages: ReturnType<typeof toDiagnostic>[] }[] = []
      let incomplete = 0
      let repairs = 0
      for (const [n, file] of files.entries()) {
        const shown = displayPath(file, io.cwd)
        if (progress) io.stderr(`\r\u001b[2Kconverting ${n + 1}/${files.length} ${shown}`)
        let bytes: Uint8Array
        try {
          bytes = new Uint8Array(await readFile(file))
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'error'
          const message = { ruleId: 'convert/unreadable', severity: 'error' as const, message: `Unexpected unreadable file (${code})`, line: 1, column: 1, endLine: 1, endColumn: 1 }
          shownReports.push({ path: shown, messages: [message] })
          reports.push({ input: shown, output: null, status: 'unreadable', complete: false, id: null, fieldsFilled: [], sectionsMissing: [], unplacedLines: [], repairs: [], messages: [message] })
          ctx.setExitCode(EXIT.findings)
          incomplete++
          continue
        }
        const result = convert(bytes, { path: shown })
        const messages = result.file.messages.filter((m) => m.fatal !== undefined).map(toDiagnostic)
        repairs += result.report.repairs.length
        const id = typeof result.scenario.id === 'string' ? result.scenario.id : null
        let status: ConvertFileReport['status'] = 'not-converted'
        let output: string | null = null
        if (writable(result)) {
          const markdown = write(result.scenario)
          if (options.stdout) {
            io.stdout(markdown)
            status = 'stdout'
          } else {
            const target = join(outDir, `${id}.md`)
            const shownTarget = displayPath(target, io.cwd)
            const earlier = written.get(target)
            if (earlier !== undefined) {
              status = 'duplicate-id'
              messages.push({ ruleId: 'convert/duplicate-id', severity: 'error', message: `Unexpected second page with id \`${id}\`, expected one page per id (first: \`${earlier}\`)`, line: 1, column: 1, endLine: 1, endColumn: 1 })
            } else if (isLink(target)) {
              // write-file-atomic writes through a link, which could land outside --out-dir.
              status = 'exists'
              messages.push({ ruleId: 'convert/exists', severity: 'error', message: `Unexpected symbolic link \`${shownTarget}\`, expected a regular file or none`, line: 1, column: 1, endLine: 1, endColumn: 1 })
            } else if (existsSync(target) && !options.force) {
              status = 'exists'
              messages.push({ ruleId: 'convert/exists', severity: 'error', message: `Unexpected existing file \`${shownTarget}\`, expected \`--force\` to overwrite it`, line: 1, column: 1, endLine: 1, endColumn: 1 })
            } else {
              if (!madeOutDir) await mkdir(outDir, { recursive: true })
              madeOutDir = true
              await writeFileAtomic(target, markdown)
              written.set(target, shown)
              status = 'written'
              output = shownTarget
            }
          }
        }
        const ok = result.complete && (status === 'written' || status === 'stdout')
        if (!ok) {
          incomplete++
          ctx.setExitCode(EXIT.findings)
        }
        shownReports.push({ path: shown, messages })
        reports.push({
          input: shown,
          output,
          status,
          complete: result.complete,
          id,
          fieldsFilled: result.report.fieldsFilled,
          sectionsMissing: result.report.sectionsMissing,
          unplacedLines: result.report.unplacedLines,
          repairs: result.report.repairs,
          messages,
        })
        const line =
          status === 'written'
            ? `${shown} -> ${output}${result.complete ? '' : ' (incomplete: see the messages; the file lints with errors for what is missing)'}`
            : status === 'stdout'
              ? undefined
              : `${shown}: not written (${status === 'not-converted' ? 'not a convertible walkthrough page' : status === 'exists' ? 'the output exists; use --force' : status})`
        if (line !== undefined) {
          if (options.stdout) io.stderr(`${line}\n`)
          else io.stdout(`${line}\n`)
        }
      }
      if (progress) io.stderr('\r\u001b[2K')
      const problems = stylish(shownReports, { color: false })
      if (problems !== '') io.stderr(problems)
      const summary = `${files.length} page${files.length === 1 ? '' : 's'}: ${files.length - incomplete} converted completely, ${incomplete} not${repairs > 0 ? `; ${repairs} mojibake repair${repairs === 1 ? '' : 's'}` : ''}\n`
      io.stderr(summary)
      if (reportPath !== undefined) {
        const json = JSON.stringify({ version: CONVERT_REPORT_VERSION, files: reports }, null, 2) + '\n'
        await writeFileAtomic(reportPath, json)
      }
    })
}
