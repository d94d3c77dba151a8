/**
 * The Scenario model: the single source of truth for `schema/scenario.schema.json`.
 *
 * Edit these types, then run `npm run generate`. JSDoc tags (`@minLength`, `@pattern`, …)
 * become JSON Schema keywords, so they say what the content implies.
 */

/**
 * A piece of prose: not empty, no leading or trailing white space.
 * @minLength 1
 * @pattern ^\S(?:[\s\S]*\S)?$
 */
export type Text = string

/**
 * A scenario id: lower-case words joined by hyphens; also the file name.
 * @pattern ^[a-z0-9]+(?:-[a-z0-9]+)*$
 * @maxLength 120
 */
export type ScenarioId = string

/**
 * A duration in seconds.
 * @exclusiveMinimum 0
 * @maximum 3600
 */
export type Seconds = number

/** A practice option letter. */
export type OptionLetter = 'A' | 'B' | 'C' | 'D'

/** How hard a practice question is. */
export type Difficulty = 'easy' | 'medium' | 'hard'

/** The five STAR(+R) steps, in speaking order. */
export type StepName = 'situation' | 'task' | 'action' | 'result' | 'reflection'

/** One step of the walkthrough: Situation, Task, Action, Result or Reflection. */
export interface Step {
  /** Target speaking time. */
  targetSeconds: Seconds
  /** The strong example answer for this step (some pages give none for Reflection). */
  example?: Text
  /** Phrases a strong answer uses in this step. */
  keyPhrases: Text[]
  /** How to deliver this step well. */
  coaching: Text
  /** The mistake candidates commonly make in this step. */
  commonMistake: Text
}

/** The five steps, keyed by name. */
export interface Steps {
  situation: Step
  task: Step
  action: Step
  result: Step
  reflection: Step
}

/** The page's overview of the story. */
export interface Overview {
  /** The story, told in the first person. */
  story: Text
  /** What the scenario teaches, in the third person. */
  summary: Text
}

/** A reflection as a candidate at one level would give it. */
export interface LevelReflection {
  /** The level, e.g. `SDE2` or `Senior`. */
  level: Text
  text: Text
}

/** A follow-up question an interviewer may ask, with a weak and a strong answer. */
export interface FollowUp {
  question: Text
  /** What the question probes for. */
  probes: Text
  weakAnswer: Text
  /** Why the weak answer fails. */
  critique: Text
  strongAnswer: Text
  /** The one line to remember from the strong answer. */
  takeaway: Text
}

/** A weak answer to the whole question, and why it fails. */
export interface WeakAnswer {
  text: Text
  /**
   * What is wrong with it.
   * @minItems 1
   */
  flaws: Text[]
  /** What a bar raiser concludes. */
  verdict: Text
}

/** A self-check question, with its explanation where the page gives one. */
export interface SelfCheckQuestion {
  question: Text
  explanation?: Text
}

/** How to angle the story at one principle. */
export interface PrincipleAngle {
  principle: Text
  guidance: Text
  emphasize: Text
  downplay: Text
}

/**
 * A speaking-time range. `min` equals `max` for a single limit ("Keep to 2 minutes").
 */
export interface TimeLimit {
  min: Seconds
  max: Seconds
}

/** How the answer changes for one level. */
export interface LevelVariant {
  /** The level, e.g. `SDE 1` or `Senior SDE`. */
  level: Text
  guidance: Text
  /** The reflection a candidate at this level gives. */
  reflection: Text
  /** The bar for this level. */
  bar: Text
  /** How long the whole answer may take at this level. */
  timeLimit: TimeLimit
}

/** One answer option of a practice question. */
export interface PracticeOption {
  letter: OptionLetter
  text: Text
}

/** A multiple-choice practice question. */
export interface PracticeQuestion {
  prompt: Text
  difficulty: Difficulty
  /**
   * @minItems 2
   * @maxItems 4
   */
  options: PracticeOption[]
  /** The correct option. */
  answer: OptionLetter
  /**
   * The worked solution, one step per item.
   * @minItems 1
   */
  solution: Text[]
  hint?: Text
  commonMistakes: Text[]
}

/** A STAR interview walkthrough. */
export interface Scenario {
  id: ScenarioId
  /** The interview question, e.g. "Tell me about a time…". */
  question: Text
  /** The company whose interview this prepares for, e.g. `Amazon`. */
  company: Text
  /** The company's set of principles, e.g. `Leadership Principles`. */
  principleSet: Text
  /**
   * The principles the walkthrough angles at.
   * @minItems 1
   */
  principles: Text[]
  /** The level the story is told at, e.g. `SDE2`. */
  level?: Text
  /** The role the story is told for, e.g. `Software Development Engineer`. */
  role?: Text
  tags?: Text[]
  /**
   * Where the content came from.
   * @format uri
   */
  source?: string
  overview: Overview
  steps: Steps
  levelReflections: LevelReflection[]
  followUps: FollowUp[]
  weakAnswer: WeakAnswer
  selfCheck: SelfCheckQuestion[]
  principleAngles: PrincipleAngle[]
  levelVariants: LevelVariant[]
  practice?: PracticeQuestion[]
  /**
   * Lines of a converted page that `starkit convert` could not place in any field, kept
   * verbatim so nothing is lost. A person moves them into a field or deletes them.
   */
  unplaced?: Text[]
}

/** The step names in speaking order. */
export const STEP_NAMES: readonly StepName[] = ['situation', 'task', 'action', 'result', 'reflection']

/** The keys of a Scenario that live in the YAML frontmatter, in canonical order. */
export const FRONTMATTER_KEYS = [
  'id',
  'company',
  'principleSet',
  'principles',
  'level',
  'role',
  'tags',
  'source',
] as const satisfies readonly (keyof Scenario)[]
