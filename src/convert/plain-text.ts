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
 * - reads each run of non-blank lines as one paragraph of text, in one pass, and the whole page
 *   in one construct (`plainDocument` below). CommonMark's own paragraph is read three times
 *   over: as flow, then as content (where definitions could start), then as text (where
 *   emphasis and links could start), each pass splitting and relinking the chunks of the one
 *   before. With every construct off, the last two passes find nothing, and they were half
 *   of the parse: a bench page (about 11 KB) took about 1.8 ms instead of 3.6–4.3 ms
 *   (session 7). Flow's and the document's attempts at each line were much of the rest
 *   (session 26), and then the document's own pass: it read every line once to hand it to
 *   flow, as a chunk that flow read again and that was spliced back (session 27).
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
import { factorySpace } from 'micromark-factory-space'
import { markdownLineEnding, markdownSpace } from 'micromark-util-character'
import type { Code, Construct, Effects, Extension, Point, State, TokenizeContext } from 'micromark-util-types'
import type {} from 'remark-parse'
import type { Plugin } from 'unified'
import { exitLineData } from '../parse/fast-paragraph.js'

/**
 * Every construct of micromark's CommonMark set, by name (micromark-core-commonmark), but
 * `lineEnding`: the line endings inside a paragraph (micromark cannot parse without it).
 * Paragraphs (`content`) and blank lines are not constructs that can be disabled (and the
 * document reads the whole page with `plainDocument`, so neither flow nor content is reached).
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
 * The document as plain text, read by one construct: paragraphs and the blank lines between
 * them, with the very events micromark's flow and the one-pass paragraph of
 * `parse/fast-paragraph.ts` give (so mdast-util-from-markdown builds the same tree, positions
 * included). It is a document construct, as a block quote or a list is (both are off): the
 * document tries it at its first line, after that line's white space, and it reads every line
 * to the end.
 *
 * - a paragraph: per line a `data`, trailing white space as a `lineSuffix`, between two lines a
 *   `lineEnding` and the next line's white space as a `linePrefix`;
 * - after a paragraph: its last line's `lineEnding`, outside it, as flow writes it;
 * - a blank line: its white space as a `linePrefix`, its line ending as a `lineEndingBlank`.
 *
 * At the end of the text the document closes it with `exit`, which has nothing to close: it
 * opens no token of its own.
 *
 * What it saves: a flow construct (this one, in session 26) is read twice. The document
 * reads each line, character by character, into a chunk of flow, which flow reads again and
 * micromark splices back into the document's events once the document is read. As a document
 * construct it reads each character once, and nothing is spliced: a bench page (~230 lines,
 * ~75 paragraphs) allocates 1.11 MB to convert, against 1.57 MB read by flow and 2.08 MB before
 * that (docs/performance.md, sessions 26 and 27).
 *
 * Two or more spaces at a line's end are white space like any other, not a hard break.
 */
const plainDocument: Construct = { name: 'plainDocument', tokenize: tokenizePlainDocument, exit: () => undefined }

function tokenizePlainDocument(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  /** Where the run of white space being read started: the line's data ends there if the line does. */
  let space: Point | undefined
  /** Where in the events the line ending after the line just read is. */
  let lineEnding = 0
  return start

  function start(code: Code): State | undefined {
    // The document's first line, after its white space (blank or not). micromark tries no
    // construct at the end of the text, so an empty one never gets here; were it to, it is no page.
    if (code === null) return nok(code)
    return atLine(code)
  }

  function paragraph(code: Code): State | undefined {
    effects.enter('paragraph')
    effects.enter('data')
    return inData(code)
  }

  function inData(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) {
      exitLineData(self, effects, space)
      space = undefined
      if (code === null) {
        effects.exit('paragraph')
        return ok(code)
      }
      // The line ending, and the next line's white space, go on with the paragraph unless that
      // line is blank (`afterLineEnding`).
      lineEnding = self.events.length
      effects.enter('lineEnding')
      effects.consume(code)
      effects.exit('lineEnding')
      return factorySpace(effects, afterLineEnding, 'linePrefix')
    }
    if (markdownSpace(code)) space ??= self.now()
    else space = undefined
    effects.consume(code)
    return inData
  }

  function afterLineEnding(code: Code): State | undefined {
    if (code !== null && !markdownLineEnding(code)) {
      effects.enter('data')
      return inData(code)
    }
    // The next line is blank: the paragraph ends where its last line does, before the line
    // ending, as flow ends it. Its exit is moved there: trying each next line first (an
    // attempt, undone when it is blank) cost more than moving one event once a paragraph.
    const ending = self.events[lineEnding]![1]
    const exit = effects.exit('paragraph')
    exit.end = { ...ending.start }
    self.events.splice(lineEnding, 0, self.events.pop()!)
    return atLine(code)
  }

  /** At a line's first character that is not white space. */
  function atLine(code: Code): State | undefined {
    if (code === null) return ok(code)
    if (!markdownLineEnding(code)) return paragraph(code)
    effects.enter('lineEndingBlank')
    effects.consume(code)
    effects.exit('lineEndingBlank')
    return factorySpace(effects, atLine, 'linePrefix')
  }
}

/** The micromark extension: every construct off, and the document read as paragraphs in one pass. */
export const plainTextExtension: Extension = {
  disable: { null: [...DISABLED_CONSTRUCTS] },
  document: { null: [plainDocument] },
}

/** The unified plugin: adds the micromark extension above. */
export const remarkPlainText: Plugin<[], string, Root> = function () {
  const data = this.data()
  const extensions = data.micromarkExtensions ?? (data.micromarkExtensions = [])
  extensions.push(plainTextExtension)
}
