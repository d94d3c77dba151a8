/**
 * fast-check arbitraries for the whole Scenario model (src/model/scenario.ts), within its
 * constraints: every Text is non-empty, has no leading or trailing white space and no blank
 * line inside; ids are slugs; seconds are in (0, 3600]; lists have their min/max items.
 *
 * Texts are made of words drawn from plain words, Markdown-special characters, HTML, entity
 * references, label look-alikes (`Coaching:`), list and heading markers, and any unicode.
 */
import fc from 'fast-check'
import type { FollowUp, LevelReflection, LevelVariant, PracticeQuestion, PrincipleAngle, Scenario, SelfCheckQuestion, Step } from '../../src/model/index.js'

const SPECIAL_WORDS = [
  '*', '**', '_', '__', '`', '``', '#', '##', '-', '+', '>', '<', '&', '\\', '[', ']', '(', ')', '!', '|', '~', '=', '"', "'", ':',
  '1.', '2)', '- x', '*a*', '_a_', '`code`', '[a](b)', '![i](s)', '<b>', '</p>', '<!-- c -->', '-->', '&amp;', '&#42;', '&copy;',
  'https://example.com', '<https://x.y>', 'Coaching:', 'Target:', 'Key phrases:', 'Answer:', 'A.', 'B)', 'Story:', 'Example:',
  '---', '***', '===', '```', '~~~', '\t', 'TODO:', 'a\\', '\\*', '%', '{', '}', '$', '^', '@', 'é', 'ß', '日本語', '😀', '👩‍💻', '\u00a0', '\u200b',
]

/** One word: plain, special, or any unicode without white space. */
const word: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('I', 'we', 'fixed', 'the', 'pipeline', '12%', 'Amazon', 'SDE2', 'owner', 'ship', '0', '42') },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_WORDS).filter((w) => w.trim() === w && w !== '') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => /^\S+$/u.test(s)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }).filter((s) => /^\S+$/u.test(s)) },
)

/**
 * A Text: words joined by single spaces, and (where `lines`) by single line breaks.
 * Never empty, never white space at either end, never a blank line inside.
 */
export function text(options: { lines?: boolean; maxWords?: number } = {}): fc.Arbitrary<string> {
  const sep = options.lines ? fc.constantFrom(' ', ' ', ' ', '\n') : fc.constant(' ')
  return fc
    .array(fc.tuple(word, sep), { minLength: 1, maxLength: options.maxWords ?? 6 })
    .map((parts) => parts.map(([w, s], i) => (i === 0 ? w : s + w)).join(''))
    .filter((t) => /^\S(?:[\s\S]*\S)?$/u.test(t) && !/\n[ \t]*\n/.test(t) && !t.includes('\0'))
}

const slug = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join('-'))

const seconds = fc.integer({ min: 1, max: 3600 })

const prose = text({ lines: true })
/** Headings, list items and frontmatter values may hold line breaks too: they round-trip. */
const heading = text({ lines: true, maxWords: 4 })

const step: fc.Arbitrary<Step> = fc.record(
  {
    targetSeconds: seconds,
    example: prose,
    keyPhrases: fc.array(heading, { maxLength: 4 }),
    coaching: prose,
    commonMistake: prose,
  },
  { requiredKeys: ['targetSeconds', 'keyPhrases', 'coaching', 'commonMistake'] },
)

const levelReflection: fc.Arbitrary<LevelReflection> = fc.record({ level: heading, text: prose })
const followUp: fc.Arbitrary<FollowUp> = fc.record({ question: heading, probes: prose, weakAnswer: prose, critique: prose, strongAnswer: prose, takeaway: prose })
const selfCheck: fc.Arbitrary<SelfCheckQuestion> = fc.record({ question: heading, explanation: prose }, { requiredKeys: ['question'] })
const angle: fc.Arbitrary<PrincipleAngle> = fc.record({ principle: heading, guidance: prose, emphasize: prose, downplay: prose })
const timeLimit = fc.tuple(seconds, seconds).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }))
const variant: fc.Arbitrary<LevelVariant> = fc.record({ level: heading, guidance: prose, reflection: prose, bar: prose, timeLimit })

const LETTERS = ['A', 'B', 'C', 'D'] as const
const practice: fc.Arbitrary<PracticeQuestion> = fc
  .record(
    {
      prompt: prose,
      difficulty: fc.constantFrom('easy', 'medium', 'hard'),
      options: fc.array(heading, { minLength: 2, maxLength: 4 }),
      answer: fc.nat(3),
      solution: fc.array(heading, { minLength: 1, maxLength: 3 }),
      hint: prose,
      commonMistakes: fc.array(heading, { maxLength: 3 }),
    },
    { requiredKeys: ['prompt', 'difficulty', 'options', 'answer', 'solution', 'commonMistakes'] },
  )
  .map(({ options, answer, ...rest }) => ({
    ...rest,
    options: options.map((t, i) => ({ letter: LETTERS[i]!, text: t })),
    answer: LETTERS[answer % options.length]!,
  }))

const list = <T>(item: fc.Arbitrary<T>, max = 2): fc.Arbitrary<T[]> => fc.array(item, { maxLength: max })

/** A whole Scenario, optional fields present or absent. */
export const scenario: fc.Arbitrary<Scenario> = fc.record(
  {
    id: slug,
    question: heading,
    company: heading,
    principleSet: heading,
    principles: fc.array(heading, { minLength: 1, maxLength: 3 }),
    level: heading,
    role: heading,
    tags: fc.array(heading, { maxLength: 3 }),
    source: fc.webUrl(),
    overview: fc.record({ story: prose, summary: prose }),
    steps: fc.record({ situation: step, task: step, action: step, result: step, reflection: step }),
    levelReflections: list(levelReflection),
    followUps: list(followUp),
    weakAnswer: fc.record({ text: prose, flaws: fc.array(heading, { minLength: 1, maxLength: 3 }), verdict: prose }),
    selfCheck: list(selfCheck),
    principleAngles: list(angle),
    levelVariants: list(variant),
    practice: fc.array(practice, { minLength: 1, maxLength: 2 }),
    unplaced: fc.array(heading, { minLength: 1, maxLength: 3 }),
  },
  {
    requiredKeys: ['id', 'question', 'company', 'principleSet', 'principles', 'overview', 'steps', 'levelReflections', 'followUps', 'weakAnswer', 'selfCheck', 'principleAngles', 'levelVariants'],
  },
)
