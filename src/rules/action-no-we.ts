import { pointer } from '../model/index.js'
import { defineRule } from './define-rule.js'

/**
 * First-person plural forms. `us` only in lower case, so the country (`US`) is left alone;
 * `our team` is matched as a whole so the finding names the phrase.
 */
const WE = /\b(?:[Oo]ur (?:team|group|squad)|[Ww]e(?:['’](?:re|ve|d|ll))?|[Oo]urs(?:elves)?|[Oo]ur|us)\b/g

export default defineRule({
  id: 'action-no-we',
  summary: 'The Action example does not say "we" or "our team"',
  severity: 'error',
  docs: [
    '"We figured out the root cause together" makes the candidate invisible: the interviewer cannot tell',
    'what you did. In the Action step say what *you* did, in the first person singular, and name others',
    'only as the people you worked with ("I paired with the on-call engineer to …").',
    '',
    'Flags `we` (and `we\'re`, `we\'ve`, `we\'d`, `we\'ll`), `us`, `our`, `ours`, `ourselves` and `our team`.',
    'Upper-case `US` is not flagged. The finding points at the word.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    const example = scenario.steps.action.example
    if (example === undefined) return
    const at = pointer('steps', 'action', 'example')
    for (const m of example.matchAll(WE)) {
      report({ pointer: at, from: m.index, to: m.index + m[0].length }, `Unexpected \`${m[0]}\` in the Action example, expected \`I\``)
    }
  },
})
