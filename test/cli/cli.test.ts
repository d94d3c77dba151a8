import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import type { Io } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'
import { run } from '../support/io.js'

const complete = new URL('../fixtures/parse/complete.md', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-cli-'))
  mkdirSync(join(dir, 'content'))
  cpSync(complete, join(dir, 'content', 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md'))
  writeFileSync(join(dir, 'starkit.config.json'), JSON.stringify({ rules: {} }))
})

describe('the CLI shell', () => {
  test('--version and --help', async () => {
    expect(await run(['--version'], { cwd: dir })).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' })
    const help = await run(['--help'], { cwd: dir })
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/lint \[options\] <paths\.\.\.>/)
    expect(help.stdout).toMatch(/fmt \[options\] <paths\.\.\.>/)
  })

  test('a bad flag is one stderr line and exit 2', async () => {
    const r = await run(['lint', '--bogus', 'content'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe("starkit: unknown option '--bogus'\n")
  })

  test('no such path, and no files matched, exit 2', async () => {
    expect(await run(['lint', 'nope'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'starkit: No such file or folder: `nope`\n' })
    mkdirSync(join(dir, 'empty'))
    expect(await run(['lint', 'empty'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'starkit: No Markdown files matched `empty`\n' })
  })

  test('a clean file exits 0 and prints nothing; warnings alone still exit 0', async () => {
    expect(await run(['lint', 'content'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' })
    writeFileSync(join(dir, 'starkit.config.json'), JSON.stringify({ rules: {} }))
    const file = join(dir, 'content', 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('Time limit: 3 minutes', 'Time limit: 2 minutes'))
    const warned = await run(['lint', 'content'], { cwd: dir })
    expect(warned.code).toBe(0)
    expect(warned.stdout).toContain('167:13  warning  Unexpected step targets of `175s` in all, expected at most `120s` for level `SDE 1`  level-time-budget')
  })

  test('errors exit 1 with file:line:column, rule id and message', async () => {
    const file = join(dir, 'content', 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('Target: 90s', 'Target: soon'))
    writeFileSync(join(dir, 'content', 'empty.md'), '')
    const r = await run(['lint', 'content'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe(
      [
        'content/empty.md',
        '  1:1  error  Unexpected empty file, expected a scenario  parse/empty',
        '',
        'content/tell-me-about-a-time-you-fixed-a-flaky-pipeline.md',
        '  54:9  error  Unexpected value `soon` for `Target` in `Action`, expected a duration such as `30s`  schema/type',
        '',
        '✖ 2 problems (2 errors, 0 warnings)',
        '',
      ].join('\n'),
    )
  })

  test('--format json is a versioned report', async () => {
    const file = join(dir, 'content', 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('author', '').replace('level: SDE2', 'level: SDE2\nauthor: me'))
    const r = await run(['lint', 'content', '--format', 'json'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)).toEqual({
      version: 1,
      tool: { name: 'starkit', version: pkg.version },
      errorCount: 1,
      warningCount: 0,
      files: [
        {
          path: 'content/tell-me-about-a-time-you-fixed-a-flaky-pipeline.md',
          messages: [
            {
              ruleId: 'schema/additionalProperties',
              severity: 'error',
              message: expect.stringMatching(/^Unexpected frontmatter key `author`, expected one of `id`/),
              line: 9,
              column: 1,
              endLine: 9,
              endColumn: 7,
            },
          ],
        },
      ],
    })
  })

  test('a bad config is a positioned message and exit 2', async () => {
    writeFileSync(join(dir, 'starkit.config.json'), '{\n  "rules": {\n    "no-such-rule": "error"\n  },\n  "extends": "loose"\n}\n')
    const r = await run(['lint', 'content'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('starkit: starkit.config.json:5:14: Unexpected value `loose` for `extends`, expected `recommended` or `strict`\n')
  })

  test('fmt rewrites a loose file canonically, and --check reports it', async () => {
    const file = join(dir, 'content', 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md')
    const canonical = readFileSync(file, 'utf8')
    writeFileSync(file, canonical.replace('## Follow-ups', '## follow ups').replace('Target: 90s', 'Target: 90 seconds'))
    const check = await run(['fmt', '--check', 'content'], { cwd: dir })
    expect(check).toEqual({ code: 1, stdout: 'content/tell-me-about-a-time-you-fixed-a-flaky-pipeline.md: not canonical\n', stderr: '' })
    expect(await run(['fmt', 'content'], { cwd: dir })).toEqual({ code: 0, stdout: 'content/tell-me-about-a-time-you-fixed-a-flaky-pipeline.md: formatted\n', stderr: '' })
    expect(readFileSync(file, 'utf8')).toBe(canonical)
    expect(await run(['fmt', '--check', 'content'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  test('a config that cannot be read is one line and exit 2', async () => {
    const r = await run(['lint', 'content', '--config', 'missing.json'], { cwd: dir })
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'starkit: Cannot read config `missing.json`: No such file\n' })
  })

  test('an internal error is one line and exit 2, its stack only with --debug (in any position)', async () => {
    /** `lint` with an `io.stdout` that throws: an error no command expects, so an internal one (a JSON report is written even when clean). */
    const crash = async (argv: string[]) => {
      let stderr = ''
      const io: Io = {
        cwd: dir,
        stdout: () => {
          throw new Error('the terminal is gone')
        },
        stderr: (s) => void (stderr += s),
        stdoutIsTTY: false,
        stdinIsTTY: false,
        env: {},
      }
      return { code: await main(argv, io), stderr }
    }
    expect(await crash(['lint', 'content', '-f', 'json'])).toEqual({ code: 2, stderr: 'starkit: internal error: the terminal is gone (run with --debug for the stack)\n' })
    for (const argv of [['--debug', 'lint', 'content', '-f', 'json'], ['lint', 'content', '-f', 'json', '--debug']]) {
      const r = await crash(argv)
      expect(r.code).toBe(2)
      const [first, second, ...frames] = r.stderr.trimEnd().split('\n')
      expect(first).toBe('starkit: internal error: the terminal is gone')
      expect(second).toBe('Error: the terminal is gone')
      // The stack runs through the command that wrote the report.
      expect(frames.some((f) => /^ {4}at .*src\/cli\/commands\/lint\.ts:\d+/.test(f))).toBe(true)
    }
  })
})
