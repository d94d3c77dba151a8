/**
 * Standard output that cannot be written (a full disk, `> /dev/full`, a reader gone) is one line on stderr
 * and exit 2, not an unhandled 'error' event with a stack trace (exit 1) as it was. Runs the
 * built bin, whose streams these are (`npm test` builds first).
 */
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

/** Run the bin with its standard output on a pipe this side closes: at once, or after the first chunk it reads. */
async function toClosedPipe(args: string[], close: 'at-once' | 'after-first-chunk') {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  if (close === 'at-once') child.stdout.destroy()
  else child.stdout.once('data', () => child.stdout.destroy())
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, stderr }
}

test('lint whose reader went away after its first bytes (`| head`): one line, exit 2', async () => {
  // A report of ~0.5 MB: the reader takes its first chunk and closes the pipe, and the writes
  // after that fail with EPIPE (README: exit 2 for standard output that cannot be written).
  const base = readFileSync(join(SCENARIOS, readdirSync(SCENARIOS).sort()[0]!), 'utf8')
  for (let i = 0; i < 200; i++) writeFileSync(join(dir, `s${i}.md`), base.replace(/^id: .*$/m, `id: scenario-${i}`))
  expect(await toClosedPipe(['lint', '.', '--format', 'json'], 'after-first-chunk')).toEqual({ code: 2, stderr: 'starkit: Unexpected error writing standard output (EPIPE)\n' })
})

test("lint whose reader went away before it wrote (a short report): one line, exit 2, not the lint's own code", async () => {
  // The pipe is closed before the child starts: its first write fails at once. The 'error'
  // event of that write would come on a later tick, after the bin's exit (it was exit 0, silent).
  expect(await toClosedPipe(['lint', SCENARIOS, '--format', 'json'], 'at-once')).toEqual({ code: 2, stderr: 'starkit: Unexpected error writing standard output (EPIPE)\n' })
})
