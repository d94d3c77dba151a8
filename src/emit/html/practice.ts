import type { Element } from 'hast'
import { h } from './h.js'
import type { PracticeQuestion, Scenario } from '../../model/scenario.js'
import { disclosure, label, section } from './text.js'

function question(q: PracticeQuestion, index: number): Element {
  const correct = q.options.find((o) => o.letter === q.answer)
  const id = `practice-${index + 1}`
  return h('li.question', [
    h('article', { ariaLabelledBy: id }, [
      h('p.question-meta', [
        h('span.number', `Question ${index + 1}`),
        ' ',
        h(`span.difficulty.difficulty-${q.difficulty}`, q.difficulty),
      ]),
      h('p.prompt', { id }, q.prompt),
      h(
        'ul.options',
        q.options.map((o) => h('li', [h('span.letter', `${o.letter}.`), ' ', o.text])),
      ),
      q.hint === undefined ? null : disclosure('hint', 'Hint', h('p', q.hint)),
      disclosure(
        'answer',
        'Show answer',
        h('p.correct', [
          'Answer: ',
          h('strong', correct === undefined ? q.answer : `${correct.letter}. ${correct.text}`),
        ]),
        label('Why'),
        h('ol.solution', q.solution.map((step) => h('li', step))),
        q.commonMistakes.length === 0
          ? null
          : h('div.quiz-mistakes', [label('Common mistakes'), h('ul', q.commonMistakes.map((m) => h('li', m)))]),
      ),
    ]),
  ])
}

/** The practice quiz: options visible, each answer behind a `<details>` (no script needed). */
export function practiceSection(s: Scenario): Element | null {
  if (s.practice === undefined || s.practice.length === 0) return null
  return section(
    'practice',
    'Practice',
    h('p.hint', 'Pick an answer before you open it.'),
    h('ol.quiz', s.practice.map(question)),
  )
}
