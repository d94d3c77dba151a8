/**
 * `runWeight` (src/cli/run-weight.ts): a `--cache` run says it is light when it starts, and
 * heavy once it knows it has more than `LIGHT_FILES` files to lint or other shards'
 * frontmatter to read, or when its pool starts threads; a run without a cache says nothing.
 * The bin keeps the young generation small while a run is light.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { lintPaths } from '../../src/cli/commands/lint.js'
import { LIGHT_FILES, onRunWeight, type RunWeight } from '../../src/cli/run-weight.js'
import { resolveConfig } from '../../src/rules/config.js'

const config = resolveConfig().config
let dir: string
let said: RunWeight[]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-weight-'))
  said = []
  onRunWeight((weight) => said.push(weight))
})
afterEach(() => {
  onRunWeight(undefined)
  rmSync(dir, { recursive: true, force: true })
})

/** `count` small scenario files (each a finding or two: what they say does not matter here). */
function files(count: number): string {
  const folder = join(dir, 'scenarios')
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder)
  for (let i = 0; i < count; i++) writeFileSync(join(folder, `s${String(i).padStart(3, '0')}.md`), `---\nid: s-${i}\n---\n\n# Scenario ${i}\n`)
  return folder
}

test('a run without a cache says nothing', async () => {
  const folder = files(3)
  await lintPaths([folder], dir, config, { concurrency: 'off' })
  expect(said).toEqual([])
})

test('a cached run with at most LIGHT_FILES files to lint here stays light, cold or warm', async () => {
  const folder = files(LIGHT_FILES)
  const cache = join(dir, 'cache.ndjson')
  await lintPaths([folder], dir, config, { cache, concurrency: 'off' })
  expect(said).toEqual(['light'])
  said = []
  // Warm, one file changed.
  writeFileSync(join(folder, 's000.md'), '---\nid: s-0\n---\n\n# Changed\n')
  await lintPaths([folder], dir, config, { cache, concurrency: 'off' })
  expect(said).toEqual(['light'])
})

test('a cached run with one more file to lint, or shards, turns heavy before it lints', async () => {
  const cache = join(dir, 'cache.ndjson')
  await lintPaths([files(LIGHT_FILES + 1)], dir, config, { cache, concurrency: 'off' })
  expect(said).toEqual(['light', 'heavy'])
  said = []
  // A shard reads the frontmatter of every other shard's file.
  await lintPaths([files(4)], dir, config, { cache: join(dir, 'shard.ndjson'), concurrency: 'off', shard: '1/2' })
  expect(said).toEqual(['light', 'heavy'])
})

test('a cached run turns heavy when its pool starts threads, however few the files, and not when it starts none', async () => {
  // The compiled modules: only their pool finds its worker script, and starts threads.
  const lib = (path: string) => new URL(`../../lib/${path}`, import.meta.url).href
  const compiled = (await import(lib('cli/commands/lint.js'))) as typeof import('../../src/cli/commands/lint.js')
  const weight = (await import(lib('cli/run-weight.js'))) as typeof import('../../src/cli/run-weight.js')
  const kinds: RunWeight[] = []
  weight.onRunWeight((w) => kinds.push(w))
  try {
    const folder = files(2)
    const cache = join(dir, 'threads.ndjson')
    await compiled.lintPaths([folder], dir, config, { cache, concurrency: '1' })
    expect(kinds).toEqual(['light', 'heavy'])
    kinds.length = 0
    // Warm, nothing changed: nothing to lint, so no thread, whatever `--concurrency` says.
    await compiled.lintPaths([folder], dir, config, { cache, concurrency: '1' })
    expect(kinds).toEqual(['light'])
  } finally {
    weight.onRunWeight(undefined)
  }
})
