import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  checkId,
  fillTemplate,
  knownCompanies,
  resolveCompany,
  resolvePrinciples,
  scaffold,
  slugify,
  targetFile,
  uniqueId,
  type ScaffoldValues,
} from '../../src/emit/scaffold.js'
import { formatScenario } from '../../src/emit/format.js'
import { parse } from '../../src/parse/index.js'
import { lintText } from '../../src/rules/lint.js'
import { validate } from '../../src/schema/validate.js'

const template = (name: string): string => readFileSync(new URL(`../../templates/${name}.md`, import.meta.url), 'utf8')
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

const QUESTION = 'Tell me about a time you fixed something nobody owned'
const ID = 'tell-me-about-a-time-you-fixed-something-nobody-owned'
const amazon: Omit<ScaffoldValues, 'principles'> = { question: QUESTION, id: ID, company: 'Amazon', principleSet: 'Leadership Principles', date: '2025-01-02' }

/** `line:column` of every `TODO:` in the scenario's fields (the HTML comment holds none). */
function todoPositions(text: string): string[] {
  const out: string[] = []
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/TODO:/g)) out.push(`${i + 1}:${m.index + 1}`)
  })
  return out
}

describe('built-in templates', () => {
  const cases = [
    { name: 'full', values: { ...amazon, principles: ['Ownership', 'Dive Deep'], level: 'SDE2' }, fixture: 'full-sde2.md', todos: 63 },
    { name: 'minimal', values: { ...amazon, principles: ['Ownership'] }, fixture: 'minimal.md', todos: 22 },
  ]
  for (const c of cases) {
    describe(c.name, () => {
      const output = scaffold(template(c.name), c.values)

      it('fills the template as the fixture shows', () => {
        expect(output).toBe(fixture(c.fixture))
      })

      it('parses and passes schema validation, in canonical form', () => {
        const parsed = parse(output, { path: `${ID}.md` })
        const valid = validate(parsed)
        expect(parsed.file.messages.map((m) => m.reason)).toEqual([])
        const { id, question, company, principles, level } = valid!.scenario
        expect({ id, question, company, principles, level }).toEqual({ id: ID, question: QUESTION, company: 'Amazon', principles: c.values.principles, level: c.values.level })
        expect(formatScenario(output).output).toBe(output)
      })

      it('fails lint only on the placeholders, one finding at each `TODO:`', async () => {
        const result = await lintText(output, `${ID}.md`)
        expect(result.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)).toEqual(todoPositions(output).map((p) => `no-placeholder ${p}`))
        expect(result.messages).toHaveLength(c.todos)
        expect(new Set(result.messages.map((m) => m.message))).toEqual(new Set(['Unexpected placeholder `TODO:`, expected the content it stands for']))
      })

      it('passes lint once every placeholder is filled with the guidance it carries', async () => {
        // The guidance after each marker is written to pass every other rule: "I TODO: the first thing you
        // did" becomes an Action sentence starting with "I", the Result guidance holds a number, and so on.
        const filled = output.replace(/TODO: /g, '')
        expect(filled).not.toContain('TODO:')
        const result = await lintText(filled, `${ID}.md`)
        expect(result.messages).toEqual([])
      })

      it('without a level drops the `level` key', () => {
        const { level: _, ...rest } = c.values as ScaffoldValues
        const text = scaffold(template(c.name), rest)
        expect(text).not.toMatch(/^level:/m)
        expect(validate(parse(text))?.scenario.level).toBeUndefined()
      })
    })
  }

  it('the full template without a level asks for one in Level reflections', async () => {
    const text = scaffold(template('full'), { ...amazon, principles: ['Ownership'] })
    expect(text).toContain('## Level reflections\n\n### TODO: a level, such as SDE2\n\nTODO: the reflection as a candidate at that level would give it\n')
    const result = await lintText(text, `${ID}.md`)
    expect(new Set(result.messages.map((m) => m.ruleId))).toEqual(new Set(['no-placeholder']))
    expect(await lintText(text.replace(/TODO: /g, ''), `${ID}.md`)).toMatchObject({ messages: [] })
  })

  it('a story written into the minimal template passes lint', async () => {
    const text = scaffold(template('minimal'), { ...amazon, principles: ['Ownership'], level: 'SDE2' })
    const story: [string, string][] = [
      ['TODO: the whole story in two or three sentences, in the first person, with the number that shows the impact', 'While working as an SDE2, I noticed our deploy pipeline failed 12% of runs. No team owned it and nobody had asked me to look.'],
      ['TODO: what this scenario teaches, in one sentence in the third person', 'The candidate took ownership of an orphaned pipeline and cut failures to zero.'],
      ['TODO: where you were and what was wrong, with the number that shows the impact', 'Our deploy pipeline failed 12% of runs, which delayed every release by a day.'],
      ['TODO: what you took on, and why it was yours to take on', 'No team owned the pipeline and nobody had asked me to fix it.'],
      ['I TODO: the first thing you did. I TODO: the next thing you did. I TODO: what you did to make the change last.', 'I collected a month of failed runs. I traced the failures to a shared cache. I added an alert on the failure rate.'],
      ['TODO: the metric before and after, such as from 12% to 0%, and what it meant for the business', 'Failures fell from 12% to 0% within a week, saving about 40 engineer-hours a month.'],
      ['TODO: the systemic insight this story taught you, in one sentence', 'Shared infrastructure without an owner decays until someone measures it.'],
      ['TODO: a weak answer to the whole question, as a nervous candidate might give it', 'The pipeline was flaky so we fixed it.'],
      ['TODO: what is wrong with the weak answer', 'Uses "we" and gives no numbers'],
      ['TODO: what a bar raiser concludes', 'Leaning No Hire for Ownership.'],
    ]
    let filled = text
    for (const [from, to] of story) {
      expect(filled).toContain(from)
      filled = filled.replace(from, to)
    }
    filled = filled.replace(/Coaching: TODO: how to deliver this step/g, 'Coaching: Keep it short and lead with the numbers.')
    filled = filled.replace(/Common mistake: TODO: the mistake candidates make in this step/g, 'Common mistake: Saying "we" and hiding your own part.')
    expect(filled).not.toContain('TODO:')
    expect(await lintText(filled, `${ID}.md`)).toMatchObject({ messages: [] })
  })
})

describe('fillTemplate', () => {
  const values: ScaffoldValues = { ...amazon, principles: ['Ownership', 'Dive Deep'], level: 'SDE2' }

  it('escapes values for YAML in the frontmatter and for Markdown in the body', () => {
    const tricky = { ...values, company: 'Acme: Labs', question: 'Tell me about a *time* you [shipped] <it> # twice?' }
    const text = fillTemplate(template('minimal'), tricky)
    expect(text).toContain('company: "Acme: Labs"\n')
    const scenario = validate(parse(text))?.scenario
    expect(scenario?.company).toBe('Acme: Labs')
    expect(scenario?.question).toBe('Tell me about a *time* you [shipped] <it> # twice?')
  })

  it('writes a list alone on its line as a block list, inline as a flow list, in the body joined by commas', () => {
    const t = '---\nprinciples:\n  {{principles}}\nother: {{principles}}\n---\n\nAt {{principles}}.\n'
    expect(fillTemplate(t, values)).toBe('---\nprinciples:\n  - Ownership\n  - Dive Deep\nother: [ Ownership, Dive Deep ]\n---\n\nAt Ownership, Dive Deep.\n')
  })

  it('repeats `{{#principles}}` per principle, shows `{{#level}}` or `{{^level}}`, and drops standalone tag lines', () => {
    const t = '{{#principles}}\n### {{.}}\n{{/principles}}\n{{#level}}\nat {{level}}\n{{/level}}\n{{^level}}\nno level\n{{/level}}\n'
    expect(fillTemplate(t, values)).toBe('### Ownership\n### Dive Deep\nat SDE2\n')
    expect(fillTemplate(t, { ...values, level: undefined })).toBe('### Ownership\n### Dive Deep\nno level\n')
  })

  it('leaves out a frontmatter line whose value is not set', () => {
    expect(fillTemplate('---\nid: {{id}}\nlevel: {{level}}\n---\n', { ...values, level: undefined })).toBe(`---\nid: ${ID}\n---\n`)
  })

  it('keeps values in an HTML comment unescaped', () => {
    expect(fillTemplate('<!-- on {{date}} for {{company}} -->\n', values)).toBe('<!-- on 2025-01-02 for Amazon -->\n')
  })

  it('refuses an unknown placeholder with the closest name', () => {
    expect(() => fillTemplate('{{compnay}}', values)).toThrow('Unexpected placeholder `{{compnay}}`, did you mean `{{company}}`')
    expect(() => fillTemplate('{{weather}}', values)).toThrow(/^Unexpected placeholder `\{\{weather\}\}`, expected one of `\{\{question\}\}`/)
  })

  it('refuses unbalanced sections and `{{.}}` outside `{{#principles}}`', () => {
    expect(() => fillTemplate('{{#principles}}x', values)).toThrow('Missing `{{/principles}}` in the template')
    expect(() => fillTemplate('{{#level}}x{{/principles}}', values)).toThrow('Unexpected `{{/principles}}`, expected `{{/level}}`')
    expect(() => fillTemplate('{{.}}', values)).toThrow('Unexpected `{{.}}` outside `{{#principles}}`, expected it inside the section')
  })
})

describe('scaffold', () => {
  const values: ScaffoldValues = { ...amazon, principles: ['Ownership'] }

  it('refuses a template that does not make a valid scenario', () => {
    expect(() => scaffold('---\nid: {{id}}\n---\n\n# {{question}}\n', values)).toThrow(/^Unexpected template making an invalid scenario: Missing/)
  })

  it('refuses a template that does not hold a value asked for', () => {
    const fixed = template('minimal').replace('company: {{company}}', 'company: Acme')
    expect(() => scaffold(fixed, values)).toThrow('Unexpected `company` of `"Acme"` once the template is filled, expected `"Amazon"` (use `{{company}}` in the template)')
  })
})

describe('ids and paths', () => {
  it('slugs a question', () => {
    expect(slugify('Tell me about a time you fixed something nobody owned!')).toBe('tell-me-about-a-time-you-fixed-something-nobody-owned')
    expect(slugify("Describe a time you didn't meet a deadline & what you did")).toBe('describe-a-time-you-didnt-meet-a-deadline-and-what-you-did')
    expect(slugify('  Café   déjà-vu  ')).toBe('cafe-deja-vu')
    expect(slugify('你好')).toBe('')
    const long = slugify('word '.repeat(40))
    expect(long).toBe(Array(16).fill('word').join('-'))
    expect(long.length).toBeLessThanOrEqual(80)
  })

  it('picks `-2`, `-3` … when the id is taken, ignoring case', () => {
    expect(uniqueId('a-story', ['other.md'])).toBe('a-story')
    expect(uniqueId('a-story', ['A-Story.md'])).toBe('a-story-2')
    expect(uniqueId('a-story', ['a-story.md', 'a-story-2.md'])).toBe('a-story-3')
  })

  it('refuses an id that escapes the folder or is not a slug', () => {
    expect(() => checkId('../evil')).toThrow('Unexpected id `../evil` outside `--dir`, expected a file name without a folder')
    expect(() => checkId('sub/name')).toThrow('Unexpected id `sub/name` outside `--dir`, expected a file name without a folder')
    expect(() => checkId('..')).toThrow('Unexpected id `..` outside `--dir`, expected a file name without a folder')
    expect(() => checkId('/etc/passwd')).toThrow('Unexpected id `/etc/passwd` outside `--dir`, expected a file name without a folder')
    expect(() => checkId('Bad_Id')).toThrow('Unexpected id `Bad_Id`, expected lower-case words joined by hyphens such as `bad-id`')
    expect(checkId('good-id-2')).toBe('good-id-2')
  })

  it('puts the file directly in the folder, or refuses', () => {
    expect(targetFile('/content/scenarios', 'a-story')).toBe('/content/scenarios/a-story.md')
    expect(() => targetFile('/content/scenarios', '../a-story')).toThrow('outside `--dir`')
  })
})

describe('companies and principles', () => {
  const known = knownCompanies({ Acme: ['Customer First', 'Ship It'], Amazon: ['Two Pizza Teams'] })

  it('knows the built-in set and the configured ones', () => {
    expect(known.map((k) => [k.company, k.principleSet, k.principles.length])).toEqual([
      ['Amazon', 'Leadership Principles', 17],
      ['Acme', 'Principles', 2],
    ])
  })

  it('resolves a company by any spelling and keeps that spelling', () => {
    expect(resolveCompany('aws', known).company).toBe('AWS')
    expect(resolveCompany('acme', known).principles).toEqual(['Customer First', 'Ship It'])
  })

  it('names the closest company, or the known ones', () => {
    expect(() => resolveCompany('Amazn', known)).toThrow('Unexpected company `Amazn`, did you mean `Amazon`')
    expect(() => resolveCompany('Globex', known)).toThrow("Unexpected company `Globex`, expected one of `Amazon`, `Acme` or a set in the config's `principleSets`")
  })

  it('resolves principles to canonical names, deduplicated', () => {
    const amazon = resolveCompany('Amazon', known)
    expect(resolvePrinciples(['disagree & commit', 'OWNERSHIP', 'Ownership', 'two pizza teams'], amazon)).toEqual([
      'Have Backbone; Disagree and Commit',
      'Ownership',
      'Two Pizza Teams',
    ])
  })

  it('names the closest principle', () => {
    const amazon = resolveCompany('Amazon', known)
    expect(() => resolvePrinciples(['Ownershp'], amazon)).toThrow('Unexpected principle `Ownershp` for `Amazon`, did you mean `Ownership`')
    expect(() => resolvePrinciples(['Synergy'], resolveCompany('Acme', known))).toThrow('Unexpected principle `Synergy` for `Acme`, expected one of `Customer First`, `Ship It`')
  })
})
