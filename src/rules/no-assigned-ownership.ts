import { pointer, sectionAt } from '../model/index.js'
import { defineRule } from './define-rule.js'

const BOSS = String.raw`(?:manager|boss|lead|team lead|tech lead|skip[- ]level|director|supervisor|mentor|pm|product manager|vp)`
const TOLD = String.raw`(?:asked|told|assigned|tasked|instructed|directed|wanted|needed|requested|gave)`

/** Ways of saying the work was handed to the candidate. */
const ASSIGNED = new RegExp(
  [
    String.raw`\bmy ${BOSS} (?:had |then )?${TOLD} me(?: to| with)?\b`,
    String.raw`\b(?:I|we) (?:was|were|had been|have been|got|was being) (?:assigned|asked|tasked|told|instructed|directed|given the task|put in charge)(?: to| with)?\b`,
    String.raw`\b(?:was|were) asked to\b`,
    String.raw`\b(?:assigned|tasked|handed|gave) (?:it |this |the (?:ticket|task|work|project|bug) )?(?:to )?me\b`,
    String.raw`\bassigned to me\b`,
  ].join('|'),
  'gi',
)

/** A negation just before the match turns it into the opposite: "nobody was asked to". */
const NEGATED = /\b(?:nobody|no one|no-one|none of us|never|not|without)\s+(?:\w+\s+){0,2}$/i

export default defineRule({
  id: 'no-assigned-ownership',
  summary: 'The Situation and Task do not say the work was assigned',
  severity: 'error',
  docs: [
    'For an ownership story, "my manager asked me to look into it" is the fatal flaw: the interviewer',
    'concludes the work was assigned and stops crediting initiative. The Situation and Task examples must',
    'show that you noticed the problem and took it on unasked; say so explicitly ("nobody had asked me to',
    'investigate").',
    '',
    'Flags `my manager asked me to` (and `boss`, `lead`, `director` …, `told`, `assigned`, `tasked` …),',
    '`I was assigned`, `I was tasked with`, `was asked to`, `assigned to me`. Negations are fine:',
    '`nobody had asked me`, `nobody was asked to`, `I was never asked to`. The finding points at the phrase.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    for (const name of ['situation', 'task'] as const) {
      const example = scenario.steps[name].example
      if (example === undefined) continue
      const title = sectionAt(pointer('steps', name))?.title ?? name
      for (const m of example.matchAll(ASSIGNED)) {
        if (NEGATED.test(example.slice(0, m.index))) continue
        report(
          { pointer: pointer('steps', name, 'example'), from: m.index, to: m.index + m[0].length },
          `Unexpected assigned work \`${m[0]}\` in the ${title} example, expected work you took on unasked`,
        )
      }
    }
  },
})
