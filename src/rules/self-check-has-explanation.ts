import { pointer } from '../model/index.js'
import { defineRule } from './define-rule.js'

export default defineRule({
  id: 'self-check-has-explanation',
  summary: 'Every self-check question has an explanation',
  severity: 'warning',
  strictOnly: true,
  docs: [
    'A self-check question without an explanation leaves the candidate unsure whether they got it right.',
    'Some source pages give none, so the rule is in the `strict` preset only: turn it on when a content',
    'team writes its own explanations. The finding points at the question.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    scenario.selfCheck.forEach((q, i) => {
      if (q.explanation === undefined) report(pointer('selfCheck', i, 'question'), 'Missing explanation for the self-check question')
    })
  },
})
