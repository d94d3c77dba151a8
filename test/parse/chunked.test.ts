/**
 * remarkChunked gives exactly the tree remark-parse gives for the whole document, positions
 * included, on real files and on generated Markdown; and it cuts real scenarios and pages.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import fc from 'fast-check'
import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, test } from 'vitest'
import { cutPoints, parseChunked, remarkChunked } from '../../src/parse/chunked.js'

const whole = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze()
const chunked = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkChunked).freeze()
const parseWhole = (text: string): Root => whole.parse(text)
const RUNS = Number(process.env.STARKIT_FUZZ_RUNS ?? 300)

const root = join(import.meta.dirname, '../..')
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []))
}
const files = [...markdownFiles(join(root, 'scenarios')), ...markdownFiles(join(root, 'test/fixtures')), ...markdownFiles(join(root, 'templates')), ...markdownFiles(join(root, 'docs'))]
const seeds = readdirSync(join(root, '../shared/seeds')).filter((f) => f.endsWith('.txt')).map((f) => join(root, '../shared/seeds', f))

describe('remarkChunked', () => {
  test('cuts a bundled scenario at its sections and a seed page at its paragraphs', () => {
    const scenario = readFileSync(join(root, 'scenarios', readdirSync(join(root, 'scenarios')).sort()[0]!), 'utf8')
    const cuts = cutPoints(scenario)
    expect(cuts.length).toBeGreaterThan(2)
    for (const at of cuts) expect(scenario[at - 1]).toBe('\n')
    // Every cut of a scenario is a heading (its paragraphs start with letters too, but sections come first).
    expect(cuts.some((at) => scenario.startsWith('#', at))).toBe(true)
    const page = readFileSync(seeds[0]!, 'utf8')
    expect(cutPoints(page).length).toBeGreaterThan(2)
  })

  test.each([...files, ...seeds].map((f) => [relative(join(root, '..'), f), f]))('gives the whole-document tree for %s', (_, path) => {
    const text = readFileSync(path, 'utf8')
    expect(chunked.parse(text)).toEqual(whole.parse(text))
    // Small stretches cut at every boundary: the hardest case for the join.
    expect(parseChunked(text, parseWhole, 1)).toEqual(whole.parse(text))
  })

  test('parses whole a document with a construct that can reach across a cut', () => {
    for (const text of ['a\n\n```\n\n# not a heading\n```\n', '<div>\n# in html\n', '[a]: /x\n\n# h\n\n[a]\n', '~~~\n\nb\n', '<!-- open\n\n# in a comment\n-->\n'])
      expect(cutPoints(text, 1)).toEqual([])
    // Frontmatter is never cut: the first cut comes after its closing fence.
    expect(cutPoints('---\n# yaml comment\n---\n\n# h\n', 1)).toEqual([24])
    expect(cutPoints('---\n# unclosed\n\n# h\n', 1)).toEqual([])
    expect(cutPoints('\uFEFF---\n# after a byte order mark\n---\n\n# h\n', 1)).toEqual([36])
    // A one-line comment (inline lint control) closes on its line.
    expect(cutPoints('<!-- starkit-disable x -->\n# h\n', 1)).toEqual([27])
  })

  test(
    'for generated Markdown, the tree equals the whole-document tree',
    async () => {
      const safe = fc.constantFrom(
        '# H', '## Section', '### Sub', '####### seven', '#', '#x', ' # indented', 'Para text', 'Word', 'émigré', 'a *b', '_c_', '**d**', '[x]', '[x](y)', '![i](j)', '`code`',
        '- item', '* item', '+ item', '1. one', '2) two', '-', '  - nested', '    indented code', '\tTab', '> quote', '> - q item', '>', '---', '***', '===', '--',
        '<!-- c -->', 'a <i>b', '[ref]', 'a\\', 'a  ', '&amp;', '&#35;', ':', '|a|b|', '', '', '', '', ' ', '\t',
      )
      // Lines that stop cutPoints (constructs that may reach across a cut, or that it treats so):
      // rare, so that many documents are cut.
      const unsafe = fc.constantFrom('<!-- open', '-->', '<div>', '</div>', '<?php', '<!X', '```', '~~~', '[ref]: /url', '> <pre>', '<b>x</b>')
      const line = fc.oneof({ arbitrary: safe, weight: 40 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 4 }, { arbitrary: unsafe, weight: 1 })
      let cut = 0
      let cases = 0
      await fc.assert(
        fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 40, size: 'medium' }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.integer({ min: 1, max: 20 }), fc.boolean(), async (ls, eol, front, size, bom) => {
          // Yield now and then, so a long run never starves vitest's worker RPC.
          if (++cases % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
          const text = (bom ? '\uFEFF' : '') + (front ? ['---', 'id: x', '---', ...ls] : ls).join(eol)
          if (cutPoints(text, size).length > 0) cut++
          expect(parseChunked(text, parseWhole, size)).toEqual(parseWhole(text))
        }),
        { numRuns: RUNS },
      )
      // The property is about cut documents: about 45 % of generated ones are (mean 137 of 300, so
      // the bound below sits 7 standard deviations under it and does not fail by chance in practice).
      expect(cut).toBeGreaterThan(RUNS / 4)
    },
    Math.max(60_000, RUNS * 40),
  )
})
