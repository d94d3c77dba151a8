/**
 * hastscript's properties of an element, made cheaply: what `m` (markup.ts) sets before it
 * writes the attributes.
 *
 * For each element, hastscript parses the selector again (a regular expression loop) and
 * looks every property up in property-information's schema. Here a selector is parsed once
 * (hast-util-parse-selector, remembered by its text; each element still gets its own
 * `properties` and `className`) and a property's schema entry is found once per name. What is
 * done with each property is hastscript's own (9.x `lib/create-h.js`: `addProperty`,
 * `parsePrimitive`, `style`), step for step. `test/build/markup.test.ts` compares the HTML
 * with what hastscript and hast-util-to-html make of the same calls.
 */
import type { Properties } from 'hast'
import { parse as parseCommas } from 'comma-separated-tokens'
import { parseSelector } from 'hast-util-parse-selector'
import { normalize, type Info } from 'property-information'
import { parse as parseSpaces } from 'space-separated-tokens'
import { memoize } from '../../model/memo.js'
import { infoOf } from './property-info.js'

/** A selector once parsed: the element's tag name and its properties in the order the selector gives them. */
export interface Parsed {
  tagName: string
  id: string | undefined
  className: string[] | undefined
  /** Whether `id` comes before `className` in `properties` (it does in `p#id.class`, not in `p.class#id`). */
  idFirst: boolean
}

/** hast-util-parse-selector's reading of `selector`, remembered by its text. */
export const parsedSelector = memoize<Parsed>(1_000, (selector) => {
  const node = parseSelector(selector)
  const properties = node.properties as { id?: string; className?: string[] }
  return {
    tagName: node.tagName.toLowerCase(),
    id: properties.id,
    className: properties.className,
    idFirst: Object.keys(properties)[0] === 'id',
  }
})

/** The properties a selector gives an element (its own objects: `addProperty` may add to them). */
export function propertiesOf(p: Parsed): Properties {
  if (p.id === undefined) return p.className === undefined ? {} : { className: [...p.className] }
  if (p.className === undefined) return { id: p.id }
  return p.idFirst ? { id: p.id, className: [...p.className] } : { className: [...p.className], id: p.id }
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
export function addProperty(properties: Properties, key: string, value: unknown): void {
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
