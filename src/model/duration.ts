import type { TimeLimit } from './scenario.js'

const UNIT = String.raw`(s|sec|secs|seconds?|m|min|mins|minutes?)`
const NUM = String.raw`(\d+(?:\.\d+)?)`

function toSeconds(value: number, unit: string | undefined, fallback: 's' | 'm'): number {
  const u = (unit ?? fallback).toLowerCase()
  return Math.round(u.startsWith('m') ? value * 60 : value)
}

// Made once: a convert asks of most lines of a page whether they are a duration (a new RegExp
// a call showed in its profiles). Neither is global, so `exec` keeps no state between calls.
const SECONDS = new RegExp(String.raw`^\s*${NUM}\s*${UNIT}?\s*\.?\s*$`, 'i')
const TIME_LIMIT = new RegExp(
  String.raw`^\s*(?:keep\s+(?:it\s+)?(?:to|under|within)\s+)?${NUM}\s*${UNIT}?\s*(?:(?:-|–|—|to)\s*${NUM}\s*${UNIT}?)?\s*(?:total|in total|max|maximum)?\s*\.?\s*$`,
  'i',
)

/**
 * Read a duration such as `30s`, `30 seconds`, `1.5 minutes` or a bare `90` (seconds).
 * Returns undefined when the text is not a duration.
 */
export function parseSeconds(text: string): number | undefined {
  const m = SECONDS.exec(text)
  if (!m) return undefined
  return toSeconds(Number(m[1]), m[2], 's')
}

/**
 * Read a time limit such as `2 minutes`, `Keep to 2 minutes total.`, `2.5-3 minutes`,
 * `2.5 to 3 minutes` or `150-180 seconds`. A bare number is minutes.
 */
export function parseTimeLimit(text: string): TimeLimit | undefined {
  const m = TIME_LIMIT.exec(text)
  if (!m) return undefined
  const unit = m[4] ?? m[2]
  const min = toSeconds(Number(m[1]), m[2] ?? unit, 'm')
  const max = m[3] === undefined ? min : toSeconds(Number(m[3]), unit, 'm')
  return { min, max }
}

/** Write seconds canonically: `30s`. */
export function formatSeconds(seconds: number): string {
  return `${seconds}s`
}

function minutes(seconds: number): string {
  return String(Math.round((seconds / 60) * 1000) / 1000)
}

/** Write a time limit canonically: `2 minutes`, `2.5-3 minutes`, or seconds where minutes would not be exact. */
export function formatTimeLimit(limit: TimeLimit): string {
  const exact = limit.min % 15 === 0 && limit.max % 15 === 0
  if (!exact) return limit.min === limit.max ? `${limit.min} seconds` : `${limit.min}-${limit.max} seconds`
  if (limit.min === limit.max) return `${minutes(limit.min)} ${limit.min === 60 ? 'minute' : 'minutes'}`
  return `${minutes(limit.min)}-${minutes(limit.max)} minutes`
}
