import type { FileReport } from './diagnostic.js'
import { github } from './github.js'
import { jsonReport } from './json.js'
import { junit } from './junit.js'
import { sarif, type RuleInfo } from './sarif.js'
import { stylish } from './stylish.js'

export type { Diagnostic, FileReport } from './diagnostic.js'
export { count } from './summary.js'

export const FORMATS = ['stylish', 'json', 'github', 'sarif', 'junit'] as const
export type Format = (typeof FORMATS)[number]

export interface FormatOptions {
  color: boolean
  toolVersion: string
  rules: readonly RuleInfo[]
}

/** Every reporter maps the same messages; none has a second channel. */
export function format(name: Format, files: readonly FileReport[], options: FormatOptions): string {
  switch (name) {
    case 'stylish':
      return stylish(files, { color: options.color })
    case 'json':
      return jsonReport(files, options.toolVersion)
    case 'github':
      return github(files)
    case 'sarif':
      return sarif(files, options.toolVersion, options.rules)
    case 'junit':
      return junit(files)
  }
}
