/**
 * Safe writes: every writing command (convert, fmt, lint --fix, new, build) writes atomically,
 * never overwrites without consent, and touches nothing outside its target. The kill test
 * spawns the built bin (`npm test` builds first) on a large batch and SIGKILLs it mid-way.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { parse } from '../../src/index.js'
import { seedText } from '../convert/helpers.js'
import { run } from '../support/io.js'

const BIN = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))
const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')
const GOOD = 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md'

let dir: string
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'starkit-safe-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Every file under `root` (relative path -> bytes as text, and mtime), folders as `/`-ended keys. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      const rel = relative(root, p)
      if (e.isDirectory()) {
        out.set(rel + '/', '')
        walk(p)
      } else out.set(rel, readFileSync(p, 'utf8') + `\u0000${statSync(p).mtimeMs}`)
    }
  }
  walk(root)
  return out
}

/** The entries of `after` that differ from `before` (added, changed or removed). */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()])
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort()
}

describe('a process killed mid-batch leaves every output old or whole, never torn', () => {
  test('convert, SIGKILLed after some files are written', async () => {
    const seed = seedText('000')
    const pages = join(dir, 'pages')
    const out = join(dir, 'out')
    mkdirSync(pages)
    mkdirSync(out)
    // 200 distinct pages (distinct ids) and, for half of them, an old output to overwrite with --force.
    const N = 200
    const title = /^(.*) - Amazon LP STAR Walkthrough$/m.exec(seed)![1]!
    for (let i = 0; i < N; i++) writeFileSync(join(pages, `p${String(i).padStart(3, '0')}.txt`), seed.replace(title, `${title} number ${i}`))
    const first = await run(['convert', 'pages', '-o', 'probe'], { cwd: dir })
    const ids = readdirSync(join(dir, 'probe')).sort()
    expect(ids).toHaveLength(N)
    const OLD = 'old content\n'
    ids.forEach((id, i) => i % 2 === 0 && writeFileSync(join(out, id), OLD))
    expect(first.code).toBeLessThanOrEqual(1)

    const child = spawn(process.execPath, [BIN, 'convert', 'pages', '-o', 'out', '--force'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
    let lines = 0
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        lines += chunk.toString().split('\n').length - 1
        if (lines >= N / 4 && !child.killed) child.kill('SIGKILL')
      })
      child.on('exit', () => resolve())
    })
    expect(child.signalCode).toBe('SIGKILL')

    let fresh = 0
    let old = 0
    for (const name of readdirSync(out)) {
      const text = readFileSync(join(out, name), 'utf8')
      if (text === OLD) {
        old++
        continue
      }
      // A temporary file of write-file-atomic may be left by the kill; it is never the target.
      if (!name.endsWith('.md')) continue
      expect(text, name).toBe(readFileSync(join(dir, 'probe', name), 'utf8'))
      expect(parse(text).file.messages.filter((m) => m.fatal)).toEqual([])
      fresh++
    }
    expect(fresh).toBeGreaterThan(0)
    expect(fresh).toBeLessThan(N)
    expect(old).toBeGreaterThan(0)
  }, 120_000)
})

describe('no overwrite without consent, and nothing touched outside the target', () => {
  test('convert refuses an existing output without --force and writes only into --out-dir', async () => {
    mkdirSync(join(dir, 'pages'))
    writeFileSync(join(dir, 'pages', 'a.txt'), seedText('000'))
    await run(['convert', 'pages', '-o', 'out'], { cwd: dir })
    const [name] = readdirSync(join(dir, 'out'))
    writeFileSync(join(dir, 'out', name!), 'mine\n')
    const before = snapshot(dir)
    const r = await run(['convert', 'pages', '-o', 'out'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(changed(before, snapshot(dir))).toEqual([])
    const forced = await run(['convert', 'pages', '-o', 'out', '--force'], { cwd: dir })
    expect(forced.code).toBe(0)
    expect(changed(before, snapshot(dir))).toEqual([`out/${name}`])
  })

  test('fmt rewrites only the files it formats; --check writes nothing', async () => {
    mkdirSync(join(dir, 'c'))
    writeFileSync(join(dir, 'c', GOOD), complete.replace('## Follow-ups', '## follow ups'))
    writeFileSync(join(dir, 'c', 'other.md'), complete.replace('id: tell-me', 'id: other-tell-me'))
    writeFileSync(join(dir, 'notes.txt'), 'keep\n')
    const before = snapshot(dir)
    expect((await run(['fmt', '--check', 'c'], { cwd: dir })).code).toBe(1)
    expect(changed(before, snapshot(dir))).toEqual([])
    expect((await run(['fmt', 'c'], { cwd: dir })).code).toBe(0)
    expect(changed(before, snapshot(dir))).toEqual([`c/${GOOD}`])
  })

  test.skipIf(process.platform === 'win32')('a write cut short (a full disk, a file size limit) leaves the file as it was, and says so: fmt, lint --fix, convert --force, new', async () => {
    // write-file-atomic made one `write` call and renamed what it wrote: under a limit, fmt
    // replaced a file with its first 4,096 bytes and said `formatted`. A file size limit of
    // 2 KiB (bash's `ulimit -f`), with a handler for SIGXFSZ so that the write past it fails
    // (EFBIG) instead of the signal ending the process, stands in for a disk that fills.
    mkdirSync(join(dir, 'c'))
    const big = complete.replace('## Follow-ups', '## follow ups')
    expect(Buffer.byteLength(big)).toBeGreaterThan(2048 + 1024)
    writeFileSync(join(dir, 'c', GOOD), big)
    // Mojibake `--fix` repairs.
    mkdirSync(join(dir, 'f'))
    writeFileSync(join(dir, 'f', GOOD), complete.replace("every team's releases", 'every teamâ€™s releases'))
    writeFileSync(join(dir, 'page.txt'), seedText('000'))
    await run(['convert', 'page.txt', '-o', 'out'], { cwd: dir })
    const [converted] = readdirSync(join(dir, 'out'))
    writeFileSync(join(dir, 'out', converted!), 'mine\n')
    const scaffold = `new "Tell me about a time you shipped" --company Amazon --principle Ownership --dir s --id shipped`
    await run(['new', 'Tell me about a time you shipped', '--company', 'Amazon', '--principle', 'Ownership', '--dir', 's', '--id', 'shipped'], { cwd: dir })
    writeFileSync(join(dir, 's', 'shipped.md'), 'mine\n')
    const limited = (args: string): { status: number | null; stdout: string; stderr: string } =>
      spawnSync('bash', ['-c', `ulimit -f 2; exec node ${JSON.stringify(BIN)} ${args}`], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: `--import=data:text/javascript,process.on('SIGXFSZ',()=>{})` },
      })
    const before = snapshot(dir)
    const fmt = limited('fmt c')
    expect({ status: fmt.status, stdout: fmt.stdout, stderr: fmt.stderr }).toEqual({ status: 2, stdout: '', stderr: `starkit: Cannot write \`c/${GOOD}\`: EFBIG: file too large, write\n` })
    const fix = limited('lint --fix f -f json')
    expect(fix.status).toBe(2)
    expect(fix.stderr).toBe(`starkit: Cannot write \`f/${GOOD}\`: EFBIG: file too large, write\n`)
    const convert = limited('convert page.txt --out-dir out --force')
    expect(convert.status).toBe(1)
    expect(convert.stdout + convert.stderr).toContain(`Unexpected error writing \`out/${converted}\` (EFBIG)`)
    const forced = limited(`${scaffold} --force`)
    expect({ status: forced.status, stderr: forced.stderr }).toEqual({ status: 2, stderr: 'starkit: Cannot write `s/shipped.md`: EFBIG: file too large, write\n' })
    const fresh = limited(scaffold.replace('--id shipped', '--id shipped-again'))
    expect({ status: fresh.status, stderr: fresh.stderr }).toEqual({ status: 2, stderr: 'starkit: Cannot write `s/shipped-again.md`: EFBIG: file too large, write\n' })
    // Every file as it was, and no temporary file left beside any.
    expect(changed(before, snapshot(dir))).toEqual([])
  })

  test('lint --fix writes only the files it fixed', async () => {
    mkdirSync(join(dir, 'c'))
    writeFileSync(join(dir, 'c', GOOD), complete)
    writeFileSync(join(dir, 'keep.md.bak'), 'x')
    const before = snapshot(dir)
    await run(['lint', '--fix', 'c'], { cwd: dir })
    const after = changed(before, snapshot(dir))
    expect(after.every((p) => p.startsWith('c/') && p.endsWith('.md'))).toBe(true)
  })

  test('new writes one file in --dir and refuses to overwrite', async () => {
    mkdirSync(join(dir, 'scenarios'))
    const before = snapshot(dir)
    const args = ['new', 'Tell me about a time you shipped', '--company', 'Amazon', '--principle', 'Ownership', '--dir', 'scenarios']
    expect((await run(args, { cwd: dir })).code).toBe(0)
    const added = changed(before, snapshot(dir))
    expect(added).toEqual(['scenarios/tell-me-about-a-time-you-shipped.md'])
    const mid = snapshot(dir)
    const again = await run([...args, '--id', 'tell-me-about-a-time-you-shipped'], { cwd: dir })
    expect(again.stderr).toBe('starkit: Unexpected existing file `scenarios/tell-me-about-a-time-you-shipped.md`, expected `--force` to overwrite it\n')
    expect(again.code).toBe(2)
    expect(changed(mid, snapshot(dir))).toEqual([])
  })

  test('build writes only inside --out, and a refused build writes nothing', async () => {
    mkdirSync(join(dir, 'scenarios'))
    writeFileSync(join(dir, 'scenarios', GOOD), complete)
    const before = snapshot(dir)
    const refused = await run(['build', 'scenarios', '--out', '.'], { cwd: dir })
    expect(refused.code).toBe(2)
    expect(changed(before, snapshot(dir))).toEqual([])
    const r = await run(['build', 'scenarios', '--out', 'site'], { cwd: dir })
    expect(r.code).toBe(0)
    const touched = changed(before, snapshot(dir))
    expect(touched.length).toBeGreaterThan(0)
    expect(touched.filter((p) => !p.startsWith('site/'))).toEqual([])
    expect(existsSync(join(dir, 'site', 'scenarios.json'))).toBe(true)
  })
})

describe('convert never writes through a symbolic link out of --out-dir', () => {
  test('an output path that is a link to a file outside is refused, even with --force', async () => {
    const { symlinkSync } = await import('node:fs')
    mkdirSync(join(dir, 'pages'))
    writeFileSync(join(dir, 'pages', 'a.txt'), seedText('000'))
    await run(['convert', 'pages', '-o', 'probe'], { cwd: dir })
    const [name] = readdirSync(join(dir, 'probe'))
    mkdirSync(join(dir, 'out'))
    writeFileSync(join(dir, 'outside.md'), 'not yours\n')
    symlinkSync('../outside.md', join(dir, 'out', name!))
    const before = snapshot(dir)
    const r = await run(['convert', 'pages', '-o', 'out', '--force'], { cwd: dir })
    expect(r.stderr).toContain(`error  Unexpected symbolic link \`out/${name}\`, expected a regular file or none  convert/exists`)
    expect(r.code).toBe(1)
    expect(changed(before, snapshot(dir))).toEqual([])
  })
})
