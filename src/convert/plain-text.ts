/**
 * `remarkPlainText`: remark-parse reads a document as paragraphs and blank lines, nothing else.
 *
 * A scraped page is plain text: its `  • ` flaws, `1. Step 1: …` solutions, `*`, `#`, `>`,
 * `---` and `<` are the page's own characters, not Markdown. So the plugin adds a micromark
 * extension that
 *
 * - turns off every CommonMark construct by name (micromark's `disable`), so no line of the page
 *   becomes a list, a heading, a code block, a quote or an HTML block, and no text becomes
 *   emphasis, a link or a character reference; and
 * - reads each run of non-blank lines as one paragraph of text, in one pass (`plainParagraph`
 *   below). CommonMark's own paragraph is read three times over: as flow, then as content
 *   (where definitions could start), then as text (where emphasis and links could start), each
 *   pass splitting and relinking the chunks of the one before. With every construct off, the
 *   last two passes find nothing, and they were half of the parse: a bench page (about 11 KB)
 *   takes about 1.8 ms instead of 3.6–4.3 ms.
 *
 * The tree is the one CommonMark gives for the same text with every construct off (positions
 * included): paragraphs spanning their lines, each holding one text node, its lines without
 * their leading and trailing white space, joined by their own line endings. The one exception
 * is that plain text has no hard break: CommonMark's text still makes one of two spaces before
 * a line ending, as that is not a construct it can turn off. `test/convert/plain-text.test.ts`
 * compares the two on the seeds and on generated text.
 *
 * Use it after remark-parse: `unified().use(remarkParse).use(remarkPlainText)`.
 */
import type { Root } from 'mdast'
import type { Extension } from 'micromark-util-types'
import type {} from 'remark-parse'
import type { Plugin } from 'unified'
import { fastParagraph } from '../parse/fast-paragraph.js'

/**
 * Every construct of micromark's CommonMark set, by name (micromark-core-commonmark), but
 * `lineEnding`: the line endings inside a paragraph (micromark cannot parse without it).
 * Paragraphs (`content`) and blank lines are not constructs that can be disabled (and flow tries
 * `plainParagraph` first, so content is never reached).
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

/**
 * A paragraph of plain text: the one-pass paragraph of `parse/fast-paragraph.ts`, which flow
 * tries where CommonMark would start content, and which reads the run of lines to the next
 * blank one (with every construct off, no line interrupts it and no character stops it). Two
 * or more spaces at a line's end are white space like any other here, not a hard break. It is
 * concrete: with block quotes and lists off, no container can start at a line of it, so the
 * document does not try them at each line.
 */
const plainParagraph = fastParagraph({ name: 'plainParagraph', hardBreaks: false, concrete: true })

/** The micromark extension: every construct off, and paragraphs read in one pass. */
export const plainTextExtension: Extension = {
  disable: { null: [...DISABLED_CONSTRUCTS] },
  flow: { null: [plainParagraph] },
}

/** The unified plugin: adds the micromark extension above. */
export const remarkPlainText: Plugin<[], string, Root> = function () {
  const data = this.data()
  const extensions = data.micromarkExtensions ?? (data.micromarkExtensions = [])
  extensions.push(plainTextExtension)
}
