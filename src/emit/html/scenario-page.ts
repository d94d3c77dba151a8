import type { Element, Root } from 'hast'
import { h } from './h.js'
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
import { safeLink, section } from './text.js'

export interface ScenarioPageOptions {
  /** The site's title, linked back to from every page. */
  title: string
  /** Whether `<id>.json` sits next to the page (a link to it is shown). */
  json: boolean
}

function facts(s: Scenario): Element {
  const rows: [string, string][] = []
  if (s.level !== undefined) rows.push(['Level', s.level])
  if (s.role !== undefined) rows.push(['Role', s.role])
  return h('dl.facts', [
    ...rows.flatMap(([k, v]) => [h('dt', k), h('dd', v)]),
    h('dt', 'Principles'),
    h('dd', [h('ul.chips', s.principles.map((p) => h('li', p)))]),
    ...(s.tags === undefined || s.tags.length === 0
      ? []
      : [h('dt', 'Tags'), h('dd', [h('ul.chips.tags', s.tags.map((t) => h('li', t)))])]),
  ])
}

function toc(sections: Element[]): Element {
  return h('nav.toc', { ariaLabel: 'On this page' }, [
    h(
      'ol',
      sections.map((el) => {
        const heading = el.children.find((c): c is Element => c.type === 'element' && c.tagName === 'h2')
        const text = heading?.children.find((c) => c.type === 'text')
        return h('li', [h('a', { href: `#${String(el.properties['id'])}` }, text?.type === 'text' ? text.value : '')])
      }),
    ),
  ])
}

/** One scenario's study page, `scenarios/<id>.html`. */
export function scenarioPage(s: Scenario, options: ScenarioPageOptions): Root {
  const sections = [
    section('overview', 'Overview', h('div.overview', [h('blockquote.story', [h('p', s.overview.story)]), h('p.summary', s.overview.summary)])),
    stepsSection(s),
    followUpsSection(s),
    weakAnswerSection(s),
    levelVariantsSection(s),
    principleAnglesSection(s),
    selfCheckSection(s),
    practiceSection(s),
    unplacedSection(s),
  ].filter((el): el is Element => el !== null)
  const footer: (Element | string)[] = ['Built with starkit.']
  if (s.source !== undefined) footer.push(' Source: ', safeLink(s.source, s.source), '.')
  if (options.json) footer.push(' ', h('a', { href: `${s.id}.json`, type: 'application/json' }, 'This scenario as JSON'), '.')
  return htmlDocument({
    title: `${s.question} · ${options.title}`,
    description: s.overview.summary,
    root: '../',
    bodyClass: 'scenario',
    body: [
      h('header.site-header', [
        h('nav.crumbs', { ariaLabel: 'Breadcrumb' }, [h('a', { href: '../index.html' }, [h('span', { ariaHidden: 'true' }, '← '), options.title])]),
        h('p.kicker', `${s.company} · ${s.principleSet}`),
        h('h1', s.question),
        facts(s),
        toc(sections),
      ]),
      h('main#main', sections),
      h('footer.site-footer', [h('p', footer)]),
    ],
  })
}
