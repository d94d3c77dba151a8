/**
 * The HTML writer's fast path: `toHtml(tree)` of hast-util-to-html with its default options,
 * byte for byte, for the node shapes starkit's pages are made of (root, doctype, HTML
 * elements, text), and `undefined` for any other tree, which the caller hands to toHtml.
 *
 * toHtml is general: for every attribute of every element it looks the property up in the
 * schema and escapes the name and the value through stringify-entities, with a fresh
 * options object each time. That was about 2 ms of a page's 3.3 ms of rendering (a bench
 * page has ~400 elements and ~270 attributes). Here the lookups are remembered by property
 * name, and each escape is one regular expression. `test/build/html-fast-path.test.ts`
 * compares the two on every page of the bench's shapes and on generated trees, including
 * shapes that must fall back (SVG, `<template>`, comments, raw nodes, comma-separated
 * lists, unsafe attribute names).
 *
 * What toHtml does with its defaults, followed here: no optional tag is omitted; a void
 * element (html-void-elements) with no content has no end tag and no `/`; attribute values
 * are double-quoted; references are upper-case hexadecimal with a semicolon (`&#x3C;`);
 * text escapes `<` and `&` (but inside `script` and `style`), attribute values `\0`, `"`,
 * `&`, `'` and `` ` ``.
 */
import type { Element, Nodes, Properties, Root } from 'hast'
import { htmlVoidElements } from 'html-void-elements'
import { infoOf } from './property-info.js'

/** Not a shape of ours: the whole tree goes to toHtml. */
const FALLBACK = Symbol('fallback')
type Out = string | typeof FALLBACK

const TEXT_UNSAFE = /[<&]/
const TEXT_UNSAFE_ALL = /[<&]/g
const VALUE_UNSAFE = /[\0"&'`]/
const VALUE_UNSAFE_ALL = /[\0"&'`]/g
/** A name toHtml would escape (`constants.name`): left to it. */
const NAME_UNSAFE = /[\0\t\n\f\r "&'/<=>`]/

const reference = (character: string): string => `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`
const escapeText = (value: string): string => (TEXT_UNSAFE.test(value) ? value.replace(TEXT_UNSAFE_ALL, reference) : value)
const escapeValue = (value: string): string => (VALUE_UNSAFE.test(value) ? value.replace(VALUE_UNSAFE_ALL, reference) : value)

const VOIDS = new Set(htmlVoidElements)

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
  let text: string
  if (Array.isArray(value)) {
    if (info.commaSeparated) return FALLBACK
    text = value.join(' ').trim()
  } else text = String(value)
  return `${name}="${escapeValue(text)}"`
}

function attributes(properties: Properties | undefined): Out {
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

function element(node: Element): Out {
  const tag = node.tagName
  if (tag === 'svg' || tag === 'template') return FALLBACK
  const attrs = attributes(node.properties)
  if (attrs === FALLBACK) return FALLBACK
  const raw = tag === 'script' || tag === 'style'
  let content = ''
  for (const child of node.children) {
    const one = child.type === 'text' ? (raw ? child.value : escapeText(child.value)) : child.type === 'element' ? element(child) : FALLBACK
    if (one === FALLBACK) return FALLBACK
    content += one
  }
  const open = attrs ? `<${tag} ${attrs}>` : `<${tag}>`
  if (!content && VOIDS.has(tag.toLowerCase())) return open
  return `${open}${content}</${tag}>`
}

/** `toHtml(tree)`, or `undefined` when the tree holds a shape this path leaves to toHtml. */
export function toHtmlFast(tree: Root | Nodes): string | undefined {
  const children = tree.type === 'root' ? tree.children : [tree]
  let out = ''
  for (const node of children) {
    const one: Out =
      node.type === 'element' ? element(node) : node.type === 'doctype' ? '<!doctype html>' : node.type === 'text' ? escapeText(node.value) : FALLBACK
    if (one === FALLBACK) return undefined
    out += one
  }
  return out
}
