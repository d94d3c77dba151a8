import type { Preset, RuleLevel, RuleSetting, StarkitConfig } from '../model/index.js'
import type { Rule, Settings } from './define-rule.js'
import { RULES } from './index.js'
import type { ConfiguredRule } from './run-rules.js'
import { closest } from './text/closest.js'

/** A config, resolved against the rule registry: what a lint run needs. */
export interface ResolvedConfig {
  /** The config it was resolved from (plain JSON: what a worker thread resolves again). */
  source: StarkitConfig
  rules: ConfiguredRule[]
  settings: Settings
  ignores: string[]
}

/** A problem with a config, at a pointer into it (for a positioned message). */
export interface ConfigProblem {
  at: string
  reason: string
}

function preset(name: Preset, rules: readonly Rule[]): Map<string, RuleLevel> {
  const levels = new Map<string, RuleLevel>()
  for (const rule of rules) {
    if (name === 'recommended') levels.set(rule.id, rule.strictOnly ? 'off' : rule.severity === 'error' ? 'error' : 'warn')
    else levels.set(rule.id, 'error')
  }
  return levels
}

export { closest, editDistance } from './text/closest.js'

/**
 * Resolve a (schema-valid) config: presets, then per-rule levels and options.
 * Unknown rule ids and options are problems, not silently ignored.
 */
export function resolveConfig(config: StarkitConfig = {}, rules: readonly Rule[] = RULES): { config: ResolvedConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = []
  const presets = config.extends === undefined ? ['recommended' as const] : Array.isArray(config.extends) ? config.extends : [config.extends]
  const levels = new Map<string, RuleLevel>()
  for (const p of presets) for (const [id, level] of preset(p, rules)) levels.set(id, level)
  const options = new Map<string, Record<string, unknown>>()
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const rule = rules.find((r) => r.id === id)
    if (!rule) {
      const hint = closest(id, rules.map((r) => r.id))
      problems.push({ at: `/rules/${id}`, reason: `Unexpected rule \`${id}\`${hint ? `, did you mean \`${hint}\`` : ''}` })
      continue
    }
    const [level, ruleOptions] = (Array.isArray(setting) ? setting : [setting]) as [RuleLevel, Record<string, unknown>?]
    levels.set(id, level)
    if (ruleOptions) {
      const defaults = rule.defaults as Record<string, unknown>
      for (const [key, value] of Object.entries(ruleOptions)) {
        if (!(key in defaults)) {
          problems.push({ at: `/rules/${id}/1/${key}`, reason: `Unexpected option \`${key}\` for rule \`${id}\`${Object.keys(defaults).length ? `, expected one of ${Object.keys(defaults).map((k) => `\`${k}\``).join(', ')}` : ''}` })
        } else if (typeof value !== typeof defaults[key] || Array.isArray(value) !== Array.isArray(defaults[key])) {
          problems.push({ at: `/rules/${id}/1/${key}`, reason: `Unexpected ${Array.isArray(value) ? 'list' : typeof value} for option \`${key}\` of rule \`${id}\`, expected ${Array.isArray(defaults[key]) ? 'a list' : `a ${typeof defaults[key]}`}` })
        } else {
          const choices = (rule.optionChoices as Record<string, readonly unknown[]> | undefined)?.[key]
          if (choices && !choices.includes(value)) {
            const list = choices.map((c) => `\`${String(c)}\``)
            problems.push({ at: `/rules/${id}/1/${key}`, reason: `Unexpected value \`${String(value)}\` for option \`${key}\` of rule \`${id}\`, expected ${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` })
          }
        }
      }
      options.set(id, ruleOptions)
    }
  }
  const configured: ConfiguredRule[] = []
  for (const rule of rules) {
    const level = levels.get(rule.id) ?? 'off'
    if (level === 'off') continue
    configured.push({
      rule,
      severity: level === 'error' ? 'error' : 'warning',
      options: { ...(rule.defaults as Record<string, unknown>), ...options.get(rule.id) },
    })
  }
  return {
    config: { source: config, rules: configured, settings: { principleSets: config.principleSets ?? {} }, ignores: config.ignores ?? [] },
    problems,
  }
}

export type { RuleSetting }
