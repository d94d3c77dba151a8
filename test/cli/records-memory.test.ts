/**
 * A run keeps one record per file (cross-file rules and the report need them all), so a
 * record must hold its findings and nothing more. Its strings are often slices of the file's
 * text (a message quoting a key phrase, a frontmatter value), and V8 keeps a whole string
 * alive for any slice of it: with no worker thread to copy the records, 10,000 files linted
 * in this thread held ~200 MB of source text. Measured after a full GC, so it is memory a
 * run cannot give back, not garbage not yet collected.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { Pool } from '../../src/cli/pool.js'
import type { BuildRecord } from '../../src/cli/lint-files.js'
import { resolveConfig } from '../../src/rules/config.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const FILES = 300
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-records-'))
  const scenarios = new URL('../../scenarios/', import.meta.url)
  const bases = readdirSync(scenarios)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => readFileSync(new URL(f, scenarios), 'utf8'))
  // Distinct texts, each ~10–13 KB and with the findings the bundled scenarios have.
  for (let i = 0; i < FILES; i++) writeFileSync(join(dir, `s${i}.md`), bases[i % bases.length]!.replace(/^id: .*$/m, `id: scenario-${i}`))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const heapAfterGc = (): number => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/** The heap a lint of `jobs` in this thread leaves in use while its records are held, per file. */
async function heldPerFile(pool: Pool, jobs: { path: string; file: string }[]): Promise<{ perFile: number; withFindings: boolean }> {
  const before = heapAfterGc()
  // A pool without `packed` gives records as objects.
  const records: BuildRecord[] = []
  await pool.lint(jobs, (record) => records.push(record as BuildRecord))
  const perFile = (heapAfterGc() - before) / jobs.length
  return { perFile, withFindings: records.every((r) => r.messages.length > 0) }
}

/** What a record held by this thread's run costs, measured once the code is compiled and the rules' bounded caches are full. */
async function measured(): Promise<number> {
  const { config } = resolveConfig({})
  const jobs = Array.from({ length: FILES }, (_, i) => ({ path: `s${i}.md`, file: join(dir, `s${i}.md`) }))
  const pool = Pool.for(0, jobs.length, config)
  expect(pool.threads).toBe(0)
  await heldPerFile(pool, jobs)
  const { perFile, withFindings } = await heldPerFile(pool, jobs)
  await pool.close()
  // The records hold findings (~6 a file), so there is something to keep.
  expect(withFindings).toBe(true)
  return perFile
}

let perFile: number
beforeAll(async () => void (perFile = await measured()), 60_000)

test('records linted in this thread do not keep their files’ text alive', () => {
  // A record that keeps its file's text alive costs ~24 KB here (the text, 10–13 KB, as one-
  // or two-byte characters). The floor says the records are really what is measured.
  expect(perFile).toBeGreaterThan(1024)
  expect(perFile).toBeLessThan(8 * 1024)
})

test('records share one copy of each rule id, severity and rule URL', () => {
  // ~3.1 KB a record; ~3.9 KB when each finding keeps its own copies of those three strings.
  expect(perFile).toBeLessThan(3.5 * 1024)
})
