import { m, type Markup } from './markup.js'
import { formatTimeLimit } from '../../model/duration.js'
import type { Scenario } from '../../model/scenario.js'
import { disclosure, label, section, type Section } from './text.js'

/** Follow-up questions, each a `<details>` that opens on the weak and the strong answer. */
export function followUpsSection(s: Scenario): Section | null {
  if (s.followUps.length === 0) return null
  return section(
    'follow-ups',
    'Follow-up questions',
    m('p.hint', 'Answer each question aloud first, then open it to compare.'),
    m(
      'div.followups',
      s.followUps.map((f) =>
        disclosure(
          'followup',
          f.question,
          m('p.probes', [m('strong', 'Probes: '), f.probes]),
          m('div.compare', [
            m('div.weak', [label('Weak answer'), m('blockquote', [m('p', f.weakAnswer)]), m('p.critique', f.critique)]),
            m('div.strong', [label('Strong answer'), m('blockquote', [m('p', f.strongAnswer)])]),
          ]),
          m('p.takeaway', [m('strong', 'Takeaway: '), f.takeaway]),
        ),
      ),
    ),
  )
}

/** The weak answer to the whole question, its flaws and the verdict. */
export function weakAnswerSection(s: Scenario): Section {
  const w = s.weakAnswer
  return section(
    'weak-answer',
    'A weak answer, and why it fails',
    m('div.weak-answer', [
      m('blockquote', [m('p', w.text)]),
      label('Flaws'),
      m('ul.flaws', w.flaws.map((f) => m('li', f))),
      m('p.verdict', [m('strong', 'Verdict: '), w.verdict]),
    ]),
  )
}

/** How the answer changes by level: guidance, reflection, bar and time limit. */
export function levelVariantsSection(s: Scenario): Section | null {
  if (s.levelVariants.length === 0) return null
  return section(
    'levels',
    'By level',
    m(
      'div.cards.levels',
      s.levelVariants.map((v) =>
        m('article.card.level', [
          m('h3', [v.level, ' ', m('span.time-limit', formatTimeLimit(v.timeLimit))]),
          m('p', v.guidance),
          m('dl', [m('dt', 'Reflection'), m('dd', v.reflection), m('dt', 'Bar'), m('dd', v.bar)]),
        ]),
      ),
    ),
  )
}

/** How to angle the story at each principle. */
export function principleAnglesSection(s: Scenario): Section | null {
  if (s.principleAngles.length === 0) return null
  return section(
    'angles',
    'Angling the story',
    m(
      'div.cards.angles',
      s.principleAngles.map((a) =>
        m('article.card.angle', [
          m('h3', a.principle),
          m('p', a.guidance),
          m('dl', [m('dt', 'Emphasize'), m('dd', a.emphasize), m('dt', 'Downplay'), m('dd', a.downplay)]),
        ]),
      ),
    ),
  )
}

/** Self-check questions, the explanation behind a `<details>`. */
export function selfCheckSection(s: Scenario): Section | null {
  if (s.selfCheck.length === 0) return null
  return section(
    'self-check',
    'Self-check',
    m(
      'ol.self-check',
      s.selfCheck.map((q) =>
        m('li', [
          m('p', q.question),
          q.explanation === undefined ? null : disclosure('explanation', 'Explanation', m('p', q.explanation)),
        ]),
      ),
    ),
  )
}

/** Lines `starkit convert` could not place, shown so nothing is lost. */
export function unplacedSection(s: Scenario): Section | null {
  if (s.unplaced === undefined || s.unplaced.length === 0) return null
  return section(
    'unplaced',
    'Unplaced notes',
    m('p.hint', 'Text from the source page that is not yet in any section.'),
    m('ul.unplaced', s.unplaced.map((line) => m('li', line))),
  )
}
