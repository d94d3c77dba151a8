import type { Comment } from '../parse/body.js'
import { parse } from '../parse/index.js'
import { write, type AnchoredComment } from './markdown.js'

export interface FormatResult {
  /** The canonical text; absent when the file cannot be formatted without losing content. */
  output?: string
  /** Why not: the parse messages that stand in the way (`file:line:column` in the caller). */
  blockers: { line: number; column: number; reason: string; ruleId: string }[]
}

/** Parse problems fmt can fix by rewriting; every other one could lose content. */
const HARMLESS = new Set(['section-order'])

/**
 * The canonical form of a scenario file. Refuses (with the reasons) when the file has
 * content the model cannot hold (an unknown section, a stray paragraph, bad YAML):
 * rewriting it would drop that content.
 */
export function formatScenario(input: string | Uint8Array, path?: string, size?: number): FormatResult {
  const parsed = parse(input, size === undefined ? { path } : { path, size })
  const blockers = parsed.file.messages
    .filter((m) => m.source === 'parse' && !HARMLESS.has(m.ruleId ?? ''))
    .map((m) => ({ line: m.line ?? 1, column: m.column ?? 1, reason: m.reason, ruleId: `parse/${m.ruleId}` }))
  if (blockers.length > 0) return { blockers }
  const pointers = parsed.map.pointers().map((p) => ({ p, offset: parsed.map.span(p)!.start.offset }))
  const comments: AnchoredComment[] = ((parsed.file.data.comments ?? []) as Comment[]).map((c) => ({
    value: c.value,
    before: pointers.filter((x) => x.offset >= c.end).map((x) => x.p),
  }))
  const output = write(parsed.data, comments)
  // Only an empty frontmatter: writing would empty the file, which then does not parse.
  if (output.trim() === '') return { blockers: [{ line: 1, column: 1, reason: 'Unexpected file with no scenario content, expected a scenario', ruleId: 'parse/empty' }] }
  return { output, blockers }
}
