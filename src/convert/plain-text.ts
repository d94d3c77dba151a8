/**
 * `remarkPlainText`: remark-parse reads a document as paragraphs and blank lines, nothing else.
 *
 * A scraped page is plain text: its `  • ` flaws, `1. Step 1: …` solutions, `*`, `#`, `>`,
 * `---` and `<` are the page's own characters, not Markdown. micromark's `disable` extension
 * turns off every CommonMark construct by name, so no line of the page becomes a list, a
 * heading, a code block, a quote or an HTML block, and no text becomes emphasis, a link or a
 * character reference: the tree is paragraphs (each a run of non-blank lines) holding text.
 * That is also less work for the parser (~14 % fewer instructions on a seed page, callgrind).
 *
 * Use it after remark-parse: `unified().use(remarkParse).use(remarkPlainText)`.
 */
import type { Root } from 'mdast'
import type {} from 'remark-parse'
import type { Plugin } from 'unified'

/**
 * Every construct of micromark's CommonMark set, by name (micromark-core-commonmark), but
 * `lineEnding`: the line endings inside a paragraph (micromark cannot parse without it).
 * Paragraphs (`content`) and blank lines are not constructs that can be disabled.
 * `test/convert/plain-text.test.ts` parses a page with each of these and finds paragraphs only.
 */
export const DISABLED_CONSTRUCTS: readonly string[] = [
  'attention',
  'autolink',
  'blockQuote',
  'characterEscape',
  'characterReference',
  'codeFenced',
  'codeIndented',
  'codeText',
  'definition',
  'hardBreakEscape',
  'headingAtx',
  'htmlFlow',
  'htmlText',
  'labelEnd',
  'labelStartImage',
  'labelStartLink',
  'list',
  'setextUnderline',
  'thematicBreak',
]

/** The unified plugin: adds the micromark extension that disables every construct above. */
export const remarkPlainText: Plugin<[], string, Root> = function () {
  const data = this.data()
  const extensions = data.micromarkExtensions ?? (data.micromarkExtensions = [])
  extensions.push({ disable: { null: [...DISABLED_CONSTRUCTS] } })
}
