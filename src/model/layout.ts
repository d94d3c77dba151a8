/**
 * The layout of the Markdown scenario format (docs/format.md), as data.
 *
 * One table serves the reader (src/parse) and the writer (src/emit), so a field
 * cannot be read from one place and written to another: every field has exactly
 * one home, named here.
 */

/** How a field's value is written inside its block. */
export type FieldKind =
  | 'text' // `Label: prose`
  | 'list' // `Label:` then a bullet list of prose
  | 'orderedList' // `Label:` then a numbered list of prose
  | 'seconds' // `Label: 30s`
  | 'timeLimit' // `Label: 2.5-3 minutes`
  | 'options' // `Label:` then `- A. option` items
  | 'letter' // `Label: A`
  | 'difficulty' // `Label: easy`

export interface FieldSpec {
  /** The property of the model object. */
  key: string
  /** The canonical label, as written. */
  label: string
  kind: FieldKind
  /** Other labels a reader accepts (case and spacing are ignored anyway). */
  aliases?: string[]
}

/** The paragraphs and lists under one heading. */
export interface BlockSpec {
  /**
   * The text field that unlabeled paragraphs fill. The writer leaves its label
   * off unless the text itself starts like a label.
   */
  body?: string
  /** Every field of the block, in canonical order (the body field included). */
  fields: FieldSpec[]
}

/** A `##` section of a scenario file. */
export interface SectionSpec {
  /** Pointer of the model value the section holds, e.g. `/steps/action`. */
  path: string
  /** Canonical heading text. */
  title: string
  aliases?: string[]
  /** A section that holds one object. */
  block?: BlockSpec
  /** A section that holds a list of `###` items. */
  items?: {
    /** The item property its `###` heading holds; absent: the heading is only a counter. */
    headingKey?: string
    /** The heading written for item `index` when `headingKey` is absent. */
    counterHeading?: string
    /** What one item is called in messages. */
    noun: string
    block: BlockSpec
  }
  /** A section that holds a bullet list of text directly. */
  list?: boolean
  /** The writer omits the section when the value is absent. */
  optional?: boolean
}

const STEP_BLOCK: BlockSpec = {
  body: 'example',
  fields: [
    { key: 'targetSeconds', label: 'Target', kind: 'seconds', aliases: ['Target time'] },
    { key: 'example', label: 'Example', kind: 'text', aliases: ['Strong example'] },
    { key: 'keyPhrases', label: 'Key phrases', kind: 'list' },
    { key: 'coaching', label: 'Coaching', kind: 'text' },
    { key: 'commonMistake', label: 'Common mistake', kind: 'text' },
  ],
}

/** The sections in canonical order. */
export const SECTIONS: readonly SectionSpec[] = [
  {
    path: '/overview',
    title: 'Overview',
    aliases: ['Scenario overview'],
    block: {
      body: 'story',
      fields: [
        { key: 'story', label: 'Story', kind: 'text' },
        { key: 'summary', label: 'Summary', kind: 'text' },
      ],
    },
  },
  { path: '/steps/situation', title: 'Situation', block: STEP_BLOCK },
  { path: '/steps/task', title: 'Task', block: STEP_BLOCK },
  { path: '/steps/action', title: 'Action', block: STEP_BLOCK },
  { path: '/steps/result', title: 'Result', block: STEP_BLOCK },
  { path: '/steps/reflection', title: 'Reflection', block: STEP_BLOCK },
  {
    path: '/levelReflections',
    title: 'Level reflections',
    items: {
      headingKey: 'level',
      noun: 'level reflection',
      block: { body: 'text', fields: [{ key: 'text', label: 'Text', kind: 'text' }] },
    },
  },
  {
    path: '/followUps',
    title: 'Follow-ups',
    aliases: ['Follow-up questions', 'Follow ups'],
    items: {
      headingKey: 'question',
      noun: 'follow-up',
      block: {
        fields: [
          { key: 'probes', label: 'Probes', kind: 'text' },
          { key: 'weakAnswer', label: 'Weak answer', kind: 'text', aliases: ['Weak'] },
          { key: 'critique', label: 'Critique', kind: 'text' },
          { key: 'strongAnswer', label: 'Strong answer', kind: 'text', aliases: ['Strong'] },
          { key: 'takeaway', label: 'Takeaway', kind: 'text' },
        ],
      },
    },
  },
  {
    path: '/weakAnswer',
    title: 'Weak answer',
    block: {
      body: 'text',
      fields: [
        { key: 'text', label: 'Answer', kind: 'text' },
        { key: 'flaws', label: 'Flaws', kind: 'list' },
        { key: 'verdict', label: 'Verdict', kind: 'text', aliases: ['Bar raiser thinks', 'Bar raiser verdict'] },
      ],
    },
  },
  {
    path: '/selfCheck',
    title: 'Self-check',
    aliases: ['Self-check questions', 'Self check'],
    items: {
      headingKey: 'question',
      noun: 'self-check question',
      block: { body: 'explanation', fields: [{ key: 'explanation', label: 'Explanation', kind: 'text' }] },
    },
  },
  {
    path: '/principleAngles',
    title: 'Principle angles',
    items: {
      headingKey: 'principle',
      noun: 'principle angle',
      block: {
        body: 'guidance',
        fields: [
          { key: 'guidance', label: 'Guidance', kind: 'text' },
          { key: 'emphasize', label: 'Emphasize', kind: 'text', aliases: ['Emphasise'] },
          { key: 'downplay', label: 'Downplay', kind: 'text' },
        ],
      },
    },
  },
  {
    path: '/levelVariants',
    title: 'Level variants',
    items: {
      headingKey: 'level',
      noun: 'level variant',
      block: {
        body: 'guidance',
        fields: [
          { key: 'guidance', label: 'Guidance', kind: 'text' },
          { key: 'reflection', label: 'Reflection', kind: 'text' },
          { key: 'bar', label: 'Bar', kind: 'text' },
          { key: 'timeLimit', label: 'Time limit', kind: 'timeLimit' },
        ],
      },
    },
  },
  {
    path: '/practice',
    title: 'Practice',
    aliases: ['Practice questions'],
    optional: true,
    items: {
      counterHeading: 'Question',
      noun: 'practice question',
      block: {
        body: 'prompt',
        fields: [
          { key: 'prompt', label: 'Prompt', kind: 'text' },
          { key: 'difficulty', label: 'Difficulty', kind: 'difficulty' },
          { key: 'options', label: 'Options', kind: 'options' },
          { key: 'answer', label: 'Answer', kind: 'letter', aliases: ['Correct answer', 'Correct option'] },
          { key: 'solution', label: 'Solution', kind: 'orderedList' },
          { key: 'hint', label: 'Hint', kind: 'text' },
          { key: 'commonMistakes', label: 'Common mistakes', kind: 'list' },
        ],
      },
    },
  },
  {
    path: '/unplaced',
    title: 'Unplaced',
    optional: true,
    list: true,
  },
]

/** The list-valued kinds: a missing list reads as empty, and an empty one is not written. */
export const LIST_KINDS: ReadonlySet<FieldKind> = new Set(['list', 'orderedList', 'options'])

/** Normalise a heading or label for lenient matching: case, spacing, hyphens, a final colon. */
export function normalizeLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[:：]\s*$/, '')
    .replace(/[\s\-_‐–—]+/g, '')
}

/** The section spec for a pointer such as `/steps/action` or `/followUps`. */
export function sectionAt(path: string): SectionSpec | undefined {
  return SECTIONS.find((s) => s.path === path)
}
