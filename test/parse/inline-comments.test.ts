/**
 * A comment inside a paragraph (`a <!-- note --> b`) is a note to the people who edit the file:
 * not part of the field's text (so not in the JSON, the HTML or any rule's reading), kept as a
 * comment (so `fmt` keeps it, on a line of its own), and the positions after it still point at
 * the right column.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { formatScenario } from '../../src/emit/format.js'
import { parse } from '../../src/parse/index.js'
import type { Comment } from '../../src/parse/body.js'
import { lintText } from '../../src/rules/lint.js'

const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')
const SITUATION = "While working as an SDE2, I noticed our deploy pipeline failed 12% of runs, which delayed every team's releases by a day."

/** The complete fixture with the Situation example replaced by `example` (one or more lines). */
const withExample = (example: string): string => complete.replace(SITUATION, example)
const exampleOf = (text: string): unknown => (parse(text).data as { steps: { situation: { example: string } } }).steps.situation.example
const commentsOf = (text: string): Comment[] => parse(text).file.data.comments as Comment[]

describe('a comment inside a paragraph', () => {
  test.each([
    ['between words: the spaces around it become one', 'I noticed <!-- check the number --> our pipeline failed 12% of runs.', 'I noticed our pipeline failed 12% of runs.'],
    ['no space on one side: one space', 'I noticed<!-- n -->  our pipeline failed 12% of runs.', 'I noticed our pipeline failed 12% of runs.'],
    ['touching both words: nothing is added', 'I notic<!-- n -->ed our pipeline failed 12% of runs.', 'I noticed our pipeline failed 12% of runs.'],
    ['at the end of the paragraph', 'I noticed our pipeline failed 12% of runs. <!-- n -->', 'I noticed our pipeline failed 12% of runs.'],
    ['at the end of a line: no trailing space before the break', 'I noticed our pipeline <!-- n -->\nfailed 12% of runs.', 'I noticed our pipeline\nfailed 12% of runs.'],
    ['two, with a tab', 'I noticed <!-- a -->\t<!-- b --> our pipeline failed 12% of runs.', 'I noticed our pipeline failed 12% of runs.'],
  ])('%s', (_, example, expected) => {
    expect(exampleOf(withExample(example))).toBe(expected)
  })

  test('is kept as a comment, at its own line and column', () => {
    const text = withExample('I noticed <!-- check the number --> our pipeline failed 12% of runs.')
    const line = text.split('\n').findIndex((l) => l.startsWith('I noticed <!--')) + 1
    expect(commentsOf(text)).toEqual([
      expect.objectContaining({ value: '<!-- check the number -->', line, column: 11, endLine: line, endColumn: 36 }),
    ])
  })

  test('positions after it point at the source: a finding on text past the comment', async () => {
    const text = withExample('I noticed <!-- check the number --> our pipeline failed TODO of runs.')
    const line = text.split('\n').findIndex((l) => l.startsWith('I noticed <!--')) + 1
    const result = await lintText(text, 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md')
    const found = result.messages.filter((m) => m.ruleId === 'no-placeholder').map((m) => `${m.line}:${m.column}-${m.endColumn}`)
    const column = text.split('\n')[line - 1]!.indexOf('TODO') + 1
    expect(found).toEqual([`${line}:${column}-${column + 4}`])
  })

  test('is not a placeholder, nor any other finding, of its own', async () => {
    const plain = await lintText(complete, 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md')
    const commented = await lintText(withExample(SITUATION.replace('failed', '<!-- was: broke --> failed')), 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md')
    expect(commented.messages.map((m) => m.ruleId)).toEqual(plain.messages.map((m) => m.ruleId))
  })

  test('fmt keeps it, after its paragraph, and the result is a fixed point', () => {
    const text = withExample(SITUATION.replace('failed', '<!-- was: broke --> failed'))
    const once = formatScenario(text)
    expect(once.blockers).toEqual([])
    expect(once.output).toBe(complete.replace(`${SITUATION}\n`, `${SITUATION}\n\n<!-- was: broke -->\n`))
    expect(formatScenario(once.output!).output).toBe(once.output)
  })

  test('comes in document order with the comments between blocks: directives and fmt keep it', async () => {
    // An inline comment is met when its section is read, after the block comments of that
    // section. Here a `disable` inside the Situation example is ended by an `enable` below it,
    // so the missing key phrase of the Action step is still reported.
    const text = complete
      .replace(SITUATION, 'I noticed <!-- starkit-disable key-phrase-in-example --> our pipeline failed 12% of runs.')
      .replace('\nCoaching: Keep the situation short', '\n<!-- starkit-enable key-phrase-in-example -->\n\nCoaching: Keep the situation short')
      .replace('- I collected\n', '- I collected nothing\n')
    expect(commentsOf(text).map((c) => c.value)).toEqual(['<!-- starkit-disable key-phrase-in-example -->', '<!-- starkit-enable key-phrase-in-example -->'])
    const result = await lintText(text, 'tell-me-about-a-time-you-fixed-a-flaky-pipeline.md')
    expect(result.messages.filter((m) => m.ruleId === 'key-phrase-in-example').map((m) => m.message)).toEqual(['Missing key phrase `I collected nothing` in the Action example'])
    const out = formatScenario(text).output!
    expect(out.indexOf('<!-- starkit-disable')).toBeLessThan(out.indexOf('<!-- starkit-enable'))
  })

  test('in a title, a list item and a label line alike', () => {
    const text = complete
      .replace('# Tell Me About a Time You Fixed Something Nobody Owned', '# Tell Me About a Time <!-- shorter? --> You Fixed Something Nobody Owned')
      .replace('- I noticed\n', '- I noticed <!-- the verb matters -->\n')
      .replace('Coaching: Keep the situation short', 'Coaching: <!-- from the style guide --> Keep the situation short')
    const data = parse(text).data as { question: string; steps: { situation: { keyPhrases: string[]; coaching: string } } }
    expect(data.question).toBe('Tell Me About a Time You Fixed Something Nobody Owned')
    expect(data.steps.situation.keyPhrases[0]).toBe('I noticed')
    expect(data.steps.situation.coaching).toBe('Keep the situation short and lead with the impact.')
    expect(commentsOf(text).map((c) => c.value)).toEqual(['<!-- shorter? -->', '<!-- the verb matters -->', '<!-- from the style guide -->'])
  })
})
