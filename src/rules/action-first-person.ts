import { pointer } from '../model/index.js'
import { defineRule } from './define-rule.js'
import { everySentenceOpensWith, sentences } from './text/sentences.js'
import { words } from './text/words.js'

export default defineRule({
  id: 'action-first-person',
  summary: 'Every sentence of the Action example starts with "I"',
  severity: 'error',
  docs: [
    'Interviewers score the Action step on what *you* did. A sentence that opens with "We", "The team" or',
    'a passive construction ("The logs were pulled") hides who acted, and a bar raiser cannot credit it to',
    'you. Start every Action sentence with "I" and a verb: "I pulled the logs", "I traced the failure".',
    '',
    'Sentences are found with `sentence-splitter`, so abbreviations and decimals do not split a sentence.',
    'The finding points at the whole offending sentence.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    const example = scenario.steps.action.example
    if (example === undefined) return
    // Most examples pass: when no sentence can open otherwise, skip the splitter.
    if (everySentenceOpensWith(example, 'I')) return
    const at = pointer('steps', 'action', 'example')
    for (const sentence of sentences(example)) {
      const first = words(sentence.text)[0]
      if (first?.text === 'I') continue
      const opening = first?.text ?? sentence.text.slice(0, 1)
      report({ pointer: at, from: sentence.from, to: sentence.to }, `Unexpected sentence opening \`${opening}\`, expected \`I\``)
    }
  },
})
