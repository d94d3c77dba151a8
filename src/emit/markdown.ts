import type { BlockContent, List, ListItem, Paragraph, Root, RootContent } from 'mdast'
import { frontmatterToMarkdown } from 'mdast-util-frontmatter'
import { defaultHandlers, toMarkdown, type Options, type Unsafe } from 'mdast-util-to-markdown'
import { stringify } from 'yaml'
import {
  FRONTMATTER_KEYS,
  LIST_KINDS,
  SECTIONS,
  formatSeconds,
  formatTimeLimit,
  type BlockSpec,
  type FieldSpec,
  type Scenario,
  type TimeLimit,
} from '../model/index.js'
import { startsWithLabel } from '../parse/body.js'

const paragraph = (value: string): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value }] })

/** Anything that is not a string is written as readable text, so `fmt` never drops a value. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value) ?? ''
}

function list(items: unknown[], ordered: boolean, format: (item: unknown) => string = asText): List {
  return {
    type: 'list',
    ordered,
    start: ordered ? 1 : null,
    spread: false,
    children: items.map(
      (item): ListItem => ({ type: 'listItem', spread: false, children: [paragraph(format(item))] }),
    ),
  }
}

function isTimeLimit(value: unknown): value is TimeLimit {
  return typeof value === 'object' && value !== null && typeof (value as TimeLimit).min === 'number' && typeof (value as TimeLimit).max === 'number'
}

function fieldValue(field: FieldSpec, value: unknown): string {
  if (field.kind === 'seconds' && typeof value === 'number') return formatSeconds(value)
  if (field.kind === 'timeLimit' && isTimeLimit(value)) return formatTimeLimit(value)
  return asText(value)
}

/** Mark a root-level node with the pointer of the value it holds (for anchoring comments). */
function at<T extends BlockContent | RootContent>(node: T, p: string): T {
  node.data = { ...node.data, pointer: p } as T['data']
  return node
}

function block(object: Record<string, unknown>, spec: BlockSpec, path: string, skip?: string): BlockContent[] {
  const out: BlockContent[] = []
  for (const field of spec.fields) {
    if (field.key === skip) continue
    const value = object[field.key]
    if (value === undefined) continue
    if (LIST_KINDS.has(field.kind)) {
      const items = Array.isArray(value) ? value : [value]
      if (items.length === 0) continue
      out.push(at(paragraph(`${field.label}:`), `${path}/${field.key}`))
      if (field.kind === 'options') {
        out.push(list(items, false, (o) => {
          const option = o as { letter?: unknown; text?: unknown }
          return typeof o === 'object' && o !== null ? `${asText(option.letter ?? '')}. ${asText(option.text ?? '')}` : asText(o)
        }))
      } else out.push(list(items, field.kind === 'orderedList'))
      continue
    }
    const text = fieldValue(field, value)
    if (field.key === spec.body && !startsWithLabel(spec, text) && text !== '') {
      for (const part of text.split(/\n[ \t]*\n/)) out.push(at(paragraph(part), `${path}/${field.key}`))
      continue
    }
    out.push(at(paragraph(`${field.label}: ${text}`), `${path}/${field.key}`))
  }
  return out
}

function get(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data
  for (const part of path.slice(1).split('/')) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/** The frontmatter object in canonical key order; keys starkit does not know are kept, last. */
function frontmatter(data: Record<string, unknown>): Record<string, unknown> {
  const known = new Set<string>(FRONTMATTER_KEYS)
  const body = new Set(['question', ...SECTIONS.map((s) => s.path.split('/')[1]!)])
  const out: Record<string, unknown> = {}
  for (const key of FRONTMATTER_KEYS) if (data[key] !== undefined) out[key] = data[key]
  for (const key of Object.keys(data).sort()) if (!known.has(key) && !body.has(key) && data[key] !== undefined) out[key] = data[key]
  return out
}

/**
 * A string the `yaml` library writes as it is (a plain scalar, on one line): a letter first,
 * then none of the characters its rules look at (`:`, `#`, quotes, brackets, line breaks …),
 * no white space last, and not a word the core schema reads as a boolean or null.
 */
const PLAIN_SCALAR = /^[A-Za-z](?:[A-Za-z0-9 .,'()&/+_-]*[A-Za-z0-9.,'()&/+_-])?$/
const NOT_A_STRING = /^(?:true|false|null)$/i
const plainScalar = (value: unknown): value is string => typeof value === 'string' && PLAIN_SCALAR.test(value) && !NOT_A_STRING.test(value)

/**
 * `stringify(meta, { lineWidth: 0 })` without its final line break. A frontmatter of plain strings
 * and lists of them (every scenario's: an id, a company, principles …) is written here, as the
 * library writes it: the library took ~0.1 ms a page of a convert (a document, a schema and
 * nodes made for four keys). Anything else is the library's. `test/convert/frontmatter-yaml.test.ts`
 * compares the two on any such object.
 */
export function frontmatterYaml(meta: Record<string, unknown>): string {
  return plainYaml(meta) ?? stringify(meta, { lineWidth: 0 }).trimEnd()
}

/** The frontmatter written here, or undefined when it is not only plain strings and lists of them. */
function plainYaml(meta: Record<string, unknown>): string | undefined {
  const keys = Object.keys(meta)
  if (keys.length === 0) return undefined
  const lines: string[] = []
  for (const key of keys) {
    const value = meta[key]
    if (!plainScalar(key)) return undefined
    if (plainScalar(value)) lines.push(`${key}: ${value}`)
    else if (Array.isArray(value) && value.length > 0 && value.every(plainScalar)) lines.push(`${key}:`, ...value.map((item) => `  - ${item}`))
    else return undefined
  }
  return lines.join('\n')
}

/** The canonical mdast tree of a scenario (or of partial scenario data, for convert and fmt). */
export function toTree(data: Scenario | Record<string, unknown>): Root {
  const record = data as Record<string, unknown>
  const children: RootContent[] = []
  const meta = frontmatter(record)
  if (Object.keys(meta).length > 0) {
    children.push({ type: 'yaml', value: frontmatterYaml(meta) })
  }
  if (record.question !== undefined) {
    children.push(at({ type: 'heading', depth: 1, children: [{ type: 'text', value: asText(record.question) }] }, '/question'))
  }
  for (const section of SECTIONS) {
    const value = get(record, section.path)
    if (value === undefined) continue
    children.push(at({ type: 'heading', depth: 2, children: [{ type: 'text', value: section.title }] }, section.path))
    if (section.list) {
      const items = Array.isArray(value) ? value : [value]
      if (items.length > 0) children.push(list(items, false))
    } else if (section.items) {
      const items = Array.isArray(value) ? value : [value]
      const { headingKey, counterHeading, block: spec } = section.items
      items.forEach((item, i) => {
        const object = (typeof item === 'object' && item !== null ? item : { [spec.body ?? 'value']: item }) as Record<string, unknown>
        const heading = headingKey ? asText(object[headingKey] ?? '') : `${counterHeading} ${i + 1}`
        children.push(at({ type: 'heading', depth: 3, children: [{ type: 'text', value: heading }] }, `${section.path}/${i}`))
        children.push(...block(object, spec, `${section.path}/${i}`, headingKey))
      })
    } else if (section.block) {
      children.push(...block(value as Record<string, unknown>, section.block, section.path))
    }
  }
  return { type: 'root', children }
}

/** A comment to keep, and the pointers of the values that followed it, nearest first (none: the end). */
export interface AnchoredComment {
  value: string
  before: readonly string[]
}

/** Put comments back before the nodes that hold the values they stood before. */
function insertComments(tree: Root, comments: readonly AnchoredComment[]): void {
  for (const c of comments) {
    const node: RootContent = { type: 'html', value: c.value }
    // The first node of each pointer: a body of several paragraphs has one pointer for them all.
    const positions = new Map<string | undefined, number>()
    tree.children.forEach((n, i) => {
      const p = (n.data as { pointer?: string } | undefined)?.pointer
      if (!positions.has(p)) positions.set(p, i)
    })
    const anchor = c.before.find((p) => positions.has(p))
    const index = anchor === undefined ? -1 : positions.get(anchor)!
    if (index === -1) tree.children.push(node)
    else tree.children.splice(index, 0, node)
  }
}

/**
 * Extra escapes for mdast-util-to-markdown: its patterns for `-`, `*`, `+` and `1.` at a line
 * start consume the character after the marker, so when that is the line break of the next
 * marker line (`x\n-\n-`), the next marker is left bare and reads back as a setext heading
 * or a list. The same patterns with a lookahead consume nothing.
 */
const UNSAFE: Unsafe[] = [
  { atBreak: true, character: '-', after: '(?=[ \\t\\r\\n-]|$)' },
  { atBreak: true, character: '*', after: '(?=[ \\t\\r\\n*])' },
  { atBreak: true, character: '+', after: '(?=[ \\t\\r\\n])' },
  { atBreak: true, before: '\\d+', character: '.', after: '(?=[ \\t\\r\\n]|$)' },
]

/** The canonical serialization settings (one frontmatter extension, made once). */
const OPTIONS: Options = {
  bullet: '-',
  listItemIndent: 'one',
  emphasis: '_',
  strong: '*',
  rule: '-',
  fences: true,
  incrementListMarker: true,
  unsafe: UNSAFE,
  extensions: [frontmatterToMarkdown(['yaml'])],
}

/** The canonical tree as plain mdast-util-to-markdown writes it: the reference `serialize` equals. */
export function toMarkdownPlain(tree: Root): string {
  return toMarkdown(tree, OPTIONS)
}

/*
 * The fast path. Nearly all of mdast-util-to-markdown's time on our trees goes to `safe`,
 * which runs every unsafe pattern in scope (some 30 regular expressions) over every text,
 * and to the generic container machinery around it; yet almost every text of a scenario
 * needs no escape at all. `serialize` writes the node shapes `toTree` makes (frontmatter,
 * atx headings, paragraphs, tight lists of one-paragraph items, comments) directly, exactly
 * as the library's handlers do for them, when their text is proven to need no escape; any
 * other node (a text that needs escaping, a line break in a heading or list item, a shape
 * we do not write) goes through mdast-util-to-markdown itself. Equality with
 * `toMarkdownPlain` is a property test (test/convert/write-fast-path.test.ts).
 *
 * "Needs no escape" is decided with the library's own data: the unsafe patterns, the
 * construct stack and the `before`/`after` context of each kind of text, all captured once
 * from a real `toMarkdown` run (`probe`). `safe(text)` returns `text` unchanged exactly when
 * no pattern in scope matches with its unsafe character inside the text and the text has no
 * backslash; a pattern can only match there when its character occurs in the text, so only
 * those patterns are run.
 */

/** An unsafe pattern in scope for one kind of text, compiled on a copy (the library's own regexes keep their `lastIndex`). */
interface ScopedPattern {
  character: string
  regex: RegExp
  /** Whether the regex has a leading group before the character (`before` or `atBreak`). */
  lead: boolean
  /**
   * Where the line break it needs is, in a text of one line: before its character, in the
   * text's `before` (`atBreak`, or `before` a line break: `start`); or right after it, in its
   * `after` (`after` a line break: `end`). Undefined: it needs none.
   */
  lineBreak?: 'start' | 'end'
}

interface TextContext {
  before: string
  after: string
  patterns: ScopedPattern[]
  /** What tells, in one pass, that a text of one line needs no escape (`plainLine`); undefined: every text is searched pattern by pattern. */
  quick?: QuickCheck
}

/**
 * The patterns of one kind of text, by where their character can be in a text of one line. A
 * pattern that needs a line break next to its character can only match at the text's start,
 * from a line break of `before`, or at its end, before a line break that starts `after`. Every
 * other pattern needs its character somewhere in the text.
 */
interface QuickCheck {
  /** Any character of a pattern that needs no line break, or a line break. */
  anywhere: RegExp
  /** The patterns that need a line break before their character, joined, sticky; undefined: none. */
  atStart?: RegExp
  /** Where `before` has a line break. */
  breaksBefore: number[]
  /** The characters of the patterns that need a line break right after them, when `after` starts with one; else empty. */
  atEnd: string
}

/** mdast-util-to-markdown's own spelling of a line break in a pattern's `before` or `after`. */
const BREAK_PATTERN = '[\\r\\n]'
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r'

/** Where `pattern` needs a line break (see {@link ScopedPattern.lineBreak}). */
function lineBreakOf(pattern: Unsafe): ScopedPattern['lineBreak'] {
  if (pattern.atBreak || pattern.before === BREAK_PATTERN) return 'start'
  return pattern.after === BREAK_PATTERN ? 'end' : undefined
}

/** The quick check of a kind of text; undefined when one of its patterns does not fit it (more than one character, or a backreference, which would name another group once joined). */
function quickCheck(patterns: readonly ScopedPattern[], before: string, after: string): QuickCheck | undefined {
  let anywhere = '\r\n'
  let atEnd = ''
  const atStart: string[] = []
  for (const p of patterns) {
    if (p.character.length !== 1 || /\\[1-9k]/.test(p.regex.source)) return undefined
    if (p.lineBreak === 'start') atStart.push(p.regex.source)
    else if (p.lineBreak === 'end') atEnd += p.character
    else anywhere += p.character
  }
  return {
    anywhere: new RegExp(`[${anywhere.replace(/[\\\]^-]/g, '\\$&')}]`),
    atStart: atStart.length > 0 ? new RegExp(atStart.join('|'), 'y') : undefined,
    breaksBefore: [...before].flatMap((c, i) => (isBreak(c) ? [i] : [])),
    atEnd: isBreak(after[0]) ? atEnd : '',
  }
}

/** The kinds of text the fast path writes, by the probe text that stands for them. */
const PROBES = { paragraph: 'p', heading1: 'h1', heading2: 'h2', heading3: 'h3', heading4: 'h4', heading5: 'h5', heading6: 'h6', bullet: 'u', ordered: 'o' } as const
type Kind = keyof typeof PROBES

/** Whether `pattern` applies under `stack`, as mdast-util-to-markdown's `patternInScope` decides it. */
function inScope(stack: readonly string[], pattern: Unsafe): boolean {
  const any = (list: Unsafe['inConstruct'], none: boolean): boolean => {
    const names = typeof list === 'string' ? [list] : (list ?? [])
    return names.length === 0 ? none : names.some((n) => stack.includes(n))
  }
  return any(pattern.inConstruct, true) && !any(pattern.notInConstruct, false)
}

/** Run `toMarkdown` once on one node of each kind and record what `safe` sees for its text; undefined: no fast path. */
function probe(): Map<Kind, TextContext> | undefined {
  const text = (value: string) => ({ type: 'text' as const, value })
  const item = (value: string): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [text(value)] }] })
  const tree: Root = {
    type: 'root',
    children: [
      ...([1, 2, 3, 4, 5, 6] as const).map((depth) => ({ type: 'heading' as const, depth, children: [text(`h${depth}`)] })),
      { type: 'paragraph', children: [text('p')] },
      { type: 'list', ordered: false, start: null, spread: false, children: [item('u')] },
      { type: 'paragraph', children: [text('x')] },
      { type: 'list', ordered: true, start: 1, spread: false, children: [item('o')] },
    ],
  }
  const seen = new Map<string, TextContext | undefined>()
  toMarkdown(tree, {
    ...OPTIONS,
    handlers: {
      text(node, parent, state, info) {
        const usable = !state.stack.includes('autolink') && !`${info.before}${info.after}`.includes('\\')
        const patterns = state.unsafe
          .filter((p) => inScope(state.stack, p) && p.beforeNode === undefined && p.afterNode === undefined)
          .map((p) => {
            const copy: Unsafe = { ...p }
            delete (copy as { _compiled?: RegExp })._compiled
            return { character: p.character, regex: state.compilePattern(copy), lead: Boolean(p.before || p.atBreak), lineBreak: lineBreakOf(p) }
          })
        const quick = quickCheck(patterns, info.before, info.after)
        seen.set(node.value, usable ? { before: info.before, after: info.after, patterns, quick } : undefined)
        return defaultHandlers.text(node, parent, state, info)
      },
    },
  })
  const contexts = new Map<Kind, TextContext>()
  for (const [kind, value] of Object.entries(PROBES) as [Kind, string][]) {
    const context = seen.get(value)
    if (context === undefined) return undefined
    contexts.set(kind, context)
  }
  return contexts
}

const CONTEXTS = probe()

/**
 * Whether `value`, a text with none of the characters a pattern could match at anywhere (line
 * breaks among them), is surely left as it is: no pattern that needs a line break matches from
 * one of `before`'s (tried there alone) or before `after`'s. False: unsure, not unsafe.
 */
function plainLine(value: string, subject: string, quick: QuickCheck): boolean {
  if (quick.anywhere.test(value) || quick.atEnd.includes(value[value.length - 1]!)) return false
  const atStart = quick.atStart
  if (atStart !== undefined)
    for (const at of quick.breaksBefore) {
      atStart.lastIndex = at
      if (atStart.test(subject)) return false
    }
  return true
}

/**
 * Whether mdast-util-to-markdown's `safe` returns `value` unchanged in `context`. Most texts are
 * one line of words, and one pass over them tells (`plainLine`); any other is searched with
 * each pattern whose character it holds. A false answer only sends the text through the library.
 */
function needsNoEscape(value: string, context: TextContext): boolean {
  if (value === '' || value.includes('\\')) return false
  const offset = context.before.length
  const end = offset + value.length
  const subject = context.before + value + context.after
  if (context.quick !== undefined && plainLine(value, subject, context.quick)) return true
  for (const pattern of context.patterns) {
    if (pattern.character.length === 1 && !value.includes(pattern.character)) continue
    const regex = pattern.regex
    regex.lastIndex = 0
    let match: RegExpExecArray | null
    while ((match = regex.exec(subject))) {
      const position = match.index + (pattern.lead ? match[1]!.length : 0)
      if (position >= offset && position < end) {
        regex.lastIndex = 0
        return false
      }
    }
  }
  return true
}

const LINE_BREAK = /[\r\n]/

/** The single text of a paragraph, or undefined. */
function soleText(node: { children?: readonly RootContent[] } | undefined): string | undefined {
  const child = node?.children?.length === 1 ? node.children[0] : undefined
  return child?.type === 'text' ? child.value : undefined
}

/** A root child written as the library's handlers write it, or undefined when it must go through the library. */
function fastNode(node: RootContent, contexts: Map<Kind, TextContext>): string | undefined {
  switch (node.type) {
    case 'yaml':
      return '---' + (node.value ? '\n' + node.value : '') + '\n---'
    case 'html':
      return node.value || ''
    case 'paragraph': {
      const value = soleText(node)
      return value !== undefined && needsNoEscape(value, contexts.get('paragraph')!) ? value : undefined
    }
    case 'heading': {
      const rank = Math.max(Math.min(6, node.depth || 1), 1)
      const value = soleText(node)
      if (value === undefined || LINE_BREAK.test(value) || value[0] === ' ' || value[0] === '\t') return undefined
      return needsNoEscape(value, contexts.get(`heading${rank}` as Kind)!) ? '#'.repeat(rank) + ' ' + value : undefined
    }
    case 'list': {
      if (node.spread !== false) return undefined
      const context = contexts.get(node.ordered ? 'ordered' : 'bullet')!
      const start = typeof node.start === 'number' && node.start > -1 ? node.start : 1
      const lines: string[] = []
      for (const [i, item] of node.children.entries()) {
        if (item.type !== 'listItem' || item.children.length !== 1 || item.children[0]!.type !== 'paragraph') return undefined
        const value = soleText(item.children[0])
        if (value === undefined || LINE_BREAK.test(value) || !needsNoEscape(value, context)) return undefined
        lines.push((node.ordered ? `${start + i}.` : '-') + ' ' + value)
      }
      return lines.join('\n')
    }
    default:
      return undefined
  }
}

/** Root children the fast path knows how to join (`\n\n` between any two of them at the root). */
const FLOW = new Set(['yaml', 'html', 'paragraph', 'heading', 'list'])

/**
 * The canonical tree as Markdown: byte for byte what `toMarkdownPlain` gives, faster.
 * A child the fast path cannot prove is written by the library alone, followed by an empty
 * comment node so that its own final line break (if any) is kept and the join is known.
 */
export function serialize(tree: Root): string {
  const children = tree.children
  const simple =
    CONTEXTS !== undefined &&
    !('spread' in tree) &&
    // Two adjacent lists: the second changes bullet (state carried across siblings).
    children.every((c, i) => FLOW.has(c.type) && !(c.type === 'list' && children[i - 1]?.type === 'list'))
  if (!simple) return toMarkdownPlain(tree)
  const parts = children.map((child) => fastNode(child, CONTEXTS) ?? toMarkdownPlain({ type: 'root', children: [child, { type: 'html', value: '' }] }).slice(0, -2))
  let result = parts.join('\n\n')
  const last = result.charCodeAt(result.length - 1)
  if (result && last !== 10 && last !== 13) result += '\n'
  return result
}

/**
 * Write a scenario as canonical Markdown (docs/format.md). `comments` (inline lint
 * control, notes to authors) are kept before the values they stood before.
 */
export function write(data: Scenario | Record<string, unknown>, comments: readonly AnchoredComment[] = []): string {
  const tree = toTree(data)
  insertComments(tree, comments)
  return serialize(tree)
}
