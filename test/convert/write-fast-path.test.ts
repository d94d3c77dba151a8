/**
 * The Markdown writer's fast path (`serialize`, src/emit/markdown.ts) gives byte for byte
 * what plain mdast-util-to-markdown gives (`toMarkdownPlain`), on scenario trees and on
 * arbitrary trees of the node shapes it writes itself, and of shapes it hands back to the
 * library. `STARKIT_FUZZ_RUNS` scales the runs, as in test/hardening.
 */
import fc from 'fast-check'
import type { Root, RootContent } from 'mdast'
import { describe, expect, test } from 'vitest'
import { serialize, toMarkdownPlain, toTree } from '../../src/emit/markdown.js'
import { scenario, text as prose } from '../hardening/arbitraries.js'
import { seedNames, seedText } from './helpers.js'
import { convert } from '../../src/convert/index.js'

const RUNS = Math.max(1000, Number(process.env.STARKIT_FUZZ_RUNS ?? 100))
const TIMEOUT = Math.max(60_000, RUNS * 20)

/** Whatever a call gives: its result, or the error it throws. */
function outcome(f: () => string): string {
  try {
    return f()
  } catch (error) {
    return `threw ${String(error)}`
  }
}

const same = (tree: Root): void => {
  expect(outcome(() => serialize(structuredClone(tree)))).toBe(outcome(() => toMarkdownPlain(structuredClone(tree))))
}

/** Texts that need no escape, texts that do, and the edges: empty, white space at either end, line breaks, backslashes. */
const value: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: prose({ lines: true }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9 ,.'"?()%$:;\/-]{0,30}$/) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom('a', ' ', '\t', '\n', '\r', '\\', '*', '_', '#', '-', '+', '1', '.', ')', '<', '&', '[', ']', '!', '(', '`', '~', '=', '>', '|', '"', 'é', '😀'), { maxLength: 12 }).map((cs) => cs.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
)

const textNode = value.map((v) => ({ type: 'text' as const, value: v }))
const paragraph = fc.array(textNode, { minLength: 0, maxLength: 2, depthSize: 'small' }).map((children) => ({ type: 'paragraph' as const, children }))
const oneTextParagraph = textNode.map((t) => ({ type: 'paragraph' as const, children: [t] }))
const item = fc.oneof(
  { weight: 5, arbitrary: oneTextParagraph.map((p) => ({ type: 'listItem' as const, spread: false, children: [p] })) },
  { weight: 1, arbitrary: fc.array(oneTextParagraph, { maxLength: 2 }).map((children) => ({ type: 'listItem' as const, spread: false, children })) },
  { weight: 1, arbitrary: fc.constant({ type: 'listItem' as const, spread: false, children: [{ type: 'thematicBreak' as const }] }) },
)

const node: fc.Arbitrary<RootContent> = fc.oneof(
  { weight: 4, arbitrary: oneTextParagraph },
  { weight: 1, arbitrary: paragraph },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('heading' as const), depth: fc.constantFrom(1, 2, 3, 4, 5, 6), children: fc.tuple(textNode) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('list' as const),
      ordered: fc.boolean(),
      start: fc.constantFrom(null, 0, 1, 2, 9, 10, -1),
      spread: fc.constantFrom(false, false, false, true),
      children: fc.array(item, { minLength: 0, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: value.map((v) => ({ type: 'html' as const, value: v })) },
  { weight: 1, arbitrary: value.map((v) => ({ type: 'yaml' as const, value: v })) },
  { weight: 1, arbitrary: fc.constantFrom<RootContent>({ type: 'thematicBreak' }, { type: 'code', value: 'x' }, { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: 'e' }] }] }) },
)

describe('the fast path of the Markdown writer equals plain mdast-util-to-markdown', () => {
  test('on the converted seed pages', () => {
    for (const name of seedNames()) same(toTree(convert(seedText(name)).scenario))
  })

  test(
    'on any scenario, with and without comments',
    () => {
      fc.assert(
        fc.property(scenario, fc.array(fc.tuple(fc.nat(), fc.constantFrom('<!-- starkit-disable-next-line x -->', '<!-- a\nnote -->')), { maxLength: 3 }), (s, comments) => {
          same(toTree(s))
          // Comments kept by fmt are html nodes between the root children (write's insertComments).
          const tree = toTree(s)
          for (const [at, comment] of comments) tree.children.splice(at % (tree.children.length + 1), 0, { type: 'html', value: comment })
          same(tree)
        }),
        { numRuns: Math.ceil(RUNS / 10) },
      )
    },
    TIMEOUT,
  )

  test(
    'on any tree of the shapes it writes, and of others',
    () => {
      fc.assert(
        fc.property(fc.array(node, { maxLength: 6 }), (children) => same({ type: 'root', children })),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )

  test.each<[string, Root]>([
    ['an empty tree', { type: 'root', children: [] }],
    ['a text that ends in a line break', { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'a\n' }] }] }],
    ['a comment that ends in a line break, last', { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'a' }] }, { type: 'html', value: '<!-- x -->\n' }] }],
    ['two adjacent lists', { type: 'root', children: [1, 2].map(() => ({ type: 'list' as const, ordered: false, spread: false, children: [{ type: 'listItem' as const, spread: false, children: [{ type: 'paragraph' as const, children: [{ type: 'text' as const, value: 'a' }] }] }] })) }],
    ['a heading that starts with a space', { type: 'root', children: [{ type: 'heading', depth: 2, children: [{ type: 'text', value: ' a' }] }] }],
    ['a list item `1. a`', { type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: [{ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: '1. a' }] }] }] }] }],
    ['a paragraph `- a`', { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: '- a' }] }] }],
  ])('on %s', (_, tree) => same(tree))
})
