import type { Element } from 'hast'
import { h } from './h.js'
import type { Scenario, Step, StepName } from '../../model/scenario.js'
import { STEP_NAMES } from '../../model/scenario.js'
import { highlight } from './highlight.js'
import { label, section } from './text.js'
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

function timing(step: Step, est: Spoken | undefined): Element {
  const parts: Element[] = [h('span.target', [h('span.k', 'Target '), formatDuration(step.targetSeconds)])]
  if (est) {
    const over = est.seconds > step.targetSeconds
    parts.push(
      h(
        'span.spoken',
        { className: over ? ['over'] : [], title: `${est.words} words at ${WORDS_PER_MINUTE} words per minute` },
        [h('span.k', 'Spoken '), `≈ ${formatDuration(est.seconds)}`, h('span.words', ` · ${est.words} words`), over ? h('span.flag', ' · over target') : null],
      ),
    )
  }
  return h('p.timing', parts)
}

function keyPhrases(phrases: readonly string[], found: readonly boolean[], hasExample: boolean): Element | null {
  if (phrases.length === 0) return null
  return h('div.phrases', [
    label('Key phrases'),
    h(
      'ul.phrase-list',
      phrases.map((p, i) =>
        found[i]
          ? h('li.found', [h('mark', p)])
          : h('li.missing', [p, h('span.note', hasExample ? ' (not word for word in the example)' : ' (say it in your own words)')]),
      ),
    ),
  ])
}

function stepCard(name: StepName, step: Step, said: Spoken | undefined, extra: Element | null): Element {
  const { content, found } = highlight(step.example ?? '', step.keyPhrases)
  const id = `step-${name}`
  return h(`li.step.step-${name}`, [
    h('article', { ariaLabelledBy: id }, [
      h('header.step-header', [
        h('span.step-letter', { ariaHidden: 'true' }, TITLES[name][0] ?? ''),
        h('h3', { id }, TITLES[name]),
        timing(step, said),
      ]),
      step.example === undefined
        ? h('p.no-example', 'No example answer is given for this step: build it from the key phrases and the coaching.')
        : h('div.example', [label('Strong example'), h('blockquote', [h('p', content)])]),
      keyPhrases(step.keyPhrases, found, step.example !== undefined),
      h('div.advice', [
        h('div.coaching', [label('Coaching'), h('p', step.coaching)]),
        h('div.mistake', [label('Common mistake'), h('p', step.commonMistake)]),
      ]),
      extra,
    ]),
  ])
}

function levelReflections(s: Scenario): Element | null {
  if (s.levelReflections.length === 0) return null
  return h('div.level-reflections', [
    label('Reflection by level'),
    h(
      'dl',
      s.levelReflections.flatMap((r) => [h('dt', r.level), h('dd', r.text)]),
    ),
  ])
}

/** The five STAR steps as cards, with their timing against the target. */
export function stepsSection(s: Scenario): Element {
  const target = STEP_NAMES.reduce((sum, n) => sum + s.steps[n].targetSeconds, 0)
  const said = STEP_NAMES.map((n) => spoken(s.steps[n]))
  const spokenTotal = said.reduce((sum, e) => sum + (e?.seconds ?? 0), 0)
  const complete = said.every((e) => e !== undefined)
  return section(
    'steps',
    'The answer, step by step',
    h('p.steps-summary', [
      `Target for the whole answer: ${formatDuration(target)}. `,
      `The example ${complete ? '' : '(where it is given) '}takes about ${formatDuration(spokenTotal)} to say at ${WORDS_PER_MINUTE} words per minute. `,
      'Highlighted words are the key phrases.',
    ]),
    h(
      'ol.steps',
      // Each example's words are counted once, for the summary and for its card.
      STEP_NAMES.map((n, i) => stepCard(n, s.steps[n], said[i], n === 'reflection' ? levelReflections(s) : null)),
    ),
  )
}
