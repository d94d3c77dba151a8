import type { Pointer, Scenario, Span } from '../model/index.js'
import type { ValidScenario } from '../parse/types.js'

export type Severity = 'error' | 'warning'

/**
 * Where a finding is: a field or item (by pointer), characters `[from, to)` of a string
 * field, or a span the rule computed itself.
 */
export type Target = Pointer | { pointer: Pointer; from: number; to: number } | Span

/** A text edit on the source file: replace `[start, end)` (offsets in `parsed.text`) with `text`. */
export interface Fix {
  start: number
  end: number
  text: string
}

export interface ReportExtra {
  /** A longer why, shown under the message. */
  note?: string
  /** A fix `--fix` may apply; it must touch only the flagged text. */
  fix?: Fix
}

export type Report = (target: Target, message: string, extra?: ReportExtra) => void

/** Project-wide settings from the config, shared by all rules. */
export interface Settings {
  /** Extra principle sets by company name, from the config's `principleSets`. */
  principleSets: Record<string, string[]>
}

export interface FileRuleContext<O> {
  scenario: Scenario
  settings: Settings
  parsed: ValidScenario
  /** The rule's options, merged over its `defaults`. */
  options: O
  report: Report
}

/**
 * What a project rule sees of one file: its frontmatter. Read the same way whether the
 * file was linted now, came from the cache, or belongs to another `--shard`, so cross-file
 * findings never depend on how a run was split.
 */
export interface ProjectFile {
  /** The path as reported. */
  path: string
  frontmatter: Record<string, unknown>
  /** The span of a frontmatter value (`/id`). */
  span(pointer: Pointer): Span | undefined
}

export interface ProjectRuleContext<O> {
  /** Every linted file with readable frontmatter, sorted by path. */
  files: readonly ProjectFile[]
  settings: Settings
  options: O
  /** Report on one file of the run, at a frontmatter pointer or a span. */
  report(file: ProjectFile, target: Pointer | Span, message: string, extra?: ReportExtra): void
}

interface RuleMeta<O> {
  /** Permanent, kebab-case; never reused. */
  id: string
  /** One line, shown by `starkit rules`. */
  summary: string
  /** Default severity in the `recommended` preset. */
  severity: Severity
  /** Why it matters and how to fix it, in a few sentences (Markdown). */
  docs: string
  /** Whether the rule offers fixes. */
  fixable?: boolean
  /** Only in the `strict` preset, not in `recommended`. */
  strictOnly?: boolean
  /** Default options. */
  defaults: O
  /** The allowed values of options that take one of a few (checked when the config is read). */
  optionChoices?: Partial<Record<keyof O & string, readonly (string | number)[]>>
  /** Documentation of each option. */
  optionDocs?: Partial<Record<keyof O & string, string>>
}

export interface FileRule<O = Record<string, never>> extends RuleMeta<O> {
  scope?: 'file'
  check(context: FileRuleContext<O>): void
}

export interface ProjectRule<O = Record<string, never>> extends RuleMeta<O> {
  /** A rule that needs every file of the run at once (such as `unique-id`); it sees frontmatter only. */
  scope: 'project'
  check(context: ProjectRuleContext<O>): void
}

export type Rule<O = any> = FileRule<O> | ProjectRule<O>

/** Declare a rule. The runner stamps id, severity, docs URL and source on each report. */
export function defineRule<O extends object = Record<string, never>>(rule: FileRule<O>): FileRule<O>
export function defineRule<O extends object = Record<string, never>>(rule: ProjectRule<O>): ProjectRule<O>
export function defineRule<O extends object>(rule: Rule<O>): Rule<O> {
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(rule.id)) throw new Error(`Invalid rule id ${rule.id}`)
  return rule
}

/** The docs URL of a rule. */
export function ruleUrl(id: string): string {
  return `https://github.com/starkit/starkit/blob/main/docs/rules/${id}.md`
}
