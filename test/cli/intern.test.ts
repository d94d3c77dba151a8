import { expect, test } from 'vitest'
import { intern } from '../../src/model/memo.js'

test('intern keeps one entry a text, and gives back the text', () => {
  const kept = new Map<string, string>()
  // Two strings of one value made apart (not one literal): the map holds the first.
  const first = ['rule', 'id'].join('-')
  const second = `rule-${'id'}`
  expect(intern(kept, first)).toBe('rule-id')
  expect(intern(kept, second)).toBe('rule-id')
  expect(intern(kept, 'other')).toBe('other')
  expect([...kept]).toEqual([
    ['rule-id', 'rule-id'],
    ['other', 'other'],
  ])
})
