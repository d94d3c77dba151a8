import type { Element } from 'hast'
import { h } from './h.js'
import { compareCodeUnits } from '../../model/order.js'

/**
 * Order strings the same way on every machine: case-insensitively by code unit, ties broken
 * by the exact string. (`localeCompare` depends on the ICU data Node ships with.)
 */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  if (x !== y) return x < y ? -1 : 1
  return compareCodeUnits(a, b)
}

/** Unique values, sorted with {@link compareText}. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText)
}

/** A link for a URL only when it is http(s); anything else (`javascript:`, `data:`) stays text. */
export function safeLink(url: string, label: string): Element {
  let ok = false
  try {
    const parsed = new URL(url)
    ok = parsed.protocol === 'http:' || parsed.protocol === 'https:'
  } catch {
    ok = false
  }
  return ok ? h('a', { href: url, rel: 'noopener noreferrer external' }, label) : h('span.url', url)
}

/** A `<section>` with an `<h2>` that labels it. */
export function section(id: string, title: string, ...children: (Element | Element[] | null)[]): Element {
  return h('section', { id, ariaLabelledBy: `${id}-title` }, [h('h2', { id: `${id}-title` }, title), ...children])
}

/** A small caption above a block: `Coaching`, `Common mistake`. */
export function label(text: string): Element {
  return h('p.label', text)
}

/**
 * A `<details>` whose content sits in one padded body, so the summary and the body line up
 * whatever the content is.
 */
export function disclosure(className: string, summary: string, ...body: (Element | null)[]): Element {
  return h(`details.${className}`, [h('summary', summary), h('div.details-body', body)])
}
