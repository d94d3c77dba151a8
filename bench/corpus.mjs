// Deterministic corpora for the benchmark, made from the project's own content:
// `scenarios/*.md` varied into N distinct valid scenario files, and the seed pages
// varied into N scraped pages for `convert`. Same N, same bytes, on every machine.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** mulberry32: a tiny seeded PRNG, so the corpus is the same everywhere. */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const EXTRA = [
  'I kept a written log of every step so the next engineer could follow it.',
  'I checked the dashboards twice a day for a week after the change.',
  'I shared the findings in the weekly operations review.',
  'I asked the on-call engineer to confirm the alert fired as expected.',
  'I wrote a short runbook so the fix could be repeated.',
  'I compared the error budget before and after the change.',
]

/** Vary numbers (not in the frontmatter, not the step targets) so files differ in content. */
function varyNumbers(text, rand) {
  return text.replace(/(\$?)(\d+(?:\.\d+)?)(%|K)/g, (_, cur, n, unit) => `${cur}${(Number(n) * (0.5 + rand())).toFixed(1).replace(/\.0$/, '')}${unit}`)
}

/** N distinct valid scenario files in `dir`, from the Markdown files in `from`. */
export function makeScenarioCorpus(from, dir, n) {
  const bases = readdirSync(from).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(join(from, f), 'utf8'))
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const rand = prng(20261123)
  for (let i = 0; i < n; i++) {
    const base = bases[i % bases.length]
    const id = `bench-${String(i).padStart(6, '0')}`
    let text = base.replace(/^id: .*$/m, `id: ${id}`)
    const [head, body] = [text.slice(0, text.indexOf('\n# ')), text.slice(text.indexOf('\n# '))]
    text = head + varyNumbers(body, rand)
    // A sentence appended to the Action example (it starts with "I", so the file stays clean).
    text = text.replace(/(## Action\n\nTarget: \d+s\n\n[^\n]+)/, `$1 ${EXTRA[Math.floor(rand() * EXTRA.length)]}`)
    writeFileSync(join(dir, `${id}.md`), text)
  }
  return dir
}

/** N scraped pages in `dir`, from the seed pages in `from`: titles and numbers varied. */
export function makePageCorpus(from, dir, n) {
  const bases = readdirSync(from).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(from, f), 'utf8'))
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const rand = prng(7)
  for (let i = 0; i < n; i++) {
    const base = bases[i % bases.length]
    const text = varyNumbers(base.replace(/^(.+?)( - \w+ LP STAR Walkthrough)$/m, `$1 (variant ${i})$2`), rand)
    writeFileSync(join(dir, `page-${String(i).padStart(5, '0')}.txt`), text)
  }
  return dir
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 10000)
  const root = new URL('..', import.meta.url).pathname
  const out = makeScenarioCorpus(join(root, 'scenarios'), join(root, 'bench/.corpus', `scenarios-${n}`), n)
  console.log(`wrote ${n} scenario files to ${out}`)
  if (!existsSync(join(root, '../shared/seeds'))) process.exit(0)
}
