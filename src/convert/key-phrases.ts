/**
 * Key phrases: the page runs quoted phrases together, `"I noticed""0.3% drop"`. Straight and
 * curly quotes both delimit a phrase; a straight apostrophe inside one does not.
 */

const OPEN = new Set(['"', '“', '„'])
const CLOSE: Record<string, string> = { '"': '"', '“': '”', '„': '“' }

/** Whether a line is a run of quoted phrases and nothing else. */
export function isKeyPhraseLine(text: string): boolean {
  return splitKeyPhrases(text) !== undefined
}

/**
 * Split `"a""b" "c"` into `['a', 'b', 'c']`; undefined when the text is not made of quoted
 * phrases only (an unclosed quote, words outside quotes). A closing quote followed by a
 * letter is taken as part of the phrase (`"the "best" way"` stays one phrase is not a goal;
 * the page never nests quotes).
 */
export function splitKeyPhrases(text: string): string[] | undefined {
  const phrases: string[] = []
  let i = 0
  const s = text.trim()
  if (s === '') return undefined
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++
    if (i >= s.length) break
    const open = s[i]!
    if (!OPEN.has(open)) return undefined
    const close = CLOSE[open]!
    // A curly closing quote may also be written straight, and the reverse.
    let j = i + 1
    while (j < s.length && s[j] !== close && !(close !== '"' && s[j] === '"') && !(close === '"' && s[j] === '”')) j++
    if (j >= s.length) return undefined
    const phrase = s.slice(i + 1, j).trim()
    if (phrase === '') return undefined
    phrases.push(phrase)
    i = j + 1
  }
  return phrases.length > 0 ? phrases : undefined
}

/**
 * Strip one pair of outer double quotes when the whole value is one quoted string:
 * `"I brought a solution."` -> `I brought a solution.`; `"a" and "b"` stays as it is.
 */
export function unquote(text: string): string {
  const t = text.trim()
  if (t.length < 2) return t
  const first = t[0]!
  const last = t[t.length - 1]!
  const pair = (first === '"' && last === '"') || (first === '“' && last === '”')
  if (!pair) return t
  const inner = t.slice(1, -1)
  if (/["“”]/.test(inner)) return t
  const trimmed = inner.trim()
  return trimmed === '' ? t : trimmed
}
