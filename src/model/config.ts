/**
 * The configuration file (`starkit.config.json` or `.yaml`): the source of
 * `schema/config.schema.json`, so editors can autocomplete it.
 */

/** How a rule reports: not at all, as a warning, or as an error. */
export type RuleLevel = 'off' | 'warn' | 'error'

/**
 * A rule's setting: a level, or a level and options (`["warn", { "wordsPerMinute": 140 }]`).
 */
export type RuleSetting = RuleLevel | [RuleLevel] | [RuleLevel, Record<string, unknown>]

/** A built-in preset. */
export type Preset = 'recommended' | 'strict'

export interface StarkitConfig {
  /** The schema this file follows, for editors. */
  $schema?: string
  /** Presets to start from, in order; later settings win. Default: `recommended`. */
  extends?: Preset | Preset[]
  /** Per-rule settings, by rule id. */
  rules?: Record<string, RuleSetting>
  /**
   * Principle sets of companies beyond the built-in ones, by company name
   * (e.g. `{ "Acme": ["Customer First", "Ship It"] }`).
   */
  principleSets?: Record<string, string[]>
  /** Paths and globs (gitignore syntax) not to lint. */
  ignores?: string[]
}
