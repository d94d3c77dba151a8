import type { Nodes, Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { convert } from '../../src/convert/index.js'
import { readPage } from '../../src/convert/page-plugin.js'
import { remarkPlainText } from '../../src/convert/plain-text.js'
import { seedNames, seedText } from './helpers.js'

const plain = unified().use(remarkParse).use(remarkPlainText).freeze()

/** Every node type in a tree, in document order, once each. */
function types(node: Nodes, out = new Set<string>()): Set<string> {
  out.add(node.type)
  if ('children' in node) for (const child of node.children) types(child, out)
  return out
}

/** The 1-based line runs of the root's children. */
const runs = (tree: Root): [number, number][] => tree.children.map((n) => [n.position!.start.line, n.position!.end.line])

/** One of each CommonMark construct (the disabled list of plain-text.ts), a line or two each. */
const MARKDOWN = [
  '# Heading',
  'Setext',
  '===',
  '',
  '> quote',
  '* item',
  '1. item',
  '',
  '---',
  '***',
  '',
  '```',
  'code',
  '```',
  '',
  '    indented',
  '',
  '<div>',
  'html',
  '</div>',
  '',
  '[ref]: https://example.com',
  '',
  '*em* __strong__ `code` [link](x) ![img](y) <https://a.b> <span> &amp; \\* [ref]',
  'hard\\',
  'end',
  '',
].join('\n')

describe('remarkPlainText', () => {
  it('reads every Markdown construct as the text of a paragraph', () => {
    const tree = plain.parse(MARKDOWN)
    expect(tree.children.map((n) => n.type)).toEqual(Array(8).fill('paragraph'))
    expect(runs(tree)).toEqual([[1, 3], [5, 7], [9, 10], [12, 14], [16, 16], [18, 20], [22, 22], [24, 26]])
    expect([...types(tree)]).toEqual(['root', 'paragraph', 'text'])
    // The same text without the plugin is Markdown: the list above is what it turns off.
    const markdown = types(unified().use(remarkParse).parse(MARKDOWN))
    for (const type of ['heading', 'blockquote', 'list', 'thematicBreak', 'code', 'html', 'definition', 'emphasis', 'strong', 'inlineCode', 'link', 'image', 'linkReference', 'break'])
      expect(markdown, type).toContain(type)
  })

  it.each(seedNames())('%s: each paragraph is a run of non-blank lines, and every non-blank line is in one', (name) => {
    const text = seedText(name.slice(0, 3))
    const lines = text.split(/\r\n|\r|\n/)
    const expected: [number, number][] = []
    lines.forEach((line, k) => {
      if (/^[ \t]*$/.test(line)) return
      const last = expected[expected.length - 1]
      if (last && last[1] === k) last[1] = k + 1
      else expected.push([k + 1, k + 1])
    })
    expect(expected.length).toBeGreaterThan(50)
    expect(runs(plain.parse(text))).toEqual(expected)
  })
})

describe('the reader takes its lines from the paragraphs', () => {
  it('reads a line the tree leaves outside every paragraph all the same (a line is never lost)', () => {
    const text = seedText('000')
    const empty: Root = { type: 'root', children: [] }
    const fromTree = readPage(plain.parse(text), new VFile({ value: text }))
    expect(readPage(empty, new VFile({ value: text }))).toEqual(fromTree)
    expect(fromTree.lines.filter((l) => l.disposition.kind === 'unplaced')).toEqual([])
  })

  it('takes a line of no-break spaces inside a paragraph as blank, as a scraped `&nbsp;` line is', () => {
    const text = seedText('000')
    const spaced = text.replace('Bird\nRaised Fist0\n', 'Bird\n\u00a0\u00a0\nRaised Fist0\n')
    // micromark counts it as text: the line is inside the header's paragraph.
    expect(runs(plain.parse(spaced))[0]).toEqual([1, 4])
    const r = convert(spaced)
    expect(r.lines[1]).toEqual({ line: 2, raw: '\u00a0\u00a0', disposition: { kind: 'blank' } })
    expect(r.scenario).toEqual(convert(text).scenario)
    expect(r.complete).toBe(true)
  })
})
