/** One start tag of serialised HTML: its name and attributes (values as written). */
export interface Tag {
  /** Lower case; `!doctype` or `!--` for a declaration or a comment. */
  name: string
  attributes: [string, string][]
}

/**
 * The start tags of HTML that hast-util-to-html wrote. Its output keeps every `<` in text
 * escaped and every attribute value double-quoted with `"` escaped, so a raw `<` always opens
 * a tag and quotes balance inside one: enough to read it back without a full parser.
 */
export function startTags(html: string): Tag[] {
  const tags: Tag[] = []
  let i = 0
  while ((i = html.indexOf('<', i)) !== -1) {
    let j = i + 1
    let quoted = false
    while (j < html.length && (quoted || html[j] !== '>')) {
      if (html[j] === '"') quoted = !quoted
      j++
    }
    const inner = html.slice(i + 1, j)
    i = j + 1
    if (inner.startsWith('/')) continue
    if (inner.startsWith('!--')) {
      tags.push({ name: '!--', attributes: [] })
      continue
    }
    const name = /^[^\s/>]+/.exec(inner)?.[0] ?? ''
    const attributes = [...inner.slice(name.length).matchAll(/([^\s="]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, m[2] ?? ''] as [string, string])
    tags.push({ name: name.toLowerCase(), attributes })
  }
  return tags
}

