/**
 * A page task (`pageJob`, run by build's worker threads) renders a scenario's page and writes
 * it and the scenario's JSON: only bytes that are not there already, and nothing after a
 * failed write, which it hands back instead of throwing across the thread.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import { scenarioJson } from '../../src/emit/json.js'
import { prepareScenario, preparedHtml } from '../../src/emit/site.js'
import { pageJob } from '../../src/cli/lint-files.js'
import { UsageError } from '../../src/cli/io.js'
import { errorOf, failureOf, writeError, writeUnlessSame } from '../../src/cli/site-write.js'
import { seed000 } from './fixtures/seed-000.js'

let dir: string
const { entry } = prepareScenario(structuredClone(seed000))
const page = new TextEncoder().encode(preparedHtml(new TextDecoder().decode(entry), { title: 'T', json: true }))
const json = new TextEncoder().encode(scenarioJson(seed000))

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-page-'))
})

describe('pageJob', () => {
  test('writes the page, then the JSON, and says so in that order', async () => {
    const html = { path: join(dir, 'a.html'), found: { kind: 'missing' as const } }
    const jsonFile = { path: join(dir, 'a.json'), found: { kind: 'missing' as const } }
    expect(await pageJob({ entry, title: 'T', linkJson: true, html, jsonFile })).toEqual({ wrote: [html.path, jsonFile.path] })
    expect(readFileSync(html.path)).toEqual(Buffer.from(page))
    expect(readFileSync(jsonFile.path)).toEqual(Buffer.from(json))
  })

  test('leaves a file alone when its bytes are already there, and rewrites one that differs', async () => {
    const same = join(dir, 'a.html')
    writeFileSync(same, page)
    const before = statSync(same)
    const other = join(dir, 'a.json')
    writeFileSync(other, Buffer.alloc(json.byteLength, 32))
    const r = await pageJob({
      entry,
      title: 'T',
      linkJson: true,
      html: { path: same, found: { kind: 'file', size: page.byteLength } },
      jsonFile: { path: other, found: { kind: 'file', size: json.byteLength } },
    })
    expect(r).toEqual({ wrote: [other] })
    expect(statSync(same).ino).toBe(before.ino)
    expect(readFileSync(other)).toEqual(Buffer.from(json))
  })

  test('hands back a failed write, with its code, and writes nothing after it', async () => {
    const html = { path: join(dir, 'a.html'), found: { kind: 'missing' as const } }
    const missing = { path: join(dir, 'no-such-folder', 'a.json'), found: { kind: 'missing' as const } }
    const r = await pageJob({ entry, title: 'T', linkJson: true, html, jsonFile: missing })
    expect(r.wrote).toEqual([html.path])
    // The file that failed is named: the JSON, not the page written before it.
    expect(r.failure).toMatchObject({ code: 'ENOENT', path: missing.path })
    expect(errorOf(r.failure!)).toMatchObject({ message: r.failure!.message, code: 'ENOENT' })
    const first = await pageJob({ entry, title: 'T', linkJson: true, html: { ...missing, path: join(dir, 'no-such-folder', 'a.html') }, jsonFile: { path: join(dir, 'b.json'), found: { kind: 'missing' } } })
    expect(first.wrote).toEqual([])
    expect(first.failure).toMatchObject({ code: 'ENOENT', path: join(dir, 'no-such-folder', 'a.html') })
    expect(() => statSync(join(dir, 'b.json'))).toThrow()
  })
})

describe('writeError', () => {
  const shown = (path: string): string => path.replace(dir, '<out>')

  test("the file system's failure is one line naming the file (a UsageError: exit 2)", () => {
    const error = writeError(failureOf(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), join(dir, 'scenarios.json')), shown)
    expect(error).toBeInstanceOf(UsageError)
    expect(error.message).toBe('Cannot write `<out>/scenarios.json`: ENOSPC: no space left on device, write')
  })

  test("any other failure is starkit's own, not blamed on the file", () => {
    const error = writeError(failureOf(new TypeError('a bug'), join(dir, 'a.html')), shown)
    expect(error).not.toBeInstanceOf(UsageError)
    expect(error.message).toBe('a bug')
  })
})

describe('pages on a worker thread', () => {
  test('once a write fails, no new batch starts (not even one a thread holds); the batch under way finishes', async () => {
    // The compiled pool: only it finds its worker script (npm test builds first).
    const { Pool } = (await import(new URL('../../lib/cli/pool.js', import.meta.url).href)) as typeof import('../../src/cli/pool.js')
    const pool = Pool.for(1, 40)
    expect(pool.threads).toBe(1)
    try {
      const jobs = Array.from({ length: 40 }, (_, k) => ({
        entry,
        title: 'T',
        linkJson: false,
        html: { path: join(dir, k === 5 ? 'no-such-folder' : '', `p${k}.html`), found: { kind: 'missing' as const } },
      }))
      const stream = pool.pages(jobs)
      const taken = []
      for (let k = 0; k <= 5; k++) taken.push(await stream.take())
      expect(taken.slice(0, 5).map((r) => r.wrote)).toEqual(jobs.slice(0, 5).map((j) => [j.html.path]))
      expect(taken[5]).toMatchObject({ wrote: [], failure: { code: 'ENOENT' } })
      // The first batch (16 tasks) was under way: its other tasks wrote, and wait to be taken.
      // The thread already held the other batches: it answers them with nothing written.
      expect(stream.stop()).toBe(34)
      for (let k = 6; k < 16; k++) expect((await stream.take()).wrote).toEqual([jobs[k]!.html.path])
      for (let k = 16; k < 40; k++) expect(await stream.take()).toEqual({ wrote: [] })
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(jobs.slice(16).filter((j) => existsSync(j.html.path))).toEqual([])
    } finally {
      await pool.close()
    }
  })
})

describe('pages on a worker thread, while this thread is busy', () => {
  test('a worker holds PAGE_DEPTH batches, so it goes on writing while this thread answers none; after shallow() every page is still written, in order', async () => {
    const { Pool } = (await import(new URL('../../lib/cli/pool.js', import.meta.url).href)) as typeof import('../../src/cli/pool.js')
    const pool = Pool.for(1, 1000)
    try {
      const jobs = Array.from({ length: 1000 }, (_, k) => ({ entry, title: 'T', linkJson: false, html: { path: join(dir, `p${k}.html`), found: { kind: 'missing' as const } } }))
      const stream = pool.pages(jobs)
      // This thread answers nothing for a while, as build's does while it makes the index and the bundle.
      const until = Date.now() + 1500
      while (Date.now() < until && readdirSync(dir).length < 200);
      // Two batches in hand (16 pages each) would have stopped the worker at 32.
      expect(readdirSync(dir).length).toBeGreaterThanOrEqual(200)
      stream.shallow()
      for (let k = 0; k < jobs.length; k++) expect((await stream.take()).wrote).toEqual([jobs[k]!.html.path])
    } finally {
      await pool.close()
    }
  })
})

describe('a new file', () => {
  test('is written whole under its name, and a failed rename leaves no temporary file behind', async () => {
    const target = { path: join(dir, 'new.json'), found: { kind: 'missing' as const } }
    expect(writeUnlessSame(target, json)).toBe(true)
    expect(readFileSync(target.path)).toEqual(Buffer.from(json))
    // A folder appeared where the plan found nothing: the rename fails, and only the folder is left.
    const taken = join(dir, 'taken.json')
    mkdirSync(join(taken, 'inside'), { recursive: true })
    expect(() => writeUnlessSame({ path: taken, found: { kind: 'missing' } }, json)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) }))
    expect(readdirSync(dir).sort()).toEqual(['new.json', 'taken.json'])
  })
})

describe('a file written in pieces (the bundle)', () => {
  const pieces = [json.subarray(0, 10), json.subarray(10, 10), json.subarray(10, 500), json.subarray(500)]
  const size = json.byteLength

  test('is the pieces one after another, new or replacing a file that differs', () => {
    const target = { path: join(dir, 'scenarios.json'), found: { kind: 'missing' as const } }
    expect(writeUnlessSame(target, pieces)).toBe(true)
    expect(readFileSync(target.path)).toEqual(Buffer.from(json))
    // The same size, one byte different: replaced.
    const changed = Buffer.from(json)
    changed[600] = changed[600] === 0x20 ? 0x21 : 0x20
    writeFileSync(target.path, changed)
    expect(writeUnlessSame({ path: target.path, found: { kind: 'file', size } }, pieces)).toBe(true)
    expect(readFileSync(target.path)).toEqual(Buffer.from(json))
    // Another size: replaced.
    writeFileSync(target.path, json.subarray(0, 100))
    expect(writeUnlessSame({ path: target.path, found: { kind: 'file', size: 100 } }, pieces)).toBe(true)
    expect(readFileSync(target.path)).toEqual(Buffer.from(json))
    expect(readdirSync(dir)).toEqual(['scenarios.json'])
  })

  test('is left alone when those bytes are there, however they are cut', () => {
    const path = join(dir, 'scenarios.json')
    writeFileSync(path, json)
    const before = statSync(path).mtimeMs
    expect(writeUnlessSame({ path, found: { kind: 'file', size } }, pieces)).toBe(false)
    expect(writeUnlessSame({ path, found: { kind: 'file', size } }, [json.subarray(0, 1), json.subarray(1)])).toBe(false)
    expect(statSync(path).mtimeMs).toBe(before)
  })
})
