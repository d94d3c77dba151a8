import { split } from 'sentence-splitter'

/** One sentence of a text: `[from, to)` in the text as given. */
export interface Sentence {
  text: string
  from: number
  to: number
}

/** The sentences of `text`, by `sentence-splitter` (abbreviations, decimals and quotes handled). */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = []
  for (const node of split(text)) {
    if (node.type !== 'Sentence') continue
    const [from, to] = node.range
    const raw = text.slice(from, to)
    const lead = raw.length - raw.trimStart().length
    const body = raw.trim()
    if (body) out.push({ text: body, from: from + lead, to: from + lead + body.length })
  }
  return out
}
