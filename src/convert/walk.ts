/**
 * The walk: the page's known shape, section by section, over its non-blank lines. Each
 * section is recognised by how it starts (a label such as `Scenario Overview`, `Target: 30s`,
 * `Weak Answer`; a question followed by `Probes:`; a name followed by `Emphasize` …), so a
 * page cut short or in another order still converts as far as it goes. Every line ends up
 * with a disposition: a field, a label, chrome, or unplaced (kept and reported).
 */
import { parseSeconds, parseTimeLimit, pointer, type OptionLetter, type PracticeOption, type StepName } from '../model/index.js'
import { memoize } from '../model/memo.js'
import { headerChrome, knownMarker, modeCount, PRACTICE_COUNTER } from './chrome.js'
import { splitKeyPhrases, unquote } from './key-phrases.js'
import type { PageLine } from './lines.js'
import { inferAnswer, stripStepPrefix, type AnswerSource } from './practice.js'

/** What a line is on the page; a marker's expected glyph is looked up by its line's role. */
export type Role =
  | 'chrome'
  | 'company'
  | 'title'
  | 'overview'
  | 'target'
  | 'letter'
  | 'exampleLabel'
  | 'reflectionStep'
  | 'keyPhrases'
  | 'coaching'
  | 'commonMistake'
  | 'levelReflection'
  | 'seniorReflection'
  | 'followUp'
  | 'probes'
  | 'weak'
  | 'strong'
  | 'weakAnswer'
  | 'flaw'
  | 'verdict'
  | 'selfCheck'
  | 'principle'
  | 'emphasize'
  | 'downplay'
  | 'levelVariant'
  | 'reflection'
  | 'bar'
  | 'timeLimit'
  | 'practice'
  | 'counter'
  | 'prompt'
  | 'difficulty'
  | 'option'
  | 'solution'
  | 'solutionStep'
  | 'hint'
  | 'mistakes'
  | 'content'

/** Where a line went. */
export type Disposition =
  | { kind: 'blank' }
  | { kind: 'chrome'; what: string }
  | { kind: 'marker' }
  | { kind: 'label' }
  | { kind: 'field'; pointer: string }
  | { kind: 'unplaced' }
  | { kind: 'duplicate' }

/** A problem the walk found, at a line. */
export interface WalkMessage {
  line: number
  column: number
  ruleId: string
  severity: 'error' | 'warning' | 'info'
  reason: string
  note?: string
}

export interface WalkState {
  lines: PageLine[]
  role: (Role | undefined)[]
  disposition: Disposition[]
  data: Record<string, unknown>
  messages: WalkMessage[]
  /** The title suffix's page kind, e.g. `STAR Walkthrough`. */
  kind?: string
  /** The modes the mode picker announces (4 pages have Practice). */
  modes?: number
  /** The total of the practice counter, `(1/5)` -> 5. */
  practiceTotal?: number
  /** How each practice answer was found. */
  answers: (AnswerSource | undefined)[]
  /** Sections seen, by layout path (`/overview`, `/steps/action` …). */
  seen: Set<string>
}

const STEP_LETTERS: Record<string, StepName> = { S: 'situation', T: 'task', A: 'action', R: 'result' }
const STEP_ORDER: StepName[] = ['situation', 'task', 'action', 'result', 'reflection']
const STEP_TITLE: Record<StepName, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  reflection: 'Reflection',
}

const label = (re: RegExp) => (t: PageLine | undefined) => t !== undefined && re.test(t.text)
const isOverview = label(/^Scenario Overview:?$/i)
const isTarget = label(/^Target(?: time)?\s*:/i)
const isLetter = label(/^[STAR]$/)
const isExampleLabel = label(/^Strong Example:?$/i)
const isCoaching = label(/^Coaching:?$/i)
const isCommonMistake = label(/^Common Mistake:?$/i)
const isWeak = label(/^Weak:?$/i)
const isStrong = label(/^Strong:?$/i)
const isWeakAnswer = label(/^Weak Answer:?$/i)
const isProbes = label(/^Probes\s*:/i)
const isFlaw = (t: PageLine | undefined) => t !== undefined && /^[•·▪◦*-]\s+\S/.test(t.text)
const isVerdict = label(/^Bar Raiser Thinks/i)
const isEmphasize = label(/^Emphasi[sz]e:?$/i)
const isDownplay = label(/^Downplay:?$/i)
const isReflectionLine = label(/^Reflection\s*:/i)
const isBar = (t: PageLine | undefined) => t !== undefined && /^Bar\b/i.test(t.text) && !isVerdict(t)
const isTimeLimit = (t: PageLine | undefined) => t !== undefined && parseTimeLimit(t.text) !== undefined
const isPractice = label(/^Practice(?: questions)?:?$/i)
const isCounter = (t: PageLine | undefined) => t !== undefined && PRACTICE_COUNTER.test(t.text)
const isSolution = label(/^Solution:?$/i)
const isHint = label(/^Hint\s*:/i)
const isMistakes = label(/^Common Mistakes\s*:/i)
const isDifficulty = label(/^(?:easy|medium|hard)$/i)
const OPTION = /^([A-D])[.)]\s+(\S.*)$/
const NUMBERED = /^(\d+)[.)]\s+(\S.*)$/
const LEVEL_REFLECTION = /^(\S+(?:\s+\S+)?)\s+Reflection:?$/i

/** A short line without final punctuation: a principle or level name. */
function plainName(t: PageLine | undefined, maxWords: number): boolean {
  if (t === undefined) return false
  const text = t.text
  return (
    text.length > 0 &&
    text.length <= 60 &&
    !/[.?!:;,]$/.test(text) &&
    !/^["“'‘(]/.test(text) &&
    text.split(/\s+/).length <= maxWords &&
    !isLabel(t)
  )
}

const labelMemo = new WeakMap<PageLine, boolean>()

function isLabel(t: PageLine): boolean {
  let memo = labelMemo.get(t)
  if (memo === undefined) labelMemo.set(t, (memo = computeIsLabel(t)))
  return memo
}

/** Every label test (made once, not per call). */
const LABELS: readonly ((t: PageLine) => boolean)[] = [
    isOverview,
    isTarget,
    isLetter,
    isExampleLabel,
    isCoaching,
    isCommonMistake,
    isWeak,
    isStrong,
    isWeakAnswer,
    isProbes,
    isVerdict,
    isEmphasize,
    isDownplay,
    isReflectionLine,
    isPractice,
    isSolution,
    isHint,
    isMistakes,
  ]

function computeIsLabel(t: PageLine): boolean {
  return LABELS.some((f) => f(t))
}

/**
 * The text of a content line: without its leading marks when they are known markers or
 * mojibake (chrome), with them when they may be content (`🚀 We launched`).
 */
function content(t: PageLine): string {
  return t.markers.every((m) => m.mojibake || (m.decoded !== undefined && knownMarker(m.decoded) !== undefined)) ? t.text : t.full
}

/** A pointer's segments, and which of them are array indexes. */
interface Segments {
  parts: string[]
  index: boolean[]
}

/**
 * The segments of the pointers the walk sets, kept: a page sets a few hundred fields, by
 * the same few hundred pointers page after page, and splitting each again showed in profiles.
 * Bounded: at most 4,096 pointers at a time.
 */
const segments = memoize(4096, (path): Segments => {
  const parts = path.slice(1).split('/')
  return { parts, index: parts.map((part) => /^\d+$/.test(part)) }
})

const short = (text: string): string => (text.length > 40 ? `${text.slice(0, 39)}…` : text)

/** Walk one page's lines (`lines` holds every source line; `from`..`to` is the page). */
export class Walk {
  readonly state: WalkState
  /** Indexes (into lines) of the page's content lines: not blank, not marker-only. */
  private readonly tokens: number[]
  private i = 0
  private selfCheckOpen = false
  private lastStep = -1

  constructor(state: WalkState, from: number, to: number) {
    this.state = state
    this.tokens = []
    for (let k = from; k < to; k++) {
      const line = state.lines[k]!
      if (line.blank) continue
      if (line.markerOnly) continue
      this.tokens.push(k)
    }
  }

  // ---- cursor ----------------------------------------------------------------------------

  private tok(offset = 0): PageLine | undefined {
    const k = this.tokens[this.i + offset]
    return k === undefined ? undefined : this.state.lines[k]
  }

  private index(offset = 0): number {
    return this.tokens[this.i + offset]!
  }

  private done(): boolean {
    return this.i >= this.tokens.length
  }

  /** Consume the current line as a label of `role`. */
  private asLabel(role: Role): PageLine {
    const k = this.index()
    this.state.role[k] = role
    this.state.disposition[k] = { kind: 'label' }
    this.i++
    return this.state.lines[k]!
  }

  /** Consume the current line as the value of the field at `path`. */
  private asField(role: Role, path: string, value: unknown): void {
    const k = this.index()
    this.state.role[k] = role
    this.state.disposition[k] = { kind: 'field', pointer: path }
    this.set(path, value)
    this.i++
  }

  /** Consume the current line as chrome. */
  private asChrome(what: string): void {
    const k = this.index()
    this.state.role[k] = 'chrome'
    this.state.disposition[k] = { kind: 'chrome', what }
    this.i++
  }

  /** Consume the current line as unplaced, with a warning. */
  private unplace(reason: string, role: Role = 'content'): void {
    const k = this.index()
    const line = this.state.lines[k]!
    this.state.role[k] = role
    this.state.disposition[k] = { kind: 'unplaced' }
    const list = (this.state.data.unplaced ??= []) as string[]
    list.push(line.full)
    this.message(line, 'convert/unplaced', 'warning', reason, 'Kept under `Unplaced` in the output: move it into a field or delete it')
    this.i++
  }

  message(line: PageLine, ruleId: string, severity: WalkMessage['severity'], reason: string, note?: string): void {
    const column = line.raw.length - line.raw.trimStart().length + 1
    const m: WalkMessage = { line: line.line, column, ruleId, severity, reason }
    if (note !== undefined) m.note = note
    this.state.messages.push(m)
  }

  /** Set a value by pointer, creating objects and arrays on the way. */
  private set(path: string, value: unknown): void {
    const { parts, index } = segments(path)
    let node = this.state.data as Record<string, unknown> | unknown[]
    for (let p = 0; p < parts.length - 1; p++) {
      const key = parts[p]!
      const container = node as Record<string, unknown>
      if (container[key] === undefined) container[key] = index[p + 1] ? [] : {}
      node = container[key] as Record<string, unknown>
    }
    ;(node as Record<string, unknown>)[parts[parts.length - 1]!] = value
  }

  private listLength(path: string): number {
    const node = this.readPath(path)
    return Array.isArray(node) ? node.length : 0
  }

  // ---- sections ----------------------------------------------------------------------------

  /** Memo of `atSection` by token index (it is asked many times per line): 0 not asked yet, 1 no, 2 yes. */
  private sectionMemo: Uint8Array | undefined

  /** Whether the current line starts a section. */
  private atSection(offset = 0): boolean {
    const at = this.i + offset
    if (at < 0 || at >= this.tokens.length) return false
    const memo = (this.sectionMemo ??= new Uint8Array(this.tokens.length))
    if (memo[at] === 0) memo[at] = this.computeAtSection(offset) ? 2 : 1
    return memo[at] === 2
  }

  private computeAtSection(offset: number): boolean {
    const t = this.tok(offset)
    if (t === undefined) return false
    return (
      isOverview(t) ||
      isTarget(t) ||
      isWeakAnswer(t) ||
      isPractice(t) ||
      this.atLevelReflection(offset) ||
      isProbes(this.tok(offset + 1)) ||
      this.atPrincipleAngle(offset) ||
      this.atLevelVariant(offset)
    )
  }

  private atLevelReflection(offset = 0): boolean {
    const t = this.tok(offset)
    return t !== undefined && LEVEL_REFLECTION.test(t.text) && !/^(?:strong|weak)\b/i.test(t.text)
  }

  private atPrincipleAngle(offset = 0): boolean {
    if (!plainName(this.tok(offset), 8)) return false
    for (let k = 1; k <= 3; k++) {
      const t = this.tok(offset + k)
      if (isEmphasize(t)) return true
      if (t === undefined || isLabel(t)) return false
    }
    return false
  }

  private atLevelVariant(offset = 0): boolean {
    if (!plainName(this.tok(offset), 5)) return false
    for (let k = 1; k <= 3; k++) {
      const t = this.tok(offset + k)
      if (isReflectionLine(t)) return true
      if (t === undefined || isLabel(t)) return false
    }
    return false
  }

  /** Whether the line before the current one (in the source) is a marker line reading `char`. */
  private markedBy(char: string): boolean {
    const k = this.index()
    for (let j = k - 1; j >= 0; j--) {
      const line = this.state.lines[j]!
      if (line.blank) continue
      if (!line.markerOnly) return false
      return line.markers.some((m) => m.decoded !== undefined && knownMarker(m.decoded)?.char === char)
    }
    return false
  }

  run(): void {
    this.header()
    while (!this.done()) {
      const t = this.tok()!
      if (isOverview(t)) this.overview()
      else if (isTarget(t)) this.step()
      else if (this.atLevelReflection()) this.levelReflection()
      else if (isProbes(this.tok(1))) this.followUp()
      else if (isWeakAnswer(t)) this.weakAnswer()
      else if (isPractice(t)) this.practice()
      else if (this.atPrincipleAngle()) this.principleAngle()
      else if (this.atLevelVariant()) this.levelVariant()
      else if (this.selfCheckOpen || this.markedBy('🧠')) this.selfCheck()
      else this.unplace(`Unexpected line \`${short(t.text)}\`, expected a section of a walkthrough`)
    }
  }

  /** Chrome, the company line and the title, up to the first section. */
  private header(): void {
    let company: PageLine | undefined
    let title: PageLine | undefined
    while (!this.done() && !this.atSection()) {
      const t = this.tok()!
      const chrome = headerChrome(t.text)
      if (chrome) {
        const modes = modeCount(t.text)
        if (modes !== undefined) this.state.modes = modes
        this.asChrome(chrome.name)
        continue
      }
      if (title === undefined && isTitle(t.text)) {
        title = t
        this.title(t)
        continue
      }
      if (company === undefined && title === undefined && this.nextIsTitle()) {
        company = t
        this.state.role[this.index()] = 'company'
        this.state.disposition[this.index()] = { kind: 'field', pointer: '/company' }
        this.i++
        continue
      }
      if (title === undefined) {
        title = t
        this.title(t)
        continue
      }
      this.unplace(`Unexpected line \`${short(t.text)}\` in the page header, expected \`Scenario Overview\``)
    }
    this.company(company, title)
  }

  /** Whether a title line follows the current line (skipping chrome). */
  private nextIsTitle(): boolean {
    for (let k = 1; ; k++) {
      const t = this.tok(k)
      if (t === undefined || this.atSection(k)) return false
      if (headerChrome(t.text)) continue
      return true
    }
  }

  private title(t: PageLine): void {
    const m = TITLE.exec(t.text)
    const question = (m ? m[1]! : t.text).trim()
    if (m) {
      const suffix = m[2]!.trim()
      const kind = /(STAR Walkthrough|Walkthrough|Bar Raiser Evaluate|Competency|Evaluate)$/i.exec(suffix)![1]!
      this.state.kind = kind
      this.titleSuffix = suffix
    }
    this.asField('title', '/question', question)
  }

  private titleSuffix: string | undefined

  /** Company and principle set, from the company line and the title suffix. */
  private company(line: PageLine | undefined, title: PageLine | undefined): void {
    void title
    const fromSuffix = this.titleSuffix?.replace(/\s*(STAR Walkthrough|Walkthrough|Competency|Bar Raiser Evaluate|Evaluate)\s*$/i, '').trim()
    const suffixCompany = fromSuffix?.split(/\s+/)[0]
    const suffixSet = fromSuffix?.split(/\s+/).slice(1).join(' ')
    if (line) {
      const text = line.text
      const company = suffixCompany && text.toLowerCase().startsWith(suffixCompany.toLowerCase() + ' ') ? suffixCompany : text.split(/\s+/)[0]!
      const set = text.slice(company.length).trim()
      this.set('/company', company)
      if (set !== '') {
        this.set('/principleSet', set)
        this.state.disposition[line.line - 1] = { kind: 'field', pointer: '/principleSet' }
      }
    } else if (suffixCompany) {
      this.set('/company', suffixCompany)
      const expanded = suffixSet ? ABBREVIATIONS[suffixSet.toUpperCase()] : undefined
      if (expanded) this.set('/principleSet', expanded)
    }
  }

  private overview(): void {
    this.asLabel('overview')
    this.state.seen.add('/overview')
    const slots = ['story', 'summary']
    let n = 0
    while (!this.done() && !this.atSection()) {
      const key = slots[n]
      if (key === undefined) {
        this.unplace(`Unexpected third paragraph \`${short(this.tok()!.text)}\` in \`Scenario Overview\`, expected a story and a summary`)
        continue
      }
      this.asField('content', `/overview/${key}`, content(this.tok()!))
      n++
    }
  }

  private step(): void {
    const target = this.tok()!
    const targetIndex = this.index()
    this.i++
    const seconds = parseSeconds(target.text.replace(/^Target(?: time)?\s*:\s*/i, ''))
    let name: StepName | undefined
    if (isLetter(this.tok())) {
      name = STEP_LETTERS[this.tok()!.text]
      this.asLabel('letter')
    } else {
      name = STEP_ORDER[this.lastStep + 1] ?? 'reflection'
    }
    const order = STEP_ORDER.indexOf(name!)
    const base = `/steps/${name}`
    if (this.state.seen.has(base)) {
      // A second step of the same name: keep it all, placed nowhere.
      this.i = this.tokens.indexOf(targetIndex)
      this.unplace(`Unexpected second \`${STEP_TITLE[name!]}\` step, expected each step once`)
      while (!this.done() && !this.atSection()) this.unplace(`Unexpected line of a repeated \`${STEP_TITLE[name!]}\` step, expected each step once`)
      return
    }
    this.state.seen.add(base)
    this.lastStep = Math.max(this.lastStep, order)
    this.state.role[targetIndex] = 'target'
    if (seconds !== undefined) {
      this.state.disposition[targetIndex] = { kind: 'field', pointer: `${base}/targetSeconds` }
      this.set(`${base}/targetSeconds`, seconds)
    } else {
      this.state.disposition[targetIndex] = { kind: 'unplaced' }
      ;((this.state.data.unplaced ??= []) as string[]).push(target.full)
      this.message(target, 'convert/unplaced', 'warning', `Unexpected target \`${short(target.text)}\`, expected seconds such as \`30s\``)
    }
    if (isExampleLabel(this.tok())) this.asLabel(name === 'reflection' ? 'reflectionStep' : 'exampleLabel')
    const example: string[] = []
    const exampleLines: number[] = []
    const stop = (): boolean =>
      this.done() || this.atSection() || isCoaching(this.tok()) || isCommonMistake(this.tok()) || splitKeyPhrases(this.tok()!.text) !== undefined
    while (!stop()) {
      exampleLines.push(this.index())
      example.push(content(this.tok()!))
      this.state.role[this.index()] = 'content'
      this.state.disposition[this.index()] = { kind: 'field', pointer: `${base}/example` }
      this.i++
    }
    if (example.length > 0) this.set(`${base}/example`, example.join(' '))
    const phrases: string[] = []
    while (!this.done() && !this.atSection() && splitKeyPhrases(this.tok()!.text) !== undefined) {
      phrases.push(...splitKeyPhrases(this.tok()!.text)!)
      this.asField('keyPhrases', `${base}/keyPhrases`, phrases.slice())
    }
    this.labelled(isCoaching, 'coaching', `${base}/coaching`, (t) => isCommonMistake(t))
    this.labelled(isCommonMistake, 'commonMistake', `${base}/commonMistake`, () => false)
    while (!this.done() && !this.atSection())
      this.unplace(`Unexpected line \`${short(this.tok()!.text)}\` in the \`${STEP_TITLE[name!]}\` step, expected the next section`)
  }

  /** A label line and the one text line after it, which fills `path`. */
  private labelled(is: (t: PageLine | undefined) => boolean, role: Role, path: string, stopAt: (t: PageLine | undefined) => boolean): void {
    if (!is(this.tok())) return
    this.asLabel(role)
    let filled = false
    while (!this.done() && !this.atSection() && !stopAt(this.tok()) && !isLabel(this.tok()!)) {
      if (filled) {
        this.unplace(`Unexpected second paragraph \`${short(this.tok()!.text)}\` after \`${this.labelText(role)}\`, expected one`)
        continue
      }
      this.asField('content', path, content(this.tok()!))
      filled = true
    }
  }

  private labelText(role: Role): string {
    return { coaching: 'Coaching', commonMistake: 'Common Mistake', emphasize: 'Emphasize', downplay: 'Downplay' }[role as string] ?? role
  }

  private levelReflection(): void {
    const t = this.tok()!
    const level = LEVEL_REFLECTION.exec(t.text)![1]!
    const index = this.listLength('/levelReflections')
    const base = pointer('levelReflections', index)
    this.state.seen.add('/levelReflections')
    const senior = /senior|staff|principal|lead/i.test(level)
    this.asField(senior ? 'seniorReflection' : 'levelReflection', `${base}/level`, level)
    if (!this.done() && !this.atSection() && !isLabel(this.tok()!)) this.asField('content', `${base}/text`, content(this.tok()!))
  }

  private followUp(): void {
    const index = this.listLength('/followUps')
    const base = pointer('followUps', index)
    this.state.seen.add('/followUps')
    this.selfCheckOpen = false
    this.asField('followUp', `${base}/question`, this.tok()!.text)
    const probes = this.tok()!
    this.asField('probes', `${base}/probes`, probes.text.replace(/^Probes\s*:\s*/i, ''))
    const stop = (): boolean => this.done() || this.atSection() || isWeak(this.tok()) || isStrong(this.tok())
    const fill = (keys: string[], where: string, quoted: ReadonlySet<string>): void => {
      let n = 0
      while (!stop()) {
        const key = keys[n]
        if (key === undefined) {
          this.unplace(`Unexpected line \`${short(this.tok()!.text)}\` after \`${where}\`, expected two paragraphs`)
          continue
        }
        const text = content(this.tok()!)
        this.asField('content', `${base}/${key}`, quoted.has(key) ? unquote(text) : text)
        n++
      }
    }
    while (!stop()) this.unplace(`Unexpected line \`${short(this.tok()!.text)}\` in a follow-up, expected \`Weak\``)
    while (isWeak(this.tok()) || isStrong(this.tok())) {
      if (isWeak(this.tok())) {
        this.asLabel('weak')
        fill(['weakAnswer', 'critique'], 'Weak', new Set(['weakAnswer']))
      } else {
        this.asLabel('strong')
        fill(['strongAnswer', 'takeaway'], 'Strong', new Set(['strongAnswer', 'takeaway']))
      }
    }
  }

  private weakAnswer(): void {
    this.asLabel('weakAnswer')
    this.state.seen.add('/weakAnswer')
    let text = false
    let verdict = false
    const flaws: string[] = []
    while (!this.done() && !this.atSection() && !verdict) {
      const t = this.tok()!
      if (isFlaw(t)) {
        flaws.push(t.text.replace(/^[•·▪◦*-]\s+/, ''))
        this.asField('flaw', '/weakAnswer/flaws', flaws.slice())
      } else if (isVerdict(t)) {
        this.asField('verdict', '/weakAnswer/verdict', t.text.replace(/^Bar Raiser Thinks\s*[:.\-–—]?\s*/i, ''))
        verdict = true
      } else if (!text && flaws.length === 0) {
        this.asField('content', '/weakAnswer/text', content(t))
        text = true
      } else break
    }
    this.selfCheckOpen = true
  }

  private selfCheck(): void {
    const t = this.tok()!
    const index = this.listLength('/selfCheck')
    const base = pointer('selfCheck', index)
    this.state.seen.add('/selfCheck')
    this.asField('selfCheck', `${base}/question`, t.text)
    const next = this.tok()
    if (next !== undefined && !this.atSection() && !next.text.endsWith('?') && !this.markedBy('🧠') && !isLabel(next))
      this.asField('content', `${base}/explanation`, content(next))
  }

  private principleAngle(): void {
    this.selfCheckOpen = false
    const index = this.listLength('/principleAngles')
    const base = pointer('principleAngles', index)
    this.state.seen.add('/principleAngles')
    this.asField('principle', `${base}/principle`, this.tok()!.text)
    let guidance = false
    while (!this.done() && !isEmphasize(this.tok()) && !isDownplay(this.tok()) && !this.atSection()) {
      if (guidance) {
        this.unplace(`Unexpected second paragraph \`${short(this.tok()!.text)}\` in a principle angle, expected \`Emphasize\``)
        continue
      }
      this.asField('content', `${base}/guidance`, content(this.tok()!))
      guidance = true
    }
    this.labelled(isEmphasize, 'emphasize', `${base}/emphasize`, (t) => isDownplay(t))
    this.labelled(isDownplay, 'downplay', `${base}/downplay`, () => false)
  }

  private levelVariant(): void {
    this.selfCheckOpen = false
    const index = this.listLength('/levelVariants')
    const base = pointer('levelVariants', index)
    this.state.seen.add('/levelVariants')
    this.asField('levelVariant', `${base}/level`, this.tok()!.text)
    const filled = new Set<string>()
    while (!this.done() && !this.atSection()) {
      const t = this.tok()!
      let key: string
      let value: unknown
      let role: Role = 'content'
      if (isReflectionLine(t)) (key = 'reflection'), (value = t.text.replace(/^Reflection\s*:\s*/i, '')), (role = 'reflection')
      else if (isBar(t)) (key = 'bar'), (value = t.text.replace(/^Bar\s*:?\s*/i, '')), (role = 'bar')
      else if (isTimeLimit(t)) (key = 'timeLimit'), (value = parseTimeLimit(t.text)), (role = 'timeLimit')
      else (key = 'guidance'), (value = content(t))
      if (filled.has(key)) {
        if (key === 'guidance' && filled.has('timeLimit')) break
        this.unplace(`Unexpected line \`${short(t.text)}\` in a level variant, expected one \`${key}\``)
        continue
      }
      filled.add(key)
      this.asField(role, `${base}/${key}`, value)
      if (key === 'timeLimit') break
    }
  }

  private practice(): void {
    this.selfCheckOpen = false
    this.asLabel('practice')
    this.state.seen.add('/practice')
    this.set('/practice', [])
    let q = -1
    let base = ''
    let mode: 'question' | 'solution' | 'hint' | 'mistakes' = 'question'
    const options: PracticeOption[][] = []
    const solutions: string[][] = []
    const hints: (string | undefined)[] = []
    const finish = (): void => {
      if (q < 0) return
      const inferred = inferAnswer(options[q]!, solutions[q]!, hints[q])
      this.state.answers[q] = inferred?.source
      if (inferred) this.set(`${base}/answer`, inferred.answer)
      else
        this.state.messages.push({
          ...this.questionPlace(q),
          ruleId: 'convert/no-answer',
          severity: 'warning',
          reason: `Missing correct option of practice question \`${q + 1}\`, expected a solution step naming one (\`-> option\`)`,
        })
    }
    const starts = this.practiceStarts
    while (!this.done()) {
      const t = this.tok()!
      const numbered = NUMBERED.exec(t.text)
      if (isCounter(t)) {
        const m = PRACTICE_COUNTER.exec(t.text)!
        this.state.practiceTotal = Number(m[2])
        this.asChrome('practice counter')
        continue
      }
      const newQuestion = numbered !== null && (mode !== 'solution' ? true : t.indent === 0 && Number(numbered[1]) === q + 2)
      if (newQuestion && numbered) {
        finish()
        q++
        base = pointer('practice', q)
        options[q] = []
        solutions[q] = []
        hints[q] = undefined
        starts[q] = this.index()
        mode = 'question'
        this.asField('prompt', `${base}/prompt`, numbered[2]!.trim())
        this.set(`${base}/commonMistakes`, [])
        continue
      }
      if (q < 0) {
        if (this.atSection()) return
        this.unplace(`Unexpected line \`${short(t.text)}\` in \`Practice\`, expected a numbered question`)
        continue
      }
      if (mode === 'solution' && numbered) {
        solutions[q]!.push(stripStepPrefix(numbered[2]!))
        this.asField('solutionStep', `${base}/solution`, solutions[q]!.slice())
        continue
      }
      if (isDifficulty(t) && mode === 'question') {
        this.asField('difficulty', `${base}/difficulty`, t.text.toLowerCase())
        continue
      }
      const option = OPTION.exec(t.text)
      if (option && mode === 'question') {
        options[q]!.push({ letter: option[1] as OptionLetter, text: option[2]!.trim() })
        this.asField('option', `${base}/options`, options[q]!.slice())
        continue
      }
      if (isSolution(t)) {
        mode = 'solution'
        this.asLabel('solution')
        continue
      }
      if (isHint(t)) {
        hints[q] = t.text.replace(/^Hint\s*:\s*/i, '')
        this.asField('hint', `${base}/hint`, hints[q])
        mode = 'hint'
        continue
      }
      if (isMistakes(t)) {
        mode = 'mistakes'
        const rest = t.text.replace(/^Common Mistakes\s*:\s*/i, '')
        if (rest !== '') this.pushMistake(base, rest, 'mistakes')
        else this.asLabel('mistakes')
        continue
      }
      if (mode === 'mistakes' && (isFlaw(t) || !this.atSection())) {
        this.pushMistake(base, t.text.replace(/^[•·▪◦*-]\s+/, ''), 'content')
        continue
      }
      if (this.atSection()) break
      this.unplace(`Unexpected line \`${short(t.text)}\` in practice question \`${q + 1}\`, expected options, \`Solution\` or \`Hint\``)
    }
    finish()
  }

  /** Source lines where each practice question starts (for messages). */
  practiceStarts: number[] = []

  private questionPlace(q: number): { line: number; column: number } {
    const k = this.practiceStarts[q]
    const line = k === undefined ? undefined : this.state.lines[k]
    return { line: line?.line ?? this.state.lines[this.index(-1)]?.line ?? 1, column: 1 }
  }

  private pushMistake(base: string, text: string, role: Role): void {
    const list = [...((this.readPath(`${base}/commonMistakes`) as string[] | undefined) ?? []), text]
    this.asField(role, `${base}/commonMistakes`, list)
  }

  private readPath(path: string): unknown {
    let node: unknown = this.state.data
    for (const part of segments(path).parts) node = (node as Record<string, unknown> | undefined)?.[part]
    return node
  }
}

/** A title line: the question, then ` - ` and the page kind (`Amazon LP STAR Walkthrough`). */
export const TITLE = /^(.+?\S)\s+[-–—]\s+((?:\S+\s+){0,5}?(?:STAR Walkthrough|Walkthrough|Competency|Bar Raiser Evaluate|Evaluate))$/i

/**
 * Whether a (trimmed) line is a title. Every page kind ends in `h`, `y` or `e` (Walkthrough,
 * Competency, Evaluate; `TITLE` is ASCII-case-insensitive), so most lines are told from their
 * last letter before `TITLE` runs its scan: it was asked of every line of every page.
 */
export function isTitle(text: string): boolean {
  if (text === '') return false
  const last = text.charCodeAt(text.length - 1) | 0x20
  return (last === 0x68 || last === 0x79 || last === 0x65) && TITLE.test(text)
}

/** Principle-set abbreviations a title suffix may use when the page has no company line. */
const ABBREVIATIONS: Record<string, string> = { LP: 'Leadership Principles' }
