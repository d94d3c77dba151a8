import { pointer, type Pointer } from '../model/index.js'
import { closest } from './text/closest.js'
import { BUILT_IN_SETS, principleKey } from './data/principle-sets.js'
import { defineRule } from './define-rule.js'

const key = principleKey

/** The company's principles as key → canonical name, or undefined when the company has no set. */
function principlesOf(company: string, configured: Record<string, string[]>): Map<string, string> | undefined {
  const wanted = key(company)
  let known: Map<string, string> | undefined
  const add = (key_: string, name: string): void => {
    known ??= new Map()
    if (!known.has(key_)) known.set(key_, name)
  }
  for (const set of BUILT_IN_SETS)
    if (set.companies.some((c) => key(c) === wanted))
      for (const [canonical, ...variants] of set.principles) for (const v of [canonical!, ...variants]) add(key(v), canonical!)
  for (const [name, principles] of Object.entries(configured))
    if (key(name) === wanted) for (const p of principles) add(key(p), p)
  return known
}

export default defineRule({
  id: 'principle-known',
  summary: "Every principle belongs to the scenario's company set",
  severity: 'error',
  docs: [
    "A principle that is not one of the company's (a typo, an old name, another company's value) breaks",
    'filtering by principle and teaches the candidate a name the interviewer will not recognise. The',
    'frontmatter `principles` and every principle angle heading are checked against the set of the',
    "scenario's `company`; a near miss gets a \"did you mean\".",
    '',
    "Built in: Amazon's 16 Leadership Principles, with common spellings (`&` for `and`, `Insist on Highest",
    'Standards`, `Disagree and Commit` for `Have Backbone; Disagree and Commit`). Case, punctuation and',
    '`the` are ignored. Other companies\' sets come from the config\'s `principleSets`',
    '(`{ "principleSets": { "Acme": ["Customer First", "Ship It"] } }`); a configured set for a built-in',
    'company adds to it. A company with no set is not checked.',
  ].join('\n'),
  defaults: {},
  check({ scenario, settings, report }) {
    const known = principlesOf(scenario.company, settings.principleSets)
    if (!known) return
    const canonical = [...new Set(known.values())]
    const check = (name: string, at: Pointer): void => {
      if (known.has(key(name))) return
      const hint = closest(key(name), [...known.keys()])
      const suggestion = hint === undefined ? undefined : known.get(hint)
      report(
        at,
        suggestion
          ? `Unexpected principle \`${name}\` for \`${scenario.company}\`, did you mean \`${suggestion}\``
          : `Unexpected principle \`${name}\` for \`${scenario.company}\``,
        { note: `Known principles: ${canonical.join(', ')}` },
      )
    }
    scenario.principles.forEach((name, i) => check(name, pointer('principles', i)))
    scenario.principleAngles.forEach((angle, i) => check(angle.principle, pointer('principleAngles', i, 'principle')))
  },
})
