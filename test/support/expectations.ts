/**
 * Fixture expectations live in the fixture, as a trailing comment:
 *
 *     <!-- expected:
 *     schema/required 14:1
 *     action-first-person 56:1-56:42
 *     -->
 *
 * Each row is a rule id and a `line:column` (optionally `-endLine:endColumn`).
 */
export interface Expected {
  ruleId: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
}

export function readExpected(text: string): Expected[] | undefined {
  const m = /<!--\s*expected:\s*\n([\s\S]*?)-->/.exec(text)
  if (!m) return undefined
  return m[1]!
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((row) => {
      const r = /^(\S+)\s+(\d+):(\d+)(?:-(\d+):(\d+))?$/.exec(row)
      if (!r) throw new Error(`Bad expectation row: ${row}`)
      const e: Expected = { ruleId: r[1]!, line: Number(r[2]), column: Number(r[3]) }
      if (r[4]) (e.endLine = Number(r[4])), (e.endColumn = Number(r[5]))
      return e
    })
}

/** Rows in the expectation format, for comparing with `toEqual` and readable diffs. */
export function rows(messages: readonly { ruleId: string; line: number; column: number; endLine: number; endColumn: number }[], withEnd: boolean[] = []): string[] {
  return messages.map((m, i) => `${m.ruleId} ${m.line}:${m.column}${withEnd[i] ? `-${m.endLine}:${m.endColumn}` : ''}`)
}

export function expectedRows(expected: readonly Expected[]): string[] {
  return expected.map((e) => `${e.ruleId} ${e.line}:${e.column}${e.endLine ? `-${e.endLine}:${e.endColumn}` : ''}`)
}
