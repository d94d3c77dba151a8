import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { write } from '../../src/emit/markdown.js'
import { formatScenario } from '../../src/emit/format.js'
import { parse } from '../../src/parse/index.js'
import { validate } from '../../src/schema/validate.js'

const docs = readFileSync(new URL('../../docs/format.md', import.meta.url), 'utf8')
const example = /````markdown\n([\s\S]*?)````/.exec(docs)![1]!
const fixture = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')

describe('the complete example of docs/format.md', () => {
  test('is the complete fixture', () => {
    expect(example).toBe(fixture)
  })

  test('parses and validates with no message', () => {
    const parsed = parse(example, { path: 'example.md' })
    const valid = validate(parsed)
    expect(parsed.file.messages.map(String)).toEqual([])
    expect(valid?.scenario.steps.action.keyPhrases).toEqual(['I collected', 'I traced', 'I wrote', 'I added'])
    expect(valid?.scenario.steps.reflection.example).toBeUndefined()
    expect(valid?.scenario.levelVariants[1]!.timeLimit).toEqual({ min: 150, max: 180 })
    expect(valid?.scenario.practice?.[0]).toMatchObject({ difficulty: 'easy', answer: 'A', commonMistakes: [] })
    expect(valid?.scenario.selfCheck[1]).toEqual({ question: 'What is missing from "things got better"?' })
  })

  test('round-trips byte for byte', () => {
    const parsed = parse(example)
    expect(write(parsed.data)).toBe(example)
    expect(parse(write(parsed.data)).data).toEqual(parsed.data)
  })
})

describe('fmt', () => {
  test('canonicalises a forgiving spelling, and the result is a fixed point', () => {
    const loose = example
      .replace('## Follow-ups', '## follow ups')
      .replace('Key phrases:\n\n- I collected\n- I traced\n- I wrote\n- I added', 'key phrases :\n\n* I collected\n* I traced\n* I wrote\n* I added')
      .replace('Target: 90s', 'Target: 1.5 minutes')
      .replace('Time limit: 2 minutes', 'Time limit: Keep to 2 minutes.')
      .replace('Verdict: Leaning', 'Bar raiser thinks: Leaning')
    expect(loose).not.toBe(example)
    const once = formatScenario(loose)
    expect(once.blockers).toEqual([])
    expect(once.output).toBe(example)
    expect(formatScenario(once.output!).output).toBe(once.output)
  })

  test('keeps HTML comments before the values they preceded', () => {
    const commented = example.replace('Coaching: Use "I" for every step.', '<!-- starkit-disable-next-line action-no-we -- quoted on purpose -->\nCoaching: Use "I" for every step.')
    const out = formatScenario(commented).output!
    expect(out).toContain('<!-- starkit-disable-next-line action-no-we -- quoted on purpose -->\n\nCoaching: Use "I" for every step.')
  })

  test('refuses a file whose content the model cannot hold, saying where', () => {
    const stray = example.replace('## Overview', '## Notes\n\nKeep this.\n\n## Overview')
    const result = formatScenario(stray)
    expect(result.output).toBeUndefined()
    expect(result.blockers).toEqual([{ line: 17, column: 1, reason: expect.stringContaining('Unexpected section `Notes`'), ruleId: 'parse/unknown-section' }])
  })

  test('writes a body that starts like a label with its explicit label', () => {
    const parsed = parse(example)
    const data = structuredClone(parsed.data) as { steps: { action: { example: string } } }
    data.steps.action.example = 'Coaching: I coached myself.'
    const md = write(data)
    expect(md).toContain('Example: Coaching: I coached myself.')
    expect((parse(md).data as typeof data).steps.action.example).toBe('Coaching: I coached myself.')
  })
})
