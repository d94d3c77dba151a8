/** A place in a source file: 1-based line and column, 0-based offset (as in unist and vfile). */
export interface Point {
  line: number
  column: number
  offset: number
}

/** A range in a source file. */
export interface Span {
  start: Point
  end: Point
}

/**
 * A JSON pointer (RFC 6901) into a Scenario: `/steps/action/example`, `/followUps/2/probes`.
 * The same pointers name ajv's instance paths, so schema errors find their place.
 */
export type Pointer = string

/** Join pointer segments, escaping `~` and `/` as RFC 6901 asks. */
export function pointer(...segments: (string | number)[]): Pointer {
  let out = ''
  for (const segment of segments) {
    const s = String(segment)
    // Most segments are keys and indexes with nothing to escape.
    out += '/' + (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s)
  }
  return out
}

/** The parent of a pointer (`''` is the root and its own parent). */
export function parentPointer(p: Pointer): Pointer {
  const i = p.lastIndexOf('/')
  return i <= 0 ? '' : p.slice(0, i)
}

/** The segments of a pointer, unescaped. */
export function pointerSegments(p: Pointer): string[] {
  if (p === '') return []
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}
