/**
 * hastscript's `h` for HTML: the same trees, made cheaply.
 *
 * A page has ~400 elements. For each, hastscript parses the selector again (a regular
 * expression loop), moves the second argument into a rest array with `unshift`, looks every
 * property up in property-information's schema and walks the children with iterators: in a
 * build profile `h` was the largest self time of a worker's pages, more than serializing them.
 * Here a selector is parsed once (hast-util-parse-selector, remembered by its text; each
 * element still gets its own `properties` and `className`), a property's schema entry is
 * found once per name, and the children are added with plain loops. What is done with each
 * is hastscript's own (9.x `lib/create-h.js`: `isChild`, `addProperty`, `addChild`,
 * `parsePrimitive`, `style`), step for step.
 *
 * `<template>` (its children move to `content`) goes to hastscript itself.
 * `test/build/h.test.ts` compares the two on generated calls of every kind.
 */
import type { Element, ElementContent, Properties } from 'hast'
import { parse as parseCommas } from 'comma-separated-tokens'
import { parseSelector } from 'hast-util-parse-selector'
import { h as hastscript, type Child, type Properties as PropertiesGiven } from 'hastscript'
import { normalize, type Info } from 'property-information'
import { parse as parseSpaces } from 'space-separated-tokens'
import { memoize } from '../../model/memo.js'
import { infoOf } from './property-info.js'

/** A selector once parsed: the element's tag name and its properties in the order the selector gives them. */
interface Parsed {
  tagName: string
  id: string | undefined
  className: string[] | undefined
  /** Whether `id` comes before `className` in `properties` (it does in `p#id.class`, not in `p.class#id`). */
  idFirst: boolean
}

const parsed = memoize<Parsed>(1_000, (selector) => {
  const node = parseSelector(selector)
  const properties = node.properties as { id?: string; className?: string[] }
  return {
    tagName: node.tagName.toLowerCase(),
    id: properties.id,
    className: properties.className,
    idFirst: Object.keys(properties)[0] === 'id',
  }
})

function propertiesOf(p: Parsed): Properties {
  if (p.id === undefined) return p.className === undefined ? {} : { className: [...p.className] }
  if (p.className === undefined) return { id: p.id }
  return p.idFirst ? { id: p.id, className: [...p.className] } : { className: [...p.className], id: p.id }
}

/** hastscript's `isChild`: whether the argument after the selector is a child rather than properties. */
function isChild(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return true
  const record = value as Record<string, unknown>
  if (typeof record['type'] !== 'string') return false
  for (const key of Object.keys(record)) {
    const item = record[key]
    if (item && typeof item === 'object') {
      if (!Array.isArray(item)) return true
      for (const entry of item as unknown[]) if (typeof entry !== 'number' && typeof entry !== 'string') return true
    }
  }
  return 'children' in record && Array.isArray(record['children'])
}

/** hastscript's `parsePrimitive`. */
function parsePrimitive(info: Info, name: string, value: unknown): unknown {
  if (typeof value === 'string') {
    if (info.number && value && !Number.isNaN(Number(value))) return Number(value)
    if ((info.boolean || info.overloadedBoolean) && (value === '' || normalize(value) === normalize(name))) return true
  }
  return value
}

/** hastscript's `style`. */
function style(styles: object): string {
  const result: string[] = []
  for (const [key, value] of Object.entries(styles)) result.push([key, value].join(': '))
  return result.join('; ')
}

/** hastscript's `addProperty`. */
function addProperty(properties: Properties, key: string, value: unknown): void {
  if (value === null || value === undefined) return
  const info = infoOf(key)
  let result: unknown
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return
    result = value
  } else if (typeof value === 'boolean') result = value
  else if (typeof value === 'string') {
    if (info.spaceSeparated) result = parseSpaces(value)
    else if (info.commaSeparated) result = parseCommas(value)
    else if (info.commaOrSpaceSeparated) result = parseSpaces(parseCommas(value).join(' '))
    else result = parsePrimitive(info, info.property, value)
  } else if (Array.isArray(value)) result = [...(value as unknown[])]
  else result = info.property === 'style' ? style(value as object) : String(value)
  if (Array.isArray(result)) result = (result as unknown[]).map((item) => parsePrimitive(info, info.property, item))
  const classes = properties['className']
  if (info.property === 'className' && Array.isArray(classes)) result = [...classes, ...(Array.isArray(result) ? (result as unknown[]) : [result])]
  properties[info.property] = result as Properties[string]
}

/** hastscript's `addChild`. */
function addChild(nodes: ElementContent[], value: Child): void {
  if (value === null || value === undefined) return
  if (typeof value === 'string' || typeof value === 'number') nodes.push({ type: 'text', value: String(value) })
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) addChild(nodes, value[i] as Child)
  else if (typeof value === 'object' && 'type' in value) {
    if (value.type === 'root') addChild(nodes, value.children as Child)
    else nodes.push(value as ElementContent)
  } else throw new Error('Expected node, nodes, or string, got `' + String(value) + '`')
}

/** `h(selector, properties?, ...children)` of hastscript, for HTML. */
export function h(selector: string, second?: PropertiesGiven | Child, ...children: Child[]): Element
export function h(selector: string, ...rest: unknown[]): Element {
  const p = parsed(selector)
  if (p.tagName === 'template') return hastscript(selector, ...(rest as Child[]))
  const properties = propertiesOf(p)
  let from = 0
  if (rest.length > 0 && !isChild(rest[0])) {
    const given = rest[0] as Record<string, unknown>
    for (const key of Object.keys(given)) addProperty(properties, key, given[key])
    from = 1
  }
  const nodes: ElementContent[] = []
  for (let i = from; i < rest.length; i++) addChild(nodes, rest[i] as Child)
  return { type: 'element', tagName: p.tagName, properties, children: nodes }
}
