/**
 * Structural limits (docs/limits.md): shapes micromark is quadratic on are refused with one
 * positioned message before any Markdown parsing. Before src/parse/limits.ts, a 1,000-deep
 * list (1 MB) took ~25 s to lint and a paragraph of 40,000 `*a` ~15 s.
 * A scraped page is plain text (every construct off): only its line length is limited, and the
 * Markdown convert writes from it is checked against lint's limits before it is written.
 * Time bounds here are generous (10 s for what takes milliseconds) so a busy machine cannot flake them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { convertPage } from '../../src/cli/convert-pages.js'
import { convert } from '../../src/convert/index.js'
import { lintText, parse } from '../../src/index.js'
import { MAX_DELIMITERS, MAX_FILE_DELIMITERS, MAX_LINE_LENGTH, MAX_NESTING } from '../../src/parse/limits.js'
import { seedText } from '../convert/helpers.js'

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
    // Read as a scraped page (plain text), only the long line is over a limit: the rest is text.
    const converted = convert(text)
    const tooComplex = converted.file.messages.filter((m) => m.ruleId === 'too-complex').map((m) => `${m.source}/${m.ruleId} ${m.line}:${m.column}`)
    expect(tooComplex).toEqual(expected.includes('characters') ? [`convert/too-complex ${expected.split(' ')[0]}`] : [])
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

describe('convert: a page is plain text, and what it writes is within lint\'s limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'starkit-limits-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  /** A seed page with `extra` at the end of its first Action sentence line. */
  function page(name: string, extra: string): string {
    const lines = seedText('001').split('\n')
    const k = lines.findIndex((l) => l.startsWith('I ') && l.length > 40)
    lines[k] += ' ' + extra
    const path = join(dir, name)
    writeFileSync(path, lines.join('\n'))
    return path
  }

  test('a page with more markers than a Markdown paragraph may hold converts, and its Markdown lints', async () => {
    const outcome = convertPage({ file: page('stars.txt', '* '.repeat(MAX_DELIMITERS + 50)), shown: 'stars.txt' })
    if ('readError' in outcome) throw new Error(outcome.readError)
    expect(outcome.messages.filter((m) => m.ruleId === 'convert/too-complex')).toEqual([])
    expect(outcome.complete).toBe(true)
    // Written escaped (`\\*`), so lint does not count them either.
    const linted = await lintText(outcome.markdown!, `${outcome.id}.md`)
    expect(linted.messages.filter((m) => m.ruleId.startsWith('parse/'))).toEqual([])
  })

  test('a page whose Markdown lint would refuse is not written, with a message that says where', () => {
    // `]` is written as it is (it opens nothing in Markdown), so each counts against the limit.
    const outcome = convertPage({ file: page('brackets.txt', 'x] '.repeat(MAX_DELIMITERS + 50)), shown: 'brackets.txt' })
    if ('readError' in outcome) throw new Error(outcome.readError)
    expect(outcome.markdown).toBeNull()
    expect(outcome.complete).toBe(false)
    expect(outcome.messages.filter((m) => m.severity === 'error').map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`)).toEqual([
      `convert/too-complex 1:1 Unexpected scenario Markdown that lint would refuse, at its line 57: Unexpected paragraph with more than ${MAX_DELIMITERS} emphasis or link markers (\`*\`, \`_\`, \`[\`, \`]\`), expected at most ${MAX_DELIMITERS}`,
    ])
  })
})
