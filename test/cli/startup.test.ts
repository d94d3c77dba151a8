/**
 * Each command loads only what it uses: `lint` (and its worker threads) never load the HTML
 * renderer, the page converter, the Markdown writer or the prompts, which cost ~0.2 s at
 * every start. Module hooks print each module a thread resolves; the CLI runs from its
 * bundle (scripts/bundle.mjs), so each file of the bundle a thread loads stands for the
 * sources it holds (lib/bundle/sources.json).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const hooks = fileURLToPath(new URL('../support/record-loads.mjs', import.meta.url))

const sources = JSON.parse(readFileSync(join(root, 'lib/bundle/sources.json'), 'utf8')) as Record<string, string[]>

/** The sources a run loads: modules loaded as they are, and those inside each bundle file loaded. */
function loads(args: string[]): string[] {
  const r = spawnSync(process.execPath, ['--import', hooks, join(root, 'bin/starkit.js'), ...args], { cwd: root, encoding: 'utf8' })
  expect(r.status, r.stderr).toBe(0)
  const loaded = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('loaded '))
    .map((l) => l.slice('loaded '.length).replace(`file://${root}`, ''))
  // The CLI is the bundle: were it not, this test would be checking a start-up no user has.
  expect(loaded).toContain('lib/bundle/main.js')
  return loaded.flatMap((u) => sources[u] ?? [u])
}

const ONLY_OTHERS = ['lib/emit/html/markup.js', 'node_modules/property-information/', 'node_modules/@inquirer/prompts/', 'node_modules/mdast-util-to-markdown/', 'lib/emit/site.js', 'lib/emit/format.js', 'lib/emit/scaffold.js', 'lib/convert/index.js', 'lib/cli/convert-pages.js']

describe('start-up', () => {
  test('lint, on one thread and on worker threads, loads none of what only other commands use', () => {
    for (const concurrency of ['off', '2']) {
      const loaded = loads(['lint', 'scenarios', '--concurrency', concurrency])
      // The hooks see the parse, and with threads the worker.
      expect(loaded.some((u) => u.includes('node_modules/remark-parse/'))).toBe(true)
      expect(loaded.some((u) => u.endsWith('lib/cli/worker.js'))).toBe(concurrency === '2')
      expect(loaded.filter((u) => ONLY_OTHERS.some((o) => u.includes(o)))).toEqual([])
    }
  })

  test('lint --cache, with threads, hashes the files on a thread of their own; without --cache, none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starkit-startup-'))
    const digestWorker = (args: string[]) => loads(['lint', 'scenarios', ...args]).some((u) => u.endsWith('lib/cli/digest-worker.js'))
    expect(digestWorker(['--cache', '--cache-location', join(dir, 'cache'), '--concurrency', '2'])).toBe(true)
    expect(digestWorker(['--cache', '--cache-location', join(dir, 'cache'), '--concurrency', 'off'])).toBe(false)
    expect(digestWorker(['--concurrency', '2'])).toBe(false)
    rmSync(dir, { recursive: true, force: true })
  })

  test('build does load the renderer (the hooks would see it), on worker threads as lint ran', () => {
    const out = mkdtempSync(join(tmpdir(), 'starkit-startup-'))
    const loaded = loads(['build', 'scenarios', '--out', out, '--concurrency', '2'])
    expect(loaded.some((u) => u.endsWith('lib/cli/worker.js'))).toBe(true)
    for (const module of ['lib/emit/site.js', 'lib/emit/html/markup.js', 'node_modules/property-information/']) expect(loaded.some((u) => u.includes(module))).toBe(true)
    rmSync(out, { recursive: true, force: true })
  })

  test('--version loads no command beyond their definitions', () => {
    const loaded = loads(['--version'])
    expect(loaded.filter((u) => ONLY_OTHERS.some((o) => u.includes(o)))).toEqual([])
  })
})
