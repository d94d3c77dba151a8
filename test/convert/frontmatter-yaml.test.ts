/**
 * The writer's frontmatter (`frontmatterYaml`, src/emit/markdown.ts) is what the yaml library
 * writes, byte for byte, whether it writes it itself (plain strings and lists of them) or
 * hands it to the library.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { frontmatterYaml } from '../../src/emit/markdown.js'
import { FRONTMATTER_KEYS } from '../../src/model/index.js'

const library = (meta: Record<string, unknown>): string => stringify(meta, { lineWidth: 0 }).trimEnd()

/** Strings near the edges of a plain scalar: indicators, `: `, ` #`, quotes, white space at either end, words YAML reads as other types. */
const text = fc.oneof(
  fc.constantFrom('Amazon', 'Customer Obsession', 'Leadership Principles', 'true', 'True', 'NULL', 'null', 'yes', 'No', '~', '42', '0.9', '1e3', '.inf', 'a: b', 'a:b', 'a #b', 'a#b', '- a', '-a', "it's", '"q"', 'x ', ' x', 'a  b', 'é', 'a\nb', '', 'a_b', 'a/b', 'a.', '(a)'),
  fc.array(fc.constantFrom('a', 'Z', '0', ' ', '-', '.', ',', ':', '#', "'", '"', '(', ')', '&', '/', '+', '_', '[', '{', '!', '%', '@', '`', '|', '>', '*', '?', '\t', '\n', 'é', '😀'), { maxLength: 10 }).map((cs) => cs.join('')),
)
const value = fc.oneof({ weight: 4, arbitrary: text }, { weight: 2, arbitrary: fc.array(text, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(1, 0.5, true, null) })
const key = fc.oneof(fc.constantFrom(...FRONTMATTER_KEYS), fc.constantFrom('extra', 'x-y', 'a b', 'a:b', '1st', 'true'))

describe('frontmatterYaml', () => {
  it('writes what the yaml library writes, for any frontmatter of strings, lists and other values', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (meta) => {
        expect(frontmatterYaml(meta)).toBe(library(meta))
      }),
      { numRuns: 3000, seed: 26 },
    )
  })

  it('writes a scenario frontmatter plainly, and quotes what YAML would read as another type', () => {
    expect(frontmatterYaml({ id: 'a-b', company: 'Amazon', principles: ['Customer Obsession', 'Ownership'] })).toBe('id: a-b\ncompany: Amazon\nprinciples:\n  - Customer Obsession\n  - Ownership')
    expect(frontmatterYaml({ company: 'True', principles: [] })).toBe('company: "True"\nprinciples: []')
    expect(frontmatterYaml({ company: 'a: b' })).toBe(library({ company: 'a: b' }))
  })
})
