import { formatSeconds, pointer, sectionAt, STEP_NAMES } from '../model/index.js'
import { defineRule } from './define-rule.js'

interface Options {
  wordsPerMinute: number
  tolerance: number
  flagShort: boolean
}

/** Words as a listener hears them: white-space separated runs holding a letter or digit. */
function spokenWords(text: string): number {
  return text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length
}

export default defineRule<Options>({
  id: 'speaking-time',
  summary: "Each step's example, read aloud, fits the step's target time",
  severity: 'warning',
  docs: [
    'Each step has a target speaking time. An example that takes much longer to say than its target teaches',
    'the candidate to overrun: the interviewer cuts in before the Result. Read aloud at `wordsPerMinute`,',
    'the example may run up to `tolerance` past the target (0.5: half as long again).',
    '',
    'Examples shorter than their target are not flagged by default: they are written as condensed',
    "scripts, and the target includes the detail and pauses a spoken answer adds (the seed pages' Action",
    'examples read in about a quarter of their 90 seconds, and every one is a good answer). Set',
    '`flagShort` to also flag an example that reads in less than the target less `tolerance`.',
    '',
    'Words are counted as a listener hears them: white-space separated, so `ready-to-merge` and `$8K` are',
    'one word each. Steps with no example are skipped.',
  ].join('\n'),
  defaults: { wordsPerMinute: 150, tolerance: 0.5, flagShort: false },
  optionDocs: {
    wordsPerMinute: 'The speaking pace. 150 is a calm interview pace; nervous candidates speak faster.',
    tolerance: 'How far the reading time may stray from the target, as a fraction of it (0.5 = ±50%).',
    flagShort: 'Also flag examples that read in less than the target less `tolerance`.',
  },
  check({ scenario, options, report }) {
    const { wordsPerMinute, tolerance, flagShort } = options
    if (!(wordsPerMinute > 0) || !(tolerance >= 0)) throw new Error(`Unexpected options, expected \`wordsPerMinute\` above 0 and \`tolerance\` of 0 or more`)
    for (const name of STEP_NAMES) {
      const step = scenario.steps[name]
      if (step.example === undefined) continue
      const count = spokenWords(step.example)
      const seconds = Math.round((count / wordsPerMinute) * 60)
      const target = step.targetSeconds
      const most = Math.round(target * (1 + tolerance))
      const least = Math.round(target * (1 - tolerance))
      const title = sectionAt(pointer('steps', name))?.title ?? name
      const note = `The ${title} example has ${count} words: ${formatSeconds(seconds)} at ${wordsPerMinute} words per minute`
      const at = pointer('steps', name, 'example')
      if (seconds > most)
        report(at, `Unexpected speaking time \`${formatSeconds(seconds)}\` for a \`${formatSeconds(target)}\` target, expected at most \`${formatSeconds(most)}\``, { note })
      else if (flagShort && seconds < least)
        report(at, `Unexpected speaking time \`${formatSeconds(seconds)}\` for a \`${formatSeconds(target)}\` target, expected at least \`${formatSeconds(least)}\``, { note })
    }
  },
})
