import { readdirSync, readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { parse } from '../../src/parse/index.js'
import { loadSchema } from '../../src/schema/validate.js'
import { configValidator, scenarioValidator } from '../../src/schema/validators.js'

// The precompiled validators (schema/validators.cjs) must judge exactly as ajv.compile of the
// committed schemas does: the drift test checks the code is what generation gives, this checks
// that code behaves as the compiled schema, errors included.
const compile = (name: string) => {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true })
  addFormats(ajv)
  return ajv.compile(loadSchema(name))
}

const verdict = (check: ReturnType<typeof compile>, data: unknown) => ({ ok: check(structuredClone(data)), errors: check.errors ?? null })

const dirs = ['scenarios', 'test/fixtures/parse']
const samples = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.md'))
    .map((f) => parse(readFileSync(`${d}/${f}`, 'utf8')).data),
)

test('the scenario validator agrees with ajv.compile on every bundled file and fixture, and on damaged copies', () => {
  const compiled = compile('scenario.schema.json')
  const standalone = scenarioValidator()
  expect(samples.length).toBeGreaterThan(10)
  expect(samples.some((d) => !compiled(d))).toBe(true)
  expect(samples.some((d) => compiled(d))).toBe(true)
  for (const data of samples) expect(verdict(standalone, data)).toEqual(verdict(compiled, data))
  // Damage one key of a valid scenario: drop it, or give it a value of another type.
  const valid = samples.find((d) => compiled(d))!
  const keys = Object.keys(valid)
  fc.assert(
    fc.property(fc.constantFrom(...keys), fc.oneof(fc.constant(undefined), fc.anything()), (key, value) => {
      const data: Record<string, unknown> = { ...valid, [key]: value }
      if (value === undefined) delete data[key]
      expect(verdict(standalone, data)).toEqual(verdict(compiled, data))
    }),
    { numRuns: 300, seed: 7 },
  )
})

test('the config validator agrees with ajv.compile', () => {
  const compiled = compile('config.schema.json')
  const standalone = configValidator()
  const configs: unknown[] = [{}, { rules: { 'action-first-person': 'off' } }, { rules: { x: 3 } }, { extends: 1 }, { ignores: ['a/**'] }, [], 'x']
  for (const c of configs) expect(verdict(standalone, c)).toEqual(verdict(compiled, c))
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom('rules', 'ignores', 'settings', 'extends', 'other'), fc.anything()), (c) => {
      expect(verdict(standalone, c)).toEqual(verdict(compiled, c))
    }),
    { numRuns: 300, seed: 7 },
  )
})
