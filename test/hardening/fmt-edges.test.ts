/**
 * Found by the fmt idempotency property: a file of only an empty frontmatter (`---\n---`) was
 * "formatted" to an empty file, which fmt (and lint) then refuse as `parse/empty`.
 */
import { expect, test } from 'vitest'
import { formatScenario } from '../../src/index.js'

test.each(['---\n---', '---\n---\n', '\uFEFF---\r\n---\r\n'])('fmt refuses %j, which holds nothing to write, instead of emptying it', (text) => {
  expect(formatScenario(text)).toEqual({ blockers: [{ line: 1, column: 1, reason: 'Unexpected file with no scenario content, expected a scenario', ruleId: 'parse/empty' }] })
})
