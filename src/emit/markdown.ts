import type { BlockContent, List, ListItem, Paragraph, Root, RootContent } from 'mdast'
import { frontmatterToMarkdown } from 'mdast-util-frontmatter'
import { toMarkdown } from 'mdast-util-to-markdown'
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

/** The canonical mdast tree of a scenario (or of partial scenario data, for convert and fmt). */
export function toTree(data: Scenario | Record<string, unknown>): Root {
  const record = data as Record<string, unknown>
  const children: RootContent[] = []
  const meta = frontmatter(record)
  if (Object.keys(meta).length > 0) {
    children.push({ type: 'yaml', value: stringify(meta, { lineWidth: 0 }).trimEnd() })
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
const UNSAFE = [
  { atBreak: true, character: '-', after: '(?=[ \\t\\r\\n-]|$)' },
  { atBreak: true, character: '*', after: '(?=[ \\t\\r\\n*])' },
  { atBreak: true, character: '+', after: '(?=[ \\t\\r\\n])' },
  { atBreak: true, before: '\\d+', character: '.', after: '(?=[ \\t\\r\\n]|$)' },
]

/**
 * Write a scenario as canonical Markdown (docs/format.md). `comments` (inline lint
 * control, notes to authors) are kept before the values they stood before.
 */
export function write(data: Scenario | Record<string, unknown>, comments: readonly AnchoredComment[] = []): string {
  const tree = toTree(data)
  insertComments(tree, comments)
  return toMarkdown(tree, {
    bullet: '-',
    listItemIndent: 'one',
    emphasis: '_',
    strong: '*',
    rule: '-',
    fences: true,
    incrementListMarker: true,
    unsafe: UNSAFE,
    extensions: [frontmatterToMarkdown(['yaml'])],
  })
}
