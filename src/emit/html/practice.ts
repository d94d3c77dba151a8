import { m, type Markup } from './markup.js'
import type { PracticeQuestion, Scenario } from '../../model/scenario.js'
import { disclosure, label, section, type Section } from './text.js'

function question(q: PracticeQuestion, index: number): Markup {
  const correct = q.options.find((o) => o.letter === q.answer)
  const id = `practice-${index + 1}`
  return m('li.question', [
    m('article', { ariaLabelledBy: id }, [
      m('p.question-meta', [
        m('span.number', `Question ${index + 1}`),
        ' ',
        m(`span.difficulty.difficulty-${q.difficulty}`, q.difficulty),
      ]),
      m('p.prompt', { id }, q.prompt),
      m(
        'ul.options',
        q.options.map((o) => m('li', [m('span.letter', `${o.letter}.`), ' ', o.text])),
      ),
      q.hint === undefined ? null : disclosure('hint', 'Hint', m('p', q.hint)),
      disclosure(
        'answer',
        'Show answer',
        m('p.correct', [
          'Answer: ',
          m('strong', correct === undefined ? q.answer : `${correct.letter}. ${correct.text}`),
        ]),
        label('Why'),
        m('ol.solution', q.solution.map((step) => m('li', step))),
        q.commonMistakes.length === 0
          ? null
          : m('div.quiz-mistakes', [label('Common mistakes'), m('ul', q.commonMistakes.map((mistake) => m('li', mistake)))]),
      ),
    ]),
  ])
}

/** The practice quiz: options visible, each answer behind a `<details>` (no script needed). */
export function practiceSection(s: Scenario): Section | null {
  if (s.practice === undefined || s.practice.length === 0) return null
  return section(
    'practice',
    'Practice',
    m('p.hint', 'Pick an answer before you open it.'),
    m('ol.quiz', s.practice.map(question)),
  )
}
