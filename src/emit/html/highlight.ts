import type { ElementContent } from 'hast'
import { h } from 'hastscript'

export interface Highlighted {
  /** The text as text nodes, with every phrase occurrence inside a `<mark>`. */
  content: ElementContent[]
  /** Per phrase, in the order given: whether it occurs in the text. */
  found: boolean[]
}

const WORD_CHAR = /[\p{L}\p{N}]/u

/**
 * A case-insensitive pattern for a phrase: straight and curly apostrophes and quotes match
 * each other, any run of white space matches any other, and a phrase that starts or ends
 * with a letter or digit does not match inside a longer word (`team` is not in `teammate`).
 */
function phrasePattern(phrase: string): RegExp {
  const body = phrase
    .trim()
    .split(/\s+/u)
    .map((word) =>
      [...word]
        .map((c) => {
          if (c === "'" || c === '’' || c === '‘') return "['‘’]"
          if (c === '"' || c === '“' || c === '”') return '["“”]'
          return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
        })
        .join(''),
    )
    .join('\\s+')
  const first = phrase.trim()[0] ?? ''
  const last = phrase.trim().at(-1) ?? ''
  const before = WORD_CHAR.test(first) ? '(?<![\\p{L}\\p{N}])' : ''
  const after = WORD_CHAR.test(last) ? '(?![\\p{L}\\p{N}])' : ''
  return new RegExp(before + body + after, 'giu')
}

/**
 * Mark every occurrence of every phrase in `text`. Overlapping occurrences become one mark.
 * The text stays text: it is split into text nodes, never parsed as markup.
 */
export function highlight(text: string, phrases: readonly string[]): Highlighted {
  const ranges: [number, number][] = []
  const found = phrases.map((phrase) => {
    if (phrase.trim() === '') return false
    let any = false
    for (const m of text.matchAll(phrasePattern(phrase))) {
      if (m[0].length === 0) continue
      ranges.push([m.index, m.index + m[0].length])
      any = true
    }
    return any
  })
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: [number, number][] = []
  for (const range of ranges) {
    const last = merged.at(-1)
    if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  const content: ElementContent[] = []
  let at = 0
  for (const [start, end] of merged) {
    if (start > at) content.push({ type: 'text', value: text.slice(at, start) })
    content.push(h('mark', text.slice(start, end)))
    at = end
  }
  if (at < text.length) content.push({ type: 'text', value: text.slice(at) })
  return { content, found }
}
