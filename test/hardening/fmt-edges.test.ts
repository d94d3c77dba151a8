/**
 * Found by the fmt idempotency property: a file of only an empty frontmatter (`---\n---`) was
 * "formatted" to an empty file, which fmt (and lint) then refuse as `parse/empty`.
 */
import { expect, test } from 'vitest'
import { formatScenario } from '../../src/index.js'

test.each(['---\n---', '---\n---\n', '\uFEFF---\r\n---\r\n'])('fmt refuses %j, which holds nothing to write, instead of emptying it', (text) => {
  expect(formatScenario(text)).toEqual({ blockers: [{ line: 1, column: 1, reason: 'Unexpected file with no scenario content, expected a scenario', ruleId: 'parse/empty' }] })
})

/**
 * Found by the same property: a comment before a body of two paragraphs was put back before
 * the second one (the pointer -> position map kept the last node of a pointer), so each fmt
 * moved it further.
 */
test('fmt keeps a comment before the first paragraph of a body of several', () => {
  const text = '## Overview\n<!-- starkit-disable-next-line x -->\n_b\n \n$'
  const once = formatScenario(text)
  expect(once.output).toBe('## Overview\n\n<!-- starkit-disable-next-line x -->\n\n\\_b\n\n$\n')
  expect(formatScenario(once.output!).output).toBe(once.output)
})
