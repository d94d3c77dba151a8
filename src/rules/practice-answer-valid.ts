import { pointer, type PracticeOption } from '../model/index.js'
import { defineRule } from './define-rule.js'
import { containsRun, normalizeText, words } from './text/words.js'

const DIFFICULTIES = ['easy', 'medium', 'hard']

/** A conclusion in a solution step: what follows `->`, `→` or `=>`. */
const CONCLUSION = /(?:->|→|=>)\s*(.+)$/

/** Whether `text` names option `letter` by letter: `option A`, `answer A`, `(A)`, `A.` at the start. */
function namesLetter(text: string, letter: string): boolean {
  return new RegExp(String.raw`\b(?:option|answer|choice)\s+\(?${letter}\b|\(${letter}\)|^${letter}[.)]\s`).test(text)
}

const norms = (text: string): string[] => words(text).map((w) => w.norm)

/** Whether `text` contains the option's wording as a run of words. */
function namesText(text: string, optionText: string): boolean {
  return containsRun(norms(text), norms(optionText))
}

/** Phrases of two words or more that `text` quotes: "…", “…” or '…' (not an apostrophe). */
function quoted(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/"([^"]+)"|“([^”]+)”|(?:^|[\s(])['‘]([^'’]+)['’](?=$|[\s.,;:!?)])/g)) {
    const phrase = m[1] ?? m[2] ?? m[3] ?? ''
    if (words(phrase).length >= 2) out.push(phrase)
  }
  return out
}

/** Whether `text` quotes a phrase of `option` that no other option holds ("We collectively decided"). */
function quotesOption(text: string, option: PracticeOption, options: readonly PracticeOption[]): boolean {
  return quoted(text).some((phrase) => {
    const run = norms(phrase)
    return namesText(option.text, phrase) && options.every((o) => o === option || !containsRun(norms(o.text), run))
  })
}

export default defineRule({
  id: 'practice-answer-valid',
  summary: 'A practice question has distinct options and one correct option that its solution names',
  severity: 'error',
  docs: [
    'A practice question teaches only when its answer is unambiguous: each option letter and wording',
    'appears once, the answer is one of the options, and the worked solution arrives at that option.',
    'This rule flags a repeated option letter or wording, an answer that names no option, a solution',
    'that never names the correct option (by its whole wording, by a quoted phrase that only that option',
    'holds, or as `option A`/`(A)`), and a solution step whose conclusion (`-> …`) names a different option',
    'than the answer.',
    '',
    'The schema already requires a difficulty of `easy`, `medium` or `hard` and 2 to 4 options; the rule',
    'checks the difficulty again so the guarantee holds for data built in code.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    ;(scenario.practice ?? []).forEach((q, i) => {
      const at = (...rest: (string | number)[]): string => pointer('practice', i, ...rest)
      if (!DIFFICULTIES.includes(q.difficulty))
        report(at('difficulty'), `Unexpected difficulty \`${q.difficulty}\`, expected \`easy\`, \`medium\` or \`hard\``)
      const letters = new Map<string, number>()
      const texts = new Map<string, string>()
      q.options.forEach((option, j) => {
        if (letters.has(option.letter)) report(at('options', j), `Unexpected second option \`${option.letter}\`, expected each letter once`)
        else letters.set(option.letter, j)
        const norm = normalizeText(option.text)
        const same = texts.get(norm)
        if (same !== undefined) report(at('options', j, 'text'), `Unexpected option text repeating option \`${same}\`, expected distinct options`)
        else texts.set(norm, option.letter)
      })
      const index = letters.get(q.answer)
      if (index === undefined) {
        report(at('answer'), `Unexpected answer \`${q.answer}\`, expected one of ${[...letters.keys()].map((l) => `\`${l}\``).join(', ')}`)
        return
      }
      const correct = q.options[index]!
      const solution = q.solution.join('\n')
      const named =
        namesText(solution, correct.text) ||
        q.solution.some((s) => namesLetter(s, correct.letter) || quotesOption(s, correct, q.options))
      if (!named)
        report(at('solution'), `Missing correct option \`${correct.letter}\` in the solution`, {
          note: `Name the option's wording (\`${correct.text}\`) or its letter (\`option ${correct.letter}\`) in a solution step`,
        })
      q.solution.forEach((step, k) => {
        const conclusion = CONCLUSION.exec(step)?.[1]
        if (conclusion === undefined) return
        const norm = normalizeText(conclusion)
        const other = q.options.find((o) => normalizeText(o.text) === norm)
        if (other && other.letter !== correct.letter)
          report(at('solution', k), `Unexpected conclusion naming option \`${other.letter}\`, expected the answer \`${correct.letter}\``)
      })
    })
  },
})
