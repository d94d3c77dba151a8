#!/usr/bin/env node
// The bundle of lib/cli/main.js (scripts/bundle.mjs): one file to load, not ~200 modules.
import { main } from '../lib/bundle/main.js'

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stdinIsTTY: Boolean(process.stdin.isTTY),
  env: process.env,
})
process.exitCode = code
