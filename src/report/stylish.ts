import { inspect } from 'node:util'
import type { FileReport } from './diagnostic.js'
import { count, plural } from './summary.js'

export interface StylishOptions {
  color: boolean
}

type Style = 'red' | 'yellow' | 'dim' | 'underline'

/** ANSI codes from Node's own table (util.styleText decides colour by the real stdout, which `main` must not). */
function ansi(style: Style, text: string): string {
  const [open, close] = inspect.colors[style]!
  return `\u001b[${open}m${text}\u001b[${close}m`
}

/** ESLint's "stylish": a block per file, aligned columns, a summary line; a file's block at a time. */
export function* stylishPieces(files: readonly FileReport[], options: StylishOptions): Generator<string> {
  const paint = (style: Style, text: string): string => (options.color ? ansi(style, text) : text)
  const { errorCount, warningCount, fixableCount } = count(files)
  const total = errorCount + warningCount
  if (total === 0) return
  for (const file of files) {
    if (file.messages.length === 0) continue
    let out = `${paint('underline', file.path)}\n`
    const rows = file.messages.map((m) => [`${m.line}:${m.column}`, m.severity, m.message, m.ruleId] as const)
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)))
    for (const [place, severity, message, ruleId] of rows) {
      const sev = severity.padEnd(widths[1]!)
      out += `  ${place.padEnd(widths[0]!)}  ${paint(severity === 'error' ? 'red' : 'yellow', sev)}  ${message.padEnd(widths[2]!)}  ${paint('dim', ruleId)}\n`
    }
    yield out + '\n'
  }
  const summary = `✖ ${plural(total, 'problem')} (${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')})`
  yield paint(errorCount > 0 ? 'red' : 'yellow', summary) + '\n'
  if (fixableCount > 0) yield `  ${plural(fixableCount, 'problem')} fixable with \`--fix\`\n`
}

export function stylish(files: readonly FileReport[], options: StylishOptions): string {
  return [...stylishPieces(files, options)].join('')
}
