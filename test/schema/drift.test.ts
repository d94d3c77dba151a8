import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
// @ts-expect-error: a plain .mjs script shared with `npm run generate`
import { generateSchemas } from '../../scripts/schemas.mjs'

test('schema/*.json are what src/model generates (run `npm run generate` after editing the types)', () => {
  const generated = generateSchemas() as Map<string, string>
  expect([...generated.keys()]).toContain('schema/scenario.schema.json')
  expect([...generated.keys()]).toContain('schema/config.schema.json')
  for (const [file, text] of generated) {
    const committed = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
    expect(committed, `${file} drifted from src/model`).toBe(text)
  }
}, 60_000)
