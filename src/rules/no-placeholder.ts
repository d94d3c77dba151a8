import { defineRule } from './define-rule.js'
import { stringFields } from './text/fields.js'

/** HTML tags that may legitimately stand in content; any other `<…>` is a placeholder. */
const TAG = /^<\/?(?:a|abbr|b|br|code|del|em|i|ins|kbd|mark|p|s|small|span|strong|sub|sup|u)\b[^>]*>$/i

/**
 * Template markers. `TODO:` is what `starkit new` writes; the others are what people and
 * other tools leave. Upper-case words only, so "to do" and "xx-large" prose is left alone.
 */
const MARKERS = new RegExp(
  [
    String.raw`\b(?:TODO|FIXME|TBD|TBC)\b:?`,
    String.raw`\bX{2,}\b`,
    String.raw`<[A-Za-z][^<>\n]{0,80}>`,
    String.raw`\{\{[^{}\n]{0,80}\}\}`,
    String.raw`\[(?:insert|your|add|describe|fill|enter|placeholder|metric|number|name|company)\b[^\]\n]{0,80}\]`,
    String.raw`\blorem ipsum\b`,
  ].join('|'),
  'gi',
)

const CASED = /^(?:TODO|FIXME|TBD|TBC|X{2,})/

/**
 * What every match of `MARKERS` contains, found in one cheap pass: a field without any of it
 * (nearly every field) is not searched with the alternation, which tries each of its branches
 * at each character (~60 % of the rule's time on the bench's files).
 */
const MAYBE = /todo|fixme|tb[dc]|xx|[<[]|\{\{|lorem ipsum/i

export default defineRule({
  id: 'no-placeholder',
  summary: 'No text left over from a template',
  severity: 'error',
  docs: [
    'A scaffolded scenario (`starkit new`) starts with `TODO:` in every field it cannot fill; a scenario',
    'copied from another keeps its `<your metric here>` blanks. Such text must never reach a candidate.',
    '',
    'Markers, in any field:',
    '',
    '- `TODO`, `TODO:`, `FIXME`, `TBD`, `TBC` and `XX`/`XXX` (upper case only, so prose saying "to do" is fine);',
    '  `starkit new` writes `TODO:` followed by what belongs there;',
    '- `<…>` angle-bracket blanks such as `<your metric>` (inline HTML tags such as `<br>` or `<code>` are',
    '  not placeholders);',
    '- `{{…}}` template variables;',
    '- `[insert …]`, `[your …]`, `[add …]`, `[describe …]`, `[metric]` … square-bracket blanks;',
    '- `lorem ipsum`.',
    '',
    'The finding points at the marker.',
  ].join('\n'),
  defaults: {},
  check({ scenario, report }) {
    for (const { at, value } of stringFields(scenario)) {
      if (!MAYBE.test(value)) continue
      for (const m of value.matchAll(MARKERS)) {
        const text = m[0]
        if (/^[A-Za-z]/.test(text) && /^(?:todo|fixme|tbd|tbc|x+)\b/i.test(text) && !CASED.test(text)) continue
        if (text.startsWith('<') && TAG.test(text)) continue
        report({ pointer: at, from: m.index, to: m.index + text.length }, `Unexpected placeholder \`${text}\`, expected the content it stands for`)
      }
    }
  },
})
