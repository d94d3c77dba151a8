import { pointer } from '../model/index.js'
import { defineRule } from './define-rule.js'
import { words } from './text/words.js'

/** Words that state a quantity without digits ("cut it in half", "doubled", "zero incidents"). */
const NUMBER_WORDS = new Set([
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred',
  'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'dozen', 'dozens', 'half',
  'halved', 'double', 'doubled', 'twice', 'triple', 'tripled', 'quarter', 'percent',
])

export default defineRule({
  id: 'result-has-number',
  summary: 'The Result example contains a number',
  severity: 'error',
  docs: [
    'A Result without a number ("things got better", "the team was happy") is the most common reason a',
    'strong story is scored as average. State the metric delta ("from 12% to 0%"), the business effect',
    '("$8K a week") or a count ("40 engineer-hours"). Digits count, and so do number words such as',
    '"zero", "half", "doubled" or "twice".',
    '',
    'A scenario whose Result step has no example is not checked.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    const example = scenario.steps.result.example
    if (example === undefined) return
    if (/\p{N}/u.test(example)) return
    if (words(example).some((w) => NUMBER_WORDS.has(w.norm))) return
    report(pointer('steps', 'result', 'example'), 'Missing number in the Result example, expected a metric, amount or count')
  },
})
