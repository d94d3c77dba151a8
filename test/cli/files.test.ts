/**
 * Finding the files (files.ts): the walk's shortcuts (paths made by concatenation, relative
 * paths by slicing, no ignore lookups without a rule) give what path.relative and ignore give.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, sep } from 'node:path'
import { expect, test } from 'vitest'
import { collectFiles, displayPath, loadIgnores } from '../../src/cli/files.js'

/** displayPath with path.relative alone (a name that starts with `..`, such as `..x.md`, is inside: it took those for outside until session 12). */
const byRelative = (path: string, cwd: string) => {
  const rel = relative(cwd, path)
  return (rel === '' ? '.' : rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? path : rel).split(sep).join('/')
}

test('displayPath is what path.relative gives: under, at, beside and outside the working directory', () => {
  for (const cwd of ['/tmp/b', '/tmp/b/', '/', '/tmp']) {
    for (const path of ['/tmp/b/x.md', '/tmp/b/deep/er/x.md', '/tmp/b', '/tmp/bb/x.md', '/tmp/x.md', '/x.md', '/tmp/b/..x.md']) {
      expect([cwd, path, displayPath(path, cwd)]).toEqual([cwd, path, byRelative(path, cwd)])
    }
  }
})

test('ignore files of blank lines and comments have no rule; a rule, from a file or the config, is applied', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'starkit-files-'))
  mkdirSync(join(dir, 'c', 'drafts'), { recursive: true })
  for (const f of ['c/a.md', 'c/b.draft.md', 'c/drafts/d.md']) writeFileSync(join(dir, f), '')
  writeFileSync(join(dir, '.gitignore'), '\n# only a comment\n\n')
  expect(loadIgnores(dir)).toBeUndefined()
  const all = (await collectFiles(['c'], dir)).map((f) => displayPath(f, dir))
  expect(all).toEqual(['c/a.md', 'c/b.draft.md', 'c/drafts/d.md'])
  expect((await collectFiles(['c'], dir, ['*.draft.md'])).map((f) => displayPath(f, dir))).toEqual(['c/a.md', 'c/drafts/d.md'])
  writeFileSync(join(dir, '.starkitignore'), '# drafts stay out\r\ndrafts/\r\n')
  expect((await collectFiles(['c'], dir)).map((f) => displayPath(f, dir))).toEqual(['c/a.md', 'c/b.draft.md'])
})
