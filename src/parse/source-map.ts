import { location } from 'vfile-location'
import { parentPointer, type Pointer, type Point, type Span } from '../model/index.js'
import type { SourceMap } from './types.js'

/** A run of a string value that stands unbroken in the source. */
export interface Segment {
  /** Offset in the value. */
  value: number
  /** Offset in the source. */
  source: number
}

/** Collects spans while parsing; answers position questions afterwards. */
export class SourceMapBuilder implements SourceMap {
  readonly #spans = new Map<Pointer, Span>()
  readonly #keys = new Map<Pointer, Span>()
  readonly #segments = new Map<Pointer, Segment[]>()
  readonly #location: ReturnType<typeof location>
  readonly #length: number

  constructor(text: string) {
    this.#location = location(text)
    this.#length = text.length
  }

  /** The point of a source offset (clamped to the text). */
  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.#length))
    const p = this.#location.toPoint(o)
    return p ? { line: p.line, column: p.column, offset: o } : { line: 1, column: 1, offset: 0 }
  }

  spanOf(start: number, end: number): Span {
    return { start: this.point(start), end: this.point(Math.max(start, end)) }
  }

  setSpan(p: Pointer, span: Span, segments?: Segment[]): void {
    if (!this.#spans.has(p)) this.#spans.set(p, span)
    if (segments) this.#segments.set(p, segments)
  }

  setKeySpan(p: Pointer, span: Span): void {
    this.#keys.set(p, span)
  }

  span(p: Pointer): Span | undefined {
    return this.#spans.get(p)
  }

  keySpan(p: Pointer): Span | undefined {
    return this.#keys.get(p)
  }

  nearest(p: Pointer): Span {
    let at = p
    for (;;) {
      const span = this.#spans.get(at) ?? this.#keys.get(at)
      if (span) return span
      if (at === '') return this.spanOf(0, 0)
      at = parentPointer(at)
    }
  }

  #toSource(segments: Segment[], at: number): number {
    let chosen = segments[0]!
    for (const s of segments) {
      if (s.value <= at) chosen = s
      else break
    }
    return chosen.source + (at - chosen.value)
  }

  range(p: Pointer, from: number, to: number): Span | undefined {
    const segments = this.#segments.get(p)
    if (segments && segments.length > 0) {
      const start = this.#toSource(segments, from)
      // The end maps through the segment holding its last character, so a range never
      // runs on into the markup between two segments.
      const end = to > from ? this.#toSource(segments, to - 1) + 1 : start
      return this.spanOf(start, end)
    }
    const span = this.#spans.get(p)
    if (!span) return undefined
    return this.spanOf(span.start.offset + from, span.start.offset + to)
  }

  pointers(): Pointer[] {
    return [...this.#spans.entries()].sort((a, b) => a[1].start.offset - b[1].start.offset).map(([p]) => p)
  }
}
