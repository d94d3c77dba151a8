/**
 * `JSON.stringify(value, null, 2)` as it stands `levels` levels down in a larger document
 * written with the same indent: every line after the first `2 × levels` spaces further in.
 *
 * `JSON.stringify` indents a value nested in `levels` arrays exactly so, and a newline only
 * ever comes between tokens (inside a string it is `\n`); the arrays' brackets are cut off.
 * Cheaper than indenting the text again with a replace: the JSON report writes each file so
 * (two levels: report, `files`), and the bundle each entry's scenario and findings (three:
 * bundle, `scenarios`, entry).
 */
export function stringifyNested(value: unknown, levels: number): string {
  let nested = value
  for (let i = 0; i < levels; i++) nested = [nested]
  // Before the value, per level `[`, a newline and its indent (2, 4, … spaces); after it, per
  // level a newline, the indent one level out (…, 2, 0 spaces) and `]`.
  const head = 2 * levels + levels * (levels + 1)
  const tail = 2 * levels + levels * (levels - 1)
  return JSON.stringify(nested, null, 2).slice(head, -tail || undefined)
}
