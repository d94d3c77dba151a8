import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import { beforeEach, describe, expect, test } from 'vitest'
import { run } from '../support/io.js'

const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')
const name = 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md'
const file = `content/${name}`
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-formats-'))
  mkdirSync(join(dir, 'content'))
  // Two errors (a "We" sentence) and two warnings (the missing key phrase, an SDE 1 overrun).
  writeFileSync(join(dir, file), complete.replace('I collected a month of failed runs.', 'We collected a month of failed runs.').replace('Time limit: 3 minutes', 'Time limit: 2 minutes'))
})

describe('lint output formats, end to end through the CLI', () => {
  test('stylish: plain off a TTY, coloured on one, NO_COLOR honoured', async () => {
    const plain = await run(['lint', 'content'], { cwd: dir })
    expect(plain.code).toBe(1)
    expect(plain.stdout).toBe(
      [
        file,
        '  56:1    error    Unexpected sentence opening `We`, expected `I`                                       action-first-person',
        '  56:1    error    Unexpected `We` in the Action example, expected `I`                                  action-no-we',
        '  60:1    warning  Missing key phrase `I collected` in the Action example                               key-phrase-in-example',
        '  167:13  warning  Unexpected step targets of `175s` in all, expected at most `120s` for level `SDE 1`  level-time-budget',
        '',
        '✖ 4 problems (2 errors, 2 warnings)',
        '',
      ].join('\n'),
    )
    const tty = await run(['lint', 'content'], { cwd: dir, tty: true })
    expect(tty.stdout).toContain('\u001b[31merror  \u001b[39m')
    expect((await run(['lint', 'content'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout).toBe(plain.stdout)
    expect((await run(['lint', 'content', '--no-color'], { cwd: dir, tty: true })).stdout).toBe(plain.stdout)
  })

  test('github: workflow annotation commands', async () => {
    const r = await run(['lint', 'content', '--format', 'github'], { cwd: dir })
    expect(r.stdout.split('\n')[0]).toBe(
      `::error file=${file},line=56,col=1,endLine=56,endColumn=37,title=action-first-person::Unexpected sentence opening \`We\`, expected \`I\``,
    )
    expect(r.stdout.split('\n')).toHaveLength(5)
  })

  test('sarif: valid against the SARIF 2.1.0 schema, one result per finding', async () => {
    const r = await run(['lint', 'content', '--format', 'sarif'], { cwd: dir })
    const log = JSON.parse(r.stdout)
    const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'))
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false })
    const valid = ajv.validate(schema, log)
    expect(ajv.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    expect(log.runs[0].results.map((x: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) => `${x.ruleId} ${x.level} ${x.locations[0]!.physicalLocation.region.startLine}`)).toEqual([
      'action-first-person error 56',
      'action-no-we error 56',
      'key-phrase-in-example warning 60',
      'level-time-budget warning 167',
    ])
    expect(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(['action-first-person', 'action-no-we', 'key-phrase-in-example', 'level-time-budget'])
  })

  test('junit: a failing test case per finding', async () => {
    const r = await run(['lint', 'content', '--format', 'junit'], { cwd: dir })
    expect(r.stdout).toContain(`<testsuite name="${file}" tests="4" failures="4" errors="0">`)
    expect(r.stdout).toContain(`<failure type="error" message="Unexpected sentence opening \`We\`, expected \`I\`">${file}:56:1: Unexpected sentence opening \`We\`, expected \`I\` (action-first-person)</failure>`)
    expect(r.stdout.match(/<testcase /g)).toHaveLength(4)
  })

  test('json to --output, --quiet, --max-warnings', async () => {
    expect(await run(['lint', 'content', '-f', 'json', '-o', 'report.json'], { cwd: dir })).toEqual({ code: 1, stdout: '', stderr: '' })
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))
    expect([report.version, report.errorCount, report.warningCount]).toEqual([1, 2, 2])
    const quiet = await run(['lint', 'content', '-q', '-f', 'json'], { cwd: dir })
    expect(JSON.parse(quiet.stdout).files[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['action-first-person', 'action-no-we'])
    // Warnings only: exit 0 within --max-warnings, 1 past it.
    writeFileSync(join(dir, file), complete.replace('Time limit: 3 minutes', 'Time limit: 2 minutes'))
    writeFileSync(join(dir, 'starkit.config.yaml'), 'rules:\n  unique-id: off\n')
    expect((await run(['lint', 'content', '--max-warnings', '1'], { cwd: dir })).code).toBe(0)
    const over = await run(['lint', 'content', '--max-warnings', '0'], { cwd: dir })
    expect(over.code).toBe(1)
    expect(over.stderr).toBe('starkit: 1 warnings, more than --max-warnings 0\n')
    expect((await run(['lint', 'content', '--max-warnings', 'x'], { cwd: dir })).stderr).toBe('starkit: Unexpected `--max-warnings x`, expected a whole number\n')
  })

  test('.gitignore, .starkitignore and globs choose the files', async () => {
    mkdirSync(join(dir, 'content', 'drafts'))
    writeFileSync(join(dir, 'content', 'drafts', 'draft.md'), '')
    writeFileSync(join(dir, 'content', 'skip.md'), '')
    writeFileSync(join(dir, '.gitignore'), 'drafts/\n')
    writeFileSync(join(dir, '.starkitignore'), 'skip.md\n')
    const r = await run(['lint', 'content', '-f', 'json'], { cwd: dir })
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual([file])
    const glob = await run(['lint', 'content/**/*.md', '-f', 'json'], { cwd: dir })
    expect(JSON.parse(glob.stdout).files.map((f: { path: string }) => f.path)).toEqual([file])
    // A file named on the command line is linted even when ignored.
    const named = await run(['lint', 'content/skip.md', '-f', 'json'], { cwd: dir })
    expect(JSON.parse(named.stdout).files.map((f: { path: string }) => f.path)).toEqual(['content/skip.md'])
  })
})

describe('lint --fix through the CLI', () => {
  test('rewrites only the flagged text, atomically, says what it fixed, and reports what remains', async () => {
    const damaged = complete
      .replace('I collected a month of failed runs.', 'We collected a month of failed runs.')
      .replace('Coaching: Use "I" for every step.', 'Coaching: Use "I" for every step βœ… always.')
    writeFileSync(join(dir, file), damaged)
    const before = await run(['lint', 'content', '-f', 'json'], { cwd: dir })
    const found = JSON.parse(before.stdout).files[0].messages.filter((m: { ruleId: string }) => m.ruleId === 'no-mojibake')
    expect(found).toMatchObject([{ line: 65, column: 34, fix: { text: '✅' } }])
    const r = await run(['lint', 'content', '--fix', '-f', 'json'], { cwd: dir })
    expect(r.stderr).toBe(`fixed 1 problem in ${file}\n`)
    expect(readFileSync(join(dir, file), 'utf8')).toBe(damaged.replace('βœ…', '✅'))
    expect(JSON.parse(r.stdout).files[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['action-first-person', 'action-no-we', 'key-phrase-in-example'])
    // Nothing left to fix: the file is not touched again.
    const again = await run(['lint', 'content', '--fix'], { cwd: dir })
    expect(again.stderr).toBe('')
  })
})
