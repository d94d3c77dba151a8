/**
 * Practice questions: the correct option is not marked on the page; the worked solution names
 * it. Read it from, in order: an explicit letter (`Answer: B`, `-> B`), the step whose
 * `-> X` names an option, a quoted phrase of the solution or hint that only one option holds,
 * an option text the solution quotes whole.
 */
import type { OptionLetter, PracticeOption } from '../model/index.js'

/** How the answer was found (kept in the report). */
export type AnswerSource = 'letter' | 'arrow' | 'quoted' | 'mention'

export interface InferredAnswer {
  answer: OptionLetter
  source: AnswerSource
}

const normalize = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s"'(]+|[\s"'.!;:,)]+$/g, '')

const ARROW = /\s*(?:->|→|=>|⇒)\s*/g

/** The text after the last arrow of a step, if it has one. */
function arrowTarget(step: string): string | undefined {
  const parts = step.split(ARROW)
  return parts.length > 1 ? parts[parts.length - 1] : undefined
}

function unique(letters: OptionLetter[]): OptionLetter | undefined {
  const set = new Set(letters)
  return set.size === 1 ? letters[0] : undefined
}

function matchOption(options: PracticeOption[], target: string): OptionLetter | undefined {
  const t = normalize(target)
  if (t === '') return undefined
  const letter = /^([a-d])$/.exec(t)
  if (letter) return letter[1]!.toUpperCase() as OptionLetter
  const exact = options.filter((o) => normalize(o.text) === t)
  if (exact.length === 1) return exact[0]!.letter
  const near = options.filter((o) => {
    const n = normalize(o.text)
    return n.length > 3 && (t.includes(n) || (t.length > 12 && n.includes(t)))
  })
  return near.length === 1 ? near[0]!.letter : undefined
}

/** Phrases a text quotes: "…", “…”, or '…' standing as a quotation (not an apostrophe). */
function quotedPhrases(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/"([^"]+)"|“([^”]+)”|(?:^|[\s(])'([^']+)'(?=$|[\s.,;:!?)])/g)) {
    const phrase = (m[1] ?? m[2] ?? m[3] ?? '').trim()
    if (phrase.split(/\s+/).length >= 2) out.push(phrase)
  }
  return out
}

/** The correct option, inferred from the solution steps and hint, or undefined. */
export function inferAnswer(options: PracticeOption[], solution: string[], hint?: string): InferredAnswer | undefined {
  if (options.length === 0) return undefined
  const all = [...solution, ...(hint === undefined ? [] : [hint])]
  for (const text of all) {
    const m = /\b(?:correct\s+(?:answer|option)|answer)\s*(?:is|:)\s*\(?([A-D])\)?(?![\w])/i.exec(text)
    if (m) return { answer: m[1]!.toUpperCase() as OptionLetter, source: 'letter' }
  }
  for (const source of [solution, hint === undefined ? [] : [hint]]) {
    const letters: OptionLetter[] = []
    for (const step of source) {
      const target = arrowTarget(step)
      const letter = target === undefined ? undefined : matchOption(options, target)
      if (letter) letters.push(letter)
    }
    const answer = unique(letters)
    if (answer) return { answer, source: 'arrow' }
    if (letters.length > 0) return undefined
  }
  const quoted: OptionLetter[] = []
  for (const phrase of all.flatMap(quotedPhrases)) {
    const p = normalize(phrase)
    const holders = options.filter((o) => normalize(o.text).includes(p))
    if (holders.length === 1) quoted.push(holders[0]!.letter)
  }
  const byQuote = unique(quoted)
  if (byQuote) return { answer: byQuote, source: 'quoted' }
  const solutionText = normalize(solution.join(' '))
  const mentioned = options.filter((o) => {
    const n = normalize(o.text)
    return n.length > 3 && solutionText.includes(n)
  })
  if (mentioned.length === 1) return { answer: mentioned[0]!.letter, source: 'mention' }
  return undefined
}

/** A solution step without its `Step 1:` prefix. */
export function stripStepPrefix(text: string): string {
  return text.replace(/^Step\s*\d+\s*[:.)-]\s*/i, '').trim()
}
