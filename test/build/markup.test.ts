/**
 * `m` (src/emit/html/markup.ts) writes the HTML hast-util-to-html writes for the element
 * hastscript makes of the same arguments: on generated calls of every kind (selectors with ids
 * and classes in either order and upper-case tag names; properties of every schema kind:
 * space- and comma-separated lists, booleans and overloaded booleans, numbers, `style`
 * objects, `data-*` names, class names on both the selector and the properties; text that
 * needs escaping; void and raw-text elements; children of every kind, nested), and on every
 * page starkit makes, written with the two libraries in place of markup.ts (`vi.doMock`).
 * `STARKIT_FUZZ_RUNS` scales the runs, as in test/hardening.
 */
import fc from 'fast-check'
import type { Element, ElementContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h as hastscript } from 'hastscript'
import { describe, expect, test, vi } from 'vitest'
import { m, type Markup, type MarkupChild, type MarkupProperties } from '../../src/emit/html/markup.js'
import { scenario } from '../hardening/arbitraries.js'
import { corpus } from './fixtures/corpus.js'
import { hostileScenario } from './fixtures/hostile.js'

const RUNS = Math.max(1000, Number(process.env.STARKIT_FUZZ_RUNS ?? 100))
const TIMEOUT = Math.max(60_000, RUNS * 20)

const word = fc.constantFrom('a', 'b', 'card', 'x-y', 'Main', '')
const tag = fc.constantFrom('p', 'DIV', 'li', 'a', 'input', 'details', 'Section', 'br', 'BR', 'img', 'hr', 'meta', 'script', 'style', 'title', 'textarea', 'x-card', '')
const selector = fc
  .tuple(tag, fc.array(fc.tuple(fc.constantFrom('#', '.'), word), { maxLength: 4 }))
  .map(([t, parts]) => t + parts.map(([mark, w]) => mark + w).join(''))

/** Text that needs escaping somewhere: every character either library escapes, astral ones, controls. */
const tricky = fc.array(fc.constantFrom('a', ' ', '<', '>', '&', '"', "'", '`', '\0', '=', '/', '\t', '\n', 'é', '😀', '\ud800', '&amp;', '-->', ''), { maxLength: 6 }).map((parts) => parts.join(''))

const primitive = fc.oneof(
  fc.constantFrom('', ' a  b ', 'x,y , z', 'a,', 'true', 'false', 'checked', 'CHECKED', 'download', 'hidden', '3', '1.5', 'NaN', '<"&>'),
  tricky,
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(Number.NaN, 0.5),
  fc.boolean(),
  fc.constantFrom(null, undefined),
)
const propertyName = fc.constantFrom(
  'id', 'className', 'class', 'rel', 'ariaLabelledBy', 'aria-hidden', 'ariaHidden', 'href', 'title', 'htmlFor', 'for',
  'httpEquiv', 'charSet', 'defer', 'checked', 'download', 'hidden', 'tabIndex', 'cols', 'accept', 'coords',
  'autoComplete', 'style', 'dataFooBar', 'data-foo-bar', 'data123', 'unknownThing', 'type', 'value',
)
const value = fc.oneof(
  primitive,
  fc.array(fc.oneof(tricky, fc.integer({ min: 0, max: 9 }), fc.constantFrom('checked', '')), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('color', 'margin-top'), fc.constantFrom('red', '0')),
)
/**
 * Properties: all but the objects hastscript would take for a node, by its shape (a string
 * `type` and an object value). m takes no hast nodes, so to it an object is always properties.
 */
const properties = fc
  .dictionary(propertyName, value, { maxKeys: 5 })
  .filter((p) => !(typeof p['type'] === 'string' && Object.values(p).some((v) => v !== null && typeof v === 'object' && !Array.isArray(v)))) as fc.Arbitrary<Record<string, unknown>>

/** A call of `m`, to be made with either writer. */
interface Call {
  selector: string
  /** Properties, or the first child. */
  second: { properties: Record<string, unknown> } | { child: Spec } | undefined
  children: Spec[]
}
type Spec = string | number | null | undefined | Spec[] | { call: Call }

const { spec } = fc.letrec<{ spec: Spec; call: Call }>((tie) => ({
  spec: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tricky,
    fc.integer({ min: 0, max: 99 }),
    fc.constantFrom(null, undefined),
    fc.array(tie('spec'), { maxLength: 3 }),
    tie('call').map((call) => ({ call })),
  ),
  call: fc.record({
    selector,
    second: fc.option(fc.oneof(properties.map((p) => ({ properties: p })), tie('spec').map((child) => ({ child }))), { nil: undefined }),
    children: fc.array(tie('spec'), { maxLength: 3 }),
  }),
})) as unknown as { spec: fc.Arbitrary<Spec> }
const call = fc.record({
  selector,
  second: fc.option(fc.oneof(properties.map((p) => ({ properties: p })), spec.map((child) => ({ child }))), { nil: undefined }),
  children: fc.array(spec, { maxLength: 3 }),
})

function ours(c: Call): Markup {
  const child = (s: Spec): MarkupChild => (Array.isArray(s) ? s.map(child) : s !== null && typeof s === 'object' ? ours(s.call) : s)
  const second = c.second === undefined ? undefined : 'properties' in c.second ? (structuredClone(c.second.properties) as MarkupProperties) : child(c.second.child)
  return c.second === undefined && c.children.length === 0 ? m(c.selector) : m(c.selector, second, ...c.children.map(child))
}

function theirs(c: Call): Element {
  type Child = Parameters<typeof hastscript>[2]
  const child = (s: Spec): Child => (Array.isArray(s) ? (s.map(child) as Child) : s !== null && typeof s === 'object' ? theirs(s.call) : s)
  const second = c.second === undefined ? undefined : 'properties' in c.second ? (structuredClone(c.second.properties) as never) : child(c.second.child)
  return c.second === undefined && c.children.length === 0 ? hastscript(c.selector) : hastscript(c.selector, second as never, ...c.children.map(child))
}

describe('m', () => {
  test('writes what hast-util-to-html writes of what hastscript makes, on generated calls', () => {
    fc.assert(
      fc.property(call, (c) => {
        expect(ours(c).html).toBe(toHtml(theirs(c)))
      }),
      { numRuns: RUNS },
    )
  }, TIMEOUT)

  test('the start tag of a selector is kept once, and properties of one call never reach another', () => {
    expect(m('p.a', 'x').html).toBe('<p class="a">x</p>')
    expect(m('p.a', { className: ['b'], id: 'y' }, 'x').html).toBe('<p class="a b" id="y">x</p>')
    expect(m('p.a', 'x').html).toBe('<p class="a">x</p>')
    expect(m('br.a').html).toBe('<br class="a">')
    expect(m('br.a', '').html).toBe('<br class="a">')
    expect(m('br.a', 'x').html).toBe('<br class="a">x</br>')
    expect(m('script', '<&>').html).toBe('<script><&></script>')
    expect(m('p', { title: 'a"b' }, '<&>', 5, null, [undefined, ['c']]).html).toBe('<p title="a&#x22;b">&#x3C;&#x26;>5c</p>')
  })

  test('refuses what starkit never writes: svg, template, a property name toHtml would escape, a node that is not markup', () => {
    expect(() => m('svg')).toThrow(/^Unexpected `<svg>`, m writes HTML elements only$/)
    expect(() => m('template.x', 'a')).toThrow(/^Unexpected `<template>`, m writes HTML elements only$/)
    expect(() => m('p', { 'a"b': 'x' } as MarkupProperties)).toThrow(/^Unexpected property name of `p` that toHtml would escape$/)
    // Not written, so nothing to escape.
    expect(m('p', { 'a"b': false } as MarkupProperties).html).toBe('<p></p>')
    expect(() => m('p', 'x', { type: 'text', value: 'y' } as never)).toThrow(/^Expected node, nodes, or string, got `\[object Object\]`$/)
    expect(() => m('p', [true as never])).toThrow(/^Expected node, nodes, or string, got `true`$/)
    expect(() => hastscript('p', [true as never])).toThrow(/^Expected node, nodes, or string, got `true`$/)
  })
})

describe('pages', () => {
  test('every page starkit makes is what hastscript and hast-util-to-html make of it: fixtures, hostile text, generated scenarios, the index', async () => {
    const mine = await import('../../src/emit/site.js')
    vi.resetModules()
    vi.doMock('../../src/emit/html/markup.js', () => ({
      Markup: class {},
      m: hastscript,
      markupHtml: (node: Element) => toHtml(node),
      documentHtml: (node: ElementContent) => toHtml({ type: 'root', children: [{ type: 'doctype' }, node] }),
    }))
    const libraries = await import('../../src/emit/site.js')
    vi.doUnmock('../../src/emit/html/markup.js')
    expect(libraries.scenarioHtml).not.toBe(mine.scenarioHtml)
    const scenarios = [...corpus().map((e) => e.scenario), hostileScenario()]
    for (const s of scenarios)
      for (const json of [true, false]) {
        const options = { title: 'STAR <walkthroughs> & "more"', json }
        expect(mine.scenarioHtml(s, options), s.id).toBe(libraries.scenarioHtml(s, options))
      }
    const cards = scenarios.map((s) => mine.indexCard(s))
    const title = "Tom's `list` & <co>"
    expect(mine.indexHtml(cards, title)).toBe(libraries.indexHtml(cards, title))
    for (const card of cards) expect(mine.cardHtml(card)).toBe(libraries.cardHtml(card))
    fc.assert(
      fc.property(scenario, (s) => {
        expect(mine.scenarioHtml(s, { title: 'STAR walkthroughs', json: true })).toBe(libraries.scenarioHtml(s, { title: 'STAR walkthroughs', json: true }))
        const card = mine.indexCard(s)
        expect(mine.indexHtml([card], 'x')).toBe(libraries.indexHtml([card], 'x'))
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    )
  }, TIMEOUT)
})
