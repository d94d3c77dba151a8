import { isAbsolute, relative, resolve, sep } from 'node:path'
import { stringify } from 'yaml'
import { parse } from '../parse/index.js'
import { closest } from '../rules/text/closest.js'
import { BUILT_IN_SETS, principleKey } from '../rules/data/principle-sets.js'
import { validate } from '../schema/validate.js'
import { formatScenario } from './format.js'

/**
 * The pure core of `starkit new`: fill a template, check that the result is a valid
 * scenario, pick an id and a file name that stay inside the target folder. No file system:
 * the CLI passes in what it read (docs/new.md).
 */

/** A problem with what the user asked for or with a template: the CLI turns it into exit 2. */
export class ScaffoldError extends Error {
  override name = 'ScaffoldError'
}

/** What a template's placeholders are filled with. */
export interface ScaffoldValues {
  question: string
  id: string
  company: string
  principleSet: string
  principles: string[]
  level?: string
  /** `YYYY-MM-DD`. */
  date: string
}

/** The placeholder names a template may use (`{{name}}`), plus `{{.}}` inside a list section. */
export const PLACEHOLDERS = ['question', 'id', 'company', 'principleSet', 'principles', 'level', 'date'] as const

type Name = (typeof PLACEHOLDERS)[number]

/** The id pattern of the schema (src/model/scenario.ts `ScenarioId`). */
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const ID_MAX = 120

// ---------------------------------------------------------------------------------------
// Ids and file names

/**
 * The id for a question: ASCII letters and digits, lower case, joined by hyphens, at most
 * `max` characters (cut at a hyphen). Empty when the question has no Latin letters or digits.
 */
export function slugify(text: string, max = 80): string {
  const base = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (base.length <= max) return base
  const cut = base.slice(0, max + 1)
  const at = cut.lastIndexOf('-')
  return (at > 0 ? cut.slice(0, at) : base.slice(0, max)).replace(/-+$/, '')
}

/** `base`, or `base-2`, `base-3` … : the first whose `<id>.md` is not among `existing` file names. */
export function uniqueId(base: string, existing: Iterable<string>): string {
  const taken = new Set([...existing].map((name) => name.toLowerCase().replace(/\.(?:md|markdown)$/, '')))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/** Refuse an id (from `--id`) that is not a plain slug, naming the escape when it is one. */
export function checkId(id: string): string {
  if (/[/\\]/.test(id) || id === '..' || id === '.' || isAbsolute(id))
    throw new ScaffoldError(`Unexpected id \`${id}\` outside \`--dir\`, expected a file name without a folder`)
  if (!ID.test(id) || id.length > ID_MAX) {
    const hint = slugify(id, ID_MAX)
    throw new ScaffoldError(`Unexpected id \`${id}\`, expected lower-case words joined by hyphens${hint ? ` such as \`${hint}\`` : ''}`)
  }
  return id
}

/** The file `<dir>/<id>.md`, refused when it would not be directly inside `dir`. */
export function targetFile(dir: string, id: string): string {
  const path = resolve(dir, `${id}.md`)
  const rel = relative(resolve(dir), path)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.includes(sep) || rel.includes('/'))
    throw new ScaffoldError(`Unexpected id \`${id}\` outside \`--dir\`, expected a file name without a folder`)
  return path
}

// ---------------------------------------------------------------------------------------
// Companies and principles

/** A company `starkit new` knows, with its principles (built in, or from the config). */
export interface CompanyPrinciples {
  /** The company name as written in the scenario. */
  company: string
  /** Other spellings of the company that select this set. */
  aliases: string[]
  /** What the company calls its principles (`principleSet`). */
  principleSet: string
  /** Canonical principle names, in the company's order. */
  principles: string[]
  /** Accepted spellings (compared by `key`) → canonical name. */
  spellings: Map<string, string>
}

/** What a config-only company's `principleSet` is called (the config gives no name). */
export const DEFAULT_PRINCIPLE_SET = 'Principles'

/** Compare names (companies and principles) the way the `principle-known` rule does: case, punctuation, `&`/`and` and `the` ignored. */
const nameKey = principleKey

/** The built-in sets, plus the config's `principleSets` (a configured set for a built-in company adds to it). */
export function knownCompanies(configured: Record<string, string[]> = {}): CompanyPrinciples[] {
  const out: CompanyPrinciples[] = []
  const add = (entry: CompanyPrinciples, canonical: string, variants: readonly string[]): void => {
    if (!entry.principles.includes(canonical)) entry.principles.push(canonical)
    for (const v of [canonical, ...variants]) if (!entry.spellings.has(nameKey(v))) entry.spellings.set(nameKey(v), canonical)
  }
  for (const set of BUILT_IN_SETS) {
    const entry: CompanyPrinciples = { company: set.companies[0]!, aliases: set.companies.slice(1), principleSet: set.name, principles: [], spellings: new Map() }
    for (const [canonical, ...variants] of set.principles) add(entry, canonical!, variants)
    out.push(entry)
  }
  for (const [company, principles] of Object.entries(configured)) {
    let entry = out.find((e) => [e.company, ...e.aliases].some((c) => nameKey(c) === nameKey(company)))
    if (!entry) {
      entry = { company, aliases: [], principleSet: DEFAULT_PRINCIPLE_SET, principles: [], spellings: new Map() }
      out.push(entry)
    }
    for (const p of principles) add(entry, p, [])
  }
  return out
}

/** The company named `name` (any known spelling), with that spelling kept; else an error with the closest match. */
export function resolveCompany(name: string, known: readonly CompanyPrinciples[]): CompanyPrinciples {
  const wanted = nameKey(name)
  for (const entry of known) {
    const spelling = [entry.company, ...entry.aliases].find((c) => nameKey(c) === wanted)
    if (spelling) return { ...entry, company: spelling }
  }
  const names = known.flatMap((e) => [e.company, ...e.aliases])
  const hint = closest(wanted, names.map(nameKey))
  const suggestion = hint === undefined ? undefined : names.find((n) => nameKey(n) === hint)
  throw new ScaffoldError(
    suggestion
      ? `Unexpected company \`${name}\`, did you mean \`${suggestion}\``
      : `Unexpected company \`${name}\`, expected one of ${known.map((e) => `\`${e.company}\``).join(', ')} or a set in the config's \`principleSets\``,
  )
}

/** Canonical names for `names` (deduplicated, in the order given); an unknown one is an error with the closest match. */
export function resolvePrinciples(names: readonly string[], company: CompanyPrinciples): string[] {
  const out: string[] = []
  for (const name of names) {
    const canonical = company.spellings.get(nameKey(name))
    if (canonical === undefined) {
      const hint = closest(nameKey(name), [...company.spellings.keys()])
      const suggestion = hint === undefined ? undefined : company.spellings.get(hint)
      throw new ScaffoldError(
        suggestion
          ? `Unexpected principle \`${name}\` for \`${company.company}\`, did you mean \`${suggestion}\``
          : `Unexpected principle \`${name}\` for \`${company.company}\`, expected one of ${company.principles.map((p) => `\`${p}\``).join(', ')}`,
      )
    }
    if (!out.includes(canonical)) out.push(canonical)
  }
  return out
}

// ---------------------------------------------------------------------------------------
// Filling a template

/** One line of prose: white space collapsed, ends trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Backslash-escape ASCII punctuation, so a value reads back as the same text wherever it stands in Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`)
}

function yamlScalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd()
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: Name | '.'; at: number }
  | { kind: 'section'; name: Name; inverted: boolean; children: Node[] }

const TAG = /\{\{([^{}\n]*)\}\}/g

function unknownPlaceholder(tag: string): ScaffoldError {
  const name = tag.replace(/^[#^/]\s*/, '').trim()
  const hint = closest(name, [...PLACEHOLDERS])
  return new ScaffoldError(
    `Unexpected placeholder \`{{${tag}}}\`${hint ? `, did you mean \`{{${tag.replace(name, hint).replace(/\s+/g, '')}}}\`` : `, expected one of ${PLACEHOLDERS.map((p) => `\`{{${p}}}\``).join(', ')}`}`,
  )
}

/** Read the template into a tree of text, values and sections. */
function readTemplate(text: string): Node[] {
  const root: Node[] = []
  const stack: { name: Name; children: Node[] }[] = []
  let children = root
  let last = 0
  for (const m of text.matchAll(TAG)) {
    if (m.index > last) children.push({ kind: 'text', text: text.slice(last, m.index) })
    last = m.index + m[0].length
    const raw = m[1]!
    const tag = raw.trim()
    const sigil = /^[#^/]/.test(tag) ? tag[0]! : ''
    const name = tag.slice(sigil.length).trim()
    if (name === '.' && sigil === '') {
      if (!stack.some((s) => s.name === 'principles')) throw new ScaffoldError('Unexpected `{{.}}` outside `{{#principles}}`, expected it inside the section')
      children.push({ kind: 'value', name: '.', at: m.index })
      continue
    }
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) throw unknownPlaceholder(raw)
    const known = name as Name
    if (sigil === '') children.push({ kind: 'value', name: known, at: m.index })
    else if (sigil === '/') {
      const open = stack.pop()
      if (open?.name !== known) throw new ScaffoldError(`Unexpected \`{{/${known}}}\`, expected ${open ? `\`{{/${open.name}}}\`` : 'an open section before it'}`)
      children = stack.at(-1)?.children ?? root
    } else {
      const section: Node = { kind: 'section', name: known, inverted: sigil === '^', children: [] }
      children.push(section)
      stack.push({ name: known, children: section.children })
      children = section.children
    }
  }
  if (stack.length > 0) throw new ScaffoldError(`Missing \`{{/${stack.at(-1)!.name}}}\` in the template`)
  if (last < text.length) children.push({ kind: 'text', text: text.slice(last) })
  return root
}

/** Where the YAML frontmatter of `text` ends (0 when there is none). */
function frontmatterEnd(text: string): number {
  const open = /^---[ \t]*\r?\n/.exec(text)
  if (!open) return 0
  const close = /^---[ \t]*$/m.exec(text.slice(open[0].length))
  return close ? open[0].length + close.index : 0
}

function isEmpty(value: string | string[] | undefined): boolean {
  return value === undefined || value.length === 0
}

/**
 * Fill a template's placeholders (the syntax is in docs/new.md): `{{name}}` is replaced by
 * its value, escaped for where it stands (YAML in the frontmatter, Markdown in the body);
 * `{{#name}}…{{/name}}` repeats for each principle or shows when the value is set, and
 * `{{^name}}…{{/name}}` shows when it is not; a section tag alone on its line takes the
 * line with it. A frontmatter line `key: {{name}}` whose value is not set is left out.
 *
 * Hand-written rather than Mustache: seven names and one loop, and the escaping depends on
 * where the placeholder stands, which a general template engine does not know.
 */
export function fillTemplate(template: string, values: ScaffoldValues): string {
  const all: Record<Name, string | string[] | undefined> = { ...values, level: values.level }
  let text = template.replace(/\r\n?/g, '\n')
  // A frontmatter `key: {{name}}` line with no value would read as null: leave it out.
  const fmEnd = frontmatterEnd(text)
  text =
    text
      .slice(0, fmEnd)
      .replace(/^[ \t]*[A-Za-z][\w-]*:[ \t]*\{\{\s*(\w+)\s*\}\}[ \t]*\n/gm, (line, name: string) =>
        (PLACEHOLDERS as readonly string[]).includes(name) && isEmpty(all[name as Name]) ? '' : line,
      ) + text.slice(fmEnd)
  // A section tag alone on its line takes the line with it.
  text = text.replace(/^[ \t]*(\{\{\s*[#^/][^{}\n]*\}\})[ \t]*(?:\n|$)/gm, '$1')
  const end = frontmatterEnd(text)
  const tree = readTemplate(text)
  const comments = [...text.matchAll(/<!--[\s\S]*?(?:-->|$)/g)].map((m): [number, number] => [m.index, m.index + m[0].length])
  const lineAround = (at: number): { indent: string; alone: boolean } => {
    const start = text.lastIndexOf('\n', at - 1) + 1
    const stop = text.indexOf('\n', at)
    const before = text.slice(start, at)
    const after = text.slice(text.indexOf('}}', at) + 2, stop === -1 ? undefined : stop)
    return { indent: before, alone: /^[ \t]*$/.test(before) && /^[ \t]*$/.test(after) }
  }
  const render = (nodes: readonly Node[], item: string | undefined): string => {
    let out = ''
    for (const node of nodes) {
      if (node.kind === 'text') out += node.text
      else if (node.kind === 'value') {
        const value = node.name === '.' ? item : all[node.name]
        const inYaml = node.at < end
        const inComment = comments.some(([from, to]) => node.at > from && node.at < to)
        if (inComment && value !== undefined) {
          // Inside an HTML comment nothing is Markdown, only `--` could end it early.
          out += oneLine(Array.isArray(value) ? value.join(', ') : value).replace(/--/g, '- -')
          continue
        }
        if (Array.isArray(value)) {
          if (!inYaml) out += value.map((v) => escapeMarkdown(oneLine(v))).join(', ')
          else if (lineAround(node.at).alone) {
            const { indent } = lineAround(node.at)
            out += stringify(value.map(oneLine), { lineWidth: 0 }).trimEnd().split('\n').join(`\n${indent}`)
          } else out += stringify(value.map(oneLine), { lineWidth: 0, collectionStyle: 'flow' }).trimEnd()
        } else if (value !== undefined) out += inYaml ? yamlScalar(oneLine(value)) : escapeMarkdown(oneLine(value))
      } else {
        const value = all[node.name]
        if (node.inverted) {
          if (isEmpty(value)) out += render(node.children, item)
        } else if (Array.isArray(value)) for (const v of value) out += render(node.children, v)
        else if (!isEmpty(value)) out += render(node.children, item)
      }
    }
    return out
  }
  return render(tree, undefined)
}

/**
 * Fill a template and return the scenario in canonical form (what `starkit fmt` writes).
 * Throws a ScaffoldError when the filled template does not parse, does not pass schema
 * validation, or does not hold the values asked for (a template without `{{company}}`).
 */
export function scaffold(template: string, values: ScaffoldValues): string {
  const filled = fillTemplate(template, values)
  const parsed = parse(filled)
  const valid = parsed.file.messages.some((m) => m.fatal) ? undefined : validate(parsed)
  const problem = parsed.file.messages.find((m) => m.fatal)
  if (!valid || problem) {
    const p = problem ?? parsed.file.messages[0]
    throw new ScaffoldError(`Unexpected template making an invalid scenario: ${p ? `${p.reason} (line ${p.line ?? 1} once filled)` : 'no scenario'}`)
  }
  const { scenario } = valid
  const expected: [string, unknown, unknown][] = [
    ['id', scenario.id, values.id],
    ['question', scenario.question, oneLine(values.question)],
    ['company', scenario.company, oneLine(values.company)],
    ['principleSet', scenario.principleSet, oneLine(values.principleSet)],
    ['principles', scenario.principles, values.principles.map(oneLine)],
    ['level', scenario.level, values.level === undefined ? undefined : oneLine(values.level)],
  ]
  for (const [key, got, want] of expected)
    if (JSON.stringify(got) !== JSON.stringify(want))
      throw new ScaffoldError(`Unexpected \`${key}\` of \`${JSON.stringify(got) ?? 'nothing'}\` once the template is filled, expected \`${JSON.stringify(want)}\` (use \`{{${key}}}\` in the template)`)
  const { output } = formatScenario(filled)
  if (output === undefined) throw new ScaffoldError('Unexpected template content that cannot be written canonically')
  return output
}
