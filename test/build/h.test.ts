/**
 * starkit's `h` (src/emit/html/h.ts) makes the trees hastscript's `h` makes, on generated
 * calls of every kind: selectors with ids and classes in either order and upper-case tag
 * names, properties of every schema kind (space- and comma-separated lists, booleans and
 * overloaded booleans, numbers, `style` objects, `data-*` names, class names on both the
 * selector and the properties), nodes and node-like objects as the second argument (hastscript
 * tells them from properties by their shape), and children of every kind, nested.
 * `STARKIT_FUZZ_RUNS` scales the runs, as in test/hardening.
 */
import fc from 'fast-check'
import { toHtml } from 'hast-util-to-html'
import { h as hastscript } from 'hastscript'
import { describe, expect, test, vi } from 'vitest'
import { h } from '../../src/emit/html/h.js'
import { corpus } from './fixtures/corpus.js'
import { hostileScenario } from './fixtures/hostile.js'

const RUNS = Math.max(1000, Number(process.env.STARKIT_FUZZ_RUNS ?? 100))

const word = fc.constantFrom('a', 'b', 'card', 'x-y', 'Main', '')
const tag = fc.constantFrom('p', 'DIV', 'li', 'a', 'input', 'details', 'Section', 'svg', 'template', '')
const selector = fc
  .tuple(tag, fc.array(fc.tuple(fc.constantFrom('#', '.'), word), { maxLength: 4 }))
  .map(([t, parts]) => t + parts.map(([mark, w]) => mark + w).join(''))

const primitive = fc.oneof(
  fc.constantFrom('', ' a  b ', 'x,y , z', 'true', 'false', 'checked', 'CHECKED', 'download', '3', '1.5', 'NaN', '<"&>'),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(Number.NaN, 0.5),
  fc.boolean(),
  fc.constantFrom(null, undefined),
)
const propertyName = fc.constantFrom(
  'id', 'className', 'class', 'rel', 'ariaLabelledBy', 'aria-hidden', 'ariaHidden', 'href', 'title', 'htmlFor', 'for',
  'httpEquiv', 'charSet', 'defer', 'checked', 'download', 'hidden', 'tabIndex', 'cols', 'accept', 'coords',
  'autoComplete', 'style', 'dataFooBar', 'data-foo-bar', 'data123', 'unknownThing', 'type',
)
const value = fc.oneof(
  primitive,
  fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 9 }), fc.constantFrom('checked', '')), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('color', 'margin-top'), fc.constantFrom('red', '0')),
)
const properties = fc.dictionary(propertyName, value, { maxKeys: 5 })

const text = fc.string({ maxLength: 5 })
const leaf = fc.oneof(
  text,
  fc.integer({ min: 0, max: 99 }),
  fc.constantFrom(null, undefined),
  text.map((value) => ({ type: 'text' as const, value })),
  fc.constant({ type: 'comment' as const, value: 'c' }),
  fc.constant({ type: 'element' as const, tagName: 'b', properties: {}, children: [] }),
  fc.constant({ type: 'root' as const, children: [{ type: 'text' as const, value: 'r' }] }),
)
const child = fc.oneof(leaf, fc.array(fc.oneof(leaf, fc.array(leaf, { maxLength: 2 })), { maxLength: 3 }))
/** What may come after the selector: properties, a child, or a node-like object whose shape decides. */
const second = fc.oneof(
  properties,
  child,
  fc.constant({ type: 'x', value: 'y' }),
  fc.constant({ type: 'x', list: ['a', 1] }),
  fc.constant({ type: 'x', list: [{}] }),
  fc.constant({ type: 'x', children: [] }),
  fc.constant({ type: 'x', nested: { a: 1 } }),
)

describe('h', () => {
  test('gives the tree hastscript gives, on generated calls', () => {
    fc.assert(
      fc.property(selector, fc.option(second, { nil: undefined }), fc.array(child, { maxLength: 3 }), (s, first, rest) => {
        const args = first === undefined && rest.length === 0 ? [] : [first, ...rest]
        // Each gets its own copy: hastscript keeps the objects it is given.
        const ours = h(s, ...(structuredClone(args) as []))
        const theirs = hastscript(s, ...(structuredClone(args) as []))
        expect(ours).toStrictEqual(theirs)
        // Property order is part of the tree: the attributes are written in it.
        expect(Object.keys(ours.properties)).toStrictEqual(Object.keys(theirs.properties))
      }),
      { numRuns: RUNS },
    )
  })

  test('a selector seen before gives a tree of its own: changing one element changes no other', () => {
    const one = h('p#x.a.b', 'one')
    const two = h('p#x.a.b', 'two')
    ;(one.properties['className'] as string[]).push('c')
    one.properties['id'] = 'y'
    expect(two.properties).toStrictEqual({ id: 'x', className: ['a', 'b'] })
    expect(Object.keys(h('p.a#x').properties)).toStrictEqual(['className', 'id'])
  })

  test('a child hastscript refuses is refused with its message', () => {
    expect(() => h('p', [true as never])).toThrow(/^Expected node, nodes, or string, got `true`$/)
    expect(() => hastscript('p', [true as never])).toThrow(/^Expected node, nodes, or string, got `true`$/)
  })

  test('every page starkit makes is the tree it is with hastscript: fixtures, hostile text, the index', async () => {
    const ours = await import('../../src/emit/html/index.js')
    vi.resetModules()
    vi.doMock('../../src/emit/html/h.js', () => ({ h: hastscript }))
    const theirs = await import('../../src/emit/html/index.js')
    vi.doUnmock('../../src/emit/html/h.js')
    expect(theirs.scenarioPage).not.toBe(ours.scenarioPage)
    const scenarios = [...corpus().map((e) => e.scenario), hostileScenario()]
    for (const s of scenarios)
      for (const json of [true, false]) {
        const options = { title: 'STAR <walkthroughs> & "more"', json }
        const page = ours.scenarioPage(s, options)
        expect(page, s.id).toStrictEqual(theirs.scenarioPage(s, options))
        // toStrictEqual does not look at key order; the attributes are written in it.
        expect(toHtml(page)).toBe(toHtml(theirs.scenarioPage(s, options)))
      }
    const title = "Tom's `list` & <co>"
    const index = ours.indexPage(scenarios.map(ours.indexCard), { title })
    expect(index).toStrictEqual(theirs.indexPage(scenarios.map(theirs.indexCard), { title }))
    expect(toHtml(index)).toBe(toHtml(theirs.indexPage(scenarios.map(theirs.indexCard), { title })))
  })
})
