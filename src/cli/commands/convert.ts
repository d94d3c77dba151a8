import { existsSync, lstatSync, mkdirSync, type Stats } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { onExit } from 'signal-exit'
import type { Diagnostic } from '../../report/diagnostic.js'
import { stylish } from '../../report/stylish.js'
import type { CommandContext } from '../context.js'
import type { ConvertJob, PageOutcome } from '../convert-pages.js'
import { displayPath } from '../files.js'
import { EXIT, UsageError } from '../io.js'
import { isPageName } from '../early-thread.js'
import { CONVERT_AUTO_THRESHOLD, Pool, threadsFor } from '../pool.js'
import { removeTemporaries, replaceFile, writeNew } from '../site-write.js'
import { kindOf, writeUserFile } from '../special-files.js'
import { compareCodeUnits } from '../../model/order.js'

/** The version of the `--report` JSON (documented in docs/convert.md). */
export const CONVERT_REPORT_VERSION = 1

/** What `--report` holds for one input. */
export interface ConvertFileReport {
  input: string
  /** The file written, or null when nothing was written (see `status`). */
  output: string | null
  status: 'written' | 'stdout' | 'exists' | 'duplicate-id' | 'not-converted' | 'unreadable' | 'unwritable'
  complete: boolean
  id: string | null
  fieldsFilled: string[]
  sectionsMissing: string[]
  unplacedLines: { line: number; text: string }[]
  repairs: { line: number; column: number; from: string; to: string }[]
  messages: Diagnostic[]
}

interface Options {
  outDir?: string
  stdout?: boolean
  force?: boolean
  report?: string
  concurrency: string
}

/**
 * Why a page was not converted, for its line on stdout: a limit when one refused it (its
 * message says which, docs/limits.md), else that it is not a walkthrough page.
 */
function notConverted(messages: readonly Diagnostic[]): string {
  if (messages.some((m) => m.ruleId === 'convert/too-large')) return 'over the size limit'
  if (messages.some((m) => m.ruleId === 'convert/too-complex')) return 'over a limit of what convert reads or writes'
  return 'not a convertible walkthrough page'
}

/** Page files: named files as given; folders' `.txt` files, walked in sorted order. */
async function collectPages(paths: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>()
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareCodeUnits(a.name, b.name))
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile() && isPageName(entry.name)) found.add(path)
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

/** What is at `path` (not following a link), or undefined: nothing, or it cannot be looked at (then the write says why). */
function entryAt(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}

/** How far (in pages) the workers may run ahead of the page the command is at: bounds the memory held. */
const PAGES_AHEAD = 256

const cliMessage = (ruleId: string, message: string): Diagnostic => ({ ruleId, severity: 'error', message, line: 1, column: 1, endLine: 1, endColumn: 1 })

/** One page on its way out: decided, written and reported in page order. */
interface Entry {
  shown: string
  outcome: PageOutcome
  status: ConvertFileReport['status']
  output: string | null
  messages: Diagnostic[]
  /** Why the write of the output failed (undefined: written, or nothing to write). */
  failed?: NodeJS.ErrnoException
}

/**
 * Write a page's Markdown to `target`, atomically and flushed: a temporary file beside it,
 * fsync, rename. Where a file is (`--force`), `replaceFile` keeps its mode and owner; where
 * none is, `writeNew` skips its real-path walk and mode look-up. Synchronous:
 * on this thread each awaited step of an asynchronous write was a round trip to the thread pool,
 * and this thread's share of the two cores was the workers' loss (a 1,000-page run spent about
 * a second of CPU here on writes; docs/performance.md). The command's exit handler makes
 * Ctrl-C and SIGTERM wait for a turn of the event loop, between two pages, never inside a write.
 */
function writePage(target: string, markdown: string, replace: boolean): NodeJS.ErrnoException | undefined {
  try {
    if (replace) replaceFile(target, Buffer.from(markdown))
    // No file was there when the page was decided: one that appears meanwhile is not replaced.
    else writeNew(target, Buffer.from(markdown), { fsync: true, clobber: false })
    return undefined
  } catch (error) {
    return error as NodeJS.ErrnoException
  }
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
    .option('--concurrency <n>', 'worker threads: a number, `auto` or `off`', 'auto')
    .action(async (paths: string[], options: Options) => {
      const { io } = ctx
      threadsFor(options.concurrency, 0) // a bad value is a usage error before anything is read
      const outDir = resolve(io.cwd, options.outDir ?? '.')
      const reportPath = options.report === undefined ? undefined : resolve(io.cwd, options.report)
      if (reportPath !== undefined && existsSync(reportPath) && !options.force)
        throw new UsageError(`Unexpected existing report \`${options.report}\`, expected a new file or \`--force\``)
      const files = await collectPages(paths, io.cwd)
      const jobs: ConvertJob[] = files.map((file) => ({ file, shown: displayPath(file, io.cwd) }))
      const progress = io.stdoutIsTTY && files.length > 1 && !options.stdout
      const written = new Map<string, string>()
      let madeOutDir = false
      // Kept for the end of the run: the `--report` entries only when a report is asked for,
      // and the messages of the pages that have some (a run of 10,000 pages held ~60 MB of
      // report entries nobody asked for).
      const reports: ConvertFileReport[] = []
      const shownReports: { path: string; messages: Diagnostic[] }[] = []
      const keep = (report: ConvertFileReport): void => {
        if (report.messages.length > 0) shownReports.push({ path: report.input, messages: report.messages })
        if (reportPath !== undefined) reports.push(report)
      }
      let incomplete = 0
      let repairs = 0

      /** Decide what to do with a page, in page order: refuse it, print it, or write it. */
      const decide = (shown: string, outcome: PageOutcome): Entry => {
        const entry: Entry = { shown, outcome, status: 'not-converted', output: null, messages: [] }
        if ('readError' in outcome) {
          entry.status = 'unreadable'
          entry.messages.push(cliMessage('convert/unreadable', outcome.readError))
          return entry
        }
        entry.messages.push(...outcome.messages)
        const { id, markdown } = outcome
        if (markdown === null) return entry
        if (options.stdout) {
          entry.status = 'stdout'
          return entry
        }
        const target = join(outDir, `${id}.md`)
        const shownTarget = displayPath(target, io.cwd)
        const earlier = written.get(target)
        const present = earlier === undefined ? entryAt(target) : undefined
        if (earlier !== undefined) {
          entry.status = 'duplicate-id'
          entry.messages.push(cliMessage('convert/duplicate-id', `Unexpected second page with id \`${id}\`, expected one page per id (first: \`${earlier}\`)`))
        } else if (present?.isSymbolicLink()) {
          // Refused even with --force: whatever follows the link would land outside --out-dir.
          entry.status = 'exists'
          entry.messages.push(cliMessage('convert/exists', `Unexpected symbolic link \`${shownTarget}\`, expected a regular file or none`))
        } else if (present !== undefined && !present.isFile() && !present.isDirectory()) {
          // Refused even with --force: the rename would put a file in place of a FIFO or a device.
          // (A folder there fails the write: `convert/unwritable`.)
          entry.status = 'exists'
          entry.messages.push(cliMessage('convert/exists', `Unexpected ${kindOf(present)} \`${shownTarget}\`, expected a regular file or none`))
        } else if (present !== undefined && !options.force) {
          entry.status = 'exists'
          entry.messages.push(cliMessage('convert/exists', `Unexpected existing file \`${shownTarget}\`, expected \`--force\` to overwrite it`))
        } else {
          if (!madeOutDir) mkdirSync(outDir, { recursive: true })
          madeOutDir = true
          // Taken whether or not the write succeeds: a later page with this id is a duplicate either way.
          written.set(target, shown)
          entry.status = 'written'
          entry.output = shownTarget
          entry.failed = writePage(target, markdown, present !== undefined)
        }
        return entry
      }

      /** Report a page, in page order. */
      const finish = (entry: Entry): void => {
        const { shown, outcome, failed } = entry
        if (failed?.code === 'EEXIST') {
          // A file appeared at the output since the page was decided (another run, an editor).
          entry.messages.push(cliMessage('convert/exists', `Unexpected existing file \`${entry.output}\`, expected \`--force\` to overwrite it`))
          entry.status = 'exists'
          entry.output = null
        } else if (failed !== undefined) {
          entry.messages.push(cliMessage('convert/unwritable', `Unexpected error writing \`${entry.output}\` (${failed.code ?? failed.message})`))
          entry.status = 'unwritable'
          entry.output = null
        }
        const { status, output, messages } = entry
        if ('readError' in outcome) {
          incomplete++
          ctx.setExitCode(EXIT.findings)
          keep({ input: shown, output: null, status, complete: false, id: null, fieldsFilled: [], sectionsMissing: [], unplacedLines: [], repairs: [], messages })
          return
        }
        repairs += outcome.report.repairs.length
        if (status === 'stdout') io.stdout(outcome.markdown!)
        const ok = outcome.complete && (status === 'written' || status === 'stdout')
        if (!ok) {
          incomplete++
          ctx.setExitCode(EXIT.findings)
        }
        keep({
          input: shown,
          output,
          status,
          complete: outcome.complete,
          id: outcome.id,
          fieldsFilled: outcome.report.fieldsFilled,
          sectionsMissing: outcome.report.sectionsMissing,
          unplacedLines: outcome.report.unplacedLines,
          repairs: outcome.report.repairs,
          messages,
        })
        const reason = status === 'not-converted' ? notConverted(messages) : status === 'exists' ? 'the output exists; use --force' : status === 'unwritable' ? 'the output could not be written' : status
        const line =
          status === 'written'
            ? `${shown} -> ${output}${outcome.complete ? '' : ' (incomplete: see the messages; the file lints with errors for what is missing)'}`
            : status === 'stdout'
              ? undefined
              : `${shown}: not written (${reason})`
        if (line !== undefined) {
          if (options.stdout) io.stderr(`${line}\n`)
          else io.stdout(`${line}\n`)
        }
      }

      // This thread converts pages too (`Pool#convert`): one of the threads is this one.
      const threads = threadsFor(options.concurrency, jobs.length, CONVERT_AUTO_THRESHOLD)
      const pool = Pool.for(Math.max(0, threads - 1), jobs.length)
      const pages = pool.convert(jobs, PAGES_AHEAD)
      // With a handler, a signal is taken between two pages (each write is synchronous), not in
      // the middle of one; it removes any temporary file of this process all the same.
      const forget = options.stdout ? undefined : onExit(() => removeTemporaries([outDir]))
      try {
        for (const [n, job] of jobs.entries()) {
          if (progress) io.stderr(`\r\u001b[2Kconverting ${n + 1}/${files.length} ${job.shown}`)
          finish(decide(job.shown, await pages.take()))
        }
      } finally {
        await pool.close()
        forget?.()
      }
      if (progress) io.stderr('\r\u001b[2K')
      const problems = stylish(shownReports, { color: false })
      if (problems !== '') io.stderr(problems)
      const summary = `${files.length} page${files.length === 1 ? '' : 's'}: ${files.length - incomplete} converted completely, ${incomplete} not${repairs > 0 ? `; ${repairs} mojibake repair${repairs === 1 ? '' : 's'}` : ''}\n`
      io.stderr(summary)
      if (reportPath !== undefined) {
        const json = JSON.stringify({ version: CONVERT_REPORT_VERSION, files: reports }, null, 2) + '\n'
        await writeUserFile(reportPath, json).catch((e: Error) => {
          throw new UsageError(`Cannot write \`${options.report}\`: ${e.message}`)
        })
      }
    })
}
