import type { Element } from 'hast'
import { h } from './h.js'
import { formatTimeLimit } from '../../model/duration.js'
import type { Scenario } from '../../model/scenario.js'
import { disclosure, label, section } from './text.js'

/** Follow-up questions, each a `<details>` that opens on the weak and the strong answer. */
export function followUpsSection(s: Scenario): Element | null {
  if (s.followUps.length === 0) return null
  return section(
    'follow-ups',
    'Follow-up questions',
    h('p.hint', 'Answer each question aloud first, then open it to compare.'),
    h(
      'div.followups',
      s.followUps.map((f) =>
        disclosure(
          'followup',
          f.question,
          h('p.probes', [h('strong', 'Probes: '), f.probes]),
          h('div.compare', [
            h('div.weak', [label('Weak answer'), h('blockquote', [h('p', f.weakAnswer)]), h('p.critique', f.critique)]),
            h('div.strong', [label('Strong answer'), h('blockquote', [h('p', f.strongAnswer)])]),
          ]),
          h('p.takeaway', [h('strong', 'Takeaway: '), f.takeaway]),
        ),
      ),
    ),
  )
}

/** The weak answer to the whole question, its flaws and the verdict. */
export function weakAnswerSection(s: Scenario): Element {
  const w = s.weakAnswer
  return section(
    'weak-answer',
    'A weak answer, and why it fails',
    h('div.weak-answer', [
      h('blockquote', [h('p', w.text)]),
      label('Flaws'),
      h('ul.flaws', w.flaws.map((f) => h('li', f))),
      h('p.verdict', [h('strong', 'Verdict: '), w.verdict]),
    ]),
  )
}

/** How the answer changes by level: guidance, reflection, bar and time limit. */
export function levelVariantsSection(s: Scenario): Element | null {
  if (s.levelVariants.length === 0) return null
  return section(
    'levels',
    'By level',
    h(
      'div.cards.levels',
      s.levelVariants.map((v) =>
        h('article.card.level', [
          h('h3', [v.level, ' ', h('span.time-limit', formatTimeLimit(v.timeLimit))]),
          h('p', v.guidance),
          h('dl', [h('dt', 'Reflection'), h('dd', v.reflection), h('dt', 'Bar'), h('dd', v.bar)]),
        ]),
      ),
    ),
  )
}

/** How to angle the story at each principle. */
export function principleAnglesSection(s: Scenario): Element | null {
  if (s.principleAngles.length === 0) return null
  return section(
    'angles',
    'Angling the story',
    h(
      'div.cards.angles',
      s.principleAngles.map((a) =>
        h('article.card.angle', [
          h('h3', a.principle),
          h('p', a.guidance),
          h('dl', [h('dt', 'Emphasize'), h('dd', a.emphasize), h('dt', 'Downplay'), h('dd', a.downplay)]),
        ]),
      ),
    ),
  )
}

/** Self-check questions, the explanation behind a `<details>`. */
export function selfCheckSection(s: Scenario): Element | null {
  if (s.selfCheck.length === 0) return null
  return section(
    'self-check',
    'Self-check',
    h(
      'ol.self-check',
      s.selfCheck.map((q) =>
        h('li', [
          h('p', q.question),
          q.explanation === undefined ? null : disclosure('explanation', 'Explanation', h('p', q.explanation)),
        ]),
      ),
    ),
  )
}

/** Lines `starkit convert` could not place, shown so nothing is lost. */
export function unplacedSection(s: Scenario): Element | null {
  if (s.unplaced === undefined || s.unplaced.length === 0) return null
  return section(
    'unplaced',
    'Unplaced notes',
    h('p.hint', 'Text from the source page that is not yet in any section.'),
    h('ul.unplaced', s.unplaced.map((line) => h('li', line))),
  )
}
