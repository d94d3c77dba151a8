import { mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { beforeEach, describe, expect, it } from 'vitest'
import register from '../../src/cli/commands/convert.js'
import type { Io } from '../../src/cli/io.js'
import { SCENARIOS_DIR, SEEDS_DIR, seedNames, seedText } from './helpers.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Run `starkit convert …` through the command's own register function. */
async function run(cwd: string, args: string[], tty = false): Promise<Run> {
  let stdout = ''
  let stderr = ''
  let code = 0
  const io: Io = {
    cwd,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutIsTTY: tty,
    stdinIsTTY: false,
    env: {},
  }
  const program = new Command().exitOverride()
  register(program, { io, setExitCode: (c) => void (code = Math.max(code, c)) })
  try {
    await program.parseAsync(['convert', ...args], { from: 'user' })
  } catch (error) {
    if ((error as Error).name === 'UsageError') {
      stderr += `starkit: ${(error as Error).message}\n`
      code = 2
    } else throw error
  }
  return { code, stdout, stderr }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-convert-'))
})

describe('starkit convert', () => {
  it('converts the seeds folder into scenarios/ byte for byte, exit 0', async () => {
    const r = await run(dir, [SEEDS_DIR, '-o', 'out'])
    expect(r.code).toBe(0)
    const written = readdirSync(join(dir, 'out')).sort()
    expect(written).toEqual(readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.md')).sort())
    for (const f of written) expect(readFileSync(join(dir, 'out', f), 'utf8')).toBe(readFileSync(join(SCENARIOS_DIR, f), 'utf8'))
    expect(r.stderr).toBe('5 pages: 5 converted completely, 0 not; 20 mojibake repairs\n')
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(5)
  })

  it('never overwrites without --force; reports each file and goes on', async () => {
    await run(dir, [SEEDS_DIR, '-o', 'out'])
    const target = join(dir, 'out', 'tell-me-about-a-time-you-had-to-rebuild-trust-after-a-mistake.md')
    writeFileSync(target, 'mine\n')
    const r = await run(dir, [SEEDS_DIR, '-o', 'out'])
    expect(r.code).toBe(1)
    expect(readFileSync(target, 'utf8')).toBe('mine\n')
    expect(r.stderr).toContain('expected `--force` to overwrite it  convert/exists')
    const forced = await run(dir, [SEEDS_DIR, '-o', 'out', '--force'])
    expect(forced.code).toBe(0)
    expect(readFileSync(target, 'utf8')).toBe(readFileSync(join(SCENARIOS_DIR, 'tell-me-about-a-time-you-had-to-rebuild-trust-after-a-mistake.md'), 'utf8'))
  })

  it('--stdout prints the Markdown and writes nothing', async () => {
    const r = await run(dir, [join(SEEDS_DIR, seedNames()[0]!), '--stdout'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(readFileSync(join(SCENARIOS_DIR, 'tell-me-about-a-time-a-customer-was-unhappy-and-what-you-did-about-it.md'), 'utf8'))
    expect(readdirSync(dir)).toEqual([])
  })

  it('--report writes a versioned JSON report per input', async () => {
    const r = await run(dir, [SEEDS_DIR, '-o', 'out', '--report', 'report.json'])
    expect(r.code).toBe(0)
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))
    expect(report.version).toBe(1)
    expect(report.files).toHaveLength(5)
    const third = report.files[3]
    expect(third.input.endsWith('003_202797161fccdc12.txt')).toBe(true)
    expect(third.output).toBe('out/describe-a-situation-where-you-pushed-back-on-low-quality-work.md')
    expect(third.status).toBe('written')
    expect(third.complete).toBe(true)
    expect(third.sectionsMissing).toEqual([])
    expect(third.unplacedLines).toEqual([])
    expect(third.repairs[0]).toEqual({ line: 19, column: 1, from: 'πŸ’‘', to: '💡' })
    expect(third.fieldsFilled).toContain('/steps/action/example')
    expect(report.files[0].fieldsFilled).toContain('/practice/4/answer')
    // An existing report is not overwritten without --force either.
    const again = await run(dir, [SEEDS_DIR, '-o', 'out2', '--report', 'report.json'])
    expect(again.code).toBe(2)
  })

  it('hostile inputs: exit 1, clear messages, nothing written for what is not a walkthrough', async () => {
    const pages = join(dir, 'pages')
    mkdirSync(pages)
    writeFileSync(join(pages, 'a-empty.txt'), '')
    writeFileSync(join(pages, 'b-binary.txt'), new Uint8Array(512).map((_, i) => i % 256))
    writeFileSync(join(pages, 'c-title.txt'), 'Tell Me About a Time You Failed - Amazon LP STAR Walkthrough\n')
    writeFileSync(join(pages, 'd-other.txt'), 'Amazon Leadership Principles\nOwnership - Amazon LP Competency\nWhat interviewers look for\n')
    copyFileSync(join(SEEDS_DIR, seedNames()[1]!), join(pages, 'e-good.txt'))
    writeFileSync(join(pages, 'f-twice.txt'), seedText('004') + '\n' + seedText('004'))
    const r = await run(dir, ['pages', '-o', 'out'])
    expect(r.code).toBe(1)
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'tell-me-about-a-time-you-anticipated-a-customer-need-before-they-expressed-it.md',
      'tell-me-about-a-time-you-failed.md',
      'tell-me-about-a-time-you-had-to-rebuild-trust-after-a-mistake.md',
    ])
    expect(r.stdout).toContain('pages/a-empty.txt: not written (not a convertible walkthrough page)')
    expect(r.stdout).toContain('pages/c-title.txt -> out/tell-me-about-a-time-you-failed.md (incomplete')
    expect(r.stderr).toContain('Unexpected empty page, expected the text of a STAR walkthrough')
    expect(r.stderr).toContain('Unexpected binary content, expected the text of a scraped page')
    expect(r.stderr).toContain('Unexpected page kind `Competency`, expected `STAR Walkthrough`')
    expect(r.stderr).toContain('Missing section `Follow-ups`')
    expect(r.stderr).toContain('Unexpected repeated copy of the page, expected one page per file')
    expect(r.stderr).toContain('6 pages: 2 converted completely, 4 not')
  })

  it('a missing path is a usage error (exit 2)', async () => {
    const r = await run(dir, ['nope.txt'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('starkit: Unexpected path `nope.txt`, expected an existing file or folder\n')
  })

  it('shows progress on a TTY only, on stderr', async () => {
    const tty = await run(dir, [SEEDS_DIR, '-o', 'a'], true)
    expect(tty.stderr).toContain('converting 5/5')
    expect(tty.stdout).not.toContain('converting')
    const pipe = await run(dir, [SEEDS_DIR, '-o', 'b'], false)
    expect(pipe.stderr).not.toContain('converting')
  })
})
