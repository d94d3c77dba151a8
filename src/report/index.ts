import type { FileReport } from './diagnostic.js'
import { githubPieces } from './github.js'
import { jsonReportPieces } from './json.js'
import { junitPieces } from './junit.js'
import { sarif, type RuleInfo } from './sarif.js'
import { stylishPieces } from './stylish.js'

export type { Diagnostic, FileReport } from './diagnostic.js'
export { count } from './summary.js'

export const FORMATS = ['stylish', 'json', 'github', 'sarif', 'junit'] as const
export type Format = (typeof FORMATS)[number]

export interface FormatOptions {
  color: boolean
  toolVersion: string
  rules: readonly RuleInfo[]
}

/**
 * A piece of a report: text, or UTF-8 bytes (the JSON report's chunks, byte-chunks.ts) that
 * end where a character does. Bytes are valid only until the next piece is taken: a taker
 * that keeps them copies them.
 */
export type Piece = string | Uint8Array

const utf8 = new TextDecoder()

/** A piece as text. */
export const pieceText = (piece: Piece): string => (typeof piece === 'string' ? piece : utf8.decode(piece))

/**
 * The report in pieces, made as they are taken: a large report is written a piece at a time,
 * never held whole (SARIF, for code scanning, is one piece). Joined, the pieces are `format`.
 */
export function formatPieces(name: Format, files: readonly FileReport[], options: FormatOptions): Iterable<Piece> {
  switch (name) {
    case 'stylish':
      return stylishPieces(files, { color: options.color })
    case 'json':
      return jsonReportPieces(files, options.toolVersion)
    case 'github':
      return githubPieces(files)
    case 'sarif':
      return [sarif(files, options.toolVersion, options.rules)]
    case 'junit':
      return junitPieces(files)
  }
}

/** Every reporter maps the same messages; none has a second channel. */
export function format(name: Format, files: readonly FileReport[], options: FormatOptions): string {
  return Array.from(formatPieces(name, files, options), pieceText).join('')
}
