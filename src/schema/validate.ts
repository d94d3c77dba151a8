import { readFileSync } from 'node:fs'
import type { ErrorObject } from 'ajv'
import {
  FRONTMATTER_KEYS,
  SECTIONS,
  parentPointer,
  pointer,
  pointerSegments,
  type FieldSpec,
  type Pointer,
  type Scenario,
  type SectionSpec,
} from '../model/index.js'
import { fail } from '../parse/index.js'
import type { ParseResult, ValidScenario } from '../parse/types.js'
import { scenarioValidator } from './validators.js'

/** Read a schema this package ships (generated from src/model, committed under schema/). */
export function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>
}

export { scenarioValidator } from './validators.js'

/** Where a pointer's value lives in the format: its section, and the field spec if it is a field. */
function locate(at: Pointer): { section?: SectionSpec; field?: FieldSpec; item?: number } {
  const section = [...SECTIONS].sort((a, b) => b.path.length - a.path.length).find((s) => at === s.path || at.startsWith(s.path + '/'))
  if (!section) return {}
  const rest = pointerSegments(at.slice(section.path.length))
  if (section.items) {
    const item = rest[0] === undefined ? undefined : Number(rest[0])
    const field = section.items.block.fields.find((f) => f.key === rest[1])
    return { section, field, item }
  }
  const field = section.block?.fields.find((f) => f.key === rest[0])
  return { section, field }
}

/** How a content author calls the value at a pointer: "`Coaching` in `Action`", "`id`". */
export function describePointer(at: Pointer): string {
  const segments = pointerSegments(at)
  if (segments.length === 1 && (FRONTMATTER_KEYS as readonly string[]).includes(segments[0]!)) return `\`${segments[0]}\``
  if (at === '/question') return 'the title heading'
  const { section, field, item } = locate(at)
  if (!section) return `\`${segments.join('.')}\``
  if (at === section.path) return `\`${section.title}\` section`
  const where = section.items && item !== undefined ? `${section.items.noun} ${item + 1}` : `\`${section.title}\``
  if (section.items && item !== undefined && at === section.path + pointer(item)) return where
  if (field) return `\`${field.label}\` in ${where}`
  return `\`${segments[segments.length - 1]}\` in ${where}`
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `text \`${value}\``
  return `${typeof value} \`${String(value)}\``
}

const EXPECTED_TYPE: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  array: 'a list',
  object: 'a mapping',
  boolean: 'true or false',
}

function valueAt(data: unknown, at: Pointer): unknown {
  let value = data
  for (const s of pointerSegments(at)) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[s]
  }
  return value
}

function orList(values: unknown[]): string {
  const quoted = values.map((v) => `\`${String(v)}\``)
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
}

/** A content author's words for one ajv error, and the pointer it is about. */
export function explain(error: ErrorObject, data: unknown): { at: Pointer; key?: boolean; reason: string; section?: string } {
  const at = error.instancePath
  const value = valueAt(data, at)
  const what = describePointer(at)
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty)
      const child = at + pointer(missing)
      const section = SECTIONS.find((s) => s.path === child)
      if (section) return { at, reason: `Missing \`${section.title}\` section`, section: section.path }
      if (child === '/question') return { at, reason: 'Missing title heading with the question' }
      if (at === '') return { at, reason: `Missing \`${missing}\` in frontmatter` }
      return { at, reason: `Missing ${describePointer(child)}` }
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty)
      if (at === '') return { at: pointer(extra), key: true, reason: `Unexpected frontmatter key \`${extra}\`, expected one of ${orList([...FRONTMATTER_KEYS])}` }
      return { at: at + pointer(extra), key: true, reason: `Unexpected field \`${extra}\` in ${what}` }
    }
    case 'type': {
      const { field } = locate(at)
      if (field?.kind === 'seconds' && typeof value === 'string') return { at, reason: `Unexpected value \`${value}\` for ${what}, expected a duration such as \`30s\`` }
      if (field?.kind === 'timeLimit' && typeof value === 'string') return { at, reason: `Unexpected value \`${value}\` for ${what}, expected a duration such as \`2-3 minutes\`` }
      return { at, reason: `Unexpected ${typeName(value)} for ${what}, expected ${EXPECTED_TYPE[String(params.type)] ?? String(params.type)}` }
    }
    case 'enum':
      return { at, reason: `Unexpected value \`${String(value)}\` for ${what}, expected ${orList(params.allowedValues as unknown[])}` }
    case 'minLength':
      return { at, reason: `Unexpected empty ${what}` }
    case 'maxLength':
      return { at, reason: `Unexpected ${what} of ${String(value).length} characters, expected at most ${String(params.limit)}` }
    case 'pattern': {
      const last = pointerSegments(at).pop()
      if (at === '/id') return { at, reason: `Unexpected id \`${String(value)}\`, expected lower-case words joined by hyphens` }
      if (typeof value === 'string' && /\n[ \t]*\n/.test(value)) return { at, reason: `Unexpected blank line in ${what}, expected one paragraph` }
      return { at, reason: `Unexpected white space around ${what}${last ? '' : ''}` }
    }
    case 'minItems':
      return { at, reason: `Missing items in ${what}, expected at least ${String(params.limit)}` }
    case 'maxItems':
      return { at, reason: `Unexpected ${(value as unknown[]).length} items in ${what}, expected at most ${String(params.limit)}` }
    case 'exclusiveMinimum':
      return { at, reason: `Unexpected value \`${String(value)}\` for ${what}, expected more than ${String(params.limit)}` }
    case 'minimum':
    case 'maximum':
      return { at, reason: `Unexpected value \`${String(value)}\` for ${what}, expected ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}` }
    case 'format':
      return { at, reason: `Unexpected value \`${String(value)}\` for ${what}, expected a ${String(params.format).toUpperCase()}` }
    default:
      return { at, reason: `Unexpected value for ${what}` }
  }
}

/** A missing section is reported where it belongs: at the next section present, else the last one, else the title. */
function whereSectionBelongs(parsed: ParseResult, path: string) {
  const index = SECTIONS.findIndex((s) => s.path === path)
  const after = SECTIONS.slice(index + 1).find((s) => parsed.map.span(s.path))
  const before = [...SECTIONS.slice(0, index)].reverse().find((s) => parsed.map.span(s.path))
  return parsed.map.span((after ?? before)?.path ?? '/question')
}

/**
 * Validate parsed data against the scenario schema. Every ajv error becomes a positioned
 * message (`schema/<keyword>`) on the file. Returns the typed scenario when valid.
 */
export function validate(parsed: ParseResult): ValidScenario | undefined {
  const check = scenarioValidator()
  if (check(parsed.data)) return { ...parsed, scenario: parsed.data as unknown as Scenario }
  const seen = new Set<string>()
  for (const error of check.errors ?? []) {
    const { at, key, reason, section } = explain(error, parsed.data)
    const id = `${error.keyword}\0${at}\0${reason}`
    if (seen.has(id)) continue
    seen.add(id)
    const span =
      (section ? whereSectionBelongs(parsed, section) : undefined) ??
      (key ? parsed.map.keySpan(at) : undefined) ??
      parsed.map.nearest(key ? parentPointer(at) : at)
    fail(parsed.file, reason, span, `schema/${error.keyword}`)
  }
  return undefined
}
