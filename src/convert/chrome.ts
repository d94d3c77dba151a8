/**
 * The site's chrome: lines and marks a scraped walkthrough page carries that are not content.
 * docs/convert.md lists the same entries; test/convert/chrome.test.ts checks each one.
 */

/** One kind of chrome line. */
export interface ChromeLine {
  /** How the docs name it. */
  name: string
  /** The whole line, trimmed, matches this. */
  pattern: RegExp
  /** What it is on the page. */
  what: string
}

/**
 * Chrome lines of a page's header (before the first section). Matched only there, so a
 * content line that happens to read "or" is never dropped.
 */
export const HEADER_CHROME: readonly ChromeLine[] = [
  { name: 'Bird', pattern: /^Bird$/, what: 'the alt text of the site logo' },
  { name: 'Raised Fist0', pattern: /^Raised Fist\s*\d*$/, what: 'a reaction button and its count' },
  {
    name: 'Choose your preparation mode…',
    pattern: /^Choose your preparation mode\s*\d+\s*modes? available$/i,
    what: 'the mode picker; its count tells a 4-mode page (with Practice) from a 3-mode page',
  },
  { name: 'Start learning this pattern below', pattern: /^Start learning this pattern below$/i, what: 'a mode card' },
  {
    name: 'Jump into concepts and practice - no test required',
    pattern: /^Jump into concepts and practice\s*[-–—]\s*no test required$/i,
    what: 'a mode card',
  },
  { name: 'or', pattern: /^or$/i, what: 'between the mode cards' },
  { name: 'Recommended', pattern: /^Recommended$/i, what: 'a badge on a mode card' },
  { name: 'Test this pattern…', pattern: /^Test this pattern\s*\d+\s*questions?\b.*$/i, what: 'the test mode card' },
]

/** The number of preparation modes a "Choose your preparation mode" line announces. */
export function modeCount(text: string): number | undefined {
  const m = /^Choose your preparation mode\s*(\d+)\s*modes? available$/i.exec(text)
  return m ? Number(m[1]) : undefined
}

/** The header chrome entry a trimmed line is, if any. */
export function headerChrome(text: string): ChromeLine | undefined {
  return HEADER_CHROME.find((c) => c.pattern.test(text))
}

/** The counter over a practice question, `(1/5)`: chrome, but its total is read. */
export const PRACTICE_COUNTER = /^\((\d+)\s*\/\s*(\d+)\)$/

/** A marker the site puts before a label or on a line of its own, and where it belongs. */
export interface Marker {
  char: string
  /** The role of the line it marks (see `Role` in walk.ts). */
  roles: readonly string[]
  what: string
}

/**
 * The emoji markers. All are chrome; the roles say which line each marks, so a marker whose
 * bytes were damaged (mojibake with a lost byte) can be told from its position.
 */
export const MARKERS: readonly Marker[] = [
  { char: '🎬', roles: ['overview'], what: 'before Scenario Overview' },
  { char: '⏱', roles: ['target', 'timeLimit'], what: 'before a step target and a level time limit' },
  { char: '💡', roles: ['coaching'], what: 'before Coaching' },
  { char: '⚠', roles: ['commonMistake'], what: 'before Common Mistake' },
  { char: '💭', roles: ['reflectionStep'], what: 'the Reflection step (in place of a letter)' },
  { char: '👤', roles: ['levelReflection'], what: 'before the first level reflection' },
  { char: '🏆', roles: ['seniorReflection'], what: 'before a senior level reflection' },
  { char: '❓', roles: ['followUp'], what: 'before a follow-up question' },
  { char: '▼', roles: ['toggle'], what: 'the expand toggle of a follow-up' },
  { char: '❌', roles: ['weak'], what: 'before a follow-up weak answer' },
  { char: '✅', roles: ['strong', 'emphasize'], what: 'before a follow-up strong answer and Emphasize' },
  { char: '✗', roles: ['weakAnswer'], what: 'before Weak Answer' },
  { char: '🧠', roles: ['selfCheck'], what: 'before a self-check question' },
  { char: '⬇', roles: ['downplay'], what: 'before Downplay' },
]

const BY_CHAR = new Map(MARKERS.map((m) => [m.char, m]))
const BY_ROLE = new Map<string, string>()
for (const m of MARKERS) for (const r of m.roles) if (!BY_ROLE.has(r)) BY_ROLE.set(r, m.char)

/** The marker the site puts on a line of this role. */
export function markerFor(role: string): string | undefined {
  return BY_ROLE.get(role)
}

/** Characters that only dress a marker: variation selectors, zero-width joiner, and spaces. */
const DRESSING = /[\uFE0E\uFE0F\u200D\s]/gu

/** The known marker `text` is (variation selectors ignored), if it is one. */
export function knownMarker(text: string): Marker | undefined {
  return BY_CHAR.get(text.replace(DRESSING, ''))
}

/** Whether `char` is pictographic: an emoji or a dingbat such as a marker. */
export function isPictographic(char: string): boolean {
  return /^[\p{Extended_Pictographic}\u2190-\u21FF\u2300-\u23FF\u25A0-\u25FF\u2700-\u27BF\u2B00-\u2BFF]$/u.test(char)
}

/** Whether `char` may be part of a run of markers (pictographs and their dressing). */
export function isMarkerChar(char: string): boolean {
  return isPictographic(char) || /^[\uFE0E\uFE0F\u200D]$/u.test(char)
}
