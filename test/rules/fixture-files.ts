import { existsSync, readdirSync, readFileSync } from 'node:fs'
import type { FixtureFile } from '../../src/rules/fixtures.js'

/** Where rule fixtures live, relative to the repository root (the test's working directory). */
export const FIXTURES = 'test/fixtures/rules'

/** The fixture files of one rule, sorted by name; empty when the folder is missing. */
export function fixtureFiles(ruleId: string): FixtureFile[] {
  const dir = `${FIXTURES}/${ruleId}`
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ path: `${dir}/${f}`, text: readFileSync(`${dir}/${f}`, 'utf8') }))
}

/** Every folder under the fixtures root. */
export function fixtureFolders(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
}
