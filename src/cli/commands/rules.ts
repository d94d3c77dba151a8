import { Option, type Command } from 'commander'
import { ruleUrl, type Rule } from '../../rules/define-rule.js'
import { RULES } from '../../rules/index.js'
import type { CommandContext } from '../context.js'

/** The version of `starkit rules --format json`; bumped on any breaking change. */
export const RULES_JSON_VERSION = 1

/** A rule's level in each preset, as `resolveConfig` sets it. */
function presets(rule: Rule): { recommended: 'off' | 'warn' | 'error'; strict: 'error' } {
  return { recommended: rule.strictOnly ? 'off' : rule.severity === 'error' ? 'error' : 'warn', strict: 'error' }
}

function text(rules: readonly Rule[]): string {
  const rows = rules.map((r) => {
    const level = presets(r).recommended
    return [r.id, level === 'off' ? 'strict' : level, r.fixable ? 'fixable' : '', r.summary]
  })
  const head = ['RULE', 'DEFAULT', 'FIX', 'SUMMARY']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(head), ...rows.map(line)].join('\n') + '\n'
}

function json(rules: readonly Rule[]): string {
  const out = {
    version: RULES_JSON_VERSION,
    rules: rules.map((r) => ({
      id: r.id,
      summary: r.summary,
      severity: r.severity,
      presets: presets(r),
      fixable: r.fixable === true,
      scope: r.scope === 'project' ? 'project' : 'file',
      options: r.defaults as Record<string, unknown>,
      url: ruleUrl(r.id),
    })),
  }
  return JSON.stringify(out, null, 2) + '\n'
}

export default function register(program: Command, ctx: CommandContext): void {
  program
    .command('rules')
    .description('list the lint rules: id, default severity, whether --fix fixes it, summary')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((options: { format: 'text' | 'json' }) => {
      ctx.io.stdout(options.format === 'json' ? json(RULES) : text(RULES))
    })
}
