/**
 * `combineExtensions` remembered (src/parse/combine-once.ts), which the bundle gives
 * micromark's `parse`: the same extensions give the same combination, equal to the original's.
 */
import { readFileSync } from 'node:fs'
import { frontmatter } from 'micromark-extension-frontmatter'
import { combineExtensions as original } from 'micromark-util-combine-extensions'
import { describe, expect, test } from 'vitest'
import { combineExtensions } from '../../src/parse/combine-once.js'
import { remarkPlainText } from '../../src/convert/plain-text.js'
import { unified } from 'unified'
import remarkParse from 'remark-parse'

describe('combineExtensions, remembered', () => {
  const lint = [{ flow: {} }, frontmatter(['yaml'])]
  test('the same extension objects give the same combination, equal to the original one', () => {
    const first = combineExtensions(lint)
    expect(combineExtensions([...lint])).toBe(first)
    expect(first).toEqual(original(lint))
  })

  test('other extensions, or the same in another order, give another combination; a few lists are kept at once', () => {
    const first = combineExtensions(lint)
    const reversed = combineExtensions([...lint].reverse())
    expect(reversed).not.toBe(first)
    expect(reversed).toEqual(original([...lint].reverse()))
    const processor = unified().use(remarkParse).use(remarkPlainText).freeze()
    const plain = processor.data('micromarkExtensions')!
    expect(combineExtensions(plain)).toEqual(original(plain))
    // The first list is still kept.
    expect(combineExtensions(lint)).toBe(first)
    // Past four other lists, it is made again: equal, not the same.
    for (let i = 0; i < 4; i++) combineExtensions([{ text: {} }, ...lint])
    expect(combineExtensions(lint)).not.toBe(first)
    expect(combineExtensions(lint)).toEqual(first)
  })

  test("the bundle gives it to micromark's parse, and the package to everyone else", () => {
    const sources = JSON.parse(readFileSync(new URL('../../lib/bundle/sources.json', import.meta.url), 'utf8')) as Record<string, string[]>
    // The main thread's bundle and the worker threads' chunk of the parse.
    const withParse = Object.entries(sources).filter(([, inputs]) => inputs.includes('node_modules/micromark/lib/parse.js'))
    expect(withParse.map(([file]) => file.endsWith('.cjs'))).toEqual([false, true])
    for (const [file, inputs] of withParse) {
      expect(inputs).toContain('lib/parse/combine-once.js')
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
      // micromark's parse calls the remembered one, which calls the package's.
      const parse = text.slice(text.indexOf('// node_modules/micromark/lib/parse.js'))
      const called = /(\w+)\(\[constructs_exports\b/.exec(parse)?.[1]
      expect(called).toBeDefined()
      expect(text).toMatch(new RegExp(`// lib/parse/combine-once\\.js[\\s\\S]*function ${called}\\(extensions\\)`))
    }
  })
})
