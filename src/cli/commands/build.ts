import { lstat, mkdir, readFile, readdir, realpath } from 'node:fs/promises'
import { dirname, join, parse, relative, resolve } from 'node:path'
import { Option, type Command } from 'commander'
import writeFileAtomic from 'write-file-atomic'
import type { BuildEntry } from '../../emit/json.js'
import { buildSite } from '../../emit/site.js'
import type { LintResult } from '../../rules/lint.js'
import { loadSchema } from '../../schema/validate.js'
import type { CommandContext } from '../context.js'
import { displayPath } from '../files.js'
import { EXIT, UsageError } from '../io.js'
import { configFor, lintPaths } from './lint.js'

export interface BuildCliOptions {
  out: string
  jsonOnly?: boolean
  htmlOnly?: boolean
  force?: boolean
  config?: string
}

/** `a` is `b` or a folder that contains `b` (both absolute and normalised). */
function containsOrIs(a: string, b: string): boolean {
  const rel = relative(a, b)
  return rel === '' || (!rel.startsWith('..') && !parse(rel).root)
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
async function realish(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    const parent = dirname(path)
    return parent === path ? path : join(await realish(parent), path.slice(parent.length))
  }
}

/**
 * Refuse an output folder whose files could land on anything but build output:
 * the file system root, the working directory or one of its ancestors, or a folder that
 * holds (or is) an input. Symbolic links are resolved first.
 */
export async function checkOutDir(out: string, cwd: string, inputs: readonly string[], given: string): Promise<void> {
  const real = await realish(out)
  const refuse = (why: string): never => {
    throw new UsageError(`Unexpected \`--out ${given}\`, ${why}`)
  }
  if (parse(real).root === real) refuse('expected a folder of its own, not the file system root')
  if (containsOrIs(real, await realish(cwd))) refuse('expected a folder inside the project, such as `dist`')
  for (const input of inputs) if (containsOrIs(real, await realish(input))) refuse(`expected a folder that holds no input (it holds \`${displayPath(input, cwd)}\`)`)
}

type Plan = { path: string; content: Buffer; unchanged: boolean }[]

/**
 * Check every target before anything is written: no folder on the way and no target may be
 * a symbolic link (write-file-atomic would follow it out of `out`), or be of the wrong kind.
 */
async function plan(out: string, files: Map<string, string | Uint8Array>, cwd: string): Promise<Plan> {
  const checked = new Set<string>()
  const kind = async (path: string): Promise<'missing' | 'dir' | 'file' | 'link' | 'other'> => {
    try {
      const s = await lstat(path)
      return s.isSymbolicLink() ? 'link' : s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other'
    } catch {
      return 'missing'
    }
  }
  const result: Plan = []
  for (const [rel, content] of files) {
    const target = join(out, ...rel.split('/'))
    const folders = rel.split('/').slice(0, -1)
    for (let i = 0; i <= folders.length; i++) {
      const dir = join(out, ...folders.slice(0, i))
      if (checked.has(dir)) continue
      const k = await kind(dir)
      if (k === 'link' && i > 0) throw new UsageError(`Unexpected symbolic link \`${displayPath(dir, cwd)}\` in the output folder, expected a folder`)
      if (k === 'file' || k === 'other') throw new UsageError(`Unexpected file \`${displayPath(dir, cwd)}\`, expected a folder`)
      checked.add(dir)
    }
    const k = await kind(target)
    if (k === 'link') throw new UsageError(`Unexpected symbolic link \`${displayPath(target, cwd)}\` in the output folder, expected a file`)
    if (k === 'dir' || k === 'other') throw new UsageError(`Unexpected folder \`${displayPath(target, cwd)}\`, expected a file`)
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)
    const unchanged = k === 'file' && Buffer.compare(await readFile(target), bytes) === 0
    result.push({ path: target, content: bytes, unchanged })
  }
  return result
}

/** Files in `out/scenarios/` that this build did not produce (left in place, reported). */
async function strays(out: string, files: Map<string, string | Uint8Array>): Promise<string[]> {
  try {
    const names = await readdir(join(out, 'scenarios'))
    return names
      .filter((n) => /\.(json|html)$/.test(n) && !files.has(`scenarios/${n}`))
      .sort()
      .map((n) => join(out, 'scenarios', n))
  } catch {
    return []
  }
}

function line(path: string, m: LintResult['messages'][number]): string {
  return `${path}:${m.line}:${m.column}  ${m.severity}  ${m.message}  ${m.ruleId}\n`
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** The whole command, after option parsing. Returns the exit code. */
export async function runBuild(paths: readonly string[], options: BuildCliOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx
  const cwd = io.cwd
  const out = resolve(cwd, options.out)
  const config = configFor(paths, cwd, options.config)
  const results = await lintPaths(paths, cwd, config, { keepScenario: true })
  await checkOutDir(out, cwd, results.map((r) => resolve(cwd, r.path)), options.out)

  let errors = 0
  let warnings = 0
  for (const r of results)
    for (const m of r.messages) {
      if (m.severity === 'error') {
        errors++
        io.stderr(line(r.path, m))
      } else warnings++
    }
  const entries: BuildEntry[] = []
  const byId = new Map<string, string>()
  for (const r of results) {
    if (!r.scenario) {
      if (options.force) io.stderr(`${r.path}: left out, it does not parse or validate\n`)
      continue
    }
    const first = byId.get(r.scenario.id)
    if (first !== undefined) {
      errors++
      io.stderr(`${r.path}:1:1  error  Unexpected duplicate id \`${r.scenario.id}\`, also in \`${first}\`  build/unique-id\n`)
      continue
    }
    byId.set(r.scenario.id, r.path)
    entries.push({ path: r.path, scenario: r.scenario, messages: r.messages })
  }
  if (errors > 0 && !options.force) {
    io.stderr(`starkit: ${plural(errors, 'error')}, nothing built (fix them, or build anyway with --force)\n`)
    return EXIT.findings
  }

  const schemaId = loadSchema('scenario.schema.json')['$id']
  if (typeof schemaId !== 'string') throw new Error('schema/scenario.schema.json has no $id')
  const files = buildSite(entries, { json: !options.htmlOnly, html: !options.jsonOnly, scenarioSchemaId: schemaId })
  const steps = await plan(out, files, cwd)
  let written = 0
  for (const step of steps) {
    if (step.unchanged) continue
    await mkdir(dirname(step.path), { recursive: true })
    await writeFileAtomic(step.path, step.content)
    io.stdout(`wrote ${displayPath(step.path, cwd)}\n`)
    written++
  }
  for (const stray of await strays(out, files))
    io.stderr(`note: ${displayPath(stray, cwd)} is not part of this build (left in place)\n`)
  const unchanged = steps.length - written
  io.stdout(
    `Built ${plural(entries.length, 'scenario')} into ${displayPath(out, cwd)}: ` +
      `${plural(written, 'file')} written, ${unchanged} unchanged` +
      (warnings > 0 ? `, ${plural(warnings, 'warning')} (in the bundle; \`starkit lint\` shows them)` : '') +
      (errors > 0 ? `, ${plural(errors, 'error')} forced through` : '') +
      '\n',
  )
  return EXIT.ok
}

export default function register(program: Command, ctx: CommandContext): void {
  program
    .command('build')
    .description('lint, then write the JSON bundle and the HTML site')
    .argument('[paths...]', 'files, folders or globs', ['scenarios'])
    .option('-o, --out <dir>', 'output folder', 'dist')
    .addOption(new Option('--json-only', 'write only scenarios.json and scenarios/<id>.json').conflicts('htmlOnly'))
    .addOption(new Option('--html-only', 'write only the HTML site').conflicts('jsonOnly'))
    .option('--force', 'build even when lint finds errors (files that do not parse are left out)')
    .option('-c, --config <file>', 'use this config file')
    .action(async (paths: string[], options: BuildCliOptions) => {
      ctx.setExitCode(await runBuild(paths, options, ctx))
    })
}
