/**
 * `remarkFastParagraph`: remark-parse reads a paragraph of plain words in one pass.
 *
 * CommonMark's paragraph is read three times over: as flow (`content`), then as content
 * (where a definition could start), then as text (where emphasis, links, code and the other
 * inline constructs could start), each pass splitting and relinking the chunks of the one
 * before (micromark's `subtokenize`). Most paragraphs of a scenario are words and nothing
 * else: no character any inline construct starts at. For those the last two passes find
 * nothing, and this construct reads the paragraph once and gives the events the three passes
 * would have given (`paragraph`; per line a `data`, trailing white space as a `lineSuffix`;
 * between lines a `lineEnding` and a `linePrefix`), so mdast-util-from-markdown builds the
 * same tree, positions included.
 *
 * It is a flow construct tried where `content` would be (flow tries every other construct at
 * the line first), and it gives up (`nok`: micromark tries again from the same place with
 * `content`) on anything that is not plain words:
 *
 * - a character that starts a text construct of this parser (`*`, `_`, `` ` ``, `[`, `]`,
 *   `!`, `&`, `<`, `\` in CommonMark; read from the parser, so a syntax extension's
 *   characters count too), or one that starts a content construct at the paragraph's start;
 * - a hard break (two or more spaces, no tab, at the end of a line that is not the last);
 * - a setext underline or a thematic break after it (`=` or `-` where the next line
 *   interrupts it: the paragraph becomes a heading, or ends in a way `content` resolves).
 *
 * A line continues the paragraph exactly as it continues `content`: not blank, and either
 * indented four columns or more, or not the start of a flow construct that interrupts a
 * paragraph (`effects.interrupt` with the parser's own flow constructs). Containers and lazy
 * lines are the document's business, as they are for `content`: a line the document does not
 * pass on ends the paragraph at its line ending.
 *
 * `convert`'s `remarkPlainText` reads plain text with the same events, every other construct off.
 *
 * `test/parse/fast-paragraph.test.ts` compares the trees with and without it on the repo's
 * Markdown, on edge cases one by one and on generated Markdown, and counts the paragraphs it
 * reads itself.
 */
import type { Root } from 'mdast'
import { factorySpace } from 'micromark-factory-space'
import { markdownLineEnding, markdownSpace } from 'micromark-util-character'
import type { Code, Construct, Effects, Extension, Point, State, Token, TokenizeContext } from 'micromark-util-types'
import type {} from 'remark-parse'
import type { Plugin } from 'unified'

const CR = -5
const LF = -4
const CRLF = -3
const EQUALS = 61
const DASH = 45
/** micromark's `constants.tabSize`: an indented line continues a paragraph. */
const TAB_SIZE = 4
/** micromark's `constants.hardBreakPrefixSizeMin`. */
const HARD_BREAK_SPACES = 2

/** Character codes some constructs start at: a table for ASCII (one lookup per character), a list for the rest, or every code. */
interface Codes {
  all: boolean
  ascii: Uint8Array
  other: number[]
}

/** Whether trailing white space makes a hard break before a next line: two spaces or more, and no tab (text's line suffix resolver). */
const isHardBreak = (run: string): boolean => run.length >= HARD_BREAK_SPACES && !run.includes('\t')

const has = (codes: Codes, code: number): boolean => (code >= 0 && code < 128 ? codes.ascii[code] === 1 : codes.all || (codes.other.length > 0 && codes.other.includes(code)))

/**
 * Exit a line's `data` at its line ending (or the end), as text's line suffix resolver ends it:
 * trailing white space, from `space` on, is not the data's but a `lineSuffix`'s, entered only
 * now that it is known to trail. The suffix, if there is one.
 */
export function exitLineData(context: TokenizeContext, effects: Effects, space: Point | undefined): Token | undefined {
  const data = effects.exit('data')
  if (space === undefined) return undefined
  data.end = space
  const suffix: Token = { type: 'lineSuffix', start: space, end: context.now() }
  context.events.push(['enter', suffix, context], ['exit', suffix, context])
  return suffix
}

/** What stops the fast path in one parser (its constructs, extensions included). */
interface Stops {
  /** Codes a text construct starts at (line endings aside: they are the paragraph's own). */
  text: Codes
  /** Codes a content construct starts at (a definition's `[`), at the paragraph's start. */
  content: Codes
  /** Codes a flow construct other than this one starts at: a line starting with one may interrupt the paragraph. */
  flow: Codes
  /** Whether a line indented four columns or more continues the paragraph (indented code is on). */
  indented: boolean
}

/**
 * The character codes a construct of `map` that is not turned off, and not `self`, is keyed
 * on (one under `null` starts anywhere: then every code). A construct without a name cannot
 * be turned off. Plain loops: this runs once per parse, as micromark combines the constructs
 * anew for each.
 */
function keyedCodes(map: Record<string, Construct | Construct[] | undefined>, disabled: readonly string[], self?: Construct, skip: readonly number[] = []): Codes {
  const codes: Codes = { all: false, ascii: new Uint8Array(128), other: [] }
  const keys = Object.keys(map)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const value = map[key]
    // Always a list once micromark has combined the extensions.
    const list = Array.isArray(value) ? value : value ? [value] : []
    let on = false
    for (let j = 0; j < list.length && !on; j++) {
      const construct = list[j]!
      on = construct !== self && (construct.name === undefined || disabled.length === 0 || !disabled.includes(construct.name))
    }
    if (!on) continue
    if (key === 'null') {
      codes.all = true
      codes.ascii.fill(1)
      continue
    }
    const code = Number(key)
    if (code >= 0 && code < 128) codes.ascii[code] = 1
    else if (!skip.includes(code)) codes.other.push(code)
  }
  return codes
}

function stopsIn(context: TokenizeContext, self: Construct): Stops {
  const constructs = context.parser.constructs
  const disabled = constructs.disable.null ?? []
  return {
    text: keyedCodes(constructs.text, disabled, undefined, [CR, LF, CRLF]),
    content: keyedCodes(constructs.contentInitial, disabled),
    flow: keyedCodes(constructs.flow, disabled, self),
    indented: !disabled.includes('codeIndented'),
  }
}

export interface FastParagraphOptions {
  /** The construct's name (micromark's `disable` turns it off by name). */
  name: string
}

/** The construct: a paragraph of plain words, read in one pass. */
export function fastParagraph(options: FastParagraphOptions): Construct {
  /** Per parser (its constructs object): what stops the fast path, found once. */
  const cache = new WeakMap<object, Stops>()
  const construct: Construct = {
    name: options.name,
    tokenize(effects, ok, nok) {
      let stops = cache.get(this.parser.constructs)
      if (!stops) cache.set(this.parser.constructs, (stops = stopsIn(this, construct)))
      return tokenizeFastParagraph.call(this, effects, ok, nok, stops)
    },
  }
  return construct
}

function tokenizeFastParagraph(this: TokenizeContext, effects: Effects, ok: State, nok: State, stops: Stops): State {
  const self = this
  const { text, content } = stops
  /** The character a line that interrupted the paragraph starts with (after its white space). */
  let interrupter: Code | undefined
  /** The check at a line ending: whether the next line goes on with the paragraph, as it would go on with `content`. */
  const next: Construct = { partial: true, tokenize: tokenizeContinuation }
  /** Where the run of white space being read started: the line's data ends there if the line does. */
  let space: Point | undefined
  /** The trailing white space of the line just read. */
  let suffix: Token | undefined
  return start

  function start(code: Code): State | undefined {
    // Content never interrupts a paragraph; nor does this.
    if (self.interrupt || text.all || code === null || has(content, code)) return nok(code)
    effects.enter('paragraph')
    effects.enter('data')
    return inData(code)
  }

  function inData(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) {
      suffix = exitLineData(self, effects, space)
      space = undefined
      if (code === null) return close(code)
      // A hard break before the next line is for `content`: the paragraph gives up if that line goes on with it.
      if (suffix !== undefined && isHardBreak(self.sliceSerialize(suffix))) return effects.check(next, nok, end)(code)
      // The line ending and the next line's white space, kept when that line goes on with the paragraph.
      return effects.attempt(next, lineStart, end)(code)
    }
    if (markdownSpace(code)) space ??= self.now()
    else if (has(text, code)) return nok(code)
    else space = undefined
    effects.consume(code)
    return inData
  }

  function lineStart(code: Code): State | undefined {
    effects.enter('data')
    return inData(code)
  }

  /**
   * The paragraph ends at a line ending. Unless the line that interrupts it starts with `=` or
   * `-`: a setext underline turns it into a heading, and `content` resolves that (a thematic
   * break there is left to it too).
   */
  function end(code: Code): State | undefined {
    return interrupter === EQUALS || interrupter === DASH ? nok(code) : close(code)
  }

  function close(code: Code): State | undefined {
    effects.exit('paragraph')
    return ok(code)
  }

  function tokenizeContinuation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const context = this
    return start

    function start(code: Code): State | undefined {
      effects.enter('lineEnding')
      effects.consume(code)
      effects.exit('lineEnding')
      return factorySpace(effects, prefixed, 'linePrefix')
    }

    function prefixed(code: Code): State | undefined {
      interrupter = undefined
      if (code === null || markdownLineEnding(code)) return nok(code)
      const tail = context.events[context.events.length - 1]!
      if (stops.indented && tail[1].type === 'linePrefix' && tail[2].sliceSerialize(tail[1], true).length >= TAB_SIZE) return ok(code)
      // No flow construct starts at this character: none can interrupt (what `effects.interrupt` would find).
      if (!has(stops.flow, code)) return ok(code)
      interrupter = code
      return effects.interrupt(context.parser.constructs.flow, nok, ok)(code)
    }
  }
}

/** The micromark extension: plain paragraphs read in one pass, CommonMark's hard breaks left to `content`. */
export const fastParagraphExtension: Extension = { flow: { null: [fastParagraph({ name: 'fastParagraph' })] } }

/** The unified plugin: adds the micromark extension above. Use it after remark-parse and its syntax extensions. */
export const remarkFastParagraph: Plugin<[], string, Root> = function () {
  const data = this.data()
  const extensions = data.micromarkExtensions ?? (data.micromarkExtensions = [])
  extensions.push(fastParagraphExtension)
}
