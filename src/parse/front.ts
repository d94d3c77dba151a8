import type { Pointer, Span } from '../model/index.js'
import { readFrontmatter } from './frontmatter.js'
import { SourceMapBuilder } from './source-map.js'

/**
 * A file's frontmatter, read on its own: what cross-file (project) rules see of every file.
 * It is read the same way whether the file is fully linted, taken from the cache, or in
 * another `--shard`, so every route gives the same project findings.
 */
export interface FrontFacts {
  data: Record<string, unknown>
  /** Spans of the frontmatter's keys' values, by pointer (`/id`). */
  spans: Record<Pointer, Span>
}

const OPEN = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/
const CLOSE = /(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/

/** A frontmatter already read by `parse`: its YAML text, where it starts, and its facts. */
export interface ReadFrontmatter {
  source: string
  base: number
  facts: FrontFacts | undefined
}

/** The facts of a frontmatter read into `map` (a fresh map of the file), or undefined when it has problems. */
export function factsOf(data: Record<string, unknown>, problems: readonly unknown[], map: { span(p: Pointer): Span | undefined }): FrontFacts | undefined {
  if (problems.length > 0) return undefined
  const spans: Record<Pointer, Span> = {}
  for (const key of Object.keys(data)) {
    const p = '/' + key.replace(/~/g, '~0').replace(/\//g, '~1')
    const span = map.span(p)
    if (span) spans[p] = span
  }
  return { data, spans }
}

/**
 * The frontmatter facts of a text, or undefined when it has no readable frontmatter.
 * `known` is what `parse` read of the same text: used when it read exactly this YAML at
 * exactly this offset (the same input to the same reader), so the YAML is not parsed twice.
 */
export function readFrontFacts(text: string, known?: ReadFrontmatter): FrontFacts | undefined {
  const open = OPEN.exec(text)
  if (!open) return undefined
  const base = open[0].length
  const close = CLOSE.exec(text.slice(base - 1))
  if (!close) return undefined
  const yaml = text.slice(base, base - 1 + close.index)
  if (known && known.base === base && known.source === yaml) return known.facts
  const map = new SourceMapBuilder(text)
  const { data, problems } = readFrontmatter(yaml, base, map)
  return factsOf(data, problems, map)
}
