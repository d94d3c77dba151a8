import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { Io } from '../../src/cli/io.js'
import { write } from '../../src/emit/markdown.js'
import { buildSite, type BuildEntry } from '../../src/emit/site.js'
import { lintInputs } from '../../src/rules/lint.js'
import { hostileScenario } from './fixtures/hostile.js'
import { seed000 } from './fixtures/seed-000.js'
import { SCHEMA_ID } from './fixtures/corpus.js'

// Worker threads need the compiled worker: the built CLI is run (npm test builds first).
const bin = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))
const FILES = 40
let dir: string

/** Every file under `root`, relative, sorted, with its bytes. */
async function tree(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  if (!existsSync(root)) return out
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) out.set(relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'), await readFile(join(entry.parentPath, entry.name)))
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)))
}

/** The built CLI, as a user runs it: exit code, stdout and stderr. */
function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  return cliIn(process.env, ...args)
}

/** The built CLI with this environment. */
function cliIn(env: NodeJS.ProcessEnv, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('node', [bin, ...args], { cwd: dir, encoding: 'utf8', env })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** The same command in this process, from the TypeScript sources, where there are no worker threads. */
async function inProcess(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: Io = { cwd: dir, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stdoutIsTTY: false, stdinIsTTY: false, env: {} }
  return { code: await main(argv, io), stdout, stderr }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starkit-build-threads-'))
  await mkdir(join(dir, 'c'))
  for (let i = 0; i < FILES; i++) {
    const s = i === 7 ? hostileScenario() : structuredClone(seed000)
    s.id = `scenario-${String(i).padStart(3, '0')}`
    // Ids whose file names sort apart from the ids themselves (`a-b.html` < `a.html`, `a` < `a-b`).
    if (i === 20) s.id = 'scenario-020-b'
    if (i === 21) s.id = 'scenario-020'
    if (i === 5) s.overview.summary = `A summary with a number, ${i}, and “quotes”`
    let text = write(s)
    if (i === 39) text = text.replace(/^id: .*$/m, 'id: scenario-001') // a duplicate id: left out
    if (i === 12) text = text.replace(/^id: .*$/m, 'id: [not, an, id') // does not parse: left out
    await writeFile(join(dir, 'c', `scenario-${String(i).padStart(3, '0')}.md`), text)
  }
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('starkit build on worker threads', () => {
  it('writes every byte, and says every word, as a build in one thread does', async () => {
    // Without the compiled worker the CLI would quietly stay in one thread: this would prove nothing.
    expect(existsSync(fileURLToPath(new URL('../../lib/cli/worker.js', import.meta.url)))).toBe(true)
    const one = cli('build', 'c', '--out', 'one', '--force', '--concurrency', 'off')
    expect(one.code).toBe(0)
    expect(one.stderr).toContain('c/scenario-012.md: left out, it does not parse or validate')
    expect(one.stderr).toContain('c/scenario-039.md:1:1  error  Unexpected duplicate id `scenario-001`, also in `c/scenario-001.md`  build/unique-id')
    const reference = await tree(join(dir, 'one'))
    // 38 scenarios (one duplicate and one broken file left out): a page and a JSON file each.
    expect(reference.size).toBe(4 + 2 * (FILES - 2))
    for (const threads of ['2', '3']) {
      const out = `t${threads}`
      const r = cli('build', 'c', '--out', out, '--force', '--concurrency', threads)
      expect({ ...r, stdout: r.stdout.replaceAll(`${out}/`, 'one/').replace(`into ${out}:`, 'into one:') }).toEqual(one)
      const built = await tree(join(dir, out))
      expect([...built.keys()]).toEqual([...reference.keys()])
      for (const [path, bytes] of reference) expect(Buffer.compare(built.get(path)!, bytes), path).toBe(0)
    }
    // And the listing is in path order, which is not id order.
    const listed = one.stdout.split('\n').filter((l) => l.startsWith('wrote ')).map((l) => l.slice('wrote one/'.length))
    expect(listed).toEqual([...reference.keys()])
    expect(listed.indexOf('scenarios/scenario-020-b.html')).toBeLessThan(listed.indexOf('scenarios/scenario-020.html'))
  }, 120_000)

  it('writes what the library builds from the same files, and so does a build in this process', async () => {
    const names = (await readdir(join(dir, 'c'))).sort()
    const inputs = await Promise.all(names.map(async (n) => ({ path: `c/${n}`, content: await readFile(join(dir, 'c', n)) })))
    const entries: BuildEntry[] = []
    const seen = new Set<string>()
    for (const r of await lintInputs(inputs))
      if (r.scenario && !seen.has(r.scenario.id)) {
        seen.add(r.scenario.id)
        entries.push({ path: r.path, scenario: r.scenario, messages: r.messages })
      }
    const expected = buildSite(entries, { scenarioSchemaId: SCHEMA_ID })
    expect(cli('build', 'c', '--out', 'cli', '--force', '--concurrency', '2').code).toBe(0)
    expect((await inProcess('build', 'c', '--out', 'here', '--force')).code).toBe(0)
    for (const out of ['cli', 'here']) {
      const built = await tree(join(dir, out))
      expect([...built.keys()]).toEqual([...expected.keys()])
      for (const [path, content] of expected) expect(built.get(path)!.toString('utf8'), `${out}/${path}`).toBe(content)
    }
  }, 60_000)

  it('writes the same bytes whether the entries wait in a scratch file or, where none can be made, in memory', async () => {
    const temporary = join(dir, 'tmp')
    await mkdir(temporary)
    const scratch = cliIn({ ...process.env, TMPDIR: temporary }, 'build', 'c', '--out', 'scratch', '--force', '--concurrency', '2')
    const memory = cliIn({ ...process.env, TMPDIR: join(dir, 'no-such-folder') }, 'build', 'c', '--out', 'memory', '--force', '--concurrency', '2')
    expect(scratch.code).toBe(0)
    expect({ ...memory, stdout: memory.stdout.replaceAll('memory', 'scratch') }).toEqual(scratch)
    // The scratch file had no name from the start: nothing is left in the temporary folder.
    expect(await readdir(temporary)).toEqual([])
    const [a, b] = [await tree(join(dir, 'scratch')), await tree(join(dir, 'memory'))]
    expect([...b.keys()]).toEqual([...a.keys()])
    for (const [path, bytes] of a) expect(Buffer.compare(b.get(path)!, bytes), path).toBe(0)
  }, 60_000)

  it.skipIf(process.platform === 'win32')('ends with exit 2 and one line, building nothing, when the scratch file cannot be written', () => {
    // A full disk, as near as a test gets: a file size limit of 40 KiB (bash's `ulimit -f`), with
    // a handler for SIGXFSZ (preloaded) so that the write past it fails with EFBIG instead of the
    // signal ending the process. The third ~15 KB entry is past it.
    const handler = `--import=data:text/javascript,process.on('SIGXFSZ',()=>{})`
    const r = spawnSync('bash', ['-c', `ulimit -f 40; exec node ${JSON.stringify(bin)} build c --out full --force --concurrency 2`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: handler },
    })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^starkit: Cannot write the build's scratch file \(in .+\): EFBIG: file too large, write\n$/)
    expect(r.stdout).toBe('')
    expect(existsSync(join(dir, 'full'))).toBe(false)
  }, 60_000)

  it.skipIf(process.platform === 'win32')('names the file it could not write, with exit 2 and one line after what it wrote', async () => {
    // One scenario, HTML only, and a file size limit (22 KiB) that its entry in the scratch
    // file (~19 KB) and the index fit under, and its page (~27 KB) does not.
    await mkdir(join(dir, 'single'))
    await writeFile(join(dir, 'single', 'scenario-000.md'), await readFile(join(dir, 'c', 'scenario-000.md')))
    const handler = `--import=data:text/javascript,process.on('SIGXFSZ',()=>{})`
    const r = spawnSync('bash', ['-c', `ulimit -f 22; exec node ${JSON.stringify(bin)} build single --out small --force --html-only`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: handler },
    })
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('wrote small/assets/app.js\nwrote small/assets/style.css\nwrote small/index.html\n')
    expect(r.stderr).toBe('starkit: Cannot write `small/scenarios/scenario-000.html`: EFBIG: file too large, write\n')
    // Its temporary file is gone with it.
    expect(await readdir(join(dir, 'small', 'scenarios'))).toEqual([])
  }, 60_000)

  it('rebuilds nothing when nothing changed, on threads too', () => {
    expect(cli('build', 'c', '--out', 'again', '--force', '--concurrency', '2').code).toBe(0)
    const r = cli('build', 'c', '--out', 'again', '--force', '--concurrency', '2')
    expect(r.stdout).toMatch(/^Built 38 scenarios into again: 0 files written, 80 unchanged, /)
  }, 60_000)
})
