import { m, type Markup } from './markup.js'
import type { Scenario, Step, StepName } from '../../model/scenario.js'
import { STEP_NAMES } from '../../model/scenario.js'
import { highlight } from './highlight.js'
import { label, section, type Section } from './text.js'
import { countWords, formatDuration, speakingSeconds, WORDS_PER_MINUTE } from './timing.js'

const TITLES: Record<StepName, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  reflection: 'Reflection',
}

/** How long a step's example takes to say. */
interface Spoken {
  words: number
  seconds: number
}

/** The spoken length of a step's example, when it has one. */
function spoken(step: Step): Spoken | undefined {
  if (step.example === undefined) return undefined
  const words = countWords(step.example)
  return { words, seconds: speakingSeconds(words) }
}

function timing(step: Step, est: Spoken | undefined): Markup {
  const parts: Markup[] = [m('span.target', [m('span.k', 'Target '), formatDuration(step.targetSeconds)])]
  if (est) {
    const over = est.seconds > step.targetSeconds
    parts.push(
      m(
        'span.spoken',
        { className: over ? ['over'] : [], title: `${est.words} words at ${WORDS_PER_MINUTE} words per minute` },
        [m('span.k', 'Spoken '), `≈ ${formatDuration(est.seconds)}`, m('span.words', ` · ${est.words} words`), over ? m('span.flag', ' · over target') : null],
      ),
    )
  }
  return m('p.timing', parts)
}

function keyPhrases(phrases: readonly string[], found: readonly boolean[], hasExample: boolean): Markup | null {
  if (phrases.length === 0) return null
  return m('div.phrases', [
    label('Key phrases'),
    m(
      'ul.phrase-list',
      phrases.map((p, i) =>
        found[i]
          ? m('li.found', [m('mark', p)])
          : m('li.missing', [p, m('span.note', hasExample ? ' (not word for word in the example)' : ' (say it in your own words)')]),
      ),
    ),
  ])
}

function stepCard(name: StepName, step: Step, said: Spoken | undefined, extra: Markup | null): Markup {
  const { content, found } = highlight(step.example ?? '', step.keyPhrases)
  const id = `step-${name}`
  return m(`li.step.step-${name}`, [
    m('article', { ariaLabelledBy: id }, [
      m('header.step-header', [
        m('span.step-letter', { ariaHidden: 'true' }, TITLES[name][0] ?? ''),
        m('h3', { id }, TITLES[name]),
        timing(step, said),
      ]),
      step.example === undefined
        ? m('p.no-example', 'No example answer is given for this step: build it from the key phrases and the coaching.')
        : m('div.example', [label('Strong example'), m('blockquote', [m('p', content.map((c) => (c.mark ? m('mark', c.text) : c.text)))])]),
      keyPhrases(step.keyPhrases, found, step.example !== undefined),
      m('div.advice', [
        m('div.coaching', [label('Coaching'), m('p', step.coaching)]),
        m('div.mistake', [label('Common mistake'), m('p', step.commonMistake)]),
      ]),
      extra,
    ]),
  ])
}

function levelReflections(s: Scenario): Markup | null {
  if (s.levelReflections.length === 0) return null
  return m('div.level-reflections', [
    label('Reflection by level'),
    m(
      'dl',
      s.levelReflections.flatMap((r) => [m('dt', r.level), m('dd', r.text)]),
    ),
  ])
}

/** The five STAR steps as cards, with their timing against the target. */
export function stepsSection(s: Scenario): Section {
  const target = STEP_NAMES.reduce((sum, n) => sum + s.steps[n].targetSeconds, 0)
  const said = STEP_NAMES.map((n) => spoken(s.steps[n]))
  const spokenTotal = said.reduce((sum, e) => sum + (e?.seconds ?? 0), 0)
  const complete = said.every((e) => e !== undefined)
  return section(
    'steps',
    'The answer, step by step',
    m('p.steps-summary', [
      `Target for the whole answer: ${formatDuration(target)}. `,
      `The example ${complete ? '' : '(where it is given) '}takes about ${formatDuration(spokenTotal)} to say at ${WORDS_PER_MINUTE} words per minute. `,
      'Highlighted words are the key phrases.',
    ]),
    m(
      'ol.steps',
      // Each example's words are counted once, for the summary and for its card.
      STEP_NAMES.map((n, i) => stepCard(n, s.steps[n], said[i], n === 'reflection' ? levelReflections(s) : null)),
    ),
  )
}
