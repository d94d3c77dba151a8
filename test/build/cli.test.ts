import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { Io } from '../../src/cli/io.js'
import { write } from '../../src/emit/markdown.js'
import { amazonDeadline, googleConflict } from './fixtures/corpus.js'
import { hostileScenario } from './fixtures/hostile.js'
import { seed000 } from './fixtures/seed-000.js'
import { startTags } from './helpers/tags.js'

let dir: string

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: Io = {
    cwd: dir,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    stdoutIsTTY: false,
    stdinIsTTY: false,
    env: {},
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

/** Every file under `root`, relative, sorted, with its bytes. */
async function tree(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  if (!existsSync(root)) return out
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name)
      out.set(relative(root, path).split('\\').join('/'), await readFile(path, 'utf8'))
    }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)))
}

const SITE_FILES = (ids: string[]) =>
  [
    'assets/app.js',
    'assets/style.css',
    'index.html',
    'scenarios.json',
    ...ids.flatMap((id) => [`scenarios/${id}.html`, `scenarios/${id}.json`]),
  ].sort()

/** The summary's warnings clause: present when the current rules warn about the fixtures. */
const WARNINGS = '(?:, \\d+ warnings? \\(in the bundle; `starkit lint` shows them\\))?'

const IDS = ['customer-unhappy-webhook-drops', 'disagreed-with-teammate-migration', 'missed-launch-deadline']

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starkit-build-'))
  await mkdir(join(dir, 'scenarios'))
  for (const s of [seed000, googleConflict, amazonDeadline]) await writeFile(join(dir, 'scenarios', `${s.id}.md`), write(s))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('starkit build', () => {
  it('builds `scenarios/` into `dist/` by default and says what it wrote', async () => {
    const r = await run('build')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const files = await tree(join(dir, 'dist'))
    expect([...files.keys()]).toEqual(SITE_FILES(IDS))
    const [summary, ...wrote] = r.stdout.split('\n').filter(Boolean).reverse()
    expect(wrote.reverse()).toEqual(SITE_FILES(IDS).map((f) => `wrote dist/${f}`))
    expect(summary).toMatch(new RegExp(`^Built 3 scenarios into dist: ${files.size} files written, 0 unchanged${WARNINGS}$`))
    const bundle = JSON.parse(files.get('scenarios.json')!)
    expect(bundle.scenarios.map((e: { path: string }) => e.path)).toEqual(IDS.map((id) => `scenarios/${id}.md`))
    expect(bundle.scenarioSchema).toBe('https://starkit.dev/schema/scenario.schema.json')
  })

  it('lists every file it wrote, in order, a few kilobytes of lines at a time, before anything it says after', async () => {
    // 300 scenarios: 604 lines of listing, ~20 KB, more than one write's worth (16 KB).
    const ids = Array.from({ length: 300 }, (_, i) => `many-${String(i).padStart(3, '0')}`)
    await mkdir(join(dir, 'many'))
    for (const id of ids) await writeFile(join(dir, 'many', `${id}.md`), write({ ...seed000, id }))
    // A file of an earlier build: its note comes after the listing.
    await mkdir(join(dir, 'out', 'scenarios'), { recursive: true })
    await writeFile(join(dir, 'out', 'scenarios', 'gone.html'), 'old')
    const calls: { to: 'stdout' | 'stderr'; text: string }[] = []
    const io: Io = {
      cwd: dir,
      stdout: (text) => void calls.push({ to: 'stdout', text }),
      stderr: (text) => void calls.push({ to: 'stderr', text }),
      stdoutIsTTY: false,
      stdinIsTTY: false,
      env: {},
    }
    expect(await main(['build', 'many', '--out', 'out'], io)).toBe(0)
    const listing = SITE_FILES(ids).map((f) => `wrote out/${f}\n`)
    const writes = calls.filter((c) => c.to === 'stdout').map((c) => c.text)
    expect(writes.slice(0, -1).join('')).toBe(listing.join(''))
    expect(writes.at(-1)).toMatch(/^Built 300 scenarios into out: 604 files written, 0 unchanged/)
    // Lines gathered: two to four writes for the 604, none of them cut inside a line.
    expect(writes.length - 1).toBeGreaterThan(1)
    expect(writes.length - 1).toBeLessThan(5)
    for (const text of writes) expect(text.endsWith('\n')).toBe(true)
    expect(calls.map((c) => c.to)).toEqual([...writes.slice(0, -1).map(() => 'stdout'), 'stderr', 'stdout'])
    expect(calls.find((c) => c.to === 'stderr')!.text).toBe('note: out/scenarios/gone.html is not part of this build (left in place)\n')
  })

  it('lists the files of an output folder outside the working directory by their full paths', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'starkit-build-out-'))
    try {
      const r = await run('build', '--out', elsewhere)
      expect(r.code).toBe(0)
      const shown = elsewhere.split('\\').join('/')
      expect(r.stdout.split('\n').filter((l) => l.startsWith('wrote '))).toEqual(SITE_FILES(IDS).map((f) => `wrote ${shown}/${f}`))
      expect(r.stdout).toContain(`Built 3 scenarios into ${shown}: `)
    } finally {
      await rm(elsewhere, { recursive: true, force: true })
    }
  })

  it('is deterministic: a rebuild writes nothing, a clean build writes the same bytes', async () => {
    await run('build')
    const first = await tree(join(dir, 'dist'))
    const again = await run('build')
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(new RegExp(`^Built 3 scenarios into dist: 0 files written, ${first.size} unchanged${WARNINGS}\n$`))
    await rm(join(dir, 'dist'), { recursive: true })
    await run('build', 'scenarios', '--out', 'dist')
    expect(await tree(join(dir, 'dist'))).toEqual(first)
  })

  it('emits nothing and exits 1 when lint finds an error, listing the errors', async () => {
    const broken = { ...seed000, id: 'broken' } as Record<string, unknown>
    delete broken['weakAnswer']
    await writeFile(join(dir, 'scenarios', 'broken.md'), write(broken))
    const r = await run('build', '-o', 'site')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^scenarios\/broken\.md:\d+:\d+ {2}error {2}.+ {2}schema\/required\n/)
    expect(r.stderr).toMatch(/\nstarkit: 1 error, nothing built \(fix them, or build anyway with --force\)\n$/)
    expect(existsSync(join(dir, 'site'))).toBe(false)
  })

  it('with --force builds what parses, leaving the rest out', async () => {
    await writeFile(join(dir, 'scenarios', 'broken.md'), '# Not a scenario\n')
    const r = await run('build', '--force', '-o', 'site')
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('scenarios/broken.md: left out, it does not parse or validate\n')
    expect([...(await tree(join(dir, 'site'))).keys()]).toEqual(SITE_FILES(IDS))
    expect(r.stdout).toMatch(new RegExp(`Built 3 scenarios into site: 10 files written, 0 unchanged${WARNINGS}, \\d+ errors? forced through\n$`))
  })

  it('writes only JSON with --json-only and only HTML with --html-only, not both', async () => {
    expect((await run('build', '--json-only', '-o', 'j')).code).toBe(0)
    expect([...(await tree(join(dir, 'j'))).keys()]).toEqual(SITE_FILES(IDS).filter((f) => f.endsWith('.json')))
    expect((await run('build', '--html-only', '-o', 'h')).code).toBe(0)
    expect([...(await tree(join(dir, 'h'))).keys()]).toEqual(SITE_FILES(IDS).filter((f) => !f.endsWith('.json')))
    const both = await run('build', '--html-only', '--json-only')
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/cannot be used with option/)
  })

  it.each([
    ['.', 'expected a folder inside the project, such as `dist`'],
    ['..', 'expected a folder inside the project, such as `dist`'],
    ['/', 'expected a folder of its own, not the file system root'],
    ['scenarios', 'expected a folder that holds no input (it holds `scenarios/customer-unhappy-webhook-drops.md`)'],
    ['scenarios/missed-launch-deadline.md', 'expected a folder that holds no input (it holds `scenarios/missed-launch-deadline.md`)'],
  ])('refuses --out %s', async (out, why) => {
    const before = await tree(dir)
    const r = await run('build', '-o', out)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`starkit: Unexpected \`--out ${out}\`, ${why}\n`)
    expect(await tree(dir)).toEqual(before)
  })

  it('refuses an --out that is a symbolic link to the project', async () => {
    await symlink(dir, join(dir, 'dist'))
    const r = await run('build')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('starkit: Unexpected `--out dist`, expected a folder inside the project, such as `dist`\n')
  })

  it('never follows a symbolic link out of the output folder', async () => {
    const outside = join(dir, 'outside.txt')
    await writeFile(outside, 'keep me\n')
    await mkdir(join(dir, 'dist'))
    await symlink(outside, join(dir, 'dist', 'index.html'))
    let r = await run('build')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('starkit: Unexpected symbolic link `dist/index.html` in the output folder, expected a file\n')
    await rm(join(dir, 'dist', 'index.html'))
    await mkdir(join(dir, 'elsewhere'))
    await symlink(join(dir, 'elsewhere'), join(dir, 'dist', 'scenarios'))
    r = await run('build')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('starkit: Unexpected symbolic link `dist/scenarios` in the output folder, expected a folder\n')
    expect(await readFile(outside, 'utf8')).toBe('keep me\n')
    expect(await readdir(join(dir, 'elsewhere'))).toEqual([])
    expect(await readdir(join(dir, 'dist'))).toEqual(['scenarios'])
  })

  it('refuses a folder where a page goes, and a file where a folder goes, writing nothing', async () => {
    await mkdir(join(dir, 'dist', 'scenarios', 'missed-launch-deadline.html'), { recursive: true })
    let r = await run('build')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('starkit: Unexpected folder `dist/scenarios/missed-launch-deadline.html`, expected a file\n')
    expect(await readdir(join(dir, 'dist'))).toEqual(['scenarios'])
    await rm(join(dir, 'dist'), { recursive: true })
    await mkdir(join(dir, 'dist'))
    await writeFile(join(dir, 'dist', 'scenarios'), 'mine\n')
    r = await run('build')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('starkit: Unexpected file `dist/scenarios`, expected a folder\n')
    expect(await readFile(join(dir, 'dist', 'scenarios'), 'utf8')).toBe('mine\n')
    expect(await readdir(join(dir, 'dist'))).toEqual(['scenarios'])
  })

  it('reports, and keeps, files of an earlier build that this build did not produce', async () => {
    await run('build')
    await rm(join(dir, 'scenarios', 'missed-launch-deadline.md'))
    const r = await run('build')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe(
      'note: dist/scenarios/missed-launch-deadline.html is not part of this build (left in place)\n' +
        'note: dist/scenarios/missed-launch-deadline.json is not part of this build (left in place)\n',
    )
    expect(r.stdout).toMatch(new RegExp(`^wrote dist/index\\.html\nwrote dist/scenarios\\.json\nBuilt 2 scenarios into dist: 2 files written, 6 unchanged${WARNINGS}\n$`))
  })

  it('names the temporary files an interrupted build left, and keeps them', async () => {
    await run('build')
    // What a build killed mid-write leaves: a temporary file of this build's (writeNew, replaceFile), and one of write-file-atomic's (builds before session 15).
    const left = ['missed-launch-deadline.html.starkit-4242-1-7', 'missed-launch-deadline.json.3735928559']
    for (const name of left) await writeFile(join(dir, 'dist', 'scenarios', name), 'half')
    // Not temporary files: a number alone, or not beside a page or JSON file.
    await writeFile(join(dir, 'dist', 'scenarios', 'notes.txt.12'), 'mine')
    await writeFile(join(dir, 'dist', 'scenarios', 'x.html.starkit-1-2'), 'mine')
    const r = await run('build')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe(left.map((n) => `note: dist/scenarios/${n} is a temporary file of an interrupted build (left in place; safe to delete)\n`).join(''))
    for (const name of left) expect(await readFile(join(dir, 'dist', 'scenarios', name), 'utf8')).toBe('half')
  })

  it('carries hostile Markdown through to inert HTML (forced past the lint errors it earns)', async () => {
    await writeFile(join(dir, 'scenarios', 'hostile.md'), write(hostileScenario()))
    const r = await run('build', '--force', '--html-only')
    expect(r.code).toBe(0)
    const page = await readFile(join(dir, 'dist', 'scenarios', 'hostile.html'), 'utf8')
    const tags = startTags(page)
    expect(tags.filter((t) => t.name === 'script').map((t) => t.attributes)).toEqual([[['src', '../assets/app.js'], ['defer', '']]])
    expect(tags.some((t) => ['img', 'iframe', 'svg', 'style'].includes(t.name) || t.attributes.some(([n]) => /^on/i.test(n)))).toBe(false)
    expect(page).toContain('&#x3C;img src=x onerror=')
  })

  it('exits 2 when the default `scenarios` folder does not exist', async () => {
    await rm(join(dir, 'scenarios'), { recursive: true })
    const r = await run('build')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('starkit: No such file or folder: `scenarios`\n')
  })
})
