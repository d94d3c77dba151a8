import { pointer, type FollowUp } from '../model/index.js'
import { defineRule } from './define-rule.js'
import { normalizeText } from './text/words.js'

/** Stand-ins people type for "nothing here" (normalised). */
const EMPTY = new Set(['', 'n a', 'na', 'none', 'nil', 'null', 'nothing', 'empty', 'same as above', 'see above'])

const PARTS: readonly { key: keyof FollowUp; name: string; want: string }[] = [
  { key: 'probes', name: 'probes', want: 'what the question tests' },
  { key: 'weakAnswer', name: 'weak answer', want: 'an answer a weak candidate gives' },
  { key: 'critique', name: 'critique', want: 'why the weak answer fails' },
  { key: 'strongAnswer', name: 'strong answer', want: 'an answer that passes the bar' },
]

export default defineRule({
  id: 'follow-up-complete',
  summary: 'Every follow-up has probes, a weak answer with a critique, and a strong answer',
  severity: 'error',
  docs: [
    'A follow-up prepares the candidate only as a whole: what the interviewer probes, the answer that fails',
    'and why, and the answer that passes. The schema already requires every part; this rule catches the',
    'stand-ins left where a part was missing (`-`, `N/A`, `None`, `…`), a strong answer that repeats the',
    'weak one, and a critique that only repeats the weak answer.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    scenario.followUps.forEach((f, i) => {
      for (const part of PARTS) {
        const value = f[part.key]
        if (EMPTY.has(normalizeText(value))) report(pointer('followUps', i, part.key), `Unexpected ${part.name} \`${value}\`, expected ${part.want}`)
      }
      // normalizeText splits with words(), which remembers the texts it split: no second split.
      const weak = normalizeText(f.weakAnswer)
      if (EMPTY.has(weak)) return
      if (normalizeText(f.strongAnswer) === weak)
        report(pointer('followUps', i, 'strongAnswer'), 'Unexpected strong answer identical to the weak answer')
      if (normalizeText(f.critique) === weak)
        report(pointer('followUps', i, 'critique'), 'Unexpected critique repeating the weak answer, expected why it fails')
    })
  },
})
