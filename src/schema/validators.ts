/**
 * The scenario and config validators, precompiled by ajv's standalone code generation
 * (`npm run generate` writes schema/validators.cjs from schema/*.schema.json; the drift test
 * checks it matches). Compiling them at every start cost ~150 ms a thread.
 */
import { createRequire } from 'node:module'
import type { ValidateFunction } from 'ajv'

interface Validators {
  scenario: ValidateFunction
  config: ValidateFunction
}

let loaded: Validators | undefined

function validators(): Validators {
  return (loaded ??= createRequire(import.meta.url)('../../schema/validators.cjs') as Validators)
}

/** Validates a `Scenario` (schema/scenario.schema.json). */
export const scenarioValidator = (): ValidateFunction => validators().scenario

/** Validates a `starkit.config.json` (schema/config.schema.json). */
export const configValidator = (): ValidateFunction => validators().config
