/**
 * `runWeight` (src/cli/run-weight.ts): a `--cache` run says it is light when it starts, and
 * heavy once it knows it has more than `LIGHT_FILES` files to lint, threads to start or other
 * shards' frontmatter to read; a run without a cache says nothing. The bin keeps the young
 * generation small while a run is light.
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

test('a cached run with one more file to lint, threads, or shards turns heavy before it lints', async () => {
  const cache = join(dir, 'cache.ndjson')
  await lintPaths([files(LIGHT_FILES + 1)], dir, config, { cache, concurrency: 'off' })
  expect(said).toEqual(['light', 'heavy'])
  said = []
  // Threads asked for: heavy, however few the files (from TypeScript sources the pool runs them here).
  await lintPaths([files(2)], dir, config, { cache: join(dir, 'other.ndjson'), concurrency: '1' })
  expect(said).toEqual(['light', 'heavy'])
  said = []
  // A shard reads the frontmatter of every other shard's file.
  await lintPaths([files(4)], dir, config, { cache: join(dir, 'shard.ndjson'), concurrency: 'off', shard: '1/2' })
  expect(said).toEqual(['light', 'heavy'])
})
