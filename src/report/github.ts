import type { FileReport } from './diagnostic.js'

// GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** One `::error` / `::warning` annotation per finding; a file's at a time. */
export function* githubPieces(files: readonly FileReport[]): Generator<string> {
  for (const file of files) {
    let out = ''
    for (const m of file.messages) {
      const props = [
        `file=${escapeProperty(file.path)}`,
        `line=${m.line}`,
        `col=${m.column}`,
        `endLine=${m.endLine}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(m.ruleId)}`,
      ].join(',')
      out += `::${m.severity === 'error' ? 'error' : 'warning'} ${props}::${escapeData(m.message)}\n`
    }
    if (out !== '') yield out
  }
}
