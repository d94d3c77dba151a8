import { pointer } from '../model/index.js'
import { principleKey } from './data/principle-sets.js'
import { defineRule } from './define-rule.js'

export default defineRule({
  id: 'principles-match-angles',
  summary: 'Every listed principle has a principle angle, and every angle is listed',
  severity: 'warning',
  docs: [
    'The frontmatter `principles` say which principles the walkthrough prepares for: the site filters by',
    'them. Each needs a principle angle that tells the candidate how to tell the story for it; a listed',
    'principle with no angle promises coaching the page does not give, and an angle whose principle is',
    'not listed cannot be found by filtering. Add the missing angle, or list (or drop) the principle.',
    '',
    'Names compare as `principle-known` compares them: case, punctuation, `&`/`and` and `the` ignored.',
    'A scenario with no principle angles at all (such as one from the minimal template) is not checked.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    if (scenario.principleAngles.length === 0) return
    const listed = new Set(scenario.principles.map(principleKey))
    const angled = new Set(scenario.principleAngles.map((a) => principleKey(a.principle)))
    scenario.principles.forEach((name, i) => {
      if (!angled.has(principleKey(name))) report(pointer('principles', i), `Missing principle angle for \`${name}\``)
    })
    scenario.principleAngles.forEach((angle, i) => {
      if (!listed.has(principleKey(angle.principle)))
        report(pointer('principleAngles', i, 'principle'), `Unexpected angle for \`${angle.principle}\`, expected the principle in the frontmatter \`principles\``)
    })
  },
})
