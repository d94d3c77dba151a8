/**
 * remarkFastParagraph gives exactly the tree remark-parse gives without it, positions
 * included: on the repo's Markdown, on edge cases named one by one, and on generated
 * Markdown. And it does read paragraphs: each case says how many it read itself, so an
 * extension that gave up on everything (and so passed every equality) would fail here.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import fc from 'fast-check'
import type { Nodes } from 'mdast'
import type { Construct, Extension } from 'micromark-util-types'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, test } from 'vitest'
import { fastParagraph, remarkFastParagraph } from '../../src/parse/fast-paragraph.js'

const RUNS = Number(process.env.STARKIT_FUZZ_RUNS ?? 300)
const commonmark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze()
const withPlugin = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkFastParagraph).freeze()

/** The construct as `remarkFastParagraph` makes it, counting the paragraphs it reads to the end. */
let read = 0
const inner = fastParagraph({ name: 'fastParagraph' })
const counting: Construct = {
  name: inner.name,
  tokenize(effects, ok, nok) {
    return inner.tokenize.call(this, effects, (code) => (read++, ok(code)), nok)
  },
}
const countingExtension: Extension = { flow: { null: [counting] } }
const fast = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(function () {
    ;(this.data().micromarkExtensions ??= []).push(countingExtension)
  })
  .freeze()

/** The tree with the construct, after checking it against CommonMark's; and how many paragraphs the construct read. */
function compare(text: string): { tree: Nodes; read: number } {
  read = 0
  const tree = fast.parse(text)
  const count = read
  expect(tree).toEqual(commonmark.parse(text))
  return { tree, read: count }
}

const paragraphs = (node: Nodes): number => (node.type === 'paragraph' ? 1 : 0) + ('children' in node ? node.children.reduce((n, c) => n + paragraphs(c), 0) : 0)

const root = join(import.meta.dirname, '../..')
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []))
}
const files = ['scenarios', 'test/fixtures', 'templates', 'docs'].flatMap((d) => markdownFiles(join(root, d)))

describe('remarkFastParagraph', () => {
  test.each(files.map((f) => [relative(root, f), f]))('gives the CommonMark tree for %s', (_, path) => {
    const text = readFileSync(path, 'utf8')
    expect(withPlugin.parse(text)).toEqual(commonmark.parse(text))
    compare(text)
  })

  test('reads nearly every paragraph of the bundled scenarios itself', () => {
    let all = 0
    let own = 0
    for (const path of markdownFiles(join(root, 'scenarios'))) {
      const { tree, read: count } = compare(readFileSync(path, 'utf8'))
      all += paragraphs(tree)
      own += count
    }
    expect(all).toBeGreaterThan(100)
    // Scenario prose has no inline markup: every paragraph and list item is plain words.
    expect(own).toBe(all)
  })

  // [Markdown, paragraphs the construct reads, a node type the tree must have]
  const cases: [string, number, string][] = [
    ['one\ntwo\n', 1, 'paragraph'],
    ['  lead\n   space \n  trail\t \n', 1, 'paragraph'],
    ['é ü 😀\n', 1, 'paragraph'],
    ['a\r\nb\rc\n', 1, 'paragraph'],
    ['a\x00b\n', 1, 'paragraph'],
    // A hard break is CommonMark's: two spaces and no tab before a line ending that is not the last.
    ['a  \nb\n', 0, 'break'],
    ['a   \nb\n', 0, 'break'],
    ['a \t\nb\n', 1, 'paragraph'],
    ['a\t\nb\n', 1, 'paragraph'],
    ['a  \n', 1, 'paragraph'],
    ['a  \n\nb\n', 2, 'paragraph'],
    // Inline constructs and definitions are `content`'s.
    ['a *b*\n', 0, 'emphasis'],
    ['a_b\n', 0, 'paragraph'],
    ['see `x`\n', 0, 'inlineCode'],
    ['[a]: /b\n', 0, 'definition'],
    ['a [b](c)\n', 0, 'link'],
    ['a & b\n', 0, 'paragraph'],
    ['a < b\n', 0, 'paragraph'],
    ['wow!\n', 0, 'paragraph'],
    ['a\\\nb\n', 0, 'break'],
    ['plain\nthen *em*\n', 0, 'emphasis'],
    // Setext underlines (and a thematic break after a paragraph) are left to `content`.
    ['a\n===\n', 0, 'heading'],
    ['a\n---\n', 0, 'heading'],
    ['a\n- - -\n', 0, 'thematicBreak'],
    ['a\n  ---\n', 0, 'heading'],
    // Lines that interrupt a paragraph end it, as they end `content`.
    ['a\n***\n', 1, 'thematicBreak'],
    ['a\n# h\n', 1, 'heading'],
    ['a\n```\nb\n```\n', 1, 'code'],
    ['a\n<div>\n', 1, 'html'],
    ['a\n> b\n', 2, 'blockquote'],
    ['a\n- b\n', 2, 'list'],
    ['a\n1. b\n', 2, 'list'],
    ['a\n#x\n', 1, 'paragraph'],
    // An ordered item that does not start at 1, or an empty one, does not interrupt.
    ['a\n2. b\n', 1, 'paragraph'],
    ['a\n-\n', 0, 'heading'],
    // (`*` is text's, an empty item cannot interrupt: the paragraph goes on, to a `*`.)
    ['a\n*\n', 0, 'paragraph'],
    // An indented line continues the paragraph; so does a lazy line.
    ['a\n    b\n', 1, 'paragraph'],
    ['a\n\tb\n', 1, 'paragraph'],
    ['> a\nb\n', 1, 'blockquote'],
    ['- a\nb\n', 1, 'list'],
    ['> - a\nb\n', 1, 'list'],
    // (A lazy `---` is a thematic break, not an underline: left to `content` all the same.)
    ['> a\n---\n', 0, 'thematicBreak'],
    ['> a\n> ===\n', 0, 'heading'],
    ['- a\n  b\n- c\n', 2, 'listItem'],
    ['1. a\n\n   b\n', 2, 'listItem'],
    ['    code\n\na\n', 1, 'code'],
    ['---\nid: x\n---\n\ntext\n', 1, 'yaml'],
    ['---\nid: x\n---\ntext\n', 1, 'yaml'],
  ]

  test.each(cases)('%j: the construct reads %i paragraphs, the tree has a %s', (text, count, type) => {
    const { tree, read: own } = compare(text)
    expect(own).toBe(count)
    const types = new Set<string>()
    const walk = (node: Nodes): void => {
      types.add(node.type)
      if ('children' in node) node.children.forEach(walk)
    }
    walk(tree)
    expect(types).toContain(type)
  })

  test(
    'for generated Markdown, the tree equals the CommonMark tree',
    async () => {
      const prefix = fc.constantFrom('', '', '', ' ', '  ', '   ', '    ', '\t', ' \t', '> ', '>', '> > ', '- ', '* ', '+ ', '1. ', '2) ', '-', '1.', '  - ', '   > ', '-   ', '\t- ')
      const body = fc.constantFrom(
        'alpha beta', 'I did it.', 'word', '# h', '## h2 #', '===', '= =', '---', '- - -', '***', '___', '```', '~~~', '<div>', '<!-- c -->', '[a]: b', '[a]', '*em*',
        'a_b', '`c`', '&amp;', '\\', 'a\\', '![i](u)', ']', 'x\0y', 'é ü', '    code', 'a  ', 'a   ', 'a\t', 'a \t ', '', '', '', ' ', '\t', 'b !', '1', '2.', '-x', '=x', '> x', '+',
      )
      const line = fc.tuple(prefix, body).map(([p, b]) => p + b)
      let own = 0
      let cases = 0
      await fc.assert(
        fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 10 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean(), async (ls, eol, front, last) => {
          // Yield now and then, so a long run never starves vitest's worker RPC.
          if (++cases % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
          const text = (front ? ['---', 'id: x', '---', ...ls] : ls).join(eol) + (last ? eol : '')
          own += compare(text).read
        }),
        { numRuns: RUNS },
      )
      // The property is about paragraphs the construct reads: a generated document has about one.
      expect(own).toBeGreaterThan(RUNS / 4)
    },
    Math.max(60_000, RUNS * 40),
  )
})
