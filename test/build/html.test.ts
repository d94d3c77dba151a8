import fc from 'fast-check'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, countWords, highlight, speakingSeconds } from '../../src/emit/html/index.js'
import { patternOccurrences, phraseOccurrences, type Segment } from '../../src/emit/html/highlight.js'
import { buildSite } from '../../src/emit/site.js'
import { corpus, SCHEMA_ID } from './fixtures/corpus.js'
import { hostileScenario, PAYLOADS } from './fixtures/hostile.js'
import { referenceHighlight } from './helpers/highlight-lookaround.js'
import { startTags } from './helpers/tags.js'

const marked = (text: string, phrases: string[]) => {
  const r = highlight(text, phrases)
  return { html: toHtml(h('p', r.content.map((c) => (c.mark ? h('mark', c.text) : c.text)))), found: r.found }
}

describe('key phrase highlighting', () => {
  it('marks every occurrence, case-insensitively, keeping the text as written', () => {
    expect(marked('I noticed it. Then i NOTICED more.', ['I noticed'])).toEqual({
      html: '<p><mark>I noticed</mark> it. Then <mark>i NOTICED</mark> more.</p>',
      found: [true],
    })
  })

  it('lists a phrase that is not in the text as not found, and marks nothing for it', () => {
    expect(marked('I submitted a PR and coordinated the rollout.', ['I submitted', 'I coordinated'])).toEqual({
      html: '<p><mark>I submitted</mark> a PR and coordinated the rollout.</p>',
      found: [true, false],
    })
  })

  it('merges overlapping phrases into one mark and does not match inside words', () => {
    expect(marked('our teammate said the webhook drop rate went to zero', ['team', 'webhook drop', 'drop rate']).html).toBe(
      '<p>our teammate said the <mark>webhook drop rate</mark> went to zero</p>',
    )
  })

  it('treats straight and curly apostrophes, and runs of white space, alike', () => {
    expect(marked('not my team’s  job', ["my team's job"]).html).toBe('<p>not <mark>my team’s  job</mark></p>')
  })

  it('handles phrases full of regular-expression and markup characters as plain text', () => {
    expect(marked('cost $8K (per week) <b>', ['$8K (per week) <b>'])).toEqual({
      html: '<p>cost <mark>$8K (per week) &#x3C;b></mark></p>',
      found: [true],
    })
  })
})

/** The marked ranges of a highlighted text, read back from its stretches. */
function markedRanges(content: Segment[]): [number, number][] {
  const ranges: [number, number][] = []
  let at = 0
  for (const { text, mark } of content) {
    if (mark) ranges.push([at, at + text.length])
    at += text.length
  }
  return ranges
}

describe('key phrase highlighting, against lookarounds in the pattern', () => {
  // Letters, digits, quotes, white space and the characters where a case-insensitive Unicode
  // match differs from a naive one: U+0345 (folds to a letter), long s, the Kelvin sign,
  // a combining mark, an astral letter and digit, and a lone surrogate.
  const unit = fc.constantFrom('a', 'b', 'A', 'B', '1', ' ', '  ', '\t', '\n', "'", '’', '"', '“', '.', '$', '(', '-', 'ͅ', 'ſ', 'S', 's', 'K', 'k', 'é', '́', '𝐀', '𝟏', '\ud800', 'ß')
  const text = fc.array(unit, { maxLength: 24 }).map((u) => u.join(''))
  const phrase = fc.oneof(fc.array(unit, { minLength: 1, maxLength: 5 }).map((u) => u.join('')), fc.constantFrom('a', 'ab', 'a b', "a'b", 'S', 'k', '1'))

  it('marks the same ranges and finds the same phrases', () => {
    fc.assert(
      fc.property(text, fc.array(phrase, { maxLength: 4 }), (t, ps) => {
        const fast = highlight(t, ps)
        const reference = referenceHighlight(t, ps)
        expect(fast.found).toEqual(reference.found)
        expect(markedRanges(fast.content)).toEqual(reference.ranges)
        expect(fast.content.map((c) => c.text).join('')).toBe(t)
        // No two unmarked stretches in a row, and none empty.
        expect(fast.content.every((c, i) => c.text !== '' && (c.mark || fast.content[i - 1]?.mark !== false))).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  it('finds an ASCII phrase in an ASCII text where the compiled pattern does', () => {
    // Only ASCII: the path without a pattern. Every white space character, both cases, the
    // pattern's special characters, quotes, word boundaries and control characters.
    const ascii = fc.constantFrom('a', 'b', 'A', 'B', 'ab', 'Ab', '1', '9', ' ', '  ', '\t', '\n', '\r', '\v', '\f', '\x1c', "'", '"', '.', '$', '(', '-', '*', '\\', '/', '[', '_', '~')
    const asciiText = fc.array(ascii, { maxLength: 30 }).map((u) => u.join(''))
    const asciiPhrase = fc.array(ascii, { minLength: 1, maxLength: 6 }).map((u) => u.join(''))
    fc.assert(
      fc.property(asciiText, asciiPhrase, (t, p) => {
        expect(phraseOccurrences(t, p)).toEqual(patternOccurrences(t, p))
      }),
      { numRuns: 5000 },
    )
    expect(phraseOccurrences('Team teammate TEAM\t\vplayer team', 'team  player')).toEqual([[14, 26]])
    expect(phraseOccurrences('a.b a-b a.B', 'A.b')).toEqual([[0, 3], [8, 11]])
    expect(phraseOccurrences('  ', ' ')).toEqual([])
  })

  it('agrees on word boundaries next to letters that only fold to letters', () => {
    // U+0345 folds to a Greek iota: a letter to a case-insensitive pattern.
    expect(markedRanges(highlight('ͅab ab', ['ab']).content)).toEqual(referenceHighlight('ͅab ab', ['ab']).ranges)
    expect(markedRanges(highlight('ͅab ab', ['ab']).content)).toEqual([[4, 6]])
    expect(markedRanges(highlight('𝐀ab ab𝟏 ab', ['ab']).content)).toEqual([[10, 12]])
  })
})

describe('speaking time', () => {
  it('counts words as spoken and estimates at 150 words per minute', () => {
    expect(countWords('The 0.3% drop rate went to zero; $8K recovered, cross-team.')).toBe(10)
    expect(speakingSeconds(150)).toBe(60)
    expect(speakingSeconds(31)).toBe(12)
  })
})

describe('HTML site', () => {
  const files = buildSite(corpus(), { scenarioSchemaId: SCHEMA_ID })
  const page = files.get('scenarios/customer-unhappy-webhook-drops.html') as string
  const index = files.get('index.html') as string

  it('writes the index, one page per scenario, the stylesheet and the script', () => {
    expect([...files.keys()].filter((k) => !k.endsWith('.json'))).toEqual([
      'assets/app.js',
      'assets/style.css',
      'index.html',
      'scenarios/customer-unhappy-webhook-drops.html',
      'scenarios/disagreed-with-teammate-migration.html',
      'scenarios/missed-launch-deadline.html',
    ])
  })

  it('is byte-identical when built twice', () => {
    expect(buildSite(corpus(), { scenarioSchemaId: SCHEMA_ID })).toEqual(files)
  })

  it('puts the CSP first in the head and loads only shipped files', () => {
    for (const [path, html] of files) {
      if (!path.endsWith('.html')) continue
      expect(html.startsWith('<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')).toBe(true)
      expect(html).toContain(`content="${CONTENT_SECURITY_POLICY.replaceAll("'", '&#x27;')}"`)
      const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!)
      for (const url of urls) expect(url, `${path}: ${url}`).toMatch(/^(?:#|\.\.\/|[a-z0-9-]+\.(?:html|json)$|scenarios\/|assets\/|https:\/\/example\.com\/)/)
    }
    expect(CONTENT_SECURITY_POLICY).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'")
  })

  it('lists every scenario on the index with the facets the filters use', () => {
    expect(index.match(/<li class="scenario-card"/g)).toHaveLength(3)
    expect(index).toContain('data-company="Google" data-level="L4" data-principles="[&#x22;Collaboration&#x22;,&#x22;Intellectual Humility&#x22;]"')
    expect(index).toContain('<option value="Amazon">Amazon</option><option value="Google">Google</option>')
    expect(index).toContain('<form id="filters" class="filters" hidden')
  })

  it('shows five step cards with target and estimated speaking time, phrases marked', () => {
    expect(page.match(/<li class="step step-/g)).toHaveLength(5)
    expect(page).toContain('<span class="k">Target </span>30s</span><span class="spoken" title="31 words at 150 words per minute"><span class="k">Spoken </span>≈ 12s')
    expect(page).toContain('<mark>I pulled</mark> the webhook delivery logs.')
    expect(page).toContain('<li class="missing">I coordinated<span class="note"> (not word for word in the example)</span></li>')
  })

  it('puts follow-ups, hints and practice answers behind details', () => {
    expect(page.match(/<details class="followup">/g)).toHaveLength(4)
    expect(page.match(/<details class="answer"><summary>Show answer<\/summary>/g)).toHaveLength(5)
    expect(page).toContain('Answer: <strong>D. Manager-assigned initiation, no self-driven ownership</strong>')
  })

  it('renders a hostile scenario as text: no markup from content survives', () => {
    const site = buildSite([{ path: 'h.md', scenario: hostileScenario(), messages: [] }], { scenarioSchemaId: SCHEMA_ID })
    for (const path of ['index.html', 'scenarios/hostile.html']) {
      const html = site.get(path) as string
      const tags = startTags(html)
      const names = new Set(tags.map((t) => t.name))
      for (const name of ['img', 'iframe', 'svg', 'style', 'object', 'embed', 'base']) expect(names.has(name), `${path} has <${name}>`).toBe(false)
      expect(tags.filter((t) => t.name === 'script').map((t) => t.attributes)).toEqual([
        [['src', path === 'index.html' ? 'assets/app.js' : '../assets/app.js'], ['defer', '']],
      ])
      expect(tags.filter((t) => t.name === 'title')).toHaveLength(1)
      for (const t of tags)
        for (const [name, value] of t.attributes) {
          expect(name, `${path}: <${t.name} ${name}>`).not.toMatch(/^on/i)
          expect(value, `${path}: <${t.name} ${name}>`).not.toMatch(/^\s*javascript:/i)
        }
      expect(tags.filter((t) => t.name.startsWith('!')).map((t) => t.name)).toEqual(['!doctype'])
      expect(html).toContain(toHtml({ type: 'text', value: hostileScenario().question }))
    }
    const page = site.get('scenarios/hostile.html') as string
    expect(page).toContain('<span class="url">javascript:window.__pwned=1</span>')
    for (const p of PAYLOADS) expect(page).toContain(toHtml({ type: 'text', value: p }))
  })
})

describe('index without levels', () => {
  it('leaves out the level filter when no scenario has a level', () => {
    const entries = corpus().map((e) => ({ ...e, scenario: { ...e.scenario, level: undefined } }))
    const index = buildSite(entries, { scenarioSchemaId: SCHEMA_ID, json: false }).get('index.html') as string
    expect(index).not.toContain('filter-level')
    expect(index).toContain('id="filter-company"')
  })
})
