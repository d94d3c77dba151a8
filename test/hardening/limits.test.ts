/**
 * Structural limits (docs/limits.md): shapes micromark is quadratic on are refused with one
 * positioned message before any Markdown parsing. Before src/parse/limits.ts, a 1,000-deep
 * list (1 MB) took ~25 s to lint and a paragraph of 40,000 `*a` ~15 s.
 * Time bounds here are generous (10 s for what takes milliseconds) so a busy machine cannot flake them.
 */
import { describe, expect, test } from 'vitest'
import { convert } from '../../src/convert/index.js'
import { lintText, parse } from '../../src/index.js'
import { MAX_DELIMITERS, MAX_FILE_DELIMITERS, MAX_LINE_LENGTH, MAX_NESTING } from '../../src/parse/limits.js'

const head = '---\nid: a\n---\n\n# Question\n\n## Overview\n\n'

const cases: [string, string, string][] = [
  ['a 1,000-deep indented list (1 MB)', head + Array.from({ length: 1_000 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n'), `109:1 Unexpected nesting of lists or block quotes ${MAX_NESTING + 1} deep, expected at most ${MAX_NESTING}`],
  ['a 1,000-deep list on one line', head + '- '.repeat(1_000) + 'x\n', `9:1 Unexpected nesting of lists or block quotes ${MAX_NESTING + 1} deep, expected at most ${MAX_NESTING}`],
  ['a 10,000-deep block quote', head + '>'.repeat(10_000) + ' x\n', `9:1 Unexpected nesting of lists or block quotes ${MAX_NESTING + 1} deep, expected at most ${MAX_NESTING}`],
  ['200 lines of deepening block quotes', head + Array.from({ length: 200 }, (_, i) => '>'.repeat(i + 1) + ' x').join('\n'), `109:1 Unexpected nesting of lists or block quotes ${MAX_NESTING + 1} deep, expected at most ${MAX_NESTING}`],
  ['a 100,000-character line', head + 'a'.repeat(100_000) + '\n', `9:${MAX_LINE_LENGTH + 1} Unexpected line of 100000 characters, expected at most ${MAX_LINE_LENGTH}`],
  ['a paragraph of 40,000 `*a`', head + '*a'.repeat(9_000) + '\n', `9:1 Unexpected paragraph with more than ${MAX_DELIMITERS} emphasis or link markers (\`*\`, \`_\`, \`[\`, \`]\`), expected at most ${MAX_DELIMITERS}`],
  ['a paragraph of `[a](` spread over lines', head + 'Intro.\n' + '[a](\n'.repeat(5_000), `9:1 Unexpected paragraph with more than ${MAX_DELIMITERS} emphasis or link markers (\`*\`, \`_\`, \`[\`, \`]\`), expected at most ${MAX_DELIMITERS}`],
]

describe('structural limits are reported, quickly, by parse, lint and convert', () => {
  test.each(cases)('%s', async (_, text, expected) => {
    const started = performance.now()
    const parsed = parse(text)
    expect(parsed.file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([expected])
    expect(parsed.file.messages[0]!.ruleId).toBe('too-complex')
    // The file is named for its id (`a`), so unique-id, which still sees its frontmatter, is quiet.
    const linted = await lintText(text, 'a.md')
    expect(linted.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)).toEqual([`parse/too-complex ${expected.split(' ')[0]}`])
    const converted = convert(text)
    expect(converted.file.messages.map((m) => `${m.source}/${m.ruleId} ${m.line}:${m.column}`)).toEqual([`convert/too-complex ${expected.split(' ')[0]}`])
    expect(converted.complete).toBe(false)
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  test('escaped markers, and a real paragraph of emphasis, are not counted against the limit', () => {
    const escaped = head + '\\*a'.repeat(5_000) + '\n'
    expect(parse(escaped).file.messages.filter((m) => m.ruleId === 'too-complex')).toEqual([])
    const ok = head + '*a* '.repeat(MAX_DELIMITERS / 2) + '\n'
    expect(parse(ok).file.messages.filter((m) => m.ruleId === 'too-complex')).toEqual([])
  })

  test('emphasis markers spread over many paragraphs are limited per file', () => {
    const text = head + ('*a* '.repeat(50) + '\n\n').repeat(60)
    expect(parse(text).file.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.reason}`)).toEqual([
      `too-complex ${9 + 2 * 50}:1 Unexpected file with more than ${MAX_FILE_DELIMITERS} emphasis or link markers, expected at most ${MAX_FILE_DELIMITERS}`,
    ])
  })

  test('a nesting at the limit is read', () => {
    const ok = head + '- '.repeat(MAX_NESTING) + 'x\n'
    expect(parse(ok).file.messages.filter((m) => m.ruleId === 'too-complex')).toEqual([])
  })
})
