/**
 * `unique-id` over a run's files, called as `finishRun` calls it: each mismatch of id and file
 * name, then each id more than one file has, the file named by the id keeping it (else the
 * first by path), the others reported with a note naming it.
 */
import { describe, expect, test } from 'vitest'
import type { ProjectFile } from '../../src/rules/define-rule.js'
import uniqueId from '../../src/rules/unique-id.js'

const file = (path: string, id?: unknown): ProjectFile => ({ path, frontmatter: id === undefined ? {} : { id }, span: () => undefined })

function reports(files: ProjectFile[]): string[] {
  const out: string[] = []
  if (uniqueId.scope !== 'project') throw new Error('unique-id is a project rule')
  uniqueId.check({
    files,
    settings: {} as never,
    options: {},
    report: (f, target, message, extra) => void out.push(`${f.path} ${String(target)} ${message}${extra?.note ? ` (${extra.note})` : ''}`),
  })
  return out
}

describe('unique-id', () => {
  test('every file but the one named by the id is reported, once, with the owner in a note; a mismatched name each time', () => {
    const files = [file('a.md', 'x'), file('d/x.md', 'x'), file('b.md', 'x'), file('c.md', 'y'), file('d.md', 'y'), file('e.md'), file('f.md', 3), file('g.MARKDOWN', 'g')]
    expect(reports(files)).toEqual([
      'a.md /id Unexpected id `x`, expected the file name `a`',
      'b.md /id Unexpected id `x`, expected the file name `b`',
      'c.md /id Unexpected id `y`, expected the file name `c`',
      'd.md /id Unexpected id `y`, expected the file name `d`',
      'a.md /id Unexpected duplicate id `x`, expected an id no other file has (`d/x.md` has this id)',
      'b.md /id Unexpected duplicate id `x`, expected an id no other file has (`d/x.md` has this id)',
      // No file is named `y`: the first keeps it.
      'd.md /id Unexpected duplicate id `y`, expected an id no other file has (`c.md` has this id)',
    ])
  })

  test('ids each one file has: only the names are checked', () => {
    expect(reports([file('p.md', 'p'), file('q.md', 'q'), file('r.md', 'z')])).toEqual(['r.md /id Unexpected id `z`, expected the file name `r`'])
  })
})
