/** One start tag of serialised HTML: its name and attributes (values as written). */
export interface Tag {
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
    if (inner.startsWith('/') || inner.startsWith('!')) continue
    const name = /^[^\s/>]+/.exec(inner)?.[0] ?? ''
    const attributes = [...inner.slice(name.length).matchAll(/([^\s="]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, m[2] ?? ''] as [string, string])
    tags.push({ name: name.toLowerCase(), attributes })
  }
  return tags
}

/** Every other kind of markup an HTML file holds besides start tags: comments and end tags. */
export function comments(html: string): number {
  return html.split('<!--').length - 1
}
