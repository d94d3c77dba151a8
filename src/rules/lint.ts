import type { VFileMessage } from 'vfile-message'
import type { Scenario, Span, StarkitConfig } from '../model/index.js'
import { readFrontFacts, type FrontFacts } from '../parse/front.js'
import { parse, type Comment } from '../parse/index.js'
import type { ParseResult } from '../parse/types.js'
import type { ByteChunks } from '../report/byte-chunks.js'
import type { Diagnostic, FileReport, JsonForm } from '../report/diagnostic.js'
import type { Counts } from '../report/summary.js'
import { validate } from '../schema/validate.js'
import { resolveConfig, type ResolvedConfig } from './config.js'
import { ruleUrl, type Fix, type ProjectFile, type ReportExtra } from './define-rule.js'
import { readDirectives, suppressor, type Directive } from './directives.js'
import { runRules, type FixableMessage } from './run-rules.js'
import { compareCodeUnits } from '../model/order.js'

export interface LintInput {
  /** The path to report (relative to the working directory, `/` separators). */
  path: string
  content: Uint8Array | string
  /** The size of the file, when `content` is not all of it (`ParseOptions#size`). */
  size?: number
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
  /** With `fix`: the fixed text, when a fix changed anything. */
  output?: string
  /** With `fix`: how many fixes were applied. */
  fixed?: number
}

/**
 * What linting one file leaves for the rest of the run: plain JSON, so it can come back
 * from a worker thread or out of the cache. Project (cross-file) rules run afterwards,
 * on the frontmatter facts of every file.
 */
export interface FileRecord {
  path: string
  /** Parse, schema and file-rule messages, inline disables applied. */
  messages: Diagnostic[]
  /** Inline control comments, and whether a finding used each one yet. */
  directives: (Directive & { used: boolean })[]
  front?: FrontFacts
  scenario?: Scenario
  output?: string
  fixed?: number
  /**
   * The counts of `messages`, when they are read anew each time they are asked for: a cache
   * hit's are read from its cache line as the report takes them, one file at a time. Held, the
   * 10,000 bench files' ~60,000 findings lived through a whole warm run, and the garbage
   * collector copied them from one generation to the next. Each read is a new array.
   */
  counts?: Counts
  /** `FileReport#writeJsonMessages`, for a record that keeps its messages packed. */
  writeJsonMessages?(out: ByteChunks, form?: JsonForm): boolean
}

/** Parse errors after which schema validation would only repeat the problem. */
const UNREADABLE = new Set(['encoding', 'empty', 'too-large', 'too-complex', 'yaml'])

/** The id a reporter shows: `parse/yaml`, `schema/required`, `action-first-person`. */
function fullRuleId(message: VFileMessage): string {
  const id = message.ruleId ?? 'unknown'
  return message.source && message.source !== 'starkit' ? `${message.source}/${id}` : id
}

function diagnostic(ruleId: string, severity: Diagnostic['severity'], reason: string, span: Span, extra?: ReportExtra & { url?: string }): Diagnostic {
  const d: Diagnostic = {
    ruleId,
    severity,
    message: reason,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
  }
  if (extra?.note) d.note = extra.note
  if (extra?.url) d.url = extra.url
  if (extra?.fix) d.fix = extra.fix
  return d
}

export function toDiagnostic(message: VFileMessage): Diagnostic {
  const place = message.place
  const start = place && 'start' in place ? place.start : (place ?? { line: 1, column: 1 })
  const end = place && 'end' in place ? place.end : start
  const line = start.line ?? 1
  const column = start.column ?? 1
  const span = { start: { line, column, offset: 0 }, end: { line: end.line ?? line, column: end.column ?? column, offset: 0 } }
  return diagnostic(fullRuleId(message), message.fatal ? 'error' : 'warning', message.reason, span, {
    note: message.note,
    url: message.url,
    fix: (message as FixableMessage).fix,
  })
}

/** The order of a file's findings: by place, then rule id, then message, the same in every locale. */
export function byPlace(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || compareCodeUnits(a.ruleId, b.ruleId) || compareCodeUnits(a.message, b.message)
}

/** Drop the findings inline comments disable, marking the comments that did. Parse and schema messages cannot be disabled. */
function suppress(messages: Diagnostic[], directives: FileRecord['directives']): Diagnostic[] {
  if (directives.length === 0) return messages
  return messages.filter((m) => {
    if (m.ruleId.includes('/')) return true
    const d = suppressor(directives, m.ruleId, m.line) as FileRecord['directives'][number] | undefined
    if (d) d.used = true
    return !d
  })
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

function lintOnce(input: LintInput, config: ResolvedConfig): { record: FileRecord; parsed: ParseResult } {
  const parsed = parse(input.content, input.size === undefined ? { path: input.path } : { path: input.path, size: input.size })
  const unreadable = parsed.file.messages.some((m) => m.source === 'parse' && UNREADABLE.has(m.ruleId ?? ''))
  const valid = unreadable ? undefined : validate(parsed)
  const fileRules = config.rules.filter((r) => r.rule.scope !== 'project')
  if (valid) runRules([valid], fileRules, config.settings)
  const directives = readDirectives((parsed.file.data.comments ?? []) as Comment[]).map((d) => ({ ...d, used: false }))
  const messages = suppress(parsed.file.messages.map(toDiagnostic), directives)
  const record: FileRecord = { path: input.path, messages, directives }
  // Read from the text alone, exactly as a file outside this --shard is read, so cross-file
  // findings never depend on how the run was split (a too-complex body still has its id).
  const front = readFrontFacts(parsed.text, parsed.frontmatter)
  if (front) record.front = front
  if (valid) record.scenario = valid.scenario
  return { record, parsed }
}

/**
 * Lint one file on its own: parse, validate, run the file rules, apply inline disables,
 * and with `fix` apply the fixes and lint the fixed text again. Pure; safe in a worker.
 */
export function lintFile(input: LintInput, config: ResolvedConfig, fix = false): FileRecord {
  const first = lintOnce(input, config)
  if (!fix) return first.record
  const fixes = first.record.messages.flatMap((m) => (m.fix ? [m.fix] : []))
  if (fixes.length === 0) return first.record
  const out = applyFixes(first.parsed.text, fixes)
  if (out.text === first.parsed.text) return first.record
  const again = lintOnce({ path: input.path, content: out.text }, config).record
  return { ...again, output: out.text, fixed: out.applied }
}

/**
 * Finish a run: project rules over every file's frontmatter facts, then unused disables,
 * in a stable order. `records` may come from anywhere (this thread, workers, the cache);
 * only those in `report` (default: all) are returned, so a `--shard` reports its own files
 * while cross-file rules still see them all.
 */
export function finishRun(records: readonly FileRecord[], config: ResolvedConfig, report?: ReadonlySet<string>): LintResult[] {
  const extra = new Map<string, Diagnostic[]>()
  const files: ProjectFile[] = []
  // Indexed loops over the records: this runs once a run, unoptimized, where `for…of` makes an
  // iterator result for each of 10,000 records (docs/performance.md, session 25).
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!
    if (r.front) files.push(new RecordFile(r.path, r.front))
  }
  for (const configured of config.rules) {
    const { rule, severity, options } = configured
    if (rule.scope !== 'project') continue
    const add = (path: string, d: Diagnostic): void => void extra.set(path, [...(extra.get(path) ?? []), d])
    // A span its record cannot give (a cached record whose line is damaged) is not the rule's
    // crash: it ends the run, as the record's messages that cannot be read do.
    let unreadable: { error: unknown } | undefined
    try {
      rule.check({
        files,
        settings: config.settings,
        options,
        report(file, target, reason, more) {
          let span: Span | undefined
          try {
            span = typeof target === 'string' ? file.span(target) : target
          } catch (error) {
            unreadable ??= { error }
            throw error
          }
          if (!span) throw new Error(`Rule \`${rule.id}\` reported \`${reason}\` with no position in the file`)
          add(file.path, diagnostic(rule.id, severity, reason, span, { ...more, url: ruleUrl(rule.id) }))
        },
      })
    } catch (error) {
      if (!unreadable) {
        const reason = `Unexpected crash in rule \`${rule.id}\`: ${error instanceof Error ? error.message : String(error)}`
        const origin = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } }
        for (const r of records) add(r.path, diagnostic(rule.id, 'error', reason, origin, { url: ruleUrl(rule.id) }))
      }
    }
    // Also when the rule went on past the failed report: the finding it meant is not shown.
    if (unreadable) throw unreadable.error
  }
  const results: LintResult[] = []
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!
    if (report && !report.has(record.path)) continue
    // Copies: a record may be a cached one, reused by the next run (most have no directive).
    const directives = record.directives.length === 0 ? NO_DIRECTIVES : record.directives.map((d) => ({ ...d }))
    const added = suppress(extra.get(record.path) ?? [], directives)
    for (let k = 0; k < directives.length; k++) {
      const d = directives[k]!
      if (d.kind === 'enable' || d.used) continue
      const span = { start: { line: d.line, column: d.column, offset: d.start }, end: { line: d.endLine, column: d.endColumn, offset: d.end } }
      const ids = d.ruleIds.length ? ` for ${d.ruleIds.map((r) => `\`${r}\``).join(', ')}` : ''
      added.push(diagnostic('unused-disable', 'warning', `Unexpected unused \`starkit-${d.kind}\`${ids}, expected a finding to disable`, span, { url: ruleUrl('unused-disable') }))
    }
    // A record whose messages are read when asked (a cache hit's) gives its result the same
    // reading while nothing is added to them.
    const { counts } = record
    const result: LintResult = counts && added.length === 0 ? new ReadResult(record, counts) : { path: record.path, messages: [...record.messages, ...added].sort(byPlace) }
    if (record.scenario) result.scenario = record.scenario
    if (record.output !== undefined) (result.output = record.output), (result.fixed = record.fixed)
    results.push(result)
  }
  return results
}

/** The directives of a record that has none: never written to (`suppress` marks only the directives it is given). */
const NO_DIRECTIVES: FileRecord['directives'] = []

/** A file as cross-file rules see it, made from its record (a class: 10,000 closures cost a warm run more than their calls). */
class RecordFile implements ProjectFile {
  readonly frontmatter: Record<string, unknown>
  constructor(
    readonly path: string,
    private readonly front: FrontFacts,
  ) {
    this.frontmatter = front.data
  }

  span(pointer: string): Span | undefined {
    return this.front.spans[pointer]
  }
}

/** The result of a record whose messages are read when asked for, nothing added to them. */
class ReadResult implements LintResult {
  readonly path: string
  constructor(
    private readonly record: FileRecord,
    readonly counts: Counts,
  ) {
    this.path = record.path
  }

  get messages(): Diagnostic[] {
    return [...this.record.messages].sort(byPlace)
  }

  writeJsonMessages(out: ByteChunks, form?: JsonForm): boolean {
    return this.record.writeJsonMessages?.(out, form) ?? false
  }
}

/**
 * Lint scenario files: parse, validate against the schema, run the configured rules
 * (cross-file rules see every file), honour inline disables. Pure: no file system.
 */
export async function lintInputs(inputs: readonly LintInput[], options: LintOptions = {}): Promise<LintResult[]> {
  const config = options.config ?? resolveConfig().config
  return finishRun(inputs.map((input) => lintFile(input, config, options.fix)), config)
}

/** Lint one text (convenience for tests and library users). */
export async function lintText(text: string, path = 'scenario.md', options: LintOptions = {}): Promise<LintResult> {
  const [result] = await lintInputs([{ path, content: text }], options)
  return result!
}

export type { StarkitConfig }
