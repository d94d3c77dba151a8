/**
 * lint reuses the frontmatter `parse` read for the cross-file facts; the facts must be exactly
 * those of a file read on its own (another --shard, the cache), whatever the frontmatter.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parse } from '../../src/index.js'
import { readFrontFacts } from '../../src/parse/front.js'

const root = join(import.meta.dirname, '../..')
const scenarios = readdirSync(join(root, 'scenarios')).map((f) => join(root, 'scenarios', f))
const fixtures = readdirSync(join(root, 'test/fixtures/parse')).map((f) => join(root, 'test/fixtures/parse', f))

describe('frontmatter facts reused from parse', () => {
  test.each([...scenarios, ...fixtures].map((f) => [f.slice(root.length + 1), f]))('equal a fresh read for %s', (_, path) => {
    const text = readFileSync(path, 'utf8')
    const parsed = parse(text)
    expect(readFrontFacts(parsed.text, parsed.frontmatter)).toEqual(readFrontFacts(parsed.text))
  })

  test('are reused, not read again, for a bundled scenario', () => {
    const parsed = parse(readFileSync(scenarios[0]!, 'utf8'))
    expect(parsed.frontmatter?.facts).toBeDefined()
    expect(readFrontFacts(parsed.text, parsed.frontmatter)).toBe(parsed.frontmatter!.facts)
  })

  test('equal a fresh read for generated frontmatter', () => {
    const line = fc.constantFrom('id: a', 'id: "b"', "company: 'Amazon'", 'principles:', '  - Ownership', '- x', 'a: &x 1', 'b: *x', 'id: a', 'question: Q', '---', '', ' ', 'k/~: v', '#c', 'x: [1, 2', '\t')
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), fc.constantFrom('# Q\n', '', '---\n'), (ls, eol, tail) => {
        const text = ['---', ...ls, '---', tail].join(eol)
        const parsed = parse(text)
        expect(readFrontFacts(parsed.text, parsed.frontmatter)).toEqual(readFrontFacts(parsed.text))
      }),
      { numRuns: 500 },
    )
  }, 60_000)
})
