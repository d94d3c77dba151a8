import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { lintText } from '../../src/rules/lint.js'
import { resolveConfig } from '../../src/rules/config.js'
import { readExpected } from '../../src/rules/fixtures.js'

const dir = new URL('../fixtures/parse/', import.meta.url)
// Parse and schema messages only: no rules, so a fixture speaks about the format alone.
const config = resolveConfig({ rules: {} }, []).config

describe('parse and schema fixtures', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    test(name, async () => {
      const text = readFileSync(new URL(name, dir), 'utf8')
      const expected = readExpected(text) ?? []
      const result = await lintText(text, name, { config })
      const got = result.messages.map((m, i) => {
        const e = expected[i]
        return `${m.ruleId} ${m.line}:${m.column}${e?.endLine ? `-${m.endLine}:${m.endColumn}` : ''}`
      })
      const want = expected.map((e) => `${e.ruleId} ${e.line}:${e.column}${e.endLine ? `-${e.endLine}:${e.endColumn}` : ''}`)
      expect(got).toEqual(want)
    })
  }
})
