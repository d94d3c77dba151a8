import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'
import { digestFiles, digestFilesSync, hashClaimed, lookClaimed, newLooks } from '../../src/cli/digest.js'
import { digestThreadFor } from '../../src/cli/commands/lint.js'

/** The compiled module: only it finds its worker script (npm test builds first). */
const COMPILED = new URL('../../lib/cli/digest.js', import.meta.url)
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

let dir: string
let files: string[]

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'starkit-digest-'))
  const big = Buffer.alloc(300_000)
  for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251
  writeFileSync(join(dir, 'empty.md'), '')
  writeFileSync(join(dir, 'small.md'), '# é\n')
  // Past the 64 KB read buffer: hashed a buffer at a time.
  writeFileSync(join(dir, 'big.md'), big)
  mkdirSync(join(dir, 'folder.md'))
  files = ['small.md', 'big.md', 'missing.md', 'empty.md', 'folder.md', 'small.md'].map((f) => join(dir, f))
})

describe('digests for --cache', () => {
  test('each file is the SHA-256 of its bytes, in order; unreadable ones are undefined', () => {
    const expected = files.map((f) => (existsSync(f) && !f.endsWith('folder.md') ? sha256(readFileSync(f)) : undefined))
    expect(expected.filter((d) => d === undefined)).toHaveLength(2)
    expect(digestFilesSync(files).map((d) => d?.digest)).toEqual(expected)
    // Written just now: too recent for a stamp (cache-line.ts, SETTLED_MS).
    expect(digestFilesSync(files).map((d) => d?.stamp)).toEqual(expected.map((d) => (d === undefined ? undefined : 0)))
  })

  test('on a worker thread, the same digests as in this thread', async () => {
    const compiled = (await import(fileURLToPath(COMPILED))) as typeof import('../../src/cli/digest.js')
    expect(existsSync(fileURLToPath(new URL('./digest-worker.js', COMPILED)))).toBe(true)
    const threaded = compiled.digestFiles(files, true)
    threaded.help()
    expect(await threaded.done).toEqual(digestFilesSync(files))
    // Without a thread, or from the sources (no compiled worker): hashed here when this thread helps, the same.
    for (const here of [digestFiles(files, true), compiled.digestFiles(files, false)]) {
      here.help()
      expect(await here.done).toEqual(digestFilesSync(files))
    }
  })

  test('without a thread, the files are looked at when asked, before the cache is known, and digested once it is', async () => {
    const here = digestFiles(files, false)
    here.look()
    const known = digestFilesSync(files)
    here.help((_, i) => (known[i] === undefined ? undefined : { hash: `known-${i}`, stamp: 0 }))
    // A 0 stamp matches nothing: every readable file is read and hashed, the same digests.
    expect(await here.done).toEqual(digestFilesSync(files))
    // A stamp that matches the look gives the known digest without reading the file.
    const stamped = digestFiles(files, false)
    stamped.look()
    const small = statSync(files[0]!)
    stamped.help((_, i) => (i === 0 ? { hash: 'known', stamp: [small.size, small.mtimeMs, small.ctimeMs, small.ino] } : undefined))
    const digests = await stamped.done
    expect(digests[0]).toEqual({ digest: 'known', stamp: [small.size, small.mtimeMs, small.ctimeMs, small.ino] })
    expect(digests.slice(1)).toEqual(digestFilesSync(files).slice(1))
  })

  test('this thread helping: each file looked at and hashed once, by one thread or the other, the same digests', async () => {
    const compiled = (await import(fileURLToPath(COMPILED))) as typeof import('../../src/cli/digest.js')
    const many = Array.from({ length: 400 }, (_, i) => files[i % files.length]!)
    // Helping at once: this thread claims files before the worker has started, maybe all.
    const early = compiled.digestFiles(many, true)
    early.help()
    expect(await early.done).toEqual(digestFilesSync(many))
    // Helping late: the worker has looked at them all; this thread finds none left, and they share the hashing.
    const late = compiled.digestFiles(many, true)
    await new Promise((resolve) => setTimeout(resolve, 300))
    late.help()
    expect(await late.done).toEqual(digestFilesSync(many))
  })

  test('claims go through the shared counters: each index once, from where it stands', () => {
    const next = new Int32Array(new SharedArrayBuffer(8))
    next[0] = 3
    const looks = newLooks(files.length)
    lookClaimed(files, next, looks)
    // Not claimed: not looked at. Missing, or a folder: -1.
    expect([...looks.subarray(0, 12)].every(Number.isNaN)).toBe(true)
    expect(looks[4 * 4]).toBe(-1)
    const small = statSync(files[5]!)
    expect([...looks.subarray(20, 24)]).toEqual([small.size, small.mtimeMs, small.ctimeMs, small.ino])
    next[1] = 1
    const claimed = hashClaimed(files, [0, 1, 2, 5], next)
    expect(claimed.at).toEqual([1, 2, 5])
    expect(claimed.digests).toEqual([1, 2, 5].map((i) => digestFilesSync(files)[i]))
    // Nothing is left for a second claimer.
    expect(hashClaimed(files, [0, 1, 2, 5], next)).toEqual({ at: [], digests: [] })
  })
})

describe('whether --cache digests on a thread of its own', () => {
  test('never with --concurrency off or under 200 files on auto; always with a number; on auto only past two cores', () => {
    expect(digestThreadFor('off', 10_000)).toBe(false)
    expect(digestThreadFor('auto', 199)).toBe(false)
    expect(digestThreadFor('2', 10)).toBe(true)
    expect(digestThreadFor('1', 10_000)).toBe(true)
    // On this machine's cores: two or fewer, no thread (its start cost more than it saved on two).
    expect(digestThreadFor('auto', 10_000)).toBe(availableParallelism() > 2)
  })
})
