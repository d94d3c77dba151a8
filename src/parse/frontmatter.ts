import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml'
import { pointer, type Pointer } from '../model/index.js'
import type { SourceMapBuilder } from './source-map.js'

export interface FrontmatterProblem {
  start: number
  end: number
  reason: string
}

/** The most aliases a frontmatter may expand (an alias bomb is refused, not expanded). */
export const MAX_YAML_ALIASES = 100

function record(node: YamlNode | null, at: Pointer, base: number, map: SourceMapBuilder): void {
  if (!node) return
  if (node.range) {
    const [start, end] = node.range
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')
    map.setSpan(at, map.spanOf(base + start, base + end), [{ value: 0, source: base + start + (quoted ? 1 : 0) }])
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
      const child = pointer(key)
      if (keyNode?.range) map.setKeySpan(at + child, map.spanOf(base + keyNode.range[0], base + keyNode.range[1]))
      record(pair.value as YamlNode | null, at + child, base, map)
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => record(item as YamlNode | null, at + pointer(i), base, map))
  }
}

/**
 * Read the YAML frontmatter (`source` is the YAML text, `base` its offset in the file).
 * Returns the mapping as data with every key and value positioned, or the problems.
 */
export function readFrontmatter(
  source: string,
  base: number,
  map: SourceMapBuilder,
): { data: Record<string, unknown>; problems: FrontmatterProblem[] } {
  // YAML knows no lone CR line ending; CR to LF keeps every offset.
  const doc = parseDocument(source.replace(/\r(?!\n)/g, '\n'), { uniqueKeys: true, prettyErrors: false, strict: true })
  const problems: FrontmatterProblem[] = doc.errors.map((e) => ({
    start: base + e.pos[0],
    end: base + e.pos[1],
    reason: `Invalid YAML frontmatter: ${e.message.split('\n')[0]!.replace(/\.$/, '')}`,
  }))
  if (problems.length > 0) return { data: {}, problems }
  const root = doc.contents as YamlNode | null
  if (root === null || (isScalar(root) && root.value === null)) return { data: {}, problems }
  if (!isMap(root)) {
    const [start, end] = root.range ?? [0, 0]
    const kind = isSeq(root) ? 'a list' : 'a single value'
    return { data: {}, problems: [{ start: base + start, end: base + end, reason: `Unexpected frontmatter of ${kind}, expected a mapping of keys to values` }] }
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES })
  } catch (error) {
    const [start, end] = root.range ?? [0, 0]
    return {
      data: {},
      problems: [{ start: base + start, end: base + end, reason: `Invalid YAML frontmatter: ${(error as Error).message.replace(/\.$/, '')}` }],
    }
  }
  record(root, '', base, map)
  return { data: data as Record<string, unknown>, problems }
}
