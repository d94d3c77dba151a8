/**
 * Bytes to text, or a positioned reason why the bytes are not a UTF-8 text file.
 * TextDecoder can tell that bytes are not UTF-8 but not where; a scenario author needs
 * the line and column of the first bad byte, so the scan below is hand-written.
 */

export interface DecodeProblem {
  /** Byte offset of the problem. */
  byte: number
  /** 1-based line and column (in characters of the valid text before it). */
  line: number
  column: number
  reason: string
}

export type Decoded = { text: string } | { problem: DecodeProblem }

function placeOf(bytes: Uint8Array, byte: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, byte))
  const lines = before.split(/\r\n|\r|\n/)
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 }
}

/** The offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80)
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800)
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000)
    else return i
    let cp = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += need + 1
  }
  return -1
}

/** Decode a file's bytes as UTF-8 (a UTF-8 BOM is dropped), or say why not. */
export function decode(input: string | Uint8Array): Decoded {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, '') }
  const bytes = input
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: { byte: 0, line: 1, column: 1, reason: 'Unexpected UTF-16 encoding, expected UTF-8' } }
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    return { problem: { byte: nul, ...placeOf(bytes, nul), reason: 'Unexpected binary content (a NUL byte), expected UTF-8 text' } }
  }
  const bad = firstInvalidUtf8(bytes)
  if (bad !== -1) {
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')
    return { problem: { byte: bad, ...placeOf(bytes, bad), reason: `Unexpected byte \`0x${hex}\`, expected UTF-8 text` } }
  }
  return { text: new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '') }
}
