import { toHtml } from 'hast-util-to-html'
import type { Root } from 'hast'
import type { BuildEntry } from './json.js'
import { bundleJson, createBundle, scenarioJson } from './json.js'
import { APP_JS, indexPage, scenarioPage, STYLE_CSS } from './html/index.js'

export type { BuildEntry } from './json.js'

export interface SiteOptions {
  /** Emit `scenarios.json` and `scenarios/<id>.json` (default true). */
  json?: boolean
  /** Emit `index.html`, `scenarios/<id>.html` and `assets/` (default true). */
  html?: boolean
  /** The `$id` of the scenario JSON Schema, recorded in the bundle. */
  scenarioSchemaId: string
  /** The site's title (default `STAR walkthroughs`). */
  title?: string
}

/** The pattern of a scenario id (src/model/scenario.ts); an id becomes a file name. */
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

function html(tree: Root): string {
  return toHtml(tree) + '\n'
}

/**
 * Every file of a build, by path relative to the output folder (`/` separators), sorted.
 * Pure and deterministic: the same entries and options give the same bytes.
 * Throws on an id that is not safe as a file name or on a duplicate id.
 */
export function buildSite(entries: readonly BuildEntry[], options: SiteOptions): Map<string, string | Uint8Array> {
  const json = options.json ?? true
  const withHtml = options.html ?? true
  const title = options.title ?? 'STAR walkthroughs'
  for (const e of entries)
    if (!SAFE_ID.test(e.scenario.id)) throw new Error(`Unexpected scenario id \`${e.scenario.id}\` in ${e.path}, expected lower-case words joined by hyphens`)
  const bundle = createBundle(entries, { scenarioSchemaId: options.scenarioSchemaId })
  const scenarios = bundle.scenarios.map((e) => e.scenario)
  const files = new Map<string, string | Uint8Array>()
  if (json) {
    files.set('scenarios.json', bundleJson(bundle))
    for (const s of scenarios) files.set(`scenarios/${s.id}.json`, scenarioJson(s))
  }
  if (withHtml) {
    files.set('index.html', html(indexPage(scenarios, { title })))
    files.set('assets/style.css', STYLE_CSS)
    files.set('assets/app.js', APP_JS)
    for (const s of scenarios) files.set(`scenarios/${s.id}.html`, html(scenarioPage(s, { title, json })))
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
