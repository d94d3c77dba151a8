// The code cache of lib/bundle/main.cjs (bin/load-main.js), made by `npm run build` after the
// bundles: this process sets the flags the bin starts with (bin/v8-flags.js) and no other,
// compiles the bundle without a cache, runs the lint a content repo's CI runs on every push,
// on a copy of the project's scenarios/, and writes what V8 then has compiled.
//
// What the cache holds is what these runs compiled: the bundle's start, the lint (parse,
// schema, rules, cross-file rules), `--cache` read and written, the JSON and stylish reports.
// Other commands compile the rest as they would without a cache. Each function in the cache
// costs every start a little to load, so it holds what a lint runs, and not build's renderer
// or convert's converter, whose runs take seconds on worker threads that load ES modules.
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { CODE_CACHE, compileMain } from '../bin/load-main.js'
import { startFlags } from '../bin/v8-flags.js'

startFlags(setFlagsFromString, process.execArgv)

const compiled = compileMain({ cache: false })
if (compiled.id === undefined) throw new Error('Unexpected lib/bundle/main.cjs without a build id, expected the bundle scripts/bundle.mjs writes')
const { main } = compiled.run()

const scenarios = fileURLToPath(new URL('../scenarios', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'starkit-code-cache-'))
try {
  cpSync(scenarios, join(dir, 'scenarios'), { recursive: true })
  const io = { cwd: dir, stdout: () => {}, stdoutBytes: () => {}, stderr: () => {}, stdoutIsTTY: false, stdinIsTTY: false, env: {} }
  const lint = async (...args) => {
    const code = await main(['lint', 'scenarios', '--concurrency', 'off', ...args], io)
    // 0 or 1 (findings): a run that could not run is a broken build, not a cache of it.
    if (code !== 0 && code !== 1) throw new Error(`Unexpected exit code ${code} of \`starkit lint ${args.join(' ')}\` while making the code cache`)
  }
  // A cold run that writes the cache, then a warm one with one file changed, as on a push.
  await lint('--format', 'json', '--cache')
  const first = readdirSync(join(dir, 'scenarios')).sort()[0]
  appendFileSync(join(dir, 'scenarios', first), '\n<!-- changed -->\n')
  await lint('--format', 'json', '--cache')
  await lint('--format', 'stylish')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
writeFileSync(CODE_CACHE, Buffer.concat([Buffer.from(compiled.id, 'latin1'), compiled.script.createCachedData()]))
