import type { List, Nodes, Paragraph, RootContent } from 'mdast'
import {
  LIST_KINDS,
  SECTIONS,
  normalizeLabel,
  parseSeconds,
  parseTimeLimit,
  pointer,
  type BlockSpec,
  type FieldSpec,
  type SectionSpec,
} from '../model/index.js'
import type { Segment, SourceMapBuilder } from './source-map.js'

/** A problem the body reader found, for the caller to turn into a message. */
export interface BodyProblem {
  ruleId: string
  start: number
  end: number
  reason: string
  severity: 'error' | 'warning'
}

/**
 * A `<!-- … -->` comment, for inline lint control: between blocks, or inside a paragraph's
 * text (which it is then not part of).
 */
export interface Comment {
  value: string
  start: number
  end: number
  line: number
  column: number
  endLine: number
  endColumn: number
}

interface Text {
  value: string
  segments: Segment[]
}

const start = (node: Nodes): number => node.position?.start.offset ?? 0
const end = (node: Nodes): number => node.position?.end.offset ?? 0

/** A comment of the source, as the reader keeps it. */
function commentOf(node: Nodes & { value: string }): Comment {
  return {
    value: node.value,
    start: start(node),
    end: end(node),
    line: node.position?.start.line ?? 1,
    column: node.position?.start.column ?? 1,
    endLine: node.position?.end.line ?? 1,
    endColumn: node.position?.end.column ?? 1,
  }
}

/**
 * The plain text of inline content, with a segment for every run that maps to the source.
 * A comment in the text (`a <!-- note --> b`) is a note to the people who edit the file, not
 * words of the scenario: it goes to `comments`, and the text reads `a b` (the white space
 * around it becomes one space, or none at a line's start or end).
 */
function inline(node: Nodes, source: string, comments: Comment[]): Text {
  const value: string[] = []
  const segments: Segment[] = []
  /** Where in the value each comment was taken out. */
  const cuts: number[] = []
  let length = 0
  const walk = (n: Nodes): void => {
    if (n.type === 'html' && isComment(n.value)) {
      comments.push(commentOf(n))
      cuts.push(length)
    } else if (n.type === 'text' || n.type === 'html') {
      segments.push({ value: length, source: start(n) })
      value.push(n.value)
      length += n.value.length
    } else if (n.type === 'inlineCode') {
      const ticks = /^`+/.exec(source.slice(start(n), end(n)))?.[0].length ?? 1
      segments.push({ value: length, source: start(n) + ticks })
      value.push(n.value)
      length += n.value.length
    } else if (n.type === 'break') {
      value.push('\n')
      length += 1
    } else if ('children' in n) {
      for (const c of n.children) walk(c as Nodes)
    }
  }
  walk(node)
  const text = { value: value.join(''), segments }
  return trimText(cuts.length === 0 ? text : closeCuts(text, cuts))
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t'

/** Make the run of spaces and tabs at each cut one space, or none next to a line break or an end. */
function closeCuts(text: Text, cuts: readonly number[]): Text {
  let { value, segments } = text
  // From the last cut back, so the earlier cuts' offsets hold.
  for (let k = cuts.length - 1; k >= 0; k--) {
    let a = cuts[k]!
    let b = a
    while (a > 0 && isBlank(value[a - 1])) a--
    while (b < value.length && isBlank(value[b])) b++
    const around = a === 0 || b === value.length || value[a - 1] === '\n' || value[b] === '\n'
    const keep = around ? 0 : 1
    if (b - a <= keep) continue
    const removed = b - a - keep
    value = value.slice(0, a + keep) + value.slice(b)
    // A run that started in the white space now starts where its first character past it
    // went (the one space kept is the run before's).
    segments = segments.map((s) => (s.value >= b ? { value: s.value - removed, source: s.source } : s.value >= a ? { value: a + keep, source: s.source + (b - s.value) } : s))
  }
  return { value, segments }
}

function trimText(text: Text): Text {
  const lead = text.value.length - text.value.trimStart().length
  const value = text.value.trim()
  if (lead === 0) return { value, segments: text.segments }
  return { value, segments: shift(text.segments, lead) }
}

/** Drop the first `n` characters of a text's segments. */
function shift(segments: Segment[], n: number): Segment[] {
  const out: Segment[] = []
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!
    const next = segments[i + 1]
    if (next && next.value <= n) continue
    if (s.value >= n) out.push({ value: s.value - n, source: s.source })
    else out.push({ value: 0, source: s.source + (n - s.value) })
  }
  return out
}

const LABEL = /^([^:\n]{1,40}?)\s*:[ \t]*/

interface Target {
  object: Record<string, unknown>
  path: string
  /** "`Action`", "follow-up 2" */
  name: string
}

/** Reads the Markdown body into `data`, recording positions; returns what it could not read. */
export class BodyReader {
  readonly problems: BodyProblem[] = []
  readonly comments: Comment[] = []
  constructor(
    readonly data: Record<string, unknown>,
    readonly map: SourceMapBuilder,
    readonly source: string,
  ) {}

  #problem(node: Nodes, reason: string, ruleId = 'parse/unexpected-content', severity: 'error' | 'warning' = 'error'): void {
    this.problems.push({ ruleId, start: start(node), end: end(node), reason, severity })
  }

  #span(node: Nodes) {
    return this.map.spanOf(start(node), end(node))
  }

  #text(at: string, text: Text, node: Nodes): void {
    const first = text.segments[0]
    const from = first ? first.source : start(node)
    this.map.setSpan(at, this.map.spanOf(from, end(node)), text.segments)
  }

  /** Read the children of the root (after the frontmatter). */
  read(children: RootContent[]): void {
    const steps: Record<string, unknown> = {}
    this.data.steps = steps
    let section: SectionSpec | undefined
    let sectionName = ''
    let skipping = false
    let blockNodes: RootContent[] = []
    let target: Target | undefined
    let lastOrder = -1
    const seen = new Set<string>()

    const flush = (): void => {
      if (target && section) this.#readBlock(blockNodes, section.list ? undefined : (section.block ?? section.items?.block), target, section)
      else for (const node of blockNodes) this.#stray(node, sectionName)
      blockNodes = []
      target = undefined
    }

    for (const node of children) {
      if (node.type === 'yaml') continue
      if (node.type === 'html' && isComment(node.value)) {
        this.comments.push(commentOf(node))
        continue
      }
      if (node.type === 'heading') {
        const title = inline(node, this.source, this.comments)
        if (node.depth === 1) {
          flush()
          if ('question' in this.data) this.#problem(node, 'Unexpected second title heading, expected one `#` heading with the question', 'parse/unexpected-heading')
          else {
            this.data.question = title.value
            this.#text('/question', title, node)
          }
          section = undefined
          sectionName = 'title'
          skipping = false
          continue
        }
        if (node.depth === 2) {
          flush()
          skipping = false
          section = SECTION_BY_LABEL.get(normalizeLabel(title.value))
          sectionName = title.value
          if (!section) {
            const names = SECTIONS.map((s) => `\`${s.title}\``)
            this.#problem(node, `Unexpected section \`${title.value}\`, expected one of ${names.join(', ')}`, 'parse/unknown-section')
            skipping = true
            continue
          }
          if (seen.has(section.path)) {
            this.#problem(node, `Unexpected second \`${section.title}\` section`, 'parse/duplicate-section')
            section = undefined
            skipping = true
            continue
          }
          seen.add(section.path)
          const index = SECTIONS.indexOf(section)
          if (index < lastOrder) {
            this.#problem(node, `Unexpected \`${section.title}\` section after \`${SECTIONS[lastOrder]!.title}\`, expected the canonical order`, 'parse/section-order', 'warning')
          }
          lastOrder = Math.max(lastOrder, index)
          this.map.setSpan(section.path, this.#span(node))
          if (section.items || section.list) {
            const list: unknown[] = []
            setAt(this.data, section.path, list)
            if (section.list) target = { object: { list }, path: section.path, name: `\`${section.title}\`` }
          } else {
            const object: Record<string, unknown> = {}
            setAt(this.data, section.path, object)
            target = { object, path: section.path, name: `\`${section.title}\`` }
          }
          continue
        }
        if (node.depth === 3 && section?.items && !skipping) {
          flush()
          const items = getAt(this.data, section.path) as Record<string, unknown>[]
          const object: Record<string, unknown> = {}
          const at = section.path + pointer(items.length)
          items.push(object)
          this.map.setSpan(at, this.#span(node))
          if (section.items.headingKey) {
            object[section.items.headingKey] = title.value
            this.#text(at + pointer(section.items.headingKey), title, node)
          }
          target = { object, path: at, name: `${section.items.noun} ${items.length}` }
          continue
        }
        if (skipping) continue
        flush()
        this.#problem(node, `Unexpected heading \`${title.value}\` in \`${sectionName || 'the file'}\``, 'parse/unexpected-heading')
        skipping = true
        continue
      }
      if (skipping) continue
      blockNodes.push(node)
    }
    flush()
    // A section's paragraphs are read when the section ends, after the comments between its
    // blocks: in document order again, as directives (`suppressor`) and fmt need them.
    this.comments.sort((a, b) => a.start - b.start)
  }

  #stray(node: RootContent, sectionName: string): void {
    const where = sectionName === 'title' ? 'before the first section' : sectionName ? `in \`${sectionName}\`` : 'before the title heading'
    this.#problem(node, `Unexpected ${describe(node)} ${where}`)
  }

  #readBlock(nodes: RootContent[], spec: BlockSpec | undefined, target: Target, section: SectionSpec): void {
    if (section.list) {
      const list = target.object.list as unknown[]
      for (const node of nodes) {
        if (node.type === 'list' && list.length === 0) this.#readList(node, target.path, list)
        else this.#problem(node, `Unexpected ${describe(node)} in \`${section.title}\`, expected one bullet list`)
      }
      return
    }
    if (!spec) return
    const filled = new Set<string>()
    let bodyParts: Text[] = []
    let bodyNodes: Nodes[] = []
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!
      if (node.type !== 'paragraph') {
        this.#problem(node, `Unexpected ${describe(node)} in ${target.name}, expected a labeled field such as \`${spec.fields[0]!.label}:\``)
        continue
      }
      const text = inline(node, this.source, this.comments)
      const match = LABEL.exec(text.value)
      const field = match ? findField(spec, match[1]!) : undefined
      if (!field || !match) {
        if (spec.body) {
          bodyParts.push(text)
          bodyNodes.push(node)
        } else this.#problem(node, `Unexpected paragraph in ${target.name}, expected a labeled field such as \`${spec.fields[0]!.label}:\``)
        continue
      }
      if (filled.has(field.key) || (field.key === spec.body && bodyParts.length > 0)) {
        this.#problem(node, `Unexpected second \`${field.label}\` in ${target.name}`, 'parse/duplicate-field')
        continue
      }
      filled.add(field.key)
      const at = target.path + pointer(field.key)
      const rest = text.value.slice(match[0].length)
      const restText: Text = { value: rest, segments: shift(text.segments, match[0].length) }
      if (LIST_KINDS.has(field.kind)) {
        const list: unknown[] = []
        target.object[field.key] = list
        this.map.setSpan(at, this.#span(node))
        const next = nodes[i + 1]
        if (rest !== '') this.#problem(node, `Unexpected text after \`${field.label}:\`, expected a list on the next lines`)
        else if (next?.type === 'list') {
          i++
          this.#readList(next, at, list, field.kind === 'options')
        }
        continue
      }
      if (field.key === spec.body) {
        bodyParts = [restText]
        bodyNodes = [node]
        filled.delete(field.key)
        continue
      }
      target.object[field.key] = convertValue(field, rest)
      this.#text(at, restText, node)
    }
    // A list field that is not there reads as empty: the writer leaves empty lists out.
    for (const field of spec.fields) if (LIST_KINDS.has(field.kind) && !(field.key in target.object)) target.object[field.key] = []
    if (spec.body && bodyParts.length > 0) {
      const at = target.path + pointer(spec.body)
      const first = bodyParts[0]!
      if (bodyParts.length === 1) {
        target.object[spec.body] = first.value
        this.#text(at, first, bodyNodes[0]!)
      } else {
        // Several paragraphs: joined with a blank line, which the schema then reports,
        // since every field is one paragraph.
        let value = ''
        const segments: Segment[] = []
        bodyParts.forEach((part, k) => {
          if (k > 0) value += '\n\n'
          for (const s of part.segments) segments.push({ value: s.value + value.length, source: s.source })
          value += part.value
        })
        target.object[spec.body] = value
        this.map.setSpan(at, this.map.spanOf(first.segments[0]?.source ?? start(bodyNodes[0]!), end(bodyNodes[bodyNodes.length - 1]!)), segments)
      }
    }
  }

  #readList(list: List, at: string, into: unknown[], options = false): void {
    for (const item of list.children) {
      const itemAt = at + pointer(into.length)
      const paragraphs = item.children.filter((c): c is Paragraph => c.type === 'paragraph')
      for (const other of item.children) if (other.type !== 'paragraph') this.#problem(other, `Unexpected ${describe(other)} in a list item, expected text`)
      if (paragraphs.length === 0) {
        into.push('')
        this.map.setSpan(itemAt, this.#span(item))
        continue
      }
      if (paragraphs.length > 1) this.#problem(paragraphs[1]!, 'Unexpected second paragraph in a list item, expected one')
      const text = inline(paragraphs[0]!, this.source, this.comments)
      this.map.setSpan(itemAt, this.#span(item))
      if (options) {
        const m = /^([A-Za-z])[.)]\s+/.exec(text.value)
        const letter = m ? m[1]!.toUpperCase() : ''
        const rest: Text = m ? { value: text.value.slice(m[0].length), segments: shift(text.segments, m[0].length) } : text
        into.push({ letter, text: rest.value })
        this.#text(itemAt + '/letter', { value: letter, segments: text.segments }, paragraphs[0]!)
        this.#text(itemAt + '/text', rest, paragraphs[0]!)
      } else {
        into.push(text.value)
        this.#text(itemAt, text, paragraphs[0]!)
      }
    }
  }
}

/** Each name of `items` (normalised) to the first item it names: a lookup, not a scan of every name. */
function byLabel<T>(items: readonly T[], names: (item: T) => readonly string[]): Map<string, T> {
  const map = new Map<string, T>()
  for (const item of items) for (const name of names(item)) if (!map.has(normalizeLabel(name))) map.set(normalizeLabel(name), item)
  return map
}

/** Sections by their normalised title or alias. */
const SECTION_BY_LABEL = byLabel(SECTIONS, (s) => [s.title, ...(s.aliases ?? [])])

/** The fields of each block spec by normalised label or alias, made when a block is first read. */
const FIELDS_BY_LABEL = new WeakMap<BlockSpec, Map<string, FieldSpec>>()

function findField(spec: BlockSpec, label: string): FieldSpec | undefined {
  let fields = FIELDS_BY_LABEL.get(spec)
  if (!fields) FIELDS_BY_LABEL.set(spec, (fields = byLabel(spec.fields, (f) => [f.label, ...(f.aliases ?? [])])))
  return fields.get(normalizeLabel(label))
}

/** Whether a text starts with a label of the block (the writer must then label the body). */
export function startsWithLabel(spec: BlockSpec, text: string): boolean {
  const m = LABEL.exec(text)
  return m !== null && findField(spec, m[1]!) !== undefined
}

function convertValue(field: FieldSpec, rest: string): unknown {
  switch (field.kind) {
    case 'seconds':
      return parseSeconds(rest) ?? rest
    case 'timeLimit':
      return parseTimeLimit(rest) ?? rest
    case 'letter': {
      const m = /^([A-Za-z])(?![A-Za-z])/.exec(rest)
      return m ? m[1]!.toUpperCase() : rest
    }
    case 'difficulty':
      return rest.toLowerCase()
    default:
      return rest
  }
}

function isComment(html: string): boolean {
  return /^<!--[\s\S]*-->\s*$/.test(html.trim())
}

function describe(node: Nodes): string {
  switch (node.type) {
    case 'paragraph':
      return 'paragraph'
    case 'list':
      return 'list'
    case 'code':
      return 'code block'
    case 'blockquote':
      return 'block quote'
    case 'thematicBreak':
      return 'thematic break'
    case 'html':
      return 'HTML'
    case 'table':
      return 'table'
    case 'heading':
      return 'heading'
    default:
      return node.type
  }
}

function setAt(data: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.slice(1).split('/')
  let object = data
  for (const part of parts.slice(0, -1)) {
    object[part] ??= {}
    object = object[part] as Record<string, unknown>
  }
  object[parts[parts.length - 1]!] = value
}

function getAt(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data
  for (const part of path.slice(1).split('/')) value = (value as Record<string, unknown>)[part]
  return value
}

