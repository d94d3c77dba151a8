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

/** The frontmatter facts of a text, or undefined when it has no readable frontmatter. */
export function readFrontFacts(text: string): FrontFacts | undefined {
  const open = OPEN.exec(text)
  if (!open) return undefined
  const base = open[0].length
  const close = CLOSE.exec(text.slice(base - 1))
  if (!close) return undefined
  const yaml = text.slice(base, base - 1 + close.index)
  const map = new SourceMapBuilder(text)
  const { data, problems } = readFrontmatter(yaml, base, map)
  if (problems.length > 0) return undefined
  const spans: Record<Pointer, Span> = {}
  for (const key of Object.keys(data)) {
    const p = '/' + key.replace(/~/g, '~0').replace(/\//g, '~1')
    const span = map.span(p)
    if (span) spans[p] = span
  }
  return { data, spans }
}
