import type { FileReport } from './diagnostic.js'

export interface Counts {
  errorCount: number
  warningCount: number
  fixableCount: number
}

export function count(files: readonly Pick<FileReport, 'messages' | 'counts'>[]): Counts {
  let errorCount = 0
  let warningCount = 0
  let fixableCount = 0
  for (const f of files) {
    if (f.counts) {
      errorCount += f.counts.errorCount
      warningCount += f.counts.warningCount
      fixableCount += f.counts.fixableCount
      continue
    }
    for (const m of f.messages) {
      if (m.severity === 'error') errorCount++
      else warningCount++
      if (m.fix) fixableCount++
    }
  }
  return { errorCount, warningCount, fixableCount }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
export { plural }
