import { lstatSync, readdirSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { Command } from 'commander'
import { onExit } from 'signal-exit'
import type { CompanyPrinciples } from '../../emit/scaffold.js'
import { findConfig, loadConfig } from '../config-file.js'
import type { CommandContext } from '../context.js'
import { displayPath } from '../files.js'
import { UsageError } from '../io.js'
import { cannotWrite, removeTemporaries, replaceShown, writeNew } from '../site-write.js'
import { kindOf } from '../special-files.js'
import { DEFAULT_TEMPLATE, findTemplate, formatTemplateList, listTemplates, readTemplateFile } from '../templates.js'

/** A choice in a select or checkbox prompt. */
export interface PromptChoice {
  name: string
  value: string
}

/**
 * The prompts `starkit new` asks on a terminal. Tests replace the members (with fakes, or
 * with @inquirer/testing's `render` around the real prompts) to drive a session.
 */
export interface Prompts {
  input(config: { message: string; validate?: (value: string) => boolean | string }): Promise<string>
  select(config: { message: string; choices: PromptChoice[] }): Promise<string>
  checkbox(config: { message: string; choices: PromptChoice[]; required?: boolean }): Promise<string[]>
}

/** The prompts in use: @inquirer/prompts on the process's terminal, unless a test swapped them. */
export const prompts: Prompts = {
  // Loaded on the first question: most runs ask none.
  input: async (config) => (await import('@inquirer/prompts')).input(config),
  select: async (config) => (await import('@inquirer/prompts')).select(config),
  checkbox: async (config) => (await import('@inquirer/prompts')).checkbox(config),
}

export interface NewCliOptions {
  company?: string
  principle: string[]
  level?: string
  template?: string
  dir: string
  id?: string
  force?: boolean
  listTemplates?: boolean
}

/** Today as `YYYY-MM-DD` (UTC), or the day of `SOURCE_DATE_EPOCH` for reproducible output. */
export function today(env: Record<string, string | undefined>): string {
  const epoch = env.SOURCE_DATE_EPOCH
  const date = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date()
  return date.toISOString().slice(0, 10)
}

/** A list of names in backticks: "`a`", "`a` and `b`", "`a`, `b` and `c`". */
function listed(names: readonly string[]): string {
  const ticked = names.map((n) => `\`${n}\``)
  return ticked.length <= 1 ? ticked.join('') : `${ticked.slice(0, -1).join(', ')} and ${ticked.at(-1)}`
}

/** Ask, turning Ctrl-C into a usage error rather than a crash. */
async function ask<T>(question: () => Promise<T>): Promise<T> {
  try {
    return await question()
  } catch (error) {
    if ((error as Error)?.name === 'ExitPromptError' || (error as Error)?.name === 'AbortPromptError')
      throw new UsageError('Cancelled before anything was written')
    throw error
  }
}

/** The `.md` file names already in `dir` (none when it does not exist yet). */
function existingNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.toLowerCase().endsWith('.md'))
  } catch {
    return []
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

export default function register(program: Command, ctx: CommandContext): void {
  program
    .command('new')
    .description('scaffold a scenario file from a template')
    .argument('[question]', 'the interview question, e.g. "Tell me about a time you fixed something nobody owned"')
    .option('--company <name>', "the company whose principles the story shows (built in, or in the config's principleSets)")
    .option('--principle <name>', 'a principle the story shows (repeat for more)', collect, [])
    .option('--level <level>', 'the level the story is told at, e.g. SDE2')
    .option('--template <name|path>', `a template name (see --list-templates) or a path to a .md file (default: ${DEFAULT_TEMPLATE})`)
    .option('--dir <dir>', 'the folder to write into', '.')
    .option('--id <slug>', 'the id and file name (default: a slug of the question, unique in the folder)')
    .option('--force', 'overwrite an existing file named by --id')
    .option('--list-templates', 'list the templates available and exit')
    .action(async (questionArg: string | undefined, options: NewCliOptions) => {
      const { io } = ctx
      // Loaded here, not at start: every other command would pay for the scaffolder's writer.
      const { checkId, knownCompanies, oneLine, resolveCompany, resolvePrinciples, scaffold, ScaffoldError, slugify, targetFile, uniqueId } = await import('../../emit/scaffold.js')
      /** Run the pure core, turning its errors into usage errors (one stderr line, exit 2). */
      const core = <T>(fn: () => T): T => {
        try {
          return fn()
        } catch (error) {
          if (error instanceof ScaffoldError) throw new UsageError(error.message)
          throw error
        }
      }
      const dir = resolve(io.cwd, options.dir)
      const configPath = findConfig(dir)
      const config = configPath ? loadConfig(configPath, io.cwd) : undefined
      const templates = listTemplates(configPath ? join(dirname(configPath), 'templates') : undefined)
      if (options.listTemplates) {
        io.stdout(formatTemplateList(templates, io.cwd))
        return
      }
      const template = findTemplate(options.template ?? DEFAULT_TEMPLATE, io.cwd, templates)
      const templateText = await readTemplateFile(template, io.cwd)
      const companies = knownCompanies(config?.settings.principleSets)

      // What was given is checked first, so nobody is asked a question and then told a flag was wrong.
      let question = questionArg === undefined ? '' : oneLine(questionArg)
      let company: CompanyPrinciples | undefined = options.company === undefined ? undefined : core(() => resolveCompany(options.company!, companies))
      let principles = company ? core(() => resolvePrinciples(options.principle, company!)) : []
      if (options.id !== undefined) core(() => checkId(options.id!))
      let level = options.level === undefined ? undefined : oneLine(options.level) || undefined

      const missing = [...(question ? [] : ['<question>']), ...(company ? [] : ['--company']), ...(options.principle.length > 0 ? [] : ['--principle'])]
      if (missing.length > 0 && !io.stdinIsTTY)
        throw new UsageError(`Missing ${listed(missing)}, expected ${missing.length === 1 ? 'it' : 'them'} as arguments when stdin is not a terminal`)

      if (!question)
        question = oneLine(
          await ask(() =>
            prompts.input({
              message: 'Interview question',
              validate: (value) => (oneLine(value) ? true : 'Enter the question, e.g. Tell me about a time you fixed something nobody owned'),
            }),
          ),
        )
      if (!company) {
        const chosen = await ask(() =>
          prompts.select({ message: 'Company', choices: companies.map((c) => ({ name: `${c.company} (${c.principleSet})`, value: c.company })) }),
        )
        company = core(() => resolveCompany(chosen, companies))
        principles = core(() => resolvePrinciples(options.principle, company!))
      }
      if (principles.length === 0)
        principles = await ask(() =>
          prompts.checkbox({
            message: `${company!.principleSet} the story shows`,
            choices: company!.principles.map((p) => ({ name: p, value: p })),
            required: true,
          }),
        )

      // The level is optional: asked only when starkit asks anyway, and Enter leaves it out.
      if (missing.length > 0 && options.level === undefined) {
        const answer = await ask(() => prompts.input({ message: 'Level the story is told at (optional, e.g. SDE2; Enter for none)' }))
        level = oneLine(answer) || undefined
      }

      let id = options.id
      if (id === undefined) {
        const slug = slugify(question)
        if (!slug) throw new UsageError(`Unexpected question \`${question}\` without Latin letters or digits for an id, expected \`--id\``)
        id = uniqueId(slug, existingNames(dir))
      }
      const path = core(() => targetFile(dir, id!))
      const shown = displayPath(path, io.cwd)
      let exists = false
      try {
        const info = lstatSync(path)
        exists = true
        // `replaceFile` writes through a symbolic link, which could land outside --dir.
        if (info.isSymbolicLink()) throw new UsageError(`Unexpected symbolic link \`${shown}\`, expected a regular file or none`)
        if (info.isDirectory()) throw new UsageError(`Unexpected folder \`${shown}\`, expected a file name that is free`)
        // The rename would put a file in place of a FIFO or a device (special-files.ts).
        if (!info.isFile()) throw new UsageError(`Unexpected ${kindOf(info)} \`${shown}\`, expected a regular file or none`)
      } catch (error) {
        if (error instanceof UsageError) throw error
      }
      const existing = (): UsageError => new UsageError(`Unexpected existing file \`${shown}\`, expected \`--force\` to overwrite it`)
      if (exists && !options.force) throw existing()

      let output: string
      try {
        output = scaffold(templateText, { question, id, company: company.company, principleSet: company.principleSet, principles, level, date: today(io.env) })
      } catch (error) {
        if (error instanceof ScaffoldError) throw new UsageError(`${displayPath(template.path, io.cwd)}: ${error.message}`)
        throw error
      }
      await mkdir(dir, { recursive: true })
      if (exists) replaceShown(path, Buffer.from(output), shown)
      else {
        // A file that appeared since the look above is not replaced: the new file takes its name
        // with a hard link, which fails where a file is (writeNew). With a handler, a signal
        // cannot stop the write between its temporary file and its name and leave the first.
        const forget = onExit(() => removeTemporaries([dir]))
        try {
          writeNew(path, Buffer.from(output), { fsync: true, clobber: false })
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw existing()
          throw cannotWrite(error, shown)
        } finally {
          forget()
        }
      }
      io.stdout(`Wrote ${shown}\nNext: replace every TODO, then run \`starkit lint ${shown}\`\n`)
    })
}
