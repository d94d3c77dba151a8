/**
 * mdast-util-from-markdown with its compiler made once per list of mdast extensions
 * (scripts/compile-once.mjs), which the bundle holds in place of the package's lib/index.js:
 * it gives the trees the package gives, whatever was parsed before.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import fc from 'fast-check'
import type { Root } from 'mdast'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { fromMarkdown as original, type Options } from 'mdast-util-from-markdown'
import { frontmatter } from 'micromark-extension-frontmatter'
import { beforeAll, describe, expect, test } from 'vitest'
// @ts-expect-error: a build script, not typed.
import { compileOnce } from '../../scripts/compile-once.mjs'
import { plainTextExtension } from '../../src/convert/plain-text.js'

const packageFile = fileURLToPath(new URL('../../node_modules/mdast-util-from-markdown/lib/index.js', import.meta.url))
const source = readFileSync(packageFile, 'utf8')
/** Where the patched module finds `perList`: the build's lib/, as the bundle does. */
const perListPath = fileURLToPath(new URL('../../lib/parse/combine-once.js', import.meta.url))
const patch = compileOnce as (text: string, perList: string) => string

let once: (value: string, options?: Options) => Root

beforeAll(async () => {
  // Under node_modules, so that the module's own imports resolve as the package's do.
  const dir = new URL('../../node_modules/.cache/starkit-test/', import.meta.url)
  mkdirSync(dir, { recursive: true })
  const file = new URL('compile-once.mjs', dir)
  writeFileSync(file, patch(source, perListPath))
  once = ((await import(/* @vite-ignore */ pathToFileURL(fileURLToPath(file)).href)) as { fromMarkdown: typeof once }).fromMarkdown
})

const yaml: Options = { extensions: [frontmatter(['yaml'])], mdastExtensions: [frontmatterFromMarkdown(['yaml'])] }
const plain: Options = { extensions: [plainTextExtension] }

/** Every construct of CommonMark, and the handlers' flags (`data`) each sets between events. */
const COMMONMARK = [
  '# Heading *with* `code`\n\nSetext\n===\n',
  '- a\n- b\n\n  spread\n1. one\n2) two\n\n3. three\n',
  '> quote\nlazy\n> - item\n',
  '```js meta\ncode\n```\n\n    indented\n',
  '[ref]: https://example.com "title"\n\n[ref] [text][ref] [text][] ![img](src "t") <https://a.b> <a@b.c>\n',
  'hard  \nbreak\\\nescape \\* &amp; &#35; &#x23; &nope;\n',
  '<div>\nhtml\n</div>\n\ninline <span>html</span> **strong** _em_\n',
  '***\n\n[unclosed\n\n![unclosed\n',
  'a  \n',
  '[a]: b\n[a]\n\n* [ ] not a task\n\n  * nested\n',
]

describe('the compiler made once', () => {
  test('the package text it changes is found in the pinned version, and a changed text stops the build', () => {
    const out = patch(source, perListPath)
    expect(out).toContain('compilerOnce(options)(postprocess(')
    expect(out).not.toContain('Object.assign({\n          sliceSerialize')
    expect(() => patch(source.replace('const data = {};', 'const data = {}; '), perListPath)).toThrow(/the compiler's one `data` is not found exactly once/)
    expect(() => patch(source + '\nreturn compiler(options)(postprocess(', perListPath)).toThrow(/fromMarkdown's call of `compiler`/)
  })

  test('CommonMark documents, with and without extensions, in turn, give the trees the package gives', () => {
    for (let round = 0; round < 2; round++) {
      for (const doc of COMMONMARK) {
        expect(once(doc)).toEqual(original(doc))
        expect(once(`---\na: 1\n---\n${doc}`, yaml)).toEqual(original(`---\na: 1\n---\n${doc}`, yaml))
        expect(once(doc, plain)).toEqual(original(doc, plain))
      }
    }
  })

  test('the scenarios and the seed pages give the trees the package gives', () => {
    const scenarios = new URL('../../scenarios/', import.meta.url)
    const seeds = new URL('../../../shared/seeds/', import.meta.url)
    const docs = readdirSync(scenarios).map((name) => readFileSync(new URL(name, scenarios), 'utf8'))
    const pages = readdirSync(seeds).map((name) => readFileSync(new URL(name, seeds), 'utf8'))
    expect(docs.length).toBeGreaterThan(0)
    expect(pages).toHaveLength(5)
    for (const doc of docs) expect(once(doc, yaml)).toEqual(original(doc, yaml))
    for (const page of pages) expect(once(page, plain)).toEqual(original(page, plain))
  })

  test('random text of Markdown punctuation gives the tree the package gives, after any other parse', () => {
    const piece = fc.constantFrom('a', ' ', '  ', '\n', '\n\n', '\t', '*', '_', '`', '[', ']', '(', ')', '!', '<', '>', '#', '-', '1.', '=', '\\', '&', ';', '"', ':', '|', '~', 'x@y.z', 'http://a')
    const doc = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''))
    fc.assert(
      fc.property(doc, doc, (before, text) => {
        once(before)
        expect(once(text)).toEqual(original(text))
      }),
      { numRuns: 500, seed: 20 },
    )
  })

  test('the bundle holds the changed module and not the package one', () => {
    const sources = JSON.parse(readFileSync(new URL('../../lib/bundle/sources.json', import.meta.url), 'utf8')) as Record<string, string[]>
    // The main thread's bundle and the worker threads' chunk of the parse.
    const holding = Object.entries(sources).filter(([, inputs]) => inputs.includes('node_modules/mdast-util-from-markdown/lib/index.js'))
    expect(holding.map(([file]) => file.endsWith('.cjs'))).toEqual([false, true])
    for (const [file] of holding) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
      expect(text).toContain('compilerOnce(options)(postprocess(')
      expect(text).not.toMatch(/\.call\(Object\.assign\(\{\s*sliceSerialize/)
    }
  })
})
