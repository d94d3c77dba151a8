/**
 * What a converted page lacks. A page cut short or of another kind is never forced into
 * shape: each missing section and field is named, and the result is marked incomplete.
 */
import { STEP_NAMES } from '../model/index.js'
import type { WalkMessage, WalkState } from './walk.js'

/** Required fields of each object the page fills, by layout section title. */
const STEP_FIELDS = ['targetSeconds', 'keyPhrases', 'coaching', 'commonMistake']
const ITEM_FIELDS: Record<string, { title: string; noun: string; fields: string[] }> = {
  levelReflections: { title: 'Level reflections', noun: 'level reflection', fields: ['level', 'text'] },
  followUps: {
    title: 'Follow-ups',
    noun: 'follow-up',
    fields: ['question', 'probes', 'weakAnswer', 'critique', 'strongAnswer', 'takeaway'],
  },
  selfCheck: { title: 'Self-check', noun: 'self-check question', fields: ['question'] },
  principleAngles: { title: 'Principle angles', noun: 'principle angle', fields: ['principle', 'guidance', 'emphasize', 'downplay'] },
  levelVariants: { title: 'Level variants', noun: 'level variant', fields: ['level', 'guidance', 'reflection', 'bar', 'timeLimit'] },
  practice: {
    title: 'Practice',
    noun: 'practice question',
    fields: ['prompt', 'difficulty', 'options', 'answer', 'solution'],
  },
}

const TITLES: Record<string, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  reflection: 'Reflection',
}

const empty = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.length === 0) || v === ''

export interface Completeness {
  sectionsMissing: string[]
  messages: WalkMessage[]
}

/** Check the walked data; `at` is where messages about missing things are placed. */
export function checkCompleteness(state: WalkState, at: { line: number; column: number }): Completeness {
  const data = state.data
  const sectionsMissing: string[] = []
  const messages: WalkMessage[] = []
  const missingSection = (title: string, note?: string): void => {
    sectionsMissing.push(title)
    const m: WalkMessage = { ...at, ruleId: 'convert/missing-section', severity: 'warning', reason: `Missing section \`${title}\`` }
    if (note !== undefined) m.note = note
    messages.push(m)
  }
  const missingField = (field: string, where: string): void => {
    messages.push({ ...at, ruleId: 'convert/missing-field', severity: 'warning', reason: `Missing \`${field}\` in \`${where}\`` })
  }
  for (const key of ['question', 'company', 'principleSet']) if (empty(data[key])) missingField(key, 'the page header')
  const overview = data.overview as Record<string, unknown> | undefined
  if (!overview) missingSection('Overview')
  else for (const key of ['story', 'summary']) if (empty(overview[key])) missingField(key, 'Overview')
  const steps = (data.steps ?? {}) as Record<string, Record<string, unknown> | undefined>
  for (const name of STEP_NAMES) {
    const step = steps[name]
    if (!step) missingSection(TITLES[name]!)
    else for (const key of STEP_FIELDS) if (empty(step[key])) missingField(key, TITLES[name]!)
  }
  const weak = data.weakAnswer as Record<string, unknown> | undefined
  const order = ['levelReflections', 'followUps', 'weakAnswer', 'selfCheck', 'principleAngles', 'levelVariants', 'practice']
  for (const key of order) {
    if (key === 'weakAnswer') {
      if (!weak) missingSection('Weak answer')
      else for (const f of ['text', 'flaws', 'verdict']) if (empty(weak[f])) missingField(f, 'Weak answer')
      continue
    }
    const spec = ITEM_FIELDS[key]!
    const items = data[key] as Record<string, unknown>[] | undefined
    if (key === 'practice') {
      const expected = state.modes !== undefined && state.modes >= 4
      if (items === undefined || items.length === 0) {
        if (expected || items !== undefined)
          missingSection(spec.title, `The page offers \`${state.modes ?? '?'}\` preparation modes, so it has a practice quiz`)
        if (items !== undefined && items.length === 0) delete data.practice
        continue
      }
      if (state.practiceTotal !== undefined && items.length < state.practiceTotal)
        messages.push({
          ...at,
          ruleId: 'convert/missing-section',
          severity: 'warning',
          reason: `Missing practice questions: found \`${items.length}\`, expected \`${state.practiceTotal}\``,
        })
    } else if (items === undefined || items.length === 0) {
      missingSection(spec.title)
      continue
    }
    items.forEach((item, i) => {
      for (const f of spec.fields) if (empty(item[f])) missingField(f, `${spec.noun} ${i + 1}`)
    })
  }
  return { sectionsMissing, messages }
}
