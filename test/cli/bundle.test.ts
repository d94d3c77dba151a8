/**
 * `bin/starkit.js` runs the esbuild bundle of the CLI (scripts/bundle.mjs), while every other
 * test of a command runs its sources in-process. Here each command, down each of its ways of
 * writing a file (`replaceFile` over a file that is there, the new-file path of build and
 * convert, the cache's append), runs both ways on the same input and must give the same exit code, output
 * and files. A bundle that lost a CommonJS global (`__filename`) failed every convert write
 * and would fail here.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { tempFolders } from '../support/temp.js'
import { run } from '../support/io.js'
import { SCENARIOS_DIR, SEEDS_DIR } from '../convert/helpers.js'

const BIN = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))
const tempFolder = tempFolders('starkit-bundle-')

/** A folder with the bundled scenarios and the seed pages, one per way of running. */
function workspace(): string {
  const dir = tempFolder()
  cpSync(SCENARIOS_DIR, join(dir, 'scenarios'), { recursive: true })
  cpSync(SEEDS_DIR, join(dir, 'seeds'), { recursive: true })
  return dir
}

/** Every file under `dir`, by path, with its bytes (as latin1 text, to compare). */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out[relative(dir, path)] = readFileSync(path, 'latin1')
  }
  return out
}

type Step = (dir: string) => void

/** The same commands, run through the bundle (`bin`) and through the sources (`main`). */
const STEPS: { name: string; argv: string[]; before?: Step }[] = [
  { name: 'convert writes new files', argv: ['convert', 'seeds', '-o', 'converted', '--report', 'report.json'] },
  { name: 'convert --force replaces them', argv: ['convert', 'seeds', '-o', 'converted', '--force'] },
  { name: 'lint --cache writes a cache', argv: ['lint', 'scenarios', '--format', 'json', '--cache'] },
  {
    name: 'lint --cache appends a changed file',
    argv: ['lint', 'scenarios', '--format', 'json', '--cache'],
    before: (dir) => writeFileSync(join(dir, 'scenarios', readdirSync(join(dir, 'scenarios'))[0]!), '\n<!-- edited -->\n', { flag: 'a' }),
  },
  { name: 'build writes a site', argv: ['build', 'scenarios', '-o', 'site'] },
  {
    name: 'build replaces a changed file',
    argv: ['build', 'scenarios', '-o', 'site'],
    before: (dir) => writeFileSync(join(dir, 'site', 'index.html'), 'stale'),
  },
  { name: 'lint -o writes a report', argv: ['lint', 'scenarios', '--format', 'sarif', '-o', 'report.sarif'] },
]

describe('the bundled CLI', () => {
  const bundled = workspace()
  const sources = workspace()
  test.each(STEPS)('$name: the same as the sources', async ({ argv, before }) => {
    before?.(bundled)
    before?.(sources)
    const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: bundled, encoding: 'utf8' })
    const s = await run(argv, { cwd: sources })
    expect({ code: r.status, stdout: r.stdout.replaceAll(bundled, '<dir>'), stderr: r.stderr.replaceAll(bundled, '<dir>') }).toEqual({
      code: s.code,
      stdout: s.stdout.replaceAll(sources, '<dir>'),
      stderr: s.stderr.replaceAll(sources, '<dir>'),
    })
    expect(files(bundled)).toEqual(files(sources))
  }, 60_000)

  test('the steps above wrote what they say (the comparison is not of two empty folders)', () => {
    const all = Object.keys(files(bundled))
    for (const path of ['report.json', 'report.sarif', join('.starkit-cache', 'lint.ndjson'), join('site', 'scenarios.json'), join('site', 'index.html')]) expect(all).toContain(path)
    expect(all.filter((p) => p.startsWith('converted'))).toHaveLength(5)
    expect(readFileSync(join(bundled, 'site', 'index.html'), 'utf8')).not.toBe('stale')
  })
})

describe('--debug through the bundle', () => {
  const LOADER = fileURLToPath(new URL('../../bin/load-main.js', import.meta.url))

  test('an internal error of the bundled CLI shows the lines of src/*.ts that threw, through its source maps', () => {
    const dir = workspace()
    // The bundle with source maps on, loaded as the bin loads it with --debug, its report going to a terminal that is gone.
    const script = [
      'process.setSourceMapsEnabled(true)',
      `const { requireMain } = await import(${JSON.stringify(LOADER)})`,
      'const { main } = requireMain()',
      "let stderr = ''",
      `const io = { cwd: ${JSON.stringify(dir)}, stdout: () => { throw new Error('the terminal is gone') }, stderr: (s) => void (stderr += s), stdoutIsTTY: false, stdinIsTTY: false, env: {} }`,
      "const code = await main(['--debug', 'lint', 'scenarios', '-f', 'json'], io)",
      'process.stdout.write(JSON.stringify({ code, stderr }))',
    ].join('\n')
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    const { code, stderr } = JSON.parse(r.stdout) as { code: number; stderr: string }
    expect(code).toBe(2)
    const frames = stderr.split('\n').filter((l) => l.startsWith('    at '))
    expect(frames.some((f) => /src\/cli\/commands\/lint\.ts:\d+:\d+\)$/.test(f))).toBe(true)
    // Not a line of the bundle: the maps were read.
    expect(frames.some((f) => f.includes('lib/bundle/'))).toBe(false)
  })

  test('the bin turns source maps on for --debug only (reading them costs every start)', () => {
    // A preload that says, as the process exits, whether source maps were on.
    const probe = `--import=data:text/javascript,process.on('exit',()=>process.stderr.write('maps:'+process.sourceMapsEnabled))`
    const env = { ...process.env, NODE_OPTIONS: probe }
    expect(spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env }).stderr).toBe('maps:false')
    expect(spawnSync(process.execPath, [BIN, '--debug', '--version'], { encoding: 'utf8', env }).stderr).toBe('maps:true')
  })
})
