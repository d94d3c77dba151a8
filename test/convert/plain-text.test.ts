import fc from 'fast-check'
import type { Nodes, Root, RootContent } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { convert } from '../../src/convert/index.js'
import { readPage } from '../../src/convert/page-plugin.js'
import type { Construct } from 'micromark-util-types'
import { DISABLED_CONSTRUCTS, plainTextExtension, remarkPlainText } from '../../src/convert/plain-text.js'
import { seedNames, seedText } from './helpers.js'

const plain = unified().use(remarkParse).use(remarkPlainText).freeze()

/**
 * CommonMark with every construct off: micromark's own paragraphs (flow, then content, then
 * text), which `remarkPlainText` reads in one pass instead.
 */
const commonmarkOff = unified()
  .use(remarkParse)
  .use(function () {
    const data = this.data()
    ;(data.micromarkExtensions ??= []).push({ disable: { null: [...DISABLED_CONSTRUCTS] } })
  })
  .freeze()

/**
 * The one thing CommonMark's text still makes with every construct off: a hard break, for two
 * or more spaces before a line ending (not a construct, so it cannot be turned off). Plain text
 * has none: the break becomes its line ending, in the text around it.
 */
function withoutBreaks(tree: Root, source: string): Root {
  const children = tree.children.map((node): RootContent => {
    if (node.type !== 'paragraph') return node
    const merged: typeof node.children = []
    for (const child of node.children) {
      const last = merged[merged.length - 1]
      const value =
        child.type === 'break'
          ? source.slice(child.position!.start.offset, child.position!.end.offset).replace(/^[ \t]+/, '')
          : child.type === 'text'
            ? child.value
            : undefined
      if (value === undefined) merged.push(child)
      else if (last?.type === 'text') {
        last.value += value
        last.position!.end = child.position!.end
      } else merged.push({ type: 'text', value, position: structuredClone(child.position) })
    }
    return { ...node, children: merged }
  })
  return { ...tree, children }
}

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

describe('remarkPlainText reads paragraphs in one pass', () => {
  it.each(seedNames())('%s: the same tree as CommonMark with every construct off', (name) => {
    const text = seedText(name.slice(0, 3))
    expect(plain.parse(text)).toEqual(commonmarkOff.parse(text))
  })

  it('the same tree, positions and text, for any lines of text, white space and line endings', () => {
    // Short pieces, so that runs of spaces and tabs, blank lines, every line ending and a line's
    // leading and trailing white space all come up often.
    const piece = fc.constantFrom('a', 'word', '•', '1.', '#', '>', '*', '`', '<b>', '&amp;', '\\', 'ü', '😀', '\0', ' ', '  ', '\t', ' \t ', '\u00a0', '\n', '\n', '\r\n', '\r', '\n\n', '\n  \n')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const source = pieces.join('')
        expect(plain.parse(source)).toEqual(withoutBreaks(commonmarkOff.parse(source), source))
      }),
      { numRuns: 2000, seed: 11 },
    )
  })

  it('reads a page in one document construct: tried once, at its first line, and flow never reached', () => {
    const construct = (plainTextExtension.document as Record<string, Construct[]>)['null']![0]!
    /** The character each try of the construct started at. */
    const tries: (number | null)[] = []
    const counted: Construct = {
      ...construct,
      tokenize(effects, ok, nok) {
        const start = construct.tokenize.call(this, effects, ok, nok)
        return (code) => {
          tries.push(code)
          return start(code)
        }
      },
    }
    let flowTries = 0
    const flowCounter: Construct = {
      tokenize(_, __, nok) {
        flowTries++
        return nok
      },
    }
    const counting = unified()
      .use(remarkParse)
      .use(function () {
        ;(this.data().micromarkExtensions ??= []).push({ ...plainTextExtension, document: { null: [counted] }, flow: { null: [flowCounter] } })
      })
      .freeze()
    const text = `\n  \n${seedText('000')}`
    const tree = counting.parse(text)
    expect(tree).toEqual(plain.parse(text))
    expect(tree.children.length).toBeGreaterThan(50)
    // Once, at the first line (blank: its line feed, micromark's code -4). At the end of the
    // text the document tries no construct, and closes this one with its `exit`.
    expect(tries).toEqual([-4])
    expect(flowTries).toBe(0)
  })

  it('reads two spaces before a line ending as white space, not a hard break', () => {
    const tree = plain.parse('one  \ntwo\t\n  three  ')
    expect(tree.children).toHaveLength(1)
    const paragraph = tree.children[0]!
    expect(paragraph.type === 'paragraph' && paragraph.children.map((n) => [n.type, 'value' in n ? n.value : ''])).toEqual([['text', 'one\ntwo\nthree']])
    expect(paragraph.position).toMatchObject({ start: { line: 1, column: 1 }, end: { line: 3, column: 10 } })
    // CommonMark's text makes a break of the first line's end.
    expect([...types(commonmarkOff.parse('one  \ntwo'))]).toContain('break')
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
