import { formatSeconds, pointer, sectionAt, STEP_NAMES } from '../model/index.js'
import { defineRule } from './define-rule.js'

export default defineRule({
  id: 'level-time-budget',
  summary: "The step targets add up to no more than each level variant's time limit",
  severity: 'warning',
  docs: [
    'A level variant gives the time the whole answer may take at that level ("Keep to 2 minutes"). When the',
    'five steps\' targets add up to more, a candidate who follows the step targets overruns the level\'s',
    'limit. Shorten the step targets (the Situation and Task are usually the place), or raise the limit',
    'if the level allows a longer answer.',
    '',
    'The sum is compared with the upper end of the limit (`3` of `2.5-3 minutes`). The finding points at',
    'the level variant\'s time limit.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    const parts = STEP_NAMES.map((name) => ({ title: sectionAt(pointer('steps', name))?.title ?? name, seconds: scenario.steps[name].targetSeconds }))
    const total = parts.reduce((sum, p) => sum + p.seconds, 0)
    const note = `${parts.map((p) => `${p.title} ${formatSeconds(p.seconds)}`).join(' + ')} = ${formatSeconds(total)}`
    scenario.levelVariants.forEach((variant, i) => {
      const limit = variant.timeLimit.max
      if (total <= limit) return
      report(
        pointer('levelVariants', i, 'timeLimit'),
        `Unexpected step targets of \`${formatSeconds(total)}\` in all, expected at most \`${formatSeconds(limit)}\` for level \`${variant.level}\``,
        { note },
      )
    })
  },
})
