import type { VFile } from 'vfile'
import type { Pointer, Scenario, Span } from '../model/index.js'
import type { ReadFrontmatter } from './front.js'

/** Where every field and item of a parsed scenario came from. */
export interface SourceMap {
  /** The span of the value at `pointer` (for a section or item: its heading). */
  span(pointer: Pointer): Span | undefined
  /** The span of `pointer`, or of its nearest ancestor that has one (the root: 1:1). */
  nearest(pointer: Pointer): Span
  /** The span of a frontmatter key (for "unexpected key" messages). */
  keySpan(pointer: Pointer): Span | undefined
  /**
   * The span of characters `[from, to)` of the string value at `pointer`,
   * mapped back through Markdown escapes and labels to the source.
   */
  range(pointer: Pointer, from: number, to: number): Span | undefined
  /** The span between two source offsets. */
  spanOf(start: number, end: number): Span
  /** Every pointer that has a span, in document order. */
  pointers(): Pointer[]
}

/** What `parse` returns: the candidate data, where it came from, and what went wrong. */
export interface ParseResult {
  /** The file, with every parse message on it (`file.messages`). */
  file: VFile
  /** The scenario as read, before schema validation: may have missing or mistyped fields. */
  data: Record<string, unknown>
  /** Positions of every field and item of `data`. */
  map: SourceMap
  /** The Markdown text, decoded (BOM removed). */
  text: string
  /** The frontmatter as read, when there was one (reused by `readFrontFacts`). */
  frontmatter?: ReadFrontmatter
}

/** A parse result that passed schema validation. */
export interface ValidScenario extends ParseResult {
  scenario: Scenario
}
