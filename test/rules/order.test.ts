/**
 * A file's findings come in the same order in every locale. `localeCompare` follows the
 * process's locale (`ä` sorts before `z` in English, after it in Swedish), so two findings at
 * one place once came in an order that depended on the user's locale.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { byPlace } from '../../src/rules/lint.js'
import type { Diagnostic } from '../../src/report/index.js'

const at = (ruleId: string, message: string, line = 3, column = 1): Diagnostic => ({ ruleId, severity: 'warning', message, line, column, endLine: line, endColumn: column + 1 })
const findings = [at('key-phrase-in-example', 'Missing key phrase `zoom`'), at('key-phrase-in-example', 'Missing key phrase `ärlig`'), at('action-no-we', 'b'), at('a', 'x', 2, 9), at('a', 'x', 3, 0)]
const expected = ['a 2:9 x', 'a 3:0 x', 'action-no-we 3:1 b', 'key-phrase-in-example 3:1 Missing key phrase `zoom`', 'key-phrase-in-example 3:1 Missing key phrase `ärlig`']
const shown = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.ruleId} ${d.line}:${d.column} ${d.message}`)

describe('the order of findings', () => {
  test('is by line, column, rule id, then message by code unit', () => {
    expect(shown([...findings].sort(byPlace))).toEqual(expected)
  })

  test('is the same in an English and a Swedish locale, where localeCompare orders ä and z apart', () => {
    const lint = fileURLToPath(new URL('../../lib/rules/lint.js', import.meta.url))
    const script = `const { byPlace } = await import(${JSON.stringify(lint)}); const ds = JSON.parse(process.argv[1]); console.log(JSON.stringify({ locale: 'ä'.localeCompare('z'), sorted: ds.sort(byPlace) }))`
    const locales = ['en_US.UTF-8', 'sv_SE.UTF-8'].map((locale) => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(findings)], { encoding: 'utf8', env: { ...process.env, LC_ALL: locale, LANG: locale } })
      expect(r.stderr).toBe('')
      return JSON.parse(r.stdout) as { locale: number; sorted: Diagnostic[] }
    })
    // Each locale is in effect in its child (Node's full ICU): localeCompare disagrees between them.
    expect(locales.map((l) => l.locale)).toEqual([-1, 1])
    for (const l of locales) expect(shown(l.sorted)).toEqual(expected)
  })
})
