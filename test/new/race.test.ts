/**
 * `starkit new` looks at its target, then writes it: a file that appears there in between
 * (another run, an editor) is not replaced. Here the file appears while `new` makes its folder,
 * the step between the look and the write.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { run } from '../support/io.js'
import { tempFolders } from '../support/temp.js'

const tempFolder = tempFolders('starkit-new-race-')

/** Where the next `mkdir` makes a file appear, if anywhere. */
const appear: { path?: string } = {}

vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>()
  return {
    ...fs,
    mkdir: async (...args: Parameters<typeof fs.mkdir>) => {
      const made = await fs.mkdir(...args)
      if (appear.path) writeFileSync(appear.path, 'written meanwhile\n')
      return made
    },
  }
})

describe('starkit new, racing another writer', () => {
  it('does not replace a file that appeared after it looked, and leaves no temporary file', async () => {
    const dir = tempFolder()
    appear.path = join(dir, 'mine.md')
    const r = await run(['new', 'Tell me about a time you fixed something nobody owned', '--company', 'Amazon', '--principle', 'Ownership', '--id', 'mine'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1735776000' } })
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'starkit: Unexpected existing file `mine.md`, expected `--force` to overwrite it\n' })
    expect(readFileSync(appear.path, 'utf8')).toBe('written meanwhile\n')
    expect(readdirSync(dir)).toEqual(['mine.md'])
  })
})
