/**
 * hast-util-to-html's writing of attributes and text, with its default options, byte for byte,
 * for what `m` (markup.ts) writes: HTML elements' attributes, and text.
 *
 * toHtml is general: for every attribute of every element it looks the property up in the
 * schema and escapes the name and the value through stringify-entities, with a fresh options
 * object each time. Here the lookups are remembered by property name, and each escape is one
 * regular expression. What toHtml does with its defaults, followed here: attribute values are
 * double-quoted; references are upper-case hexadecimal with a semicolon (`&#x3C;`); text
 * escapes `<` and `&` (but inside `script` and `style`, which `m` does not escape), attribute
 * values `\0`, `"`, `&`, `'` and `` ` ``. A name toHtml would escape is not written here
 * (`FALLBACK`). `test/build/markup.test.ts` compares with toHtml.
 */
import type { Properties } from 'hast'
import { stringify as commas } from 'comma-separated-tokens'
import { htmlVoidElements } from 'html-void-elements'
import { stringify as spaces } from 'space-separated-tokens'
import { infoOf } from './property-info.js'

/** Not written here: an attribute whose name toHtml escapes. */
export const FALLBACK = Symbol('fallback')
export type Out = string | typeof FALLBACK

const TEXT_UNSAFE = /[<&]/
const TEXT_UNSAFE_ALL = /[<&]/g
const VALUE_UNSAFE = /[\0"&'`]/
const VALUE_UNSAFE_ALL = /[\0"&'`]/g
/** A name toHtml would escape (`constants.name`): not written here. */
const NAME_UNSAFE = /[\0\t\n\f\r "&'/<=>`]/

const reference = (character: string): string => `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`
export const escapeText = (value: string): string => (TEXT_UNSAFE.test(value) ? value.replace(TEXT_UNSAFE_ALL, reference) : value)
const escapeValue = (value: string): string => (VALUE_UNSAFE.test(value) ? value.replace(VALUE_UNSAFE_ALL, reference) : value)

/** Elements with no end tag when they have no content (html-void-elements, as toHtml). */
export const VOIDS = new Set(htmlVoidElements)

/** One attribute as toHtml's `serializeAttribute` writes it ('' for none). */
function attribute(key: string, given: Properties[string]): Out {
  const info = infoOf(key)
  let value: unknown = given
  if (info.overloadedBoolean && (value === info.attribute || value === '')) value = true
  else if ((info.boolean || info.overloadedBoolean) && (typeof value !== 'string' || value === info.attribute || value === '')) value = Boolean(value)
  if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value))) return ''
  const name = info.attribute
  if (NAME_UNSAFE.test(name)) return FALLBACK
  if (value === true) return name
  const text = Array.isArray(value) ? (info.commaSeparated ? commas(value, { padLeft: true }) : spaces(value)) : String(value)
  return `${name}="${escapeValue(text)}"`
}

/** An element's attributes as toHtml writes them, space-separated ('' for none), or `FALLBACK`. */
export function attributes(properties: Properties | undefined): Out {
  let out = ''
  if (!properties) return out
  for (const key in properties) {
    const value = properties[key]
    if (value === null || value === undefined) continue
    const one = attribute(key, value)
    if (one === FALLBACK) return FALLBACK
    if (one) out += out ? ' ' + one : one
  }
  return out
}
