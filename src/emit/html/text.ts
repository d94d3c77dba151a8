import { m, type Markup } from './markup.js'
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
export function safeLink(url: string, label: string): Markup {
  let ok = false
  try {
    const parsed = new URL(url)
    ok = parsed.protocol === 'http:' || parsed.protocol === 'https:'
  } catch {
    ok = false
  }
  return ok ? m('a', { href: url, rel: 'noopener noreferrer external' }, label) : m('span.url', url)
}

/** A `<section>` of a page, and what the page's table of contents shows of it. */
export interface Section {
  id: string
  title: string
  markup: Markup
}

/** A `<section>` with an `<h2>` that labels it. */
export function section(id: string, title: string, ...children: (Markup | Markup[] | null)[]): Section {
  return { id, title, markup: m('section', { id, ariaLabelledBy: `${id}-title` }, [m('h2', { id: `${id}-title` }, title), ...children]) }
}

/** A small caption above a block: `Coaching`, `Common mistake`. */
export function label(text: string): Markup {
  return m('p.label', text)
}

/**
 * A `<details>` whose content sits in one padded body, so the summary and the body line up
 * whatever the content is.
 */
export function disclosure(className: string, summary: string, ...body: (Markup | null)[]): Markup {
  return m(`details.${className}`, [m('summary', summary), m('div.details-body', body)])
}
