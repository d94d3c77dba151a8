import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { messageOn } from '../model/message.js'
import { FRONTMATTER_KEYS, SECTIONS, type Span } from '../model/index.js'
import { BodyReader, type Comment } from './body.js'
import { remarkChunked } from './chunked.js'
import { remarkFastParagraph } from './fast-paragraph.js'
import { decode } from './decode.js'
import { factsOf } from './front.js'
import { readFrontmatter } from './frontmatter.js'
import { checkLimits, inputSize, MAX_FILE_BYTES } from './limits.js'
import { SourceMapBuilder } from './source-map.js'
import type { ParseResult } from './types.js'

export type { ParseResult, SourceMap, ValidScenario } from './types.js'
export type { Comment } from './body.js'

export { MAX_FILE_BYTES } from './limits.js'

/** Scenario keys that live in the body, never in the frontmatter. */
const BODY_KEYS = new Set(['question', ...SECTIONS.map((s) => s.path.split('/')[1]!)].filter((k) => !(FRONTMATTER_KEYS as readonly string[]).includes(k)))

/**
 * remark-parse with YAML frontmatter; plain paragraphs read in one pass (fast-paragraph.ts),
 * and parsed section by section (chunked.ts), both where that gives the same tree.
 */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkFastParagraph).use(remarkChunked).freeze()

export interface ParseOptions {
  /** The file's path, for messages. */
  path?: string
  /**
   * The size in bytes of the file the input was read from, when that is more than the input:
   * a caller that found the file over `MAX_FILE_BYTES` need not read it at all (the CLI reads
   * nothing of it), and it is refused by this size.
   */
  size?: number
}

/** Put a positioned error on a file, as every parse and schema message is. */
export function fail(file: VFile, reason: string, span: Span, ruleId: string, severity: 'error' | 'warning' = 'error'): void {
  const [source, id] = ruleId.includes('/') ? ruleId.split('/', 2) as [string, string] : ['starkit', ruleId]
  const message = messageOn(file, reason, { place: span, ruleId: id, source })
  message.fatal = severity === 'error'
}

/**
 * Parse a scenario file (bytes or text) into candidate data plus a position for every
 * field and item. Never throws on content: every problem is a message on `file`.
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const file = new VFile({ path: options.path })
  const size = inputSize(input, options.size)
  const decoded = size > MAX_FILE_BYTES ? undefined : decode(input)
  const text = decoded && 'text' in decoded ? decoded.text : ''
  file.value = text
  const map = new SourceMapBuilder(text)
  const data: Record<string, unknown> = {}
  const result: ParseResult = { file, data, map, text }
  file.data.comments = [] as Comment[]
  const origin = map.spanOf(0, 0)
  if (!decoded) {
    fail(file, `Unexpected file of ${size} bytes, expected at most ${MAX_FILE_BYTES}`, origin, 'parse/too-large')
    return result
  }
  if ('problem' in decoded) {
    const { line, column } = decoded.problem
    const point = { line, column, offset: 0 }
    fail(file, decoded.problem.reason, { start: point, end: point }, 'parse/encoding')
    return result
  }
  if (text.trim() === '') {
    fail(file, 'Unexpected empty file, expected a scenario', origin, 'parse/empty')
    return result
  }
  const limit = checkLimits(text)
  if (limit) {
    const point = { line: limit.line, column: limit.column, offset: 0 }
    fail(file, limit.reason, { start: point, end: point }, 'parse/too-complex')
    return result
  }
  const tree = processor.parse(file) as Root
  const first = tree.children[0]
  if (first?.type === 'yaml') {
    const at = first.position?.start.offset ?? 0
    // The YAML text starts on the line after the opening `---`.
    const newline = text.indexOf('\n', at)
    const base = newline === -1 ? at : newline + 1
    const source = text.slice(base, base + first.value.length)
    const { data: frontmatter, problems } = readFrontmatter(source, base, map)
    // Taken now, while the map holds only the frontmatter, exactly as readFrontFacts reads it.
    result.frontmatter = { source, base, facts: factsOf(frontmatter, problems, map) }
    for (const p of problems) fail(file, p.reason, map.spanOf(p.start, p.end), 'parse/yaml')
    for (const [key, value] of Object.entries(frontmatter)) {
      if (BODY_KEYS.has(key)) {
        const span = map.keySpan('/' + key) ?? origin
        fail(file, `Unexpected frontmatter key \`${key}\`, expected it in the body`, span, 'parse/yaml')
      } else data[key] = value
    }
  } else if (/^---\s*$/m.test(text.split(/\r?\n|\r/, 1)[0] ?? '')) {
    fail(file, 'Unexpected unclosed frontmatter, expected a closing `---` line', map.spanOf(0, 3), 'parse/yaml')
  }
  const reader = new BodyReader(data, map, text)
  reader.read(tree.children)
  for (const p of reader.problems) fail(file, p.reason, map.spanOf(p.start, p.end), p.ruleId, p.severity)
  file.data.comments = reader.comments
  return result
}
