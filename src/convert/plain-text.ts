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
 * - reads each run of non-blank lines as one paragraph of text, in one pass, and the page from
 *   its first such run to its end in one construct (`plainFlow` below). CommonMark's own
 *   paragraph is read three times over: as flow, then as content (where definitions could
 *   start), then as text (where emphasis and links could start), each pass splitting and
 *   relinking the chunks of the one before. With every construct off, the last two passes find
 *   nothing, and they were half of the parse: a bench page (about 11 KB) took about 1.8 ms
 *   instead of 3.6–4.3 ms (session 7), and flow's and the document's attempts at each line
 *   were much of the rest (session 26).
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
 * Paragraphs (`content`) and blank lines are not constructs that can be disabled (and flow tries
 * `plainFlow` first, so content is never reached).
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
 * The rest of the document as plain text, read by one construct: paragraphs and the blank lines
 * between them, with the very events micromark's flow and the one-pass paragraph of
 * `parse/fast-paragraph.ts` give (so mdast-util-from-markdown builds the same tree, positions
 * included). Flow tries it at the document's first line that is not blank (every other flow
 * construct is off); it then reads every line to the end:
 *
 * - a paragraph: per line a `data`, trailing white space as a `lineSuffix`, between two lines a
 *   `lineEnding` and the next line's white space as a `linePrefix`;
 * - after a paragraph: its last line's `lineEnding`, outside it, as flow writes it;
 * - a blank line: its white space as a `linePrefix`, its line ending as a `lineEndingBlank`.
 *
 * What it saves over flow trying its constructs at each paragraph, and the document trying the
 * container constructs at each line (none is on): the construct is concrete, so the document
 * passes every line straight to it. A bench page (~230 lines, ~75 paragraphs) allocated 2.08 MB
 * to convert, and 1.60 MB read so (docs/performance.md, session 26).
 *
 * Two or more spaces at a line's end are white space like any other, not a hard break.
 */
const plainFlow: Construct = { name: 'plainFlow', concrete: true, tokenize: tokenizePlainFlow }

function tokenizePlainFlow(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  /** Where the run of white space being read started: the line's data ends there if the line does. */
  let space: Point | undefined
  /** Where in the events the line ending after the line just read is. */
  let lineEnding = 0
  return start

  function start(code: Code): State | undefined {
    // Flow gives a line that is not blank, after its white space; nothing interrupts a paragraph here.
    if (self.interrupt || code === null || markdownLineEnding(code)) return nok(code)
    return paragraph(code)
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

/** The micromark extension: every construct off, and paragraphs read in one pass. */
export const plainTextExtension: Extension = {
  disable: { null: [...DISABLED_CONSTRUCTS] },
  flow: { null: [plainFlow] },
}

/** The unified plugin: adds the micromark extension above. */
export const remarkPlainText: Plugin<[], string, Root> = function () {
  const data = this.data()
  const extensions = data.micromarkExtensions ?? (data.micromarkExtensions = [])
  extensions.push(plainTextExtension)
}
