import { location } from 'vfile-location'
import { findMojibake } from '../convert/mojibake.js'
import type { Span } from '../model/index.js'
import { defineRule } from './define-rule.js'

/** Show invisible characters (C1 controls, no-break spaces) in a message as code points. */
function visible(text: string): string {
  return text.replace(/[\u0080-\u009f\u00a0\u00ad]/g, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
}

export default defineRule({
  id: 'no-mojibake',
  summary: 'No text garbled by a wrong character encoding',
  severity: 'error',
  fixable: true,
  docs: [
    'Text that was saved as UTF-8 and read back with a single-byte code page turns `✅` into `âœ…` and',
    '`💡` into `πŸ’¡`. Such mojibake usually arrives with scraped or pasted content and reads as garbage',
    'to a candidate. The whole file is scanned, frontmatter included, with the same detector `starkit',
    'convert` repairs with (UTF-8 read as Windows-1252, -1253 or -1250, and mojibake of mojibake).',
    '',
    '`--fix` replaces exactly the garbled characters with the text they stood for. Where bytes were lost',
    'on the way and the text cannot be decoded, the finding has no fix: retype the character.',
  ].join('\n'),
  defaults: {},
  check({ parsed, report }) {
    const found = findMojibake(parsed.text)
    if (found.length === 0) return
    const place = location(parsed.text)
    const span = (start: number, end: number): Span => {
      const a = place.toPoint(start)!
      const b = place.toPoint(end)!
      return { start: { line: a.line, column: a.column, offset: start }, end: { line: b.line, column: b.column, offset: end } }
    }
    for (const m of found) {
      if (m.repaired !== undefined)
        report(span(m.start, m.end), `Unexpected mojibake \`${visible(m.text)}\`, expected \`${m.repaired}\``, {
          fix: { start: m.start, end: m.end, text: m.repaired },
        })
      else report(span(m.start, m.end), `Unexpected damaged text \`${visible(m.text)}\`, expected the character it stood for`)
    }
  },
})
