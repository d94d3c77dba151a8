/**
 * The bad-input catalogue (issue 8), end to end through the CLI (`main` in-process): each bad
 * file is linted beside a good one, with its exact message (rule id, line:column, text) or
 * stderr line, and its exit code; the good file is always still checked.
 */
import { chmodSync, closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { MAX_FILE_BYTES } from '../../src/index.js'
import { MAX_LINE_LENGTH, MAX_NESTING } from '../../src/parse/limits.js'
import { seedText } from '../convert/helpers.js'
import { run, type Message } from '../support/io.js'

const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')
const GOOD = 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md'
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-catalogue-'))
  writeFileSync(join(dir, GOOD), complete)
})
afterEach(() => {
  chmodSync(dir, 0o755)
  rmSync(dir, { recursive: true, force: true })
})

/** Lint `paths` (default: the bad file and the good one) as JSON; the good file must come out clean of errors. */
async function lint(paths: string[] = ['bad.md', GOOD]) {
  const r = await run(['lint', '--format', 'json', ...paths], { cwd: dir })
  const report = r.stdout ? (JSON.parse(r.stdout) as { files: { path: string; messages: Message[] }[] }) : { files: [] }
  const good = report.files.find((f) => f.path === GOOD)
  if (paths.includes(GOOD)) {
    expect(good, 'the good file is still linted').toBeDefined()
    expect(good!.messages.filter((m) => m.severity === 'error')).toEqual([])
  }
  const rows = (path: string): string[] => (report.files.find((f) => f.path === path)?.messages ?? []).map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`)
  return { ...r, rows }
}

function bad(content: string | Uint8Array, name = 'bad.md'): void {
  writeFileSync(join(dir, name), content)
}

describe('bad input, linted beside a good file', () => {
  test.each<[string, string | Uint8Array, string[]]>([
    ['an empty file', '', ['parse/empty 1:1 Unexpected empty file, expected a scenario']],
    ['white space only', ' \n\t\r\n  \n', ['parse/empty 1:1 Unexpected empty file, expected a scenario']],
    ['duplicate YAML keys', complete.replace('level: SDE2', 'level: SDE2\nlevel: SDE3'), ['parse/yaml 9:1 Invalid YAML frontmatter: Map keys must be unique']],
    ['binary with NUL bytes', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), ['parse/encoding 3:1 Unexpected binary content (a NUL byte), expected UTF-8 text']],
    ['invalid UTF-8', new Uint8Array([...enc('---\nid: caf'), 0xe9, ...enc('\n---\n')]), ['parse/encoding 2:8 Unexpected byte `0xE9`, expected UTF-8 text']],
    ['UTF-16 with a BOM', new Uint8Array([0xff, 0xfe, ...[...'---\n'].flatMap((c) => [c.charCodeAt(0), 0])]), ['parse/encoding 1:1 Unexpected UTF-16 encoding, expected UTF-8']],
    ['a 10,000-deep block quote', '# Q\n\n' + '>'.repeat(10_000) + ' x\n', [`parse/too-complex 3:1 Unexpected nesting of lists or block quotes ${MAX_NESTING + 1} deep, expected at most ${MAX_NESTING}`]],
    ['a 10,000-deep list (one 20,001-character line)', '# Q\n\n' + '- '.repeat(10_000) + 'x\n', [`parse/too-complex 3:${MAX_LINE_LENGTH + 1} Unexpected line of 20001 characters, expected at most ${MAX_LINE_LENGTH}`]],
    ['a 100,000-character line', complete.replace('id: tell-me-about-a-time-you-fixed-a-flaky-pipeline', 'id: bad').replace('## Overview\n', '## Overview\n\n' + 'word '.repeat(20_000).trim() + '\n'), [`parse/too-complex 19:${MAX_LINE_LENGTH + 1} Unexpected line of 99999 characters, expected at most ${MAX_LINE_LENGTH}`]],
  ])('%s', async (_, content, expected) => {
    bad(content)
    const r = await lint()
    expect(r.rows('bad.md')).toEqual(expected)
    expect(r.code).toBe(1)
  })

  test('a YAML alias bomb is refused, not expanded', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`)
    bad(`---\n${bomb.join('\n')}\n---\n# Q\n`)
    const r = await lint()
    expect(r.rows('bad.md')).toEqual([expect.stringMatching(/^parse\/yaml 2:1 Invalid YAML frontmatter: Excessive alias count/)])
    expect(r.code).toBe(1)
  })

  test('only frontmatter: every missing section at the frontmatter', async () => {
    bad(complete.slice(0, complete.indexOf('\n# ') + 1).replace('id: tell-me', 'id: only-tell-me'))
    const r = await lint()
    expect(r.rows('bad.md')).toContain('schema/required 2:1 Missing title heading with the question')
    expect(r.rows('bad.md').filter((m) => !m.startsWith('schema/required 2:1 ') && !m.startsWith('unique-id '))).toEqual([])
    expect(r.code).toBe(1)
  })

  test('frontmatter never closed', async () => {
    bad('---\nid: a\ncompany: Amazon\n\n# Question\n')
    const r = await lint()
    expect(r.rows('bad.md')).toContain('parse/yaml 1:1 Unexpected unclosed frontmatter, expected a closing `---` line')
    expect(r.code).toBe(1)
  })

  test('CRLF and lone CR line endings read like LF', async () => {
    bad(complete.replace(/\n/g, '\r\n'), 'crlf.md')
    bad(complete.replace(/\n/g, '\r'), 'cr.md')
    const r = await lint(['crlf.md', 'cr.md', GOOD])
    expect(r.rows('crlf.md').filter((m) => !m.startsWith('unique-id'))).toEqual([])
    expect(r.rows('cr.md').filter((m) => !m.startsWith('unique-id'))).toEqual([])
  })

  test('a 3 GiB file is refused by its size, not read: lint, lint --cache, fmt and convert', async () => {
    // Sparse: no disk space. Read whole, it failed past 2 GiB (ERR_FS_FILE_TOO_LARGE), and
    // the --cache digest grew its buffer to the file's size.
    const size = 3 * 1024 ** 3
    const fd = openSync(join(dir, 'bad.md'), 'w')
    ftruncateSync(fd, size)
    closeSync(fd)
    const expected = [`parse/too-large 1:1 Unexpected file of ${size} bytes, expected at most ${MAX_FILE_BYTES}`]
    expect((await lint()).rows('bad.md')).toEqual(expected)
    for (let run = 0; run < 2; run++) expect((await lint(['--cache', '--cache-location', 'cache.ndjson', 'bad.md', GOOD])).rows('bad.md')).toEqual(expected)
    // The file has no cache line: it is refused again each run, at no cost.
    expect(readFileSync(join(dir, 'cache.ndjson'), 'utf8')).not.toContain('bad.md')
    const fmt = await run(['fmt', '--check', 'bad.md'], { cwd: dir })
    expect(fmt).toEqual({ code: 1, stdout: '', stderr: `bad.md:1:1: Unexpected file of ${size} bytes, expected at most ${MAX_FILE_BYTES} (parse/too-large); not formatted\n` })
    renameSync(join(dir, 'bad.md'), join(dir, 'page.txt'))
    const converted = await run(['convert', 'page.txt', '-o', 'out'], { cwd: dir })
    expect(converted.stderr).toContain(`page.txt\n  1:1  error  Unexpected page of ${size} bytes, expected at most ${MAX_FILE_BYTES}  convert/too-large\n`)
    expect(converted.code).toBe(1)
  })

  test(`a 20 MB file is one message, not a slow run`, async () => {
    bad(Buffer.alloc(20 * 1024 * 1024, 'word '))
    const r = await lint()
    expect(r.rows('bad.md')).toEqual([`parse/too-large 1:1 Unexpected file of ${20 * 1024 * 1024} bytes, expected at most ${MAX_FILE_BYTES}`])
    expect(r.code).toBe(1)
  })

  test('headings out of order (warning), duplicated and unknown', async () => {
    const action = complete.slice(complete.indexOf('## Action'), complete.indexOf('## Result'))
    bad(complete.replace(action, '').replace('## Task', action + '## Task'), 'order.md')
    bad(complete.replace('## Practice', '## Task\n\nTarget: 1s\n\n## Notes\n\nKeep this.\n\n## Practice'), 'dup.md')
    const r = await lint(['order.md', 'dup.md', GOOD])
    expect(r.rows('order.md').filter((m) => m.startsWith('parse/'))).toEqual(['parse/section-order 55:1 Unexpected `Task` section after `Action`, expected the canonical order'])
    expect(r.rows('dup.md').filter((m) => m.startsWith('parse/'))).toEqual([
      'parse/duplicate-section 179:1 Unexpected second `Task` section',
      expect.stringMatching(/^parse\/unknown-section 183:1 Unexpected section `Notes`, expected one of `Overview`/),
    ])
    expect(r.code).toBe(1)
  })

  test('a folder where a file was expected (a link named .md to a folder)', async () => {
    mkdirSync(join(dir, 'content'))
    mkdirSync(join(dir, 'content', 'folder'))
    symlinkSync('folder', join(dir, 'content', 'folder.md'))
    writeFileSync(join(dir, 'content', GOOD), complete)
    const r = await run(['lint', '--format', 'json', 'content'], { cwd: dir })
    const files = JSON.parse(r.stdout).files as { path: string; messages: Message[] }[]
    expect(files.map((f) => [f.path, f.messages.filter((m) => m.severity === 'error').map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`)])).toEqual([
      ['content/folder.md', ['parse/read 1:1 Unexpected folder, expected a file']],
      [`content/${GOOD}`, []],
    ])
    expect(r.code).toBe(1)
  })

  test('a symbolic link loop: a message when walked, one stderr line and exit 2 when named', async () => {
    mkdirSync(join(dir, 'content'))
    symlinkSync('loop.md', join(dir, 'content', 'loop.md'))
    writeFileSync(join(dir, 'content', GOOD), complete)
    const walked = await run(['lint', '--format', 'json', 'content'], { cwd: dir })
    const files = JSON.parse(walked.stdout).files as { path: string; messages: Message[] }[]
    expect(files.map((f) => [f.path, f.messages.filter((m) => m.severity === 'error').map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`)])).toEqual([
      ['content/loop.md', ['parse/read 1:1 Unexpected symbolic link loop']],
      [`content/${GOOD}`, []],
    ])
    expect(walked.code).toBe(1)
    const named = await run(['lint', 'content/loop.md', `content/${GOOD}`], { cwd: dir })
    expect(named.stderr).toBe('starkit: Unexpected symbolic link loop at `content/loop.md`\n')
    expect(named.code).toBe(2)
  })

  test('an unreadable file (chmod 000)', async () => {
    bad(complete.replace('id: tell-me-about-a-time-you-fixed-a-flaky-pipeline', 'id: other'), 'other.md')
    chmodSync(join(dir, 'other.md'), 0o000)
    const r = await lint(['other.md', GOOD])
    if (process.getuid?.() === 0) {
      // Root reads through chmod 000: the file is simply linted (no error of its own).
      expect(r.rows('other.md').filter((m) => m.startsWith('parse/'))).toEqual([])
    } else {
      expect(r.rows('other.md')).toEqual(['parse/read 1:1 Unexpected unreadable file (permission denied)'])
      expect(r.code).toBe(1)
    }
  })

  test('paths with spaces and non-ASCII names', async () => {
    mkdirSync(join(dir, 'my scenarios'))
    writeFileSync(join(dir, 'my scenarios', 'été ünï 日本.md'), '')
    const r = await lint(['my scenarios', GOOD])
    expect(r.rows('my scenarios/été ünï 日本.md')).toEqual(['parse/empty 1:1 Unexpected empty file, expected a scenario'])
    expect(r.code).toBe(1)
  })
})

describe('bad input to fmt and convert', () => {
  test('fmt refuses a file it cannot hold, one line each, and formats the rest', async () => {
    bad('# Q\n\n' + '>'.repeat(200) + ' x\n')
    writeFileSync(join(dir, GOOD), complete.replace('## Follow-ups', '## follow ups'))
    const r = await run(['fmt', 'bad.md', GOOD], { cwd: dir })
    expect(r.stderr).toBe(`bad.md:3:1: Unexpected nesting of lists or block quotes ${MAX_NESTING + 1} deep, expected at most ${MAX_NESTING} (parse/too-complex); not formatted\n`)
    expect(r.stdout).toBe(`${GOOD}: formatted\n`)
    expect(readFileSync(join(dir, GOOD), 'utf8')).toBe(complete)
    expect(r.code).toBe(1)
  })

  test('convert: a 20 MB page and a pathological page are refused; the next page converts', async () => {
    const seed = seedText('000')
    mkdirSync(join(dir, 'pages'))
    writeFileSync(join(dir, 'pages', 'a-big.txt'), Buffer.alloc(20 * 1024 * 1024, 'word '))
    // A page is plain text: its `>` are characters, and only the line's length is over a limit.
    writeFileSync(join(dir, 'pages', 'b-deep.txt'), '>'.repeat(30_000) + ' x\n')
    writeFileSync(join(dir, 'pages', 'c-good.txt'), seed)
    const r = await run(['convert', 'pages', '-o', 'out'], { cwd: dir })
    expect(r.stderr).toContain(`pages/a-big.txt\n  1:1  error  Unexpected page of ${20 * 1024 * 1024} bytes, expected at most ${MAX_FILE_BYTES}  convert/too-large`)
    expect(r.stderr).toContain(`pages/b-deep.txt\n  1:${MAX_LINE_LENGTH + 1}  error  Unexpected line of 30002 characters, expected at most ${MAX_LINE_LENGTH}  convert/too-complex`)
    // The line on stdout names the limit, not "not a walkthrough page".
    expect(r.stdout).toMatch(/^pages\/a-big\.txt: not written \(over the size limit\)\npages\/b-deep\.txt: not written \(over a limit of what convert reads or writes\)\npages\/c-good\.txt -> out\//)
    expect(r.code).toBe(1)
  })
})
