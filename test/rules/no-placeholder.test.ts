/**
 * `no-placeholder` skips a field that holds nothing any of its markers starts with (`MAYBE`,
 * a cheap first pass): each kind of marker, alone in a field, must still be found, at its place.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { lintText } from '../../src/rules/lint.js'

const SEED = 'scenarios/tell-me-about-a-time-a-customer-was-unhappy-and-what-you-did-about-it.md'
const HINT = 'Hint: Customer focus + personal action = Customer Obsession'
const text = readFileSync(SEED, 'utf8')
const line = text.slice(0, text.indexOf(HINT)).split('\n').length

const placeholders = async (hint: string) => {
  const result = await lintText(text.replace(HINT, `Hint: ${hint}`), SEED)
  return result.messages.filter((m) => m.ruleId === 'no-placeholder').map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`)
}

describe('no-placeholder', () => {
  const before = 'Look at the '
  const column = 'Hint: '.length + before.length + 1
  for (const marker of ['TODO', 'TODO:', 'FIXME', 'TBD', 'TBC', 'XX', 'XXX', '<your metric>', '{{metric}}', '[insert metric]', '[Your number]', 'lorem ipsum', 'Lorem Ipsum'])
    it(`finds \`${marker}\` alone in a field`, async () => {
      expect(await placeholders(`${before}${marker} first`)).toEqual([
        `${line}:${column}-${line}:${column + marker.length} Unexpected placeholder \`${marker}\`, expected the content it stands for`,
      ])
    })

  it('leaves prose and inline HTML alone', async () => {
    expect(await placeholders('A to do list, an xx-large shirt, todo in lower case, tbd, <br> and [a link] first')).toEqual([])
  })
})
