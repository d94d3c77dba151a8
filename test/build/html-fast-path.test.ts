/**
 * The HTML writer's fast path (`toHtmlFast`, src/emit/html/serialize.ts) gives byte for byte
 * what hast-util-to-html gives, on every page starkit makes and on generated trees; and it
 * hands back (`undefined`) exactly the shapes it leaves to the library. `STARKIT_FUZZ_RUNS`
 * scales the runs, as in test/hardening.
 */
import fc from 'fast-check'
import type { ElementContent, Properties, Root, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { describe, expect, test } from 'vitest'
import { indexCard, indexPage, scenarioPage } from '../../src/emit/html/index.js'
import { toHtmlFast } from '../../src/emit/html/serialize.js'
import { scenario } from '../hardening/arbitraries.js'
import { corpus } from './fixtures/corpus.js'
import { hostileScenario } from './fixtures/hostile.js'

const RUNS = Math.max(1000, Number(process.env.STARKIT_FUZZ_RUNS ?? 100))
const TIMEOUT = Math.max(60_000, RUNS * 20)

describe('toHtmlFast on starkit pages', () => {
  const scenarios = [...corpus().map((e) => e.scenario), hostileScenario()]

  test('every page of the fixtures, hostile text included, takes the fast path and gives toHtml bytes', () => {
    for (const s of scenarios) {
      for (const json of [true, false]) {
        const tree = scenarioPage(s, { title: 'STAR <walkthroughs> & "more"', json })
        const fast = toHtmlFast(tree)
        expect(fast, s.id).toBeDefined()
        expect(fast).toBe(toHtml(tree))
      }
    }
    const index = indexPage(scenarios.map(indexCard), { title: "Tom's `list` & <co>" })
    expect(toHtmlFast(index)).toBe(toHtml(index))
  })

  test('pages of generated scenarios', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const tree = scenarioPage(s, { title: 'STAR walkthroughs', json: true })
        expect(toHtmlFast(tree)).toBe(toHtml(tree))
        const index = indexPage([indexCard(s)], { title: 'x' })
        expect(toHtmlFast(index)).toBe(toHtml(index))
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    )
  }, TIMEOUT)
})

/** Text that needs escaping somewhere: every character either writer escapes, astral ones, controls. */
const tricky = fc.array(fc.constantFrom('a', ' ', '<', '>', '&', '"', "'", '`', '\0', '=', '/', '\t', '\n', 'é', '😀', '\ud800', '&amp;', '-->', ''), { maxLength: 6 }).map((parts) => parts.join(''))

/** Property names of every kind property-information knows: plain, boolean, overloaded boolean, space- and comma-separated, data, aria, unknown. */
const keys = fc.constantFrom('id', 'className', 'title', 'href', 'hidden', 'checked', 'download', 'ariaLabelledBy', 'ariaHidden', 'dataValue', 'httpEquiv', 'charSet', 'accept', 'coords', 'rel', 'value', 'tabIndex', 'unknownThing', 'a"b', 'x y', 'on<')
const values: fc.Arbitrary<Properties[string]> = fc.oneof(
  tricky,
  fc.constantFrom('', 'hidden', 'download', true, false, null, undefined, 0, 1, -2.5, Number.NaN),
  fc.array(fc.oneof(tricky, fc.integer()), { maxLength: 3 }),
)
const properties = fc.dictionary(keys, values, { maxKeys: 4 }) as fc.Arbitrary<Properties>
const tags = fc.constantFrom('p', 'div', 'span', 'a', 'br', 'img', 'hr', 'input', 'meta', 'BR', 'script', 'style', 'svg', 'template', 'title', 'textarea', 'pre', 'x-card')

const { node } = fc.letrec<{ node: ElementContent }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('text' as const), value: tricky }),
    fc.record({ type: fc.constant('element' as const), tagName: tags, properties, children: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ type: fc.constant('comment' as const), value: tricky }),
  ),
}))
const tree: fc.Arbitrary<Root> = fc
  .tuple(fc.boolean(), fc.array(node, { maxLength: 4 }), fc.boolean())
  .map(([doctype, children, raw]) => ({
    type: 'root',
    children: [...(doctype ? [{ type: 'doctype' } as RootContent] : []), ...children, ...(raw ? [{ type: 'raw', value: '<b>' } as unknown as RootContent] : [])],
  }))

/** Whether a tree holds a shape the fast path leaves to toHtml. */
function leftToLibrary(nodes: readonly RootContent[]): boolean {
  return nodes.some((n) => {
    if (n.type === 'comment' || n.type === ('raw' as string)) return true
    if (n.type !== 'element') return false
    if (n.tagName === 'svg' || n.tagName === 'template') return true
    for (const [key, value] of Object.entries(n.properties)) {
      if (value === null || value === undefined) continue
      if (/[\0\t\n\f\r "&'/<=>`]/.test(key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()))) {
        // An unsafe name: left to toHtml, unless the value means the attribute is not written.
        if (value !== false && !(typeof value === 'number' && Number.isNaN(value))) return true
      }
      if (Array.isArray(value) && ['accept', 'coords'].includes(key)) return true
    }
    return leftToLibrary(n.children)
  })
}

describe('toHtmlFast on generated trees', () => {
  test('gives toHtml bytes, or leaves exactly the shapes it does not know to toHtml', () => {
    let fast = 0
    let left = 0
    fc.assert(
      fc.property(tree, (root) => {
        const result = toHtmlFast(root)
        if (result === undefined) left++
        else {
          fast++
          expect(result).toBe(toHtml(root))
        }
        expect(result === undefined).toBe(leftToLibrary(root.children))
      }),
      { numRuns: RUNS * 2 },
    )
    // Both paths were taken, often.
    expect(Math.min(fast, left)).toBeGreaterThan(RUNS / 4)
  }, TIMEOUT)
})
