/**
 * The bin compiles lib/bundle/main.cjs with the code cache `npm run build` made for it
 * (bin/load-main.js, scripts/code-cache.mjs). V8 takes it only in a process with the flags it
 * was made with, which are the bin's start flags; the bin takes it only for its own build. A
 * cache that is not taken is no cache: the bundle is compiled from its source, and the run is
 * the same.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { tempFolders } from '../support/temp.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tempFolder = tempFolders('starkit-code-cache-')

/** A copy of the package's bin and bundles (what the bin reads), to change the cache of. */
function copy(): string {
  const dir = tempFolder()
  for (const path of ['bin', 'lib/bundle', 'package.json', 'schema', 'templates', 'scenarios']) cpSync(join(root, path), join(dir, path), { recursive: true })
  // The schema's validators need ajv's runtime.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

/** What `compileMain` says of the cache in the package at `dir`, in a node given `nodeArgs`, with the bin's start flags set as the bin sets them. */
function cacheState(dir: string, nodeArgs: string[] = []): string {
  const script = [
    "import { setFlagsFromString } from 'node:v8'",
    `const { compileMain } = await import(${JSON.stringify(join(dir, 'bin/load-main.js'))})`,
    `const { startFlags } = await import(${JSON.stringify(join(dir, 'bin/v8-flags.js'))})`,
    'startFlags(setFlagsFromString, process.execArgv)',
    'const compiled = compileMain()',
    // Run, as the bin does: a cache V8 took must give a bundle that works.
    'const { main } = compiled.run()',
    "if (typeof main !== 'function') throw new Error('no main')",
    'process.stdout.write(compiled.cache)',
  ].join('\n')
  const r = spawnSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', script], { encoding: 'utf8' })
  expect(r.stderr).toBe('')
  return r.stdout
}

/** `starkit lint` of the copy's scenarios through its bin: exit code and JSON report. */
function lint(dir: string, nodeArgs: string[] = []): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [...nodeArgs, join(dir, 'bin/starkit.js'), 'lint', 'scenarios', '--format', 'json'], { cwd: dir, encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout }
}

describe('the code cache of the bundle', () => {
  const expected = lint(root)

  test('is taken under the bin start flags, in the package as built', () => {
    expect(cacheState(root)).toBe('accepted')
    // The project's scenarios: warnings only, five files reported.
    expect(expected.status).toBe(0)
    const report = JSON.parse(expected.stdout) as { warningCount: number; files: unknown[] }
    expect(report.files).toHaveLength(5)
    expect(report.warningCount).toBeGreaterThan(0)
  })

  test('is refused by V8 under other flags (a start flag the user gave node, a heap size), and the run is the same', () => {
    for (const flags of [['--turbo-inline-array-builtins'], ['--max-old-space-size=1000']]) {
      expect(cacheState(root, flags)).toBe('rejected')
      expect(lint(root, flags)).toEqual(expected)
    }
  })

  test('of another build is not used, nor a cache cut short, nor none; the run is the same', () => {
    const dir = copy()
    const cache = join(dir, 'lib/bundle/main.cjs.cache')
    expect(cacheState(dir)).toBe('accepted')
    const bytes = readFileSync(cache)
    // Another build's id: the first of its 64 characters changed.
    writeFileSync(cache, Buffer.concat([Buffer.from(bytes[0] === 0x30 ? '1' : '0'), bytes.subarray(1)]))
    expect(cacheState(dir)).toBe('none')
    expect(lint(dir)).toEqual(expected)
    // The id and nothing after it.
    writeFileSync(cache, bytes.subarray(0, 64))
    expect(cacheState(dir)).toBe('none')
    rmSync(cache)
    expect(cacheState(dir)).toBe('none')
    expect(lint(dir)).toEqual(expected)
  })

  test('whose data V8 cannot read is refused, and the run is the same', () => {
    const dir = copy()
    const cache = join(dir, 'lib/bundle/main.cjs.cache')
    const bytes = readFileSync(cache)
    writeFileSync(cache, Buffer.concat([bytes.subarray(0, 64), Buffer.alloc(bytes.length - 64, 7)]))
    expect(cacheState(dir)).toBe('rejected')
    expect(lint(dir)).toEqual(expected)
  })
})
