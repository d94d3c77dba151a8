/**
 * The JSON bundle `starkit build` writes to `<out>/scenarios.json`: the source of truth for
 * `schema/bundle.schema.json` (generated, like the scenario schema, by `npm run generate`).
 *
 * The format is versioned: a change that could break a consumer raises `formatVersion`
 * (docs/build.md says what each version holds).
 */
import type { Scenario } from './scenario.js'


/**
 * A lint finding carried in the bundle: a `Diagnostic` without its source edit, which
 * means nothing outside the Markdown file. Positions are 1-based, in the source file.
 */
export interface BundleDiagnostic {
  /** The rule that reported it, e.g. `action-first-person` or `schema/required`. */
  ruleId: string
  /** `warning`; `error` only in a bundle built with `--force`. */
  severity: 'error' | 'warning'
  /** One clause, sentence case, no final period. */
  message: string
  /** @minimum 1 */
  line: number
  /** @minimum 1 */
  column: number
  /** @minimum 1 */
  endLine: number
  /** @minimum 1 */
  endColumn: number
  /** A longer why. */
  note?: string
  /** The rule's documentation. */
  url?: string
}

/** One scenario of the bundle, with what lint had to say about it. */
export interface BundleEntry {
  /**
   * The Markdown file it was built from, relative to the directory `build` ran in, with `/`
   * separators.
   * @minLength 1
   */
  path: string
  /** The scenario, exactly as `scenarios/<id>.json` holds it. */
  scenario: Scenario
  /**
   * The lint findings on the file that did not block the build, in source order.
   */
  warnings: BundleDiagnostic[]
}

/** The whole bundle: every scenario of a build, sorted by id. */
export interface ScenarioBundle {
  /**
   * The bundle format version; see docs/build.md. A reader checks it before anything else.
   */
  formatVersion: 1
  /**
   * The `$id` of the JSON Schema each `scenarios[].scenario` conforms to.
   * @format uri
   */
  scenarioSchema: string
  /** Every scenario of the build, sorted by `scenario.id`; ids are unique. */
  scenarios: BundleEntry[]
}

/** The bundle format this version of starkit writes. */
export const BUNDLE_FORMAT_VERSION: ScenarioBundle['formatVersion'] = 1
