import { sectionAt, STEP_NAMES, pointer } from '../model/index.js'
import { defineRule } from './define-rule.js'
import { sentences } from './text/sentences.js'
import { containsRun, stem, STOPWORDS, words } from './text/words.js'

type Match = 'exact' | 'stems' | 'words'

const MATCHES: readonly Match[] = ['exact', 'stems', 'words']

/** An example, read once for all the key phrases of its step. */
class Example {
  #norms?: string[]
  #stems?: string[]
  #sentenceStems?: Set<string>[]
  constructor(readonly text: string) {}
  get norms(): string[] {
    return (this.#norms ??= words(this.text).map((w) => w.norm))
  }
  get stems(): string[] {
    return (this.#stems ??= words(this.text).map((w) => stem(w.text)))
  }
  get sentenceStems(): Set<string>[] {
    return (this.#sentenceStems ??= sentences(this.text).map((s) => new Set(words(s.text).map((w) => stem(w.text)))))
  }
}

/** Whether `phrase` is in `example` under the chosen tolerance. */
function found(phrase: string, example: Example, match: Match): boolean {
  const needle = words(phrase)
  if (needle.length === 0) return true
  if (match === 'exact') return containsRun(example.norms, needle.map((w) => w.norm))
  if (match === 'stems') return containsRun(example.stems, needle.map((w) => stem(w.text)))
  const content = needle.map((w) => stem(w.text)).filter((s) => !STOPWORDS.has(s))
  const wanted = content.length > 0 ? content : needle.map((w) => stem(w.text))
  return example.sentenceStems.some((have) => wanted.every((w) => have.has(w)))
}

export default defineRule<{ match: string }>({
  id: 'key-phrase-in-example',
  summary: "Each key phrase of a step appears in that step's example",
  severity: 'warning',
  docs: [
    'Key phrases are shown to the candidate in quotation marks, as the phrases of the strong example worth',
    'remembering, and `starkit build` highlights them inside the example. A key phrase that the example',
    'does not contain is a misquotation: it cannot be highlighted, the candidate looks for it and does not',
    'find it, or learns a phrase the example never demonstrates ("I coordinated" when the example says',
    '"… and coordinated the rollout"). Fix the key phrase to quote the example, or reword the example to',
    'use it.',
    '',
    'Comparison ignores case, quotation marks, apostrophes, hyphens and other punctuation, and thousands',
    'separators (`8,000` equals `8000`). Steps with no example (often the Reflection) are skipped.',
    '',
    'The default, `exact`, wants the phrase word for word because the page presents it as a quotation and',
    'the site highlights it in place.',
    'A team that uses key phrases as paraphrased talking points can choose `stems` or `words`.',
  ].join('\n'),
  defaults: { match: 'exact' },
  optionChoices: { match: MATCHES },
  optionDocs: {
    match:
      '`exact`: the words of the phrase appear in a row. `stems`: the same, comparing light stems, so ' +
      '`no tickets` matches `no ticket` and `coordinated` matches `coordinate`. `words`: every content word ' +
      'of the phrase (stemmed, without articles and prepositions) appears in one sentence of the example, ' +
      'in any order, so `$8K recovered weekly` matches `recovered $8K in weekly revenue`.',
  },
  check({ scenario, options, report }) {
    if (!(MATCHES as readonly string[]).includes(options.match))
      throw new Error(`Unexpected option \`match\` of \`${options.match}\`, expected ${MATCHES.map((m) => `\`${m}\``).join(', ')}`)
    const match = options.match as Match
    for (const name of STEP_NAMES) {
      const step = scenario.steps[name]
      if (step.example === undefined) continue
      const title = sectionAt(pointer('steps', name))?.title ?? name
      const example = new Example(step.example)
      step.keyPhrases.forEach((phrase, i) => {
        if (!found(phrase, example, match))
          report(pointer('steps', name, 'keyPhrases', i), `Missing key phrase \`${phrase}\` in the ${title} example`)
      })
    }
  },
})
