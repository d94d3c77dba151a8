/**
 * Each command loads only what it uses: `lint` (and its worker threads) never load the HTML
 * renderer, the page converter, the Markdown writer or the prompts, which cost ~0.2 s at
 * every start. The CLI runs from its bundles (scripts/bundle.mjs), and each file of a bundle
 * stands for the sources it holds (lib/bundle/sources.json):
 * - worker threads load ES modules, and module hooks print each module a thread resolves;
 * - the main thread runs one CommonJS file, lib/bundle/main.cjs (bin/load-main.js), in which
 *   esbuild wraps each module that only some commands import in a function named by its path,
 *   which runs the module on its first import. V8's coverage (`NODE_V8_COVERAGE`) counts the
 *   calls of each function: a wrapped module ran if its function was called, any other module
 *   of the file runs whenever the file does.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, test } from 'vitest'
import { tempFolders } from '../support/temp.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tempFolder = tempFolders('starkit-startup-')
const hooks = fileURLToPath(new URL('../support/record-loads.mjs', import.meta.url))

const sources = JSON.parse(readFileSync(join(root, 'lib/bundle/sources.json'), 'utf8')) as Record<string, string[]>
const MAIN = 'lib/bundle/main.cjs'

interface Coverage {
  result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[]
}

/** The sources of main.cjs that ran, by the coverage in `dir`. */
function mainThreadSources(dir: string): string[] {
  const url = pathToFileURL(join(root, MAIN)).href
  const scripts = readdirSync(dir)
    .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Coverage).result)
    .filter((s) => s.url === url)
  // The CLI is the bundle, run once: were it not, this test would be checking a start-up no user has.
  expect(scripts).toHaveLength(1)
  const inputs = sources[MAIN]!
  const calls = new Map<string, number>()
  for (const f of scripts[0]!.functions) if (inputs.includes(f.functionName)) calls.set(f.functionName, (calls.get(f.functionName) ?? 0) + f.ranges[0]!.count)
  // Wrapped modules are there, named as they are in sources.json (else every module would count as run).
  expect(calls.has('lib/emit/site.js')).toBe(true)
  return inputs.filter((input) => (calls.get(input) ?? 1) > 0)
}

/** The sources a run loads: the main thread's, then modules loaded as they are, and those inside each bundle file loaded. */
function loads(args: string[]): string[] {
  const coverage = mkdtempSync(join(tmpdir(), 'starkit-coverage-'))
  try {
    const env = { ...process.env, NODE_V8_COVERAGE: coverage }
    const r = spawnSync(process.execPath, ['--import', hooks, join(root, 'bin/starkit.js'), ...args], { cwd: root, encoding: 'utf8', env })
    expect(r.status, r.stderr).toBe(0)
    const loaded = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('loaded '))
      .map((l) => l.slice('loaded '.length).replace(`file://${root}`, ''))
    return [...mainThreadSources(coverage), ...loaded.flatMap((u) => sources[u] ?? [u])]
  } finally {
    rmSync(coverage, { recursive: true, force: true })
  }
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
    const dir = tempFolder()
    const digestWorker = (args: string[]) => loads(['lint', 'scenarios', ...args]).some((u) => u.endsWith('lib/cli/digest-worker.js'))
    expect(digestWorker(['--cache', '--cache-location', join(dir, 'cache'), '--concurrency', '2'])).toBe(true)
    expect(digestWorker(['--cache', '--cache-location', join(dir, 'cache'), '--concurrency', 'off'])).toBe(false)
    expect(digestWorker(['--concurrency', '2'])).toBe(false)
  })

  test('build does load the renderer (the hooks and the coverage would see it), on worker threads as lint ran, and on the main thread without them', () => {
    const out = tempFolder()
    for (const concurrency of ['2', 'off']) {
      const loaded = loads(['build', 'scenarios', '--out', out, '--force', '--concurrency', concurrency])
      expect(loaded.some((u) => u.endsWith('lib/cli/worker.js'))).toBe(concurrency === '2')
      for (const module of ['lib/emit/site.js', 'lib/emit/html/markup.js', 'node_modules/property-information/']) expect(loaded.some((u) => u.includes(module))).toBe(true)
    }
  })

  test('--version loads no command beyond their definitions', () => {
    const loaded = loads(['--version'])
    expect(loaded.filter((u) => ONLY_OTHERS.some((o) => u.includes(o)))).toEqual([])
  })
})
