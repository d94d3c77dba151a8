/**
 * An interrupted convert (Ctrl-C, SIGTERM) stops between two pages: each page is written
 * synchronously on the main thread, and the command's exit handler makes the signal wait for
 * a turn of the event loop. The handler also removes any temporary file of the process, so
 * none is left even if one were there. Runs the built CLI (`npm test` builds first).
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { convert } from '../../src/convert/index.js'
import { write } from '../../src/emit/markdown.js'
import type { Scenario } from '../../src/model/index.js'
import { seedNames, seedText } from './helpers.js'

const BIN = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))
// Enough pages that the signal lands mid-run even when this process reads the child's output
// late, with the whole suite running beside it (at 300 pages, once, the child had finished).
const PAGES = 600

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-convert-interrupt-'))
  mkdirSync(join(dir, 'pages'))
  const seeds = seedNames().map((n) => seedText(n))
  for (let i = 0; i < PAGES; i++) {
    const seed = seeds[i % seeds.length]!
    const title = /^(.*) - Amazon LP STAR Walkthrough$/m.exec(seed)![1]!
    writeFileSync(join(dir, 'pages', `p${String(i).padStart(3, '0')}.txt`), seed.replace(title, `${title} number ${i}`))
  }
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

test.each([['SIGINT'], ['SIGTERM']] as const)('%s mid-run: every file written is whole, and no temporary file is left', async (signal) => {
  const child = spawn(process.execPath, [BIN, 'convert', 'pages', '-o', 'out', '--concurrency', '2'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let written = 0
  child.stdout.on('data', (chunk: Buffer) => {
    written += (String(chunk).match(/ -> out\//g) ?? []).length
    if (written >= 20 && child.exitCode === null && !child.killed) {
      // What a write cut short would leave: a temporary file of this process, named as
      // `writeNew` names it. The exit handler must remove it.
      writeFileSync(join(dir, 'out', `planted.md.starkit-${child.pid}-0-1`), 'half a page')
      child.kill(signal)
    }
  })
  const [code, got] = await new Promise<[number | null, string | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])))
  expect({ code, signal: got }).toEqual({ code: null, signal })
  const names = readdirSync(join(dir, 'out')).sort()
  expect(names.filter((n) => n.includes('.starkit-'))).toEqual([])
  expect(names.length).toBeGreaterThanOrEqual(20)
  expect(names.length).toBeLessThan(PAGES)
  // Each file there is the whole Markdown of its page.
  const expected = new Map<string, string>()
  for (const page of readdirSync(join(dir, 'pages'))) {
    const scenario = convert(readFileSync(join(dir, 'pages', page))).scenario
    expected.set(`${scenario.id}.md`, write(scenario as Scenario))
  }
  for (const name of names) expect(readFileSync(join(dir, 'out', name), 'utf8')).toBe(expected.get(name))
}, 120_000)
