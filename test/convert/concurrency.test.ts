/**
 * `convert --concurrency`: worker threads give the same run as one thread, byte for byte —
 * the files written, the report, stdout, stderr and the exit code — on a batch that has
 * every per-page outcome (written, incomplete, not a walkthrough, empty, binary, duplicate
 * id, existing output, a symbolic link at an output path, an output that cannot be written).
 * Worker threads need the compiled worker: this runs the built CLI (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { slugify } from '../../src/convert/index.js'
import { seedNames, seedText } from './helpers.js'

const BIN = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))
/** convert's tasks run on the shared pool's worker (src/cli/pool.ts, worker.ts). */
const WORKER = fileURLToPath(new URL('../../lib/cli/worker.js', import.meta.url))

let root: string
beforeAll(() => void (root = mkdtempSync(join(tmpdir(), 'starkit-conc-'))))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A fresh working folder with the same pages and the same pre-existing outputs. */
function workspace(name: string): string {
  const dir = join(root, name)
  const pages = join(dir, 'pages')
  mkdirSync(pages, { recursive: true })
  const seeds = seedNames().map((n) => seedText(n))
  // Distinct pages from the seeds, so batches of several pages go to each thread.
  for (let i = 0; i < 40; i++) {
    const seed = seeds[i % seeds.length]!
    const title = /^(.*) - Amazon LP STAR Walkthrough$/m.exec(seed)![1]!
    writeFileSync(join(pages, `p${String(i).padStart(3, '0')}.txt`), seed.replace(title, `${title} number ${i}`))
  }
  writeFileSync(join(pages, 'p100-duplicate.txt'), readFileSync(join(pages, 'p007.txt')))
  writeFileSync(join(pages, 'p101-cut.txt'), seeds[1]!.slice(0, Math.floor(seeds[1]!.length / 2)))
  writeFileSync(join(pages, 'p102-empty.txt'), ' \n\n')
  writeFileSync(join(pages, 'p103-binary.txt'), new Uint8Array([0, 1, 2, 3, 0, 0, 255, 7]))
  writeFileSync(join(pages, 'p104-competency.txt'), seeds[2]!.replace(/STAR Walkthrough/g, 'Competency'))
  // Outputs already there: a file (no --force), a link, and a folder where a file should go.
  const out = join(dir, 'out')
  mkdirSync(out)
  const title = (i: number): string => /^(.*) - Amazon LP STAR Walkthrough$/m.exec(seeds[i % seeds.length]!)![1]!
  const slug = (i: number): string => slugify(`${title(i)} number ${i}`)
  writeFileSync(join(out, `${slug(3)}.md`), 'mine\n')
  writeFileSync(join(dir, 'outside.md'), 'not yours\n')
  symlinkSync('../outside.md', join(out, `${slug(11)}.md`))
  mkdirSync(join(out, `${slug(20)}.md`))
  return dir
}

/** Every entry under `dir`: files with their bytes, links with their target, folders. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name)
      const rel = relative(dir, p)
      if (lstatSync(p).isSymbolicLink()) out[rel] = `-> ${readlinkSync(p)}`
      else if (e.isDirectory()) {
        out[rel + '/'] = ''
        walk(p)
      } else out[rel] = readFileSync(p, 'latin1')
    }
  }
  walk(dir)
  return out
}

function convertIn(name: string, args: string[]) {
  const dir = workspace(name)
  const r = spawnSync(process.execPath, [BIN, 'convert', 'pages', '-o', 'out', '--report', 'report.json', ...args], { cwd: dir, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, files: snapshot(dir) }
}

describe('convert --concurrency', () => {
  test('the compiled worker exists (the thread runs below are real)', () => {
    expect(existsSync(WORKER)).toBe(true)
  })

  test.each([[[]], [['--force']], [['--stdout']]])('threads and no threads give byte-identical runs %j', (extra) => {
    const name = extra.join('') || 'plain'
    const one = convertIn(`${name}-off`, ['--concurrency', 'off', ...extra])
    // The batch has every kind of outcome, so the comparison below means something.
    expect(one.code).toBe(1)
    const report = JSON.parse(one.files['report.json']!) as { files: { status: string }[] }
    const statuses = new Set(report.files.map((f) => f.status))
    if (extra.includes('--stdout')) expect([...statuses].sort()).toEqual(['not-converted', 'stdout'])
    else expect([...statuses].sort()).toEqual(['duplicate-id', 'exists', 'not-converted', ...(extra.includes('--force') ? ['unwritable'] : []), 'written'].sort())
    expect(report.files).toHaveLength(45)
    for (const threads of ['2', '3']) expect(convertIn(`${name}-${threads}`, ['--concurrency', threads, ...extra])).toEqual(one)
  }, 120_000)

  test('a bad value is a usage error, before anything is read', () => {
    const r = spawnSync(process.execPath, [BIN, 'convert', 'no-such-folder', '--concurrency', 'lots'], { cwd: root, encoding: 'utf8' })
    expect(r.stderr).toBe('starkit: Unexpected `--concurrency lots`, expected a number, `auto` or `off`\n')
    expect(r.status).toBe(2)
  })
})

describe('convert on the pool: this thread converts too', () => {
  /** 80 distinct pages from the seeds, and their jobs. */
  function pages(): { file: string; shown: string }[] {
    const dir = join(root, 'pool-pages')
    mkdirSync(dir, { recursive: true })
    const seeds = seedNames().map((n) => seedText(n))
    return Array.from({ length: 80 }, (_, i) => {
      const file = join(dir, `p${String(i).padStart(3, '0')}.txt`)
      writeFileSync(file, seeds[i % seeds.length]!.replace(/^(.*) - Amazon LP STAR Walkthrough$/m, `$1 number ${i} - Amazon LP STAR Walkthrough`))
      return { file, shown: `p${i}.txt` }
    })
  }

  test('while the page it is to take next is not ready, it converts the next page no thread has: the outcomes are those of one thread, in order', async () => {
    // The compiled pool: only it finds its worker script (npm test builds first).
    const { Pool } = (await import(new URL('../../lib/cli/pool.js', import.meta.url).href)) as typeof import('../../src/cli/pool.js')
    const jobs = pages()
    const alone = Pool.for(0, jobs.length)
    const one = alone.convert(jobs, 256)
    const expected = []
    for (const _ of jobs) expected.push(await one.take())
    expect(one.here).toBe(jobs.length)
    await alone.close()

    const pool = Pool.for(1, jobs.length)
    expect(pool.threads).toBe(1)
    try {
      const stream = pool.convert(jobs, 256)
      const got = []
      for (const _ of jobs) got.push(await stream.take())
      expect(got).toEqual(expected)
      expect(expected.filter((o) => 'markdown' in o && o.markdown !== null)).toHaveLength(jobs.length)
      // The worker took its two batches (32 pages) at once; this thread took pages while it waited for the first.
      expect(stream.here).toBeGreaterThan(0)
      expect(stream.here).toBeLessThanOrEqual(jobs.length - 32)
    } finally {
      await pool.close()
    }
  }, 60_000)

  test('it converts no page past `ahead` of the one taken', async () => {
    const { Pool } = (await import(new URL('../../lib/cli/pool.js', import.meta.url).href)) as typeof import('../../src/cli/pool.js')
    const jobs = pages()
    const pool = Pool.for(1, jobs.length)
    try {
      // Ahead by 16: the worker's first batch is all there may be under way; this thread waits for it.
      const stream = pool.convert(jobs, 16)
      await stream.take()
      expect(stream.here).toBe(0)
      for (let k = 1; k < jobs.length; k++) await stream.take()
      expect(stream.stop()).toBe(0)
    } finally {
      await pool.close()
    }
  }, 60_000)
})
