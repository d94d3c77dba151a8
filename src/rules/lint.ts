import type { VFileMessage } from 'vfile-message'
import type { Scenario } from '../model/index.js'
import { parse, type Comment } from '../parse/index.js'
import type { ParseResult, ValidScenario } from '../parse/types.js'
import type { Diagnostic, FileReport } from '../report/diagnostic.js'
import { validate } from '../schema/validate.js'
import { resolveConfig, type ResolvedConfig } from './config.js'
import { ruleUrl, type Fix } from './define-rule.js'
import { readDirectives, suppressor, type Directive } from './directives.js'
import { runRules, type FixableMessage } from './run-rules.js'

export interface LintInput {
  /** The path to report (relative to the working directory, `/` separators). */
  path: string
  content: Uint8Array | string
}

export interface LintOptions {
  /** The resolved config (default: the `recommended` preset). */
  config?: ResolvedConfig
  /** Apply the fixes rules offer; the fixed text is in `output`. */
  fix?: boolean
}

export interface LintResult extends FileReport {
  /** Present when the file parsed and passed schema validation. */
  scenario?: Scenario
  /** The parse result (positions, text), for callers that need more. */
  parsed?: ParseResult
  /** With `fix`: the fixed text, when a fix changed anything. */
  output?: string
  /** With `fix`: how many fixes were applied. */
  fixed?: number
}

/** Parse errors after which schema validation would only repeat the problem. */
const UNREADABLE = new Set(['encoding', 'empty', 'too-large', 'yaml'])

/** The id a reporter shows: `parse/yaml`, `schema/required`, `action-first-person`. */
function fullRuleId(message: VFileMessage): string {
  const id = message.ruleId ?? 'unknown'
  return message.source && message.source !== 'starkit' ? `${message.source}/${id}` : id
}

export function toDiagnostic(message: VFileMessage): Diagnostic {
  const place = message.place
  const start = place && 'start' in place ? place.start : (place ?? { line: 1, column: 1 })
  const end = place && 'end' in place ? place.end : start
  const d: Diagnostic = {
    ruleId: fullRuleId(message),
    severity: message.fatal ? 'error' : 'warning',
    message: message.reason,
    line: start.line ?? 1,
    column: start.column ?? 1,
    endLine: end.line ?? start.line ?? 1,
    endColumn: end.column ?? start.column ?? 1,
  }
  if (message.note) d.note = message.note
  if (message.url) d.url = message.url
  const fix = (message as FixableMessage).fix
  if (fix) d.fix = fix
  return d
}

function byPlace(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message)
}

/** Findings of rules that inline comments disable are dropped; a disable that matched nothing is reported. */
function applyDirectives(parsed: ParseResult, messages: Diagnostic[]): Diagnostic[] {
  const directives = readDirectives((parsed.file.data.comments ?? []) as Comment[])
  if (directives.length === 0) return messages
  const used = new Set<Directive>()
  const kept = messages.filter((m) => {
    if (m.ruleId.includes('/')) return true // parse and schema messages cannot be disabled
    const d = suppressor(directives, m.ruleId, m.line)
    if (d) used.add(d)
    return !d
  })
  for (const d of directives) {
    if (d.kind === 'enable' || used.has(d)) continue
    const start = parsed.map.spanOf(d.start, d.end)
    kept.push({
      ruleId: 'unused-disable',
      severity: 'warning',
      message: `Unexpected unused \`starkit-${d.kind}\`${d.ruleIds.length ? ` for ${d.ruleIds.map((r) => `\`${r}\``).join(', ')}` : ''}, expected a finding to disable`,
      line: start.start.line,
      column: start.start.column,
      endLine: start.end.line,
      endColumn: start.end.column,
      url: ruleUrl('unused-disable'),
    })
  }
  return kept
}

/** Apply non-overlapping fixes, last first, so offsets stay valid. */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const sorted = [...fixes].sort((a, b) => a.start - b.start || a.end - b.end)
  const chosen: Fix[] = []
  let reach = -1
  for (const f of sorted) {
    if (f.start < reach) continue
    chosen.push(f)
    reach = f.end
  }
  let out = text
  for (const f of chosen.reverse()) out = out.slice(0, f.start) + f.text + out.slice(f.end)
  return { text: out, applied: chosen.length }
}

function parseAll(inputs: readonly LintInput[]): { parsed: ParseResult[]; valid: ValidScenario[] } {
  const parsed = inputs.map((input) => parse(input.content, { path: input.path }))
  const valid: ValidScenario[] = []
  for (const p of parsed) {
    const unreadable = p.file.messages.some((m) => m.source === 'parse' && UNREADABLE.has(m.ruleId ?? ''))
    if (unreadable) continue
    const v = validate(p)
    if (v) valid.push(v)
  }
  return { parsed, valid }
}

function lintOnce(inputs: readonly LintInput[], config: ResolvedConfig): LintResult[] {
  const { parsed, valid } = parseAll(inputs)
  runRules(valid, config.rules, config.settings)
  const validByFile = new Map(valid.map((v) => [v.file, v]))
  return parsed.map((p, i) => {
    const messages = applyDirectives(p, p.file.messages.map(toDiagnostic)).sort(byPlace)
    const result: LintResult = { path: inputs[i]!.path, messages, parsed: p }
    const v = validByFile.get(p.file)
    if (v) result.scenario = v.scenario
    return result
  })
}

/**
 * Lint scenario files: parse, validate against the schema, run the configured rules
 * (cross-file rules see every file), honour inline disables. Pure: no file system.
 */
export async function lintInputs(inputs: readonly LintInput[], options: LintOptions = {}): Promise<LintResult[]> {
  const config = options.config ?? resolveConfig().config
  const results = lintOnce(inputs, config)
  if (!options.fix) return results
  // Fix, then lint the fixed text again so what is reported is what remains.
  const fixedInputs: LintInput[] = []
  const applied = new Map<number, { text: string; applied: number }>()
  results.forEach((r, i) => {
    const fixes = r.messages.flatMap((m) => (m.fix ? [m.fix] : []))
    if (fixes.length === 0 || !r.parsed) return fixedInputs.push(inputs[i]!)
    const out = applyFixes(r.parsed.text, fixes)
    applied.set(i, out)
    fixedInputs.push({ path: inputs[i]!.path, content: out.text })
  })
  if (applied.size === 0) return results
  const again = lintOnce(fixedInputs, config)
  return again.map((r, i) => {
    const a = applied.get(i)
    return a && a.text !== results[i]!.parsed?.text ? { ...r, output: a.text, fixed: a.applied } : r
  })
}

/** Lint one text (convenience for tests and library users). */
export async function lintText(text: string, path = 'scenario.md', options: LintOptions = {}): Promise<LintResult> {
  const [result] = await lintInputs([{ path, content: text }], options)
  return result!
}
