/**
 * Rule fixtures: complete scenario files under `test/fixtures/rules/<rule-id>/` whose expected
 * findings are written inside them. The fixture test and the generated rule docs both run them
 * through here, so the docs show exactly what the tests assert. Pure: the caller reads files.
 *
 * ```md
 * <!-- config: {"rules": {"speaking-time": ["warn", {"flagShort": true}]}} -->
 *
 * <!-- expected:
 * speaking-time 27:1-27:122
 * -->
 * ```
 */
import type { StarkitConfig } from '../model/index.js'
import type { Diagnostic } from '../report/diagnostic.js'
import { resolveConfig, type ResolvedConfig } from './config.js'
import type { Rule } from './define-rule.js'
import { lintInputs } from './lint.js'
import { compareCodeUnits } from '../model/order.js'

/** A fixture file as read: its path (relative to the repository, `/` separators) and text. */
export interface FixtureFile {
  path: string
  text: string
}

/** One expected finding: rule id and start, with the end when given. */
export interface Expected {
  ruleId: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
}

/** A fixture after linting it with only its rule on. */
export interface FixtureRun extends FixtureFile {
  /** `ok`, `not-ok`, `not-ok-short` … */
  name: string
  /** The config the fixture asks for (`<!-- config: … -->`), if any. */
  config?: StarkitConfig
  /** The findings written in the fixture; undefined when it has no `expected` comment. */
  expected?: Expected[]
  /** What linting reported (every message: parse and schema problems too). */
  messages: Diagnostic[]
}

const EXPECTED = /<!--\s*expected:\s*\n([\s\S]*?)-->\s*$/
const CONFIG = /<!--\s*config:\s*(\{[\s\S]*?\})\s*-->/
const ROW = /^([a-z][a-zA-Z0-9/-]*)\s+(\d+):(\d+)(?:-(\d+):(\d+))?$/

/** The fixture's name: its file name without `.md`. */
export function fixtureName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '')
}

/** The expected findings of a fixture (its final `<!-- expected: … -->` comment). */
export function readExpected(text: string): Expected[] | undefined {
  const block = EXPECTED.exec(text)?.[1]
  if (block === undefined) return undefined
  const rows: Expected[] = []
  for (const raw of block.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '') continue
    const m = ROW.exec(line)
    if (!m) throw new Error(`Unexpected expectation row \`${line}\`, expected \`rule-id line:column-endLine:endColumn\``)
    const row: Expected = { ruleId: m[1]!, line: Number(m[2]), column: Number(m[3]) }
    if (m[4] !== undefined) (row.endLine = Number(m[4])), (row.endColumn = Number(m[5]))
    rows.push(row)
  }
  return rows
}

/** The config a fixture asks for, from its `<!-- config: {json} -->` comment. */
export function readFixtureConfig(text: string): StarkitConfig | undefined {
  const json = CONFIG.exec(text)?.[1]
  return json === undefined ? undefined : (JSON.parse(json) as StarkitConfig)
}

/** A config with only `rule` on, at its recommended severity unless the fixture's config says otherwise. */
export function onlyRule(rule: Rule, config: StarkitConfig = {}): ResolvedConfig {
  const { config: resolved, problems } = resolveConfig({ ...config, extends: 'strict' })
  if (problems.length > 0) throw new Error(`Unexpected fixture config: ${problems.map((p) => `${p.at} ${p.reason}`).join('; ')}`)
  const configured = resolved.rules.find((r) => r.rule.id === rule.id)
  if (!configured) throw new Error(`Unexpected fixture config turning \`${rule.id}\` off`)
  const setting = config.rules?.[rule.id]
  const level = Array.isArray(setting) ? setting[0] : setting
  const severity = level === undefined ? rule.severity : level === 'error' ? 'error' : 'warning'
  return { ...resolved, rules: [{ ...configured, severity }] }
}

/**
 * Lint a rule's fixtures with only that rule on. A file rule lints each fixture alone; a project
 * rule (such as `unique-id`) lints the fixtures together, as one run over several files.
 */
export async function runFixtures(rule: Rule, files: readonly FixtureFile[]): Promise<FixtureRun[]> {
  const sorted = [...files].sort((a, b) => compareCodeUnits(a.path, b.path))
  const runs: FixtureRun[] = []
  if (rule.scope === 'project') {
    const config = onlyRule(rule, readFixtureConfig(sorted[0]?.text ?? ''))
    const results = await lintInputs(sorted.map((f) => ({ path: f.path, content: f.text })), { config })
    sorted.forEach((f, i) => runs.push(run(f, results[i]!.messages)))
    return runs
  }
  for (const f of sorted) {
    const results = await lintInputs([{ path: f.path, content: f.text }], { config: onlyRule(rule, readFixtureConfig(f.text)) })
    runs.push(run(f, results[0]!.messages))
  }
  return runs
}

function run(file: FixtureFile, messages: Diagnostic[]): FixtureRun {
  const out: FixtureRun = { ...file, name: fixtureName(file.path), messages }
  const config = readFixtureConfig(file.text)
  if (config) out.config = config
  const expected = readExpected(file.text)
  if (expected) out.expected = expected
  return out
}

/** A finding as an expectation row: `rule-id line:column-endLine:endColumn`. */
export function row(m: Pick<Diagnostic, 'ruleId' | 'line' | 'column' | 'endLine' | 'endColumn'>): string {
  return `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`
}
