/**
 * Standard output that cannot be written (a full disk, `> /dev/full`) is one line on stderr
 * and exit 2, not an unhandled 'error' event with a stack trace (exit 1) as it was. Runs the
 * built bin, whose streams these are (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, expect, test } from 'vitest'

const BIN = fileURLToPath(new URL('../../bin/starkit.js', import.meta.url))
const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url))

let dir: string
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'starkit-output-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Run the bin with its standard output on /dev/full (every write fails with ENOSPC). */
function toFullDisk(args: string[]) {
  const full = openSync('/dev/full', 'w')
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 })
    return { code: r.status, stderr: r.stderr }
  } finally {
    closeSync(full)
  }
}

test.runIf(existsSync('/dev/full'))('lint with its report going nowhere: one line, exit 2', () => {
  expect(toFullDisk(['lint', SCENARIOS])).toEqual({ code: 2, stderr: 'starkit: Unexpected error writing standard output (ENOSPC)\n' })
})

test.runIf(existsSync('/dev/full'))('build whose list of writes goes nowhere: one line, exit 2, and no temporary file left', () => {
  const r = toFullDisk(['build', SCENARIOS, '-o', 'out'])
  expect(r).toEqual({ code: 2, stderr: 'starkit: Unexpected error writing standard output (ENOSPC)\n' })
  const left = existsSync(join(dir, 'out', 'scenarios')) ? readdirSync(join(dir, 'out', 'scenarios')) : []
  expect(left.filter((n) => n.includes('.starkit-'))).toEqual([])
})
