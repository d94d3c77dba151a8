import type { Scenario } from '../model/scenario.js'
import type { BuildEntry } from './json.js'
import { bundleEntryJson, bundleJson, createBundle, scenarioJson, scenarioJsonOfEntry } from './json.js'
import { markupHtml } from './html/markup.js'
import { APP_JS, card, indexCard, indexFacts, indexFrame, indexPage, scenarioPage, STYLE_CSS, type IndexCard, type IndexFacts } from './html/index.js'
import { compareCodeUnits } from '../model/order.js'
import { compareText } from './html/text.js'

export type { BuildEntry } from './json.js'
export { indexCard } from './html/index.js'
export type { IndexCard, IndexFacts } from './html/index.js'

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

export const DEFAULT_TITLE = 'STAR walkthroughs'

/** The pattern of a scenario id (src/model/scenario.ts); an id becomes a file name. */
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Throw on an id that is not safe as a file name (`path` says where it came from). */
export function checkId(id: string, path: string): void {
  if (!SAFE_ID.test(id)) throw new Error(`Unexpected scenario id \`${id}\` in ${path}, expected lower-case words joined by hyphens`)
}

/** A page: its HTML (html/markup.ts) and a final newline. */
function html(page: string): string {
  return page + '\n'
}

/** `index.html`. */
export function indexHtml(cards: readonly IndexCard[], title: string): string {
  return html(indexPage(cards, { title }))
}

/** A scenario's card of the index, serialized: its part of {@link indexHtml}. */
export function cardHtml(of: IndexCard): string {
  return markupHtml(card(of))
}

/** How the list of cards stands in an index rendered without them. */
const EMPTY_LIST = '<ol id="scenarios" class="scenario-list"></ol>'

/**
 * `index.html` from cards serialized apart ({@link cardHtml}, each where its scenario was
 * prepared, UTF-8), as pieces that, one after another, are the bytes of {@link indexHtml} of
 * the cards. HTML is written node by node, an element as its start tag, its children's text one
 * after the other and its end tag, so the cards go where the page without them has the empty
 * list. A build's main thread then only writes bytes: rendering 10,000 cards here blocked it
 * ~1.5 s, with the worker threads waiting for their next pages, and joining their text made a
 * string of the whole page (~22 MB at 10,000 scenarios, twice that once a card holds a
 * character beyond Latin-1) to flatten and encode again.
 */
export function indexHtmlPieces(cards: readonly { facts: IndexFacts; html: Uint8Array }[], title: string): Uint8Array[] {
  const sorted = [...cards].sort((a, b) => compareText(a.facts.id, b.facts.id))
  const frame = html(indexFrame(sorted.map((c) => c.facts), { title }))
  const at = frame.indexOf(EMPTY_LIST)
  if (at === -1 || frame.indexOf(EMPTY_LIST, at + 1) !== -1) throw new Error('Unexpected index page without exactly one list of cards')
  const inside = at + EMPTY_LIST.length - '</ol>'.length
  return [utf8.encode(frame.slice(0, inside)), ...sorted.map((c) => c.html), utf8.encode(frame.slice(inside))]
}

/** `scenarios/<id>.html`; `json` says whether `<id>.json` sits next to it (the page links to it). */
export function scenarioHtml(scenario: Scenario, options: { title: string; json: boolean }): string {
  return html(scenarioPage(scenario, options))
}

/**
 * What a build keeps of one scenario between linting it and writing the site: its JSON as it
 * stands in the bundle ({@link bundleEntryJson}, UTF-8; its page and `scenarios/<id>.json` are
 * made from it) and what the index shows. Far smaller than the scenario, and plain data a
 * worker thread can send.
 */
export interface PreparedScenario {
  id: string
  entry: Uint8Array
  /** What the index's filters and count take from it (the card itself is `cardHtml`). */
  facts: IndexFacts
  /** The card as the index shows it ({@link cardHtml}), UTF-8. */
  cardHtml: Uint8Array
}

const utf8 = new TextEncoder()

/**
 * `scenario` prepared for a build. `options.encode` makes its entry's bytes (by default in a
 * buffer of their own); a build's worker thread passes one that encodes them into the batch
 * it writes to the scratch file (`EntryBatch`, src/cli/entry-store.ts).
 */
export function prepareScenario(scenario: Scenario, options: { encode?: (text: string) => Uint8Array } = {}): PreparedScenario {
  const card = indexCard(scenario)
  const entry = bundleEntryJson(scenario)
  return { id: scenario.id, entry: options.encode ? options.encode(entry) : utf8.encode(entry), facts: indexFacts(card), cardHtml: utf8.encode(cardHtml(card)) }
}

/** A scenario's page from its prepared entry's text: the same text as {@link scenarioHtml} of the scenario. */
export function preparedHtml(entry: string, options: { title: string; json: boolean }): string {
  return scenarioHtml(JSON.parse(entry) as Scenario, options)
}

/** A scenario's `scenarios/<id>.json` from its prepared entry's text: the same text as {@link scenarioJson} of the scenario. */
export function preparedJson(entry: string): string {
  return scenarioJsonOfEntry(entry)
}

/** One file of a site, and what goes in it. */
export type SiteFile =
  | { path: string; kind: 'asset'; content: string }
  | { path: string; kind: 'bundle' }
  | { path: string; kind: 'index' }
  | { path: string; kind: 'json'; id: string }
  | { path: string; kind: 'html'; id: string }

/**
 * The files of a site with these scenario ids, sorted by path (code-unit order): the order a
 * build writes and lists them in.
 */
export function siteFiles(ids: readonly string[], options: { json: boolean; html: boolean }): SiteFile[] {
  const files: SiteFile[] = []
  if (options.json) {
    files.push({ path: 'scenarios.json', kind: 'bundle' })
    for (const id of ids) files.push({ path: `scenarios/${id}.json`, kind: 'json', id })
  }
  if (options.html) {
    files.push({ path: 'index.html', kind: 'index' })
    files.push({ path: 'assets/style.css', kind: 'asset', content: STYLE_CSS })
    files.push({ path: 'assets/app.js', kind: 'asset', content: APP_JS })
    for (const id of ids) files.push({ path: `scenarios/${id}.html`, kind: 'html', id })
  }
  return files.sort((a, b) => compareCodeUnits(a.path, b.path))
}

/**
 * Every file of a build, by path relative to the output folder (`/` separators), sorted.
 * Pure and deterministic: the same entries and options give the same bytes.
 * Throws on an id that is not safe as a file name or on a duplicate id.
 */
export function buildSite(entries: readonly BuildEntry[], options: SiteOptions): Map<string, string | Uint8Array> {
  const json = options.json ?? true
  const withHtml = options.html ?? true
  const title = options.title ?? DEFAULT_TITLE
  for (const e of entries) checkId(e.scenario.id, e.path)
  const bundle = createBundle(entries, { scenarioSchemaId: options.scenarioSchemaId })
  const scenarios = new Map(bundle.scenarios.map((e) => [e.scenario.id, e.scenario]))
  const files = new Map<string, string | Uint8Array>()
  for (const file of siteFiles([...scenarios.keys()], { json, html: withHtml })) {
    if (file.kind === 'asset') files.set(file.path, file.content)
    else if (file.kind === 'bundle') files.set(file.path, bundleJson(bundle))
    else if (file.kind === 'index') files.set(file.path, indexHtml([...scenarios.values()], title))
    else if (file.kind === 'json') files.set(file.path, scenarioJson(scenarios.get(file.id)!))
    else files.set(file.path, scenarioHtml(scenarios.get(file.id)!, { title, json }))
  }
  return files
}
