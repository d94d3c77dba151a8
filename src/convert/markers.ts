/**
 * Markers are chrome. A marker that reads as a known one is dropped as it is; one whose
 * mojibake decoded to another glyph (`πŸ‘€` reads 👀 where the page had 👤) or lost a byte
 * (`πŸ’`) is mapped to the marker its place calls for: the role of the line it marks.
 */
import { knownMarker, markerFor } from './chrome.js'
import type { LineMarker, PageLine } from './lines.js'
import type { WalkState } from './walk.js'

export interface MarkerRepair {
  line: number
  column: number
  from: string
  to: string
}

/** The line a marker-only line marks: the next line with content. */
function anchorOf(lines: PageLine[], k: number, to: number): number | undefined {
  for (let j = k + 1; j < to; j++) {
    const line = lines[j]!
    if (line.blank || line.markerOnly) continue
    return j
  }
  return undefined
}

/** The marker a line of this role carries, by its place. */
function expectedAt(state: WalkState, k: number, markerOnly: boolean, to: number): string | undefined {
  if (!markerOnly) {
    const role = state.role[k]
    return role === undefined ? undefined : markerFor(role)
  }
  const anchor = anchorOf(state.lines, k, to)
  if (anchor === undefined) return undefined
  const role = state.role[anchor]
  // A marker line before a Weak label that has its own marker is the follow-up's toggle.
  if (role === 'weak' && state.lines[anchor]!.markers.length > 0) return markerFor('toggle')
  return role === undefined ? undefined : markerFor(role)
}

/**
 * Resolve the markers of lines `from`..`to`: set marker-only lines' dispositions, report
 * repairs, and warn about markers that are neither known nor placeable.
 */
export function resolveMarkers(state: WalkState, from: number, to: number, repairs: MarkerRepair[]): void {
  for (let k = from; k < to; k++) {
    const line = state.lines[k]!
    if (line.markers.length === 0) continue
    let unknown: LineMarker | undefined
    // A content line keeps a mark it starts with (the walk took its whole text).
    const content = !line.markerOnly && state.role[k] === 'content'
    for (const marker of line.markers) {
      const known = marker.decoded === undefined ? undefined : knownMarker(marker.decoded)
      if (known) {
        if (marker.mojibake) repairs.push({ line: line.line, column: marker.column, from: marker.source, to: marker.decoded! })
        continue
      }
      if (content) {
        if (marker.mojibake && marker.decoded !== undefined)
          repairs.push({ line: line.line, column: marker.column, from: marker.source, to: marker.decoded })
        continue
      }
      const expected = marker.mojibake ? expectedAt(state, k, line.markerOnly, to) : undefined
      if (expected !== undefined) {
        repairs.push({ line: line.line, column: marker.column, from: marker.source, to: expected })
        continue
      }
      unknown ??= marker
    }
    if (line.markerOnly) {
      if (unknown === undefined) {
        state.disposition[k] = { kind: 'marker' }
        continue
      }
      state.disposition[k] = { kind: 'unplaced' }
      ;((state.data.unplaced ??= []) as string[]).push(line.full)
      state.messages.push({
        line: line.line,
        column: unknown.column,
        ruleId: 'convert/unplaced',
        severity: 'warning',
        reason: `Unexpected mark \`${unknown.decoded ?? unknown.source}\`, expected a known marker or text`,
        note: 'Kept under `Unplaced` in the output: move it into a field or delete it',
      })
    } else if (unknown !== undefined && state.disposition[k]?.kind !== 'unplaced') {
      state.messages.push({
        line: line.line,
        column: unknown.column,
        ruleId: 'convert/unknown-marker',
        severity: 'warning',
        reason: `Unexpected mark \`${unknown.decoded ?? unknown.source}\` before a label, expected a known marker`,
      })
    }
  }
}
