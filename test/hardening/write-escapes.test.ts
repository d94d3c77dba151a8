/**
 * Found by the write -> parse property: mdast-util-to-markdown escapes a `-`, `+`, `*` or
 * `1.` at the start of a line only when its pattern's lookahead character is not the next
 * line break, which the previous match already consumed; so in `x\n-\n-` the second `-`
 * was written bare and read back as a setext heading underline (and `x\n+\n+ b` as a list).
 */
import { describe, expect, test } from 'vitest'
import { parse, write } from '../../src/index.js'
import { readFileSync } from 'node:fs'

const complete = parse(readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')).data as Record<string, any>

describe('a text whose lines look like block markup round-trips', () => {
  test.each(['Skipping *\n-\n-', 'a\n-\n-\n-\n-', 'a\n+\n+ b', 'a\n*\n* b', 'a\n1.\n2. b', 'a\n-\n=', 'a\n1)\n2) b'])('%j', (value) => {
    const data = structuredClone(complete)
    data.steps.task.commonMistake = value
    data.overview.story = value
    data.weakAnswer.flaws = [value]
    const parsed = parse(write(data))
    expect(parsed.file.messages.map(String)).toEqual([])
    expect(parsed.data).toEqual(data)
  })
})
