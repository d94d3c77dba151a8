import { pointer } from '../model/index.js'
import { defineRule } from './define-rule.js'

export default defineRule({
  id: 'unplaced-content',
  summary: 'The `Unplaced` section that `starkit convert` leaves is emptied',
  severity: 'warning',
  docs: [
    '`starkit convert` never drops a line of a scraped page: a line it cannot place in any field is kept',
    'verbatim under `## Unplaced`, so nothing is lost. Each such line is work left for a person: move it',
    'into the field it belongs to, or delete it, then delete the section. Until then the scenario is',
    'published without that content. The finding points at each line.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    ;(scenario.unplaced ?? []).forEach((line, i) => {
      const shown = line.length > 60 ? `${line.slice(0, 57)}…` : line
      report(pointer('unplaced', i), `Unexpected unplaced line \`${shown}\`, expected it moved into a field or deleted`)
    })
  },
})
