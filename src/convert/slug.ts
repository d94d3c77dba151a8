/** The scenario id of a question: lower-case words joined by hyphens, at most 120 characters. */
export const MAX_ID_LENGTH = 120

export function slugify(question: string): string {
  const words = question
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
  let id = ''
  for (const word of words) {
    const next = id === '' ? word : `${id}-${word}`
    if (next.length > MAX_ID_LENGTH) {
      if (id === '') id = word.slice(0, MAX_ID_LENGTH)
      break
    }
    id = next
  }
  return id
}
