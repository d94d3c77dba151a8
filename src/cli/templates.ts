import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { closest } from '../rules/text/closest.js'
import { displayPath } from './files.js'
import { UsageError } from './io.js'
import { readErrorMessage, readRegularFile } from './special-files.js'
import { compareCodeUnits } from '../model/order.js'

/** A template `starkit new` can scaffold from. */
export interface TemplateInfo {
  /** The file name without `.md`: what `--template` takes. */
  name: string
  /** Absolute path. */
  path: string
  /** Shipped with starkit, or in the content repo's `templates/` folder. */
  origin: 'built-in' | 'project'
}

/** The templates shipped with the package (`templates/` next to `src/` and `lib/`). */
export const BUILT_IN_TEMPLATES: string = fileURLToPath(new URL('../../templates/', import.meta.url))

/** The template used when `--template` is not given. */
export const DEFAULT_TEMPLATE = 'full'

function templatesIn(dir: string, origin: TemplateInfo['origin']): TemplateInfo[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.toLowerCase().endsWith('.md'))
    .map((e) => ({ name: e.name.slice(0, -'.md'.length), path: join(dir, e.name), origin }))
    .sort((a, b) => compareCodeUnits(a.name, b.name))
}

function real(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return resolve(path)
  }
}

/**
 * The templates available: the content repo's `templates/` folder (next to its config, when
 * there is one) and the built-in ones. A project template overrides a built-in one of the
 * same name. Built-in first, then project, each sorted by name.
 */
export function listTemplates(projectDir?: string, builtInDir: string = BUILT_IN_TEMPLATES): TemplateInfo[] {
  const builtIn = templatesIn(builtInDir, 'built-in')
  // The starkit repository itself has its config next to the built-in folder: not twice.
  const project = projectDir && real(projectDir) !== real(builtInDir) ? templatesIn(projectDir, 'project') : []
  const names = new Set(project.map((t) => t.name))
  return [...builtIn.filter((t) => !names.has(t.name)), ...project]
}

/** Whether `--template` names a file rather than a template by name. */
function isPath(spec: string): boolean {
  return /[/\\]/.test(spec) || spec.toLowerCase().endsWith('.md')
}

/** The template `spec` names: a path (relative to `cwd`), or a name from `templates`. */
export function findTemplate(spec: string, cwd: string, templates: readonly TemplateInfo[]): TemplateInfo {
  if (isPath(spec)) {
    const path = resolve(cwd, spec)
    if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`No such template file: \`${spec}\``)
    return { name: basename(path).replace(/\.md$/i, ''), path, origin: 'project' }
  }
  const found = templates.find((t) => t.name === spec)
  if (found) return found
  const hint = closest(spec, templates.map((t) => t.name))
  throw new UsageError(
    `Unexpected template \`${spec}\`, ${hint ? `did you mean \`${hint}\`` : `expected one of ${templates.map((t) => `\`${t.name}\``).join(', ')} or a path`}`,
  )
}

/** Read a template's text. */
export async function readTemplateFile(template: TemplateInfo, cwd: string): Promise<string> {
  try {
    return readRegularFile(template.path).toString('utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    throw new UsageError(`Cannot read template \`${displayPath(template.path, cwd)}\`: ${readErrorMessage(error)}`)
  }
}

/** The `--list-templates` output: one line per template, name, origin and path. */
export function formatTemplateList(templates: readonly TemplateInfo[], cwd: string): string {
  const width = Math.max(...templates.map((t) => t.name.length), 4)
  return templates
    .map((t) => `${t.name.padEnd(width)}  ${t.origin.padEnd(8)}  ${t.origin === 'built-in' ? t.path : displayPath(t.path, cwd)}\n`)
    .join('')
}
