import { m, type Markup } from './markup.js'
import type { Scenario } from '../../model/scenario.js'
import { htmlDocument } from './document.js'
import { compareText, uniqueSorted } from './text.js'

/** What the index shows of a scenario (a whole `Scenario` will do): a build keeps only this much of each. */
export type IndexCard = Pick<Scenario, 'id' | 'question' | 'company' | 'principleSet' | 'principles' | 'level' | 'role' | 'tags'> & {
  overview: Pick<Scenario['overview'], 'story' | 'summary'>
}

/** The part of a scenario the index shows. */
export function indexCard(s: Scenario): IndexCard {
  const { id, question, company, principleSet, principles, level, role, tags } = s
  return { id, question, company, principleSet, principles, level, role, tags, overview: { story: s.overview.story, summary: s.overview.summary } }
}

export interface IndexOptions {
  /** The site's title. */
  title: string
}

/**
 * What the index's frame (its filters and its count) takes from each scenario: a build's main
 * thread keeps only this much of each, beside the card's HTML made where the scenario was
 * linted (`site.ts`, `indexHtmlPieces`). Kept whole, the cards' questions and overviews were
 * ~1.2 KB a scenario of that thread's heap (this, ~0.1 KB), copied from the worker thread and
 * carried through its scavenges to the end of the lint.
 */
export type IndexFacts = Pick<IndexCard, 'id' | 'company' | 'principles' | 'level'>

/** The index's filters and count need no more of a scenario than its {@link IndexFacts}. */
export function indexFacts(s: IndexFacts): IndexFacts {
  const { id, company, principles, level } = s
  return level === undefined ? { id, company, principles } : { id, company, principles, level }
}

/** What the index's search looks through, besides the visible card text. */
function searchText(s: IndexCard): string {
  return [s.question, s.company, s.principleSet, ...s.principles, s.level, s.role, ...(s.tags ?? []), s.overview.summary, s.overview.story]
    .filter((v): v is string => typeof v === 'string')
    .join('\n')
}

function select(id: string, name: string, text: string, all: string, values: string[]): Markup[] {
  return [
    m('div.field', [
      m('label', { htmlFor: id }, text),
      m('select', { id, name }, [m('option', { value: '' }, all), ...values.map((v) => m('option', { value: v }, v))]),
    ]),
  ]
}

/** One scenario's card of the index. */
export function card(s: IndexCard): Markup {
  const meta = [s.company, s.principleSet, s.level, s.role].filter((v): v is string => typeof v === 'string')
  return m(
    'li.scenario-card',
    {
      dataCompany: s.company,
      dataLevel: s.level ?? '',
      dataPrinciples: JSON.stringify(s.principles),
      dataSearch: searchText(s),
    },
    [
      m('article', [
        m('h2', [m('a', { href: `scenarios/${s.id}.html` }, s.question)]),
        m('p.meta', meta.join(' · ')),
        m('ul.chips', { ariaLabel: 'Principles' }, s.principles.map((p) => m('li', p))),
        m('p.summary', s.overview.summary),
      ]),
    ],
  )
}

/** `index.html`: every scenario, with filters the shipped script enables (the list is complete without it). */
export function indexPage(scenarios: readonly IndexCard[], options: IndexOptions): string {
  const sorted = [...scenarios].sort((a, b) => compareText(a.id, b.id))
  return page(sorted, options, sorted.map(card))
}

/**
 * `index.html` with its list of cards left empty: what a build renders, putting in the cards
 * it rendered apart (`site.ts`, `indexHtmlPieces`).
 */
export function indexFrame(scenarios: readonly IndexFacts[], options: IndexOptions): string {
  return page([...scenarios].sort((a, b) => compareText(a.id, b.id)), options, [])
}

/** The index of `sorted` (by id), with these cards in its list. */
function page(sorted: readonly IndexFacts[], options: IndexOptions, cards: readonly Markup[]): string {
  const companies = uniqueSorted(sorted.map((s) => s.company))
  const principles = uniqueSorted(sorted.flatMap((s) => s.principles))
  const levels = uniqueSorted(sorted.flatMap((s) => (s.level === undefined ? [] : [s.level])))
  const count = `${sorted.length} ${sorted.length === 1 ? 'scenario' : 'scenarios'}`
  return htmlDocument({
    title: options.title,
    description: `STAR interview walkthroughs: ${count}`,
    root: '',
    bodyClass: 'index',
    body: [
      m('header.site-header', [
        m('h1', options.title),
        m('p.lede', 'Walkthroughs of behavioural interview questions, step by step: Situation, Task, Action, Result, Reflection.'),
      ]),
      m('main#main', [
        m('form#filters.filters', { hidden: true, role: 'search', ariaLabel: 'Filter scenarios' }, [
          m('div.field.field-search', [
            m('label', { htmlFor: 'filter-q' }, 'Search'),
            m('input', { type: 'search', id: 'filter-q', name: 'q', autocomplete: 'off', placeholder: 'Words in the question or story' }),
          ]),
          ...select('filter-company', 'company', 'Company', 'All companies', companies),
          ...select('filter-principle', 'principle', 'Principle', 'All principles', principles),
          // A scenario's level is optional: no level select when no scenario has one.
          ...(levels.length === 0 ? [] : select('filter-level', 'level', 'Level', 'All levels', levels)),
          m('div.field.field-reset', [m('button', { type: 'reset' }, 'Clear filters')]),
        ]),
        m('p#count.count', { role: 'status', dataTotal: String(sorted.length) }, count),
        m('ol#scenarios.scenario-list', cards),
        m('p#no-results.no-results', { hidden: true }, 'No scenario matches these filters.'),
      ]),
      m('footer.site-footer', [m('p', 'Built with starkit. Works offline: this site makes no network requests.')]),
    ],
  })
}
