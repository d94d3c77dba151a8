import { pointer, type Pointer, type Scenario } from '../model/index.js'
import { defineRule } from './define-rule.js'
import { stem, STOPWORDS, words } from './text/words.js'

/** Lessons that fit any story. Matched case-insensitively; the finding points at the phrase. */
const GENERIC = [
  String.raw`communication (?:is|was) (?:(?:very|so|really|super|extremely) )?(?:important|key|crucial|essential|everything)`,
  String.raw`(?:the )?importance of (?:good |clear |better )?communication`,
  String.raw`(?:team ?work|collaboration) (?:is|was) (?:(?:very|so|really) )?(?:important|key|crucial|essential)`,
  String.raw`team ?work makes the dream work`,
  String.raw`(?:to |should |would |will )?communicate (?:more|better|earlier)(?: with (?:others|the team|my team|other teams|stakeholders))?`,
  String.raw`I learned a lot`,
  String.raw`hard work pays off`,
  String.raw`never give up`,
  String.raw`(?:to )?(?:be|being) more proactive`,
  String.raw`(?:always )?ask(?:ing)? for help`,
]

/** Words every reflection may use without saying anything about the story (compared as stems). */
const GENERIC_WORDS = new Set(
  [
    'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'it', 'they', 'them', 'their', 'learned', 'learnt', 'learn',
    'lesson', 'lessons', 'important', 'importance', 'communication', 'communicate', 'team', 'teamwork', 'teams',
    'work', 'always', 'never', 'better', 'more', 'less', 'next', 'time', 'would', 'will', 'should', 'could', 'have',
    'has', 'had', 'how', 'what', 'why', 'when', 'do', 'did', 'does', 'really', 'very', 'so', 'lot', 'thing',
    'things', 'people', 'others', 'other', 'everyone', 'also', 'much', 'need', 'key', 'skill', 'help', 'about',
    'make', 'sure', 'earlier', 'early', 'good', 'great', 'collaboration', 'collaborate', 'proactive', 'hard',
    'pay', 'off', 'give', 'up', 'ask', 'can', 'value', 'matter', 'matters', 'everything', 'retrospect',
    'hindsight', 'realized', 'realised', 'understood', 'understand', 'crucial', 'essential', 'stakeholder',
  ].map(stem),
)

/** Content stems of `text`: no stopwords, no generic words. */
function specific(text: string): string[] {
  return words(text)
    .map((w) => stem(w.text))
    .filter((s) => !STOPWORDS.has(s) && !GENERIC_WORDS.has(s))
}

/** The story as told everywhere but the reflections: question, overview, step examples, key phrases. */
function storyStems(scenario: Scenario): Set<string> {
  const parts = [scenario.question, scenario.overview.story, scenario.overview.summary]
  for (const step of Object.values(scenario.steps)) parts.push(step.example ?? '', ...step.keyPhrases)
  return new Set(parts.flatMap((p) => words(p).map((w) => stem(w.text))))
}

export default defineRule<{ phrases: string[]; requireStoryWord: boolean }>({
  id: 'reflection-not-generic',
  summary: 'A reflection says something specific to the story',
  severity: 'warning',
  docs: [
    '"I learned communication is important" is the most common reflection failure: it fits any story and',
    'tells the interviewer nothing. A strong reflection names what *this* story taught: a systemic gap, a',
    'habit the candidate changed, a mechanism they would build.',
    '',
    'Checked: the Reflection step example, every level reflection and every level variant\'s reflection.',
    'Flagged: a known generic lesson (`communication is important`, `teamwork is key`, `I learned a lot`,',
    '`communicate more`, `be more proactive`, …; the finding points at the phrase), and a reflection made',
    'only of words any reflection uses ("I learned to always work better with my team"). With',
    '`requireStoryWord`, a reflection must also share a word with the rest of the story.',
  ].join('\n'),
  defaults: { phrases: [], requireStoryWord: false },
  optionDocs: {
    phrases: 'More generic lessons to flag, as regular expressions matched case-insensitively.',
    requireStoryWord:
      'Also flag a reflection none of whose specific words (stemmed) appears in the question, overview, step ' +
      'examples or key phrases. Off by default: a good systemic insight may use words the story never did.',
  },
  check({ scenario, options, report }) {
    const generic = new RegExp(String.raw`\b(?:${[...GENERIC, ...options.phrases].join('|')})\b`, 'gi')
    const story = options.requireStoryWord ? storyStems(scenario) : undefined
    const reflections: { at: Pointer; text: string }[] = []
    if (scenario.steps.reflection.example !== undefined)
      reflections.push({ at: pointer('steps', 'reflection', 'example'), text: scenario.steps.reflection.example })
    scenario.levelReflections.forEach((r, i) => reflections.push({ at: pointer('levelReflections', i, 'text'), text: r.text }))
    scenario.levelVariants.forEach((v, i) => reflections.push({ at: pointer('levelVariants', i, 'reflection'), text: v.reflection }))
    for (const { at, text } of reflections) {
      const hits = [...text.matchAll(generic)]
      for (const m of hits)
        report({ pointer: at, from: m.index, to: m.index + m[0].length }, `Unexpected generic lesson \`${m[0]}\`, expected an insight specific to the story`)
      if (hits.length > 0) continue
      const own = specific(text)
      if (own.length === 0) report(at, 'Unexpected generic reflection, expected an insight specific to the story')
      else if (story && !own.some((s) => story.has(s)))
        report(at, 'Unexpected reflection sharing no word with the story, expected an insight specific to it')
    }
  },
})
