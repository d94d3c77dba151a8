/**
 * `inside` (src/cli/commands/build.ts): where a build writes each file of the site. It stands
 * for `join(out, ...path.split('/'))` without `join`'s normalising, so it must give the same
 * path for every file `siteFiles` lists (ids as `checkId` allows them) under any output folder
 * build accepts (resolved, not a root).
 */
import fc from 'fast-check'
import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { inside } from '../../src/cli/commands/build.js'
import { siteFiles } from '../../src/emit/site.js'

const word = fc.stringMatching(/^[a-z0-9]{1,8}$/)
const id = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join('-'))
const folder = fc.stringMatching(/^[A-Za-z0-9 ._-]{1,12}$/).filter((name) => name !== '.' && name !== '..')

test('every file of a site goes where join would put it', () => {
  fc.assert(
    fc.property(fc.uniqueArray(id, { maxLength: 5 }), fc.array(folder, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean(), (ids, folders, json, html) => {
      const out = resolve('/', ...folders)
      for (const file of siteFiles(ids, { json, html })) expect(inside(out, file.path)).toBe(join(out, ...file.path.split('/')))
    }),
    { numRuns: 300 },
  )
})

test('the paths named one by one', () => {
  expect(inside('/work/site', 'index.html')).toBe('/work/site/index.html')
  expect(inside('/work/site', 'scenarios/a-b.json')).toBe('/work/site/scenarios/a-b.json')
  expect(inside('/work/my dist', 'assets/app.js')).toBe('/work/my dist/assets/app.js')
})
