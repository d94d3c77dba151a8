import type { Comment } from '../parse/index.js'

/**
 * Inline control comments, as in ESLint and markdownlint:
 * `<!-- starkit-disable-next-line rule-id, other-id -- reason -->`,
 * `<!-- starkit-disable rule-id -->` … `<!-- starkit-enable rule-id -->`.
 * No rule id means every rule.
 */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line'
  /** Empty: all rules. */
  ruleIds: string[]
  line: number
  column: number
  endLine: number
  endColumn: number
  start: number
  end: number
}

const DIRECTIVE = /^<!--\s*starkit-(disable-next-line|disable|enable)\b([\s\S]*?)-->\s*$/

export function readDirectives(comments: readonly Comment[]): Directive[] {
  const out: Directive[] = []
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.value.trim())
    if (!m) continue
    const ids = (m[2] ?? '').split(/\s--\s|\s--$/)[0]!.split(/[\s,]+/).filter(Boolean)
    out.push({ kind: m[1] as Directive['kind'], ruleIds: ids, line: c.line, column: c.column, endLine: c.endLine, endColumn: c.endColumn, start: c.start, end: c.end })
  }
  return out
}

/** What suppresses a finding at `line` from rule `ruleId`; undefined when nothing does. */
export function suppressor(directives: readonly Directive[], ruleId: string, line: number): Directive | undefined {
  const applies = (d: Directive): boolean => d.ruleIds.length === 0 || d.ruleIds.includes(ruleId)
  let region: Directive | undefined
  for (const d of directives) {
    if (d.line > line) break
    if (!applies(d)) continue
    if (d.kind === 'disable') region = d
    else if (d.kind === 'enable') region = undefined
    else if (d.kind === 'disable-next-line' && d.endLine + 1 === line) return d
  }
  return region
}
