/**
 * `remarkChunked`: remark-parse, one stretch of the document at a time.
 *
 * A whole document keeps all of micromark's events, tokens and points alive until the tree
 * is built, so every scavenge on the way copies them: parsing 1,000 scenarios (~11 KB) twice
 * spent ~14 s of ~37 s in scavenges parsed whole, ~2.6 s parsed in stretches (trace-gc; the
 * instruction count is the same either way, docs/performance.md). Most Markdown cannot be cut
 * anywhere, but some lines always start a fresh block with every earlier block closed: an
 * ATX heading at column 1, and a line starting with a letter at column 1 after a blank line.
 * Cutting there gives the same tree as the whole parse, unless a construct reaches across
 * the cut: a fenced code block, an HTML block, frontmatter, or a link reference definition
 * (which applies to the whole document). A document with any of those markers anywhere is
 * parsed whole, as remark-parse alone would. `test/parse/chunked.test.ts` checks, on the
 * fixtures and on generated Markdown, that the tree is deep-equal to the whole parse,
 * positions included.
 *
 * Use it after remark-parse and its syntax extensions:
 * `unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkChunked)`.
 */
import type { Nodes, Root } from 'mdast'
import type { Point } from 'unist'
import type { Plugin } from 'unified'

/** Stretches are cut at the first boundary after this many characters (the cost per parse call dominates below it). */
export const CHUNK_CHARACTERS = 2_000

/** Markers of constructs that may reach across a cut; a document with any is parsed whole. */
const UNSAFE = /```|~~~|\]:/
/** A line that may open an HTML block (after container markers and indentation). */
const HTML_START = /^[ \t>*+\-.)\d]*<[!?/a-zA-Z]/
/** An HTML comment that opens and closes on its line (kind 2: the block ends on this line). */
const ONE_LINE_COMMENT = /^[ \t>*+\-.)\d]*<!--.*-->/
/** A line that always starts a fresh block at column 1. */
const ATX = /^#{1,6}(?:[ \t]|$)/
const LETTER = /^\p{L}/u
const BLANK = /^[ \t]*$/
/** The closing fence of YAML frontmatter (micromark-extension-frontmatter: `---`, then spaces or tabs). */
const FENCE = /^---[ \t]*$/

interface Line {
  start: number
  text: string
}

function lines(doc: string): Line[] {
  const out: Line[] = []
  const eol = /\r\n|\r|\n/g
  let start = 0
  for (let m = eol.exec(doc); m; m = eol.exec(doc)) {
    out.push({ start, text: doc.slice(start, m.index) })
    start = m.index + m[0].length
  }
  out.push({ start, text: doc.slice(start) })
  return out
}

/**
 * Where `doc` may be cut (character offsets of line starts, ascending, each ≥ `size` past the
 * previous cut), or none when a construct could reach across a cut.
 */
export function cutPoints(doc: string, size = CHUNK_CHARACTERS): number[] {
  if (UNSAFE.test(doc)) return []
  const all = lines(doc)
  // micromark drops a byte order mark before reading the first line.
  all[0]!.text = all[0]!.text.replace(/^\uFEFF/, '')
  for (const line of all) if (HTML_START.test(line.text) && !ONE_LINE_COMMENT.test(line.text)) return []
  let first = 1
  if (all[0]!.text.startsWith('---')) {
    // No cut inside frontmatter: the first cut comes after its closing fence (or there is none).
    const close = all.findIndex((line, k) => k > 0 && FENCE.test(line.text))
    if (close === -1) return []
    first = close + 1
  }
  const cuts: number[] = []
  let last = 0
  for (let k = first; k < all.length; k++) {
    const line = all[k]!
    if (line.start - last < size) continue
    if (ATX.test(line.text) || (LETTER.test(line.text) && BLANK.test(all[k - 1]!.text))) {
      cuts.push(line.start)
      last = line.start
    }
  }
  return cuts
}

/** Move every position in `node` by `lines` lines and `offset` characters (a cut starts at column 1). */
function shift(node: Nodes, lines: number, offset: number): void {
  const position = node.position
  if (position) {
    position.start = { line: position.start.line + lines, column: position.start.column, offset: (position.start.offset ?? 0) + offset }
    position.end = { line: position.end.line + lines, column: position.end.column, offset: (position.end.offset ?? 0) + offset }
  }
  if ('children' in node) for (const child of node.children) shift(child, lines, offset)
}

function lineCount(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) n++
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++
  }
  return n
}

/** Parse `doc` with `parseWhole` stretch by stretch and join the trees, as if parsed whole. */
export function parseChunked(doc: string, parseWhole: (text: string) => Root, size = CHUNK_CHARACTERS): Root {
  const cuts = cutPoints(doc, size)
  if (cuts.length === 0) return parseWhole(doc)
  const bounds = [0, ...cuts, doc.length]
  const root: Root = { type: 'root', children: [] }
  // micromark counts offsets after a leading byte order mark.
  const bom = doc.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 0
  let end: Point | undefined
  for (let k = 0; k + 1 < bounds.length; k++) {
    const text = doc.slice(bounds[k], bounds[k + 1])
    const tree = parseWhole(text)
    if (k === 0) root.position = tree.position
    else for (const child of tree.children) shift(child, line, bounds[k]! - bom)
    root.children.push(...tree.children)
    if (tree.position) end = { line: tree.position.end.line + line, column: tree.position.end.column, offset: (tree.position.end.offset ?? 0) + (k === 0 ? 0 : bounds[k]! - bom) }
    line += lineCount(text)
  }
  if (root.position && end) root.position = { start: root.position.start, end }
  return root
}

/** The unified plugin: wraps the parser set by remark-parse so it parses stretch by stretch. */
export const remarkChunked: Plugin<[], string, Root> = function () {
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const self = this
  const whole = self.parser
  if (!whole) throw new Error('remarkChunked must come after remark-parse')
  self.parser = (doc, file) => parseChunked(doc, (text) => whole(text, file) as Root)
}
