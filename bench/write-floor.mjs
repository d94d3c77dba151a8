// What writing a build's files costs on this disk, without the rest of starkit: read every
// file of a finished build (`<site>`) into memory, then write the same bytes to the same paths
// under `<dest>`. Prints the seconds of the write phase.
//
//   node bench/write-floor.mjs <site> <dest> [--atomic]
//
// `--atomic` writes as a fresh build does (lib/cli/site-write.js: a temporary file renamed
// into place, no fsync; synchronous, one thread); without it, a plain writeFile, 16 at a time.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { writeUnlessSame } from '../lib/cli/site-write.js'

const [site, dest] = process.argv.slice(2)
const atomic = process.argv.includes('--atomic')
const files = []
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) walk(path)
    else files.push({ path: join(dest, relative(site, path)), bytes: readFileSync(path) })
  }
}
walk(site)
const started = process.hrtime.bigint()
const made = new Set()
const queue = []
for (const { path, bytes } of files) {
  const dir = dirname(path)
  if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir)
  if (atomic) writeUnlessSame({ path, found: { kind: 'missing' } }, bytes)
  else {
    queue.push(writeFile(path, bytes))
    if (queue.length >= 16) await queue.shift()
  }
}
await Promise.all(queue)
console.log((Number(process.hrtime.bigint() - started) / 1e9).toFixed(3))
console.error(`${files.length} files`)
