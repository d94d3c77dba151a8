import { m, type Markup } from './markup.js'
import type { Scenario } from '../../model/scenario.js'
import { htmlDocument } from './document.js'
import { practiceSection } from './practice.js'
import {
  followUpsSection,
  levelVariantsSection,
  principleAnglesSection,
  selfCheckSection,
  unplacedSection,
  weakAnswerSection,
} from './sections.js'
import { stepsSection } from './steps.js'
import { safeLink, section, type Section } from './text.js'

export interface ScenarioPageOptions {
  /** The site's title, linked back to from every page. */
  title: string
  /** Whether `<id>.json` sits next to the page (a link to it is shown). */
  json: boolean
}

function facts(s: Scenario): Markup {
  const rows: [string, string][] = []
  if (s.level !== undefined) rows.push(['Level', s.level])
  if (s.role !== undefined) rows.push(['Role', s.role])
  return m('dl.facts', [
    ...rows.flatMap(([k, v]) => [m('dt', k), m('dd', v)]),
    m('dt', 'Principles'),
    m('dd', [m('ul.chips', s.principles.map((p) => m('li', p)))]),
    ...(s.tags === undefined || s.tags.length === 0
      ? []
      : [m('dt', 'Tags'), m('dd', [m('ul.chips.tags', s.tags.map((t) => m('li', t)))])]),
  ])
}

function toc(sections: readonly Section[]): Markup {
  return m('nav.toc', { ariaLabel: 'On this page' }, [m('ol', sections.map((el) => m('li', [m('a', { href: `#${el.id}` }, el.title)])))])
}

/** One scenario's study page, `scenarios/<id>.html` (without its final line break). */
export function scenarioPage(s: Scenario, options: ScenarioPageOptions): string {
  const sections = [
    section('overview', 'Overview', m('div.overview', [m('blockquote.story', [m('p', s.overview.story)]), m('p.summary', s.overview.summary)])),
    stepsSection(s),
    followUpsSection(s),
    weakAnswerSection(s),
    levelVariantsSection(s),
    principleAnglesSection(s),
    selfCheckSection(s),
    practiceSection(s),
    unplacedSection(s),
  ].filter((el): el is Section => el !== null)
  const footer: (Markup | string)[] = ['Built with starkit.']
  if (s.source !== undefined) footer.push(' Source: ', safeLink(s.source, s.source), '.')
  if (options.json) footer.push(' ', m('a', { href: `${s.id}.json`, type: 'application/json' }, 'This scenario as JSON'), '.')
  return htmlDocument({
    title: `${s.question} · ${options.title}`,
    description: s.overview.summary,
    root: '../',
    bodyClass: 'scenario',
    body: [
      m('header.site-header', [
        m('nav.crumbs', { ariaLabel: 'Breadcrumb' }, [m('a', { href: '../index.html' }, [m('span', { ariaHidden: 'true' }, '← '), options.title])]),
        m('p.kicker', `${s.company} · ${s.principleSet}`),
        m('h1', s.question),
        facts(s),
        toc(sections),
      ]),
      m('main#main', sections.map((el) => el.markup)),
      m('footer.site-footer', [m('p', footer)]),
    ],
  })
}
