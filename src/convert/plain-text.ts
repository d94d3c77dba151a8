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
import { factorySpace } from 'micromark-factory-space'
import { markdownLineEnding, markdownSpace } from 'micromark-util-character'
import type { Code, Construct, Effects, Extension, Point, State, Token, TokenizeContext } from 'micromark-util-types'
import type {} from 'remark-parse'
import type { Plugin } from 'unified'

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

/** Whether the next line holds text: after a line ending, past white space, not at a line end. */
const nextLineHasText: Construct = { partial: true, tokenize: tokenizeNextLineHasText }

function tokenizeNextLineHasText(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  return start

  function start(code: Code): State | undefined {
    effects.enter('lineEnding')
    effects.consume(code)
    effects.exit('lineEnding')
    return factorySpace(effects, after, 'linePrefix')
  }

  function after(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return nok(code)
    // A lazy line belongs to no paragraph of ours (there are no containers, so this is never so).
    return self.parser.lazy[self.now().line] ? nok(code) : ok(code)
  }
}

/**
 * A paragraph of plain text: flow tries it (after the line's leading white space) where
 * CommonMark would start content, and it reads the run of lines to the next blank one.
 * Events: `paragraph` around, per line one `data` for its text (trailing white space left
 * out), and between lines a `lineEnding` and a `linePrefix` for the next line's leading white
 * space: what CommonMark's text gives, so mdast-util-from-markdown makes the same text node.
 */
const plainParagraph: Construct = { name: 'plainParagraph', tokenize: tokenizePlainParagraph }

function tokenizePlainParagraph(this: TokenizeContext, effects: Effects, ok: State): State {
  const self = this
  /** Where the run of white space being read started: the line's data ends there if the line does. */
  let space: Point | undefined
  return start

  function start(code: Code): State | undefined {
    effects.enter('paragraph')
    effects.enter('data')
    return inData(code)
  }

  function inData(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) {
      const data = effects.exit('data')
      if (space !== undefined) {
        // Trailing white space: as CommonMark's text does, the data ends before it and a
        // \`lineSuffix\` holds it. Entered only now that it is known to trail: a token for every
        // run would cost more than the runs, as most of them are between words.
        data.end = space
        const suffix: Token = { type: 'lineSuffix', start: space, end: self.now() }
        self.events.push(['enter', suffix, self], ['exit', suffix, self])
        space = undefined
      }
      return lineEnd(code)
    }
    if (!markdownSpace(code)) space = undefined
    else if (space === undefined) space = self.now()
    effects.consume(code)
    return inData
  }

  function lineEnd(code: Code): State | undefined {
    if (code === null) return end(code)
    return effects.check(nextLineHasText, nextLine, end)(code)
  }

  function nextLine(code: Code): State | undefined {
    effects.enter('lineEnding')
    effects.consume(code)
    effects.exit('lineEnding')
    return factorySpace(effects, lineStart, 'linePrefix')
  }

  /** After the line's leading white space: the check above made sure that text follows it. */
  function lineStart(code: Code): State | undefined {
    effects.enter('data')
    return inData(code)
  }

  function end(code: Code): State | undefined {
    effects.exit('paragraph')
    return ok(code)
  }
}

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
