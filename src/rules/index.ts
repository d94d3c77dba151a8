import actionFirstPerson from './action-first-person.js'
import actionNoWe from './action-no-we.js'
import type { Rule } from './define-rule.js'
import followUpComplete from './follow-up-complete.js'
import keyPhraseInExample from './key-phrase-in-example.js'
import levelTimeBudget from './level-time-budget.js'
import noAssignedOwnership from './no-assigned-ownership.js'
import noMojibake from './no-mojibake.js'
import noPlaceholder from './no-placeholder.js'
import practiceAnswerValid from './practice-answer-valid.js'
import principleKnown from './principle-known.js'
import principlesMatchAngles from './principles-match-angles.js'
import reflectionNotGeneric from './reflection-not-generic.js'
import resultHasNumber from './result-has-number.js'
import selfCheckHasExplanation from './self-check-has-explanation.js'
import speakingTime from './speaking-time.js'
import uniqueId from './unique-id.js'
import unplacedContent from './unplaced-content.js'

/** Every built-in rule, in documentation order. Ids are permanent. */
export const RULES: readonly Rule[] = [
  // The story told in the STAR steps
  actionFirstPerson,
  actionNoWe,
  noAssignedOwnership,
  resultHasNumber,
  keyPhraseInExample,
  reflectionNotGeneric,
  // Timing
  speakingTime,
  levelTimeBudget,
  // The rest of the page
  principleKnown,
  principlesMatchAngles,
  followUpComplete,
  practiceAnswerValid,
  selfCheckHasExplanation,
  // Hygiene
  noMojibake,
  noPlaceholder,
  unplacedContent,
  uniqueId,
]

/** A rule by id. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id)
}
