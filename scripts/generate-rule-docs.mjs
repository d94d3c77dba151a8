// Regenerate docs/rules/*.md from the rules' metadata and fixtures. Never edit those by hand.
// Runs the compiled rules: `npm run build && node scripts/generate-rule-docs.mjs`.
// test/rules/docs.test.ts fails when the committed docs differ from what this writes.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = new URL('../lib/rules/', import.meta.url)
if (!existsSync(new URL('docs.js', dist))) {
  console.error('generate-rule-docs: lib/rules/docs.js is missing; run `npm run build` first')
  process.exit(2)
}
const { RULES } = await import(new URL('index.js', dist).href)
const { runFixtures } = await import(new URL('fixtures.js', dist).href)
const { renderRuleDocs } = await import(new URL('docs.js', dist).href)

const runs = new Map()
for (const rule of RULES) {
  const dir = `test/fixtures/rules/${rule.id}`
  const files = existsSync(root + dir)
    ? readdirSync(root + dir)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => ({ path: `${dir}/${f}`, text: readFileSync(`${root}${dir}/${f}`, 'utf8') }))
    : []
  runs.set(rule.id, await runFixtures(rule, files))
}

const out = `${root}docs/rules/`
mkdirSync(out, { recursive: true })
const docs = renderRuleDocs(RULES, runs)
for (const stale of readdirSync(out).filter((f) => f.endsWith('.md') && !docs.has(f))) {
  rmSync(out + stale)
  console.log(`removed docs/rules/${stale}`)
}
for (const [name, text] of docs) {
  const path = out + name
  if (existsSync(path) && readFileSync(path, 'utf8') === text) continue
  writeFileSync(path, text)
  console.log(`wrote docs/rules/${name}`)
}
