import type { VFileMessage } from 'vfile-message'
import { pointerSegments, type Span } from '../model/index.js'
import { messageOn } from '../model/message.js'
import type { ValidScenario } from '../parse/types.js'
import { ruleUrl, type ReportExtra, type Rule, type Settings, type Severity, type Target } from './define-rule.js'

/** A rule as configured for a run. */
export interface ConfiguredRule {
  rule: Rule
  severity: Severity
  options: Record<string, unknown>
}

/** The fix a message carries, if any (kept on the vfile message). */
export type FixableMessage = VFileMessage & { fix?: ReportExtra['fix'] }

function exists(data: unknown, at: string): boolean {
  let value = data
  for (const s of pointerSegments(at)) {
    if (typeof value !== 'object' || value === null || !(s in value)) return false
    value = (value as Record<string, unknown>)[s]
  }
  return true
}

/** Resolve a rule's target to a span, or undefined when it names nothing in the file. */
export function resolveTarget(file: ValidScenario, target: Target): Span | undefined {
  if (typeof target === 'string') return exists(file.data, target) ? file.map.nearest(target) : undefined
  if ('pointer' in target) {
    if (!exists(file.data, target.pointer)) return undefined
    return file.map.range(target.pointer, target.from, target.to) ?? file.map.nearest(target.pointer)
  }
  return target
}

function stamp(file: ValidScenario, configured: ConfiguredRule, span: Span | undefined, reason: string, extra?: ReportExtra): void {
  const { rule, severity } = configured
  if (!span) throw new Error(`Rule \`${rule.id}\` reported \`${reason}\` with no position in the file`)
  const message = messageOn(file.file, reason, { place: span, ruleId: rule.id, source: 'starkit' }) as FixableMessage
  message.fatal = severity === 'error'
  message.url = ruleUrl(rule.id)
  if (extra?.note) message.note = extra.note
  if (extra?.fix) message.fix = extra.fix
}

function crashed(file: ValidScenario, rule: Rule, error: unknown): void {
  const reason = `Unexpected crash in rule \`${rule.id}\`: ${error instanceof Error ? error.message : String(error)}`
  const message = messageOn(file.file, reason, { place: file.map.nearest(''), ruleId: rule.id, source: 'starkit' })
  message.fatal = true
  message.url = ruleUrl(rule.id)
}

/**
 * Run the configured file rules over valid scenarios (project rules run later, in
 * `finishRun`, on every file's frontmatter). Each report is stamped with the rule's id,
 * severity and docs URL; a report with no position, or a rule that throws, becomes one
 * error message on the file instead of a crashed run.
 */
export function runRules(files: readonly ValidScenario[], rules: readonly ConfiguredRule[], settings: Settings): void {
  for (const configured of rules) {
    const { rule, options } = configured
    if (rule.scope === 'project') continue
    for (const file of files) {
      try {
        rule.check({
          scenario: file.scenario,
          parsed: file,
          settings,
          options,
          report: (target, reason, extra) => stamp(file, configured, resolveTarget(file, target), reason, extra),
        })
      } catch (error) {
        crashed(file, rule, error)
      }
    }
  }
}
