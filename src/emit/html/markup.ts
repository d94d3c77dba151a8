/**
 * Pages written as text, with no tree between: `m(selector, properties?, ...children)` takes
 * hastscript's arguments and gives the HTML hast-util-to-html writes for the element hastscript
 * would make of them.
 *
 * A page has ~400 elements. Made as a hast tree and then written out (until session 20),
 * each element was an object with its own `properties`, `className` and `children`, its text
 * in text nodes, walked a second time to be written: in a build's profile the tree took more
 * of a page's rendering than writing it did. Here each element is written as it is made: its
 * properties as hastscript sets them (properties.ts: the selector parsed once,
 * `addProperty`), its attributes as toHtml writes them (attributes.ts), its text escaped as
 * toHtml escapes it, its children's HTML between its tags; the start tag of a selector with
 * no other properties is made once.
 *
 * What starkit's pages are made of, and nothing else: HTML elements, text and numbers. An
 * `<svg>` or a `<template>` (hastscript and toHtml treat them apart), a hast node as a child,
 * a property whose name toHtml would escape is a mistake in starkit's code, not in content
 * (whose text is only ever a value), and throws.
 *
 * `test/build/markup.test.ts` writes every page and generated calls with hastscript and
 * hast-util-to-html in place of this module (`vi.doMock`) and finds the same bytes.
 */
import type { Properties } from 'hast'
import { memoize } from '../../model/memo.js'
import { addProperty, parsedSelector, propertiesOf } from './properties.js'
import { attributes, escapeText, FALLBACK, VOIDS } from './attributes.js'

/** An element, written: the HTML hast-util-to-html gives for the element hastscript makes of the same arguments. */
export class Markup {
  constructor(readonly html: string) {}
}

/** Properties as `m` takes them, as hastscript does: values, lists of them, a `style` object. */
export type MarkupProperties = Readonly<Record<string, string | number | boolean | null | undefined | readonly (string | number)[] | Readonly<Record<string, string>>>>

/** What `m` takes as children: elements written, text (escaped where it is written), numbers, lists of them; null and undefined are skipped. */
export type MarkupChild = Markup | string | number | null | undefined | readonly MarkupChild[]

function startTag(tag: string, properties: Properties, selector: string): string {
  const attrs = attributes(properties)
  if (attrs === FALLBACK) throw new Error(`Unexpected property name of \`${selector}\` that toHtml would escape`)
  return attrs ? `<${tag} ${attrs}>` : `<${tag}>`
}

/** The start tag of a selector written with no other properties, made once. */
const bareStartTag = memoize<string>(1_000, (selector) => {
  const p = parsedSelector(selector)
  return startTag(p.tagName, propertiesOf(p), selector)
})

/**
 * An end tag, made once per tag name: `open + content + end` is two joins of the page's
 * string where `${open}${content}</${tag}>` was four, and the page is a string of joins
 * until it is written (~7 % of a page's rendering, alternated on one thread).
 */
const endTag = memoize<string>(1_000, (tag) => `</${tag}>`)

/** `h(selector, properties?, ...children)` of hastscript, written as toHtml writes it. */
export function m(selector: string, second?: MarkupProperties | MarkupChild, ...children: MarkupChild[]): Markup {
  const p = parsedSelector(selector)
  const tag = p.tagName
  if (tag === 'svg' || tag === 'template') throw new Error(`Unexpected \`<${tag}>\`, m writes HTML elements only`)
  let open: string
  let content = ''
  const raw = tag === 'script' || tag === 'style'
  // hastscript's `isChild`, for what m takes: a plain object is properties, anything else a child.
  if (second !== null && typeof second === 'object' && !Array.isArray(second) && !(second instanceof Markup)) {
    const properties = propertiesOf(p)
    const given = second as Record<string, unknown>
    for (const key of Object.keys(given)) addProperty(properties, key, given[key])
    open = startTag(tag, properties, selector)
  } else {
    open = bareStartTag(selector)
    content = write(content, second as MarkupChild, raw)
  }
  for (let i = 0; i < children.length; i++) content = write(content, children[i], raw)
  // A void element with no content has no end tag (html-void-elements, as toHtml).
  if (content === '' && VOIDS.has(tag)) return new Markup(open)
  return new Markup(open + content + endTag(tag))
}

/** `content` with `child` written after it: hastscript's `addChild`, then toHtml's text (not escaped inside `script` or `style`). */
function write(content: string, child: MarkupChild, raw: boolean): string {
  if (child === null || child === undefined) return content
  if (typeof child === 'string') return content + (raw ? child : escapeText(child))
  // A number's text has nothing to escape.
  if (typeof child === 'number') return content + String(child)
  if (child instanceof Markup) return content + child.html
  if (Array.isArray(child)) {
    let out = content
    for (let i = 0; i < child.length; i++) out = write(out, child[i] as MarkupChild, raw)
    return out
  }
  throw new Error('Expected node, nodes, or string, got `' + String(child) + '`')
}

/** An element's HTML (a card of the index, written on its own). */
export function markupHtml(node: Markup): string {
  return node.html
}

/** A whole document: the doctype, then the `<html>` element. */
export function documentHtml(html: Markup): string {
  return '<!doctype html>' + html.html
}
