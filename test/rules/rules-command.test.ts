import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/rules/index.js'
import { run } from '../support/io.js'

describe('starkit rules', () => {
  it('lists every rule with its default severity, fixability and summary', async () => {
    const { code, stdout, stderr } = await run(['rules'], { cwd: process.cwd() })
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^RULE\s+DEFAULT\s+FIX\s+SUMMARY$/)
    expect(lines).toHaveLength(RULES.length + 1)
    expect(lines[1]).toMatch(/^action-first-person\s+error\s+Every sentence of the Action example starts with "I"$/)
    expect(lines.find((l) => l.startsWith('no-mojibake '))).toMatch(/^no-mojibake\s+error\s+fixable\s+No text garbled/)
    expect(lines.find((l) => l.startsWith('self-check-has-explanation '))).toMatch(/^self-check-has-explanation\s+strict\s+Every self-check/)
    expect(lines.find((l) => l.startsWith('level-time-budget '))).toMatch(/^level-time-budget\s+warn\s+The step targets/)
  })

  it('writes versioned JSON with --format json', async () => {
    const { code, stdout } = await run(['rules', '--format', 'json'], { cwd: process.cwd() })
    expect(code).toBe(0)
    const out = JSON.parse(stdout) as { version: number; rules: Record<string, unknown>[] }
    expect(out.version).toBe(1)
    expect(out.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id))
    expect(out.rules.find((r) => r.id === 'speaking-time')).toEqual({
      id: 'speaking-time',
      summary: "Each step's example, read aloud, fits the step's target time",
      severity: 'warning',
      presets: { recommended: 'warn', strict: 'error' },
      fixable: false,
      scope: 'file',
      options: { wordsPerMinute: 150, tolerance: 0.5, flagShort: false },
      url: 'https://github.com/starkit/starkit/blob/main/docs/rules/speaking-time.md',
    })
    expect(out.rules.find((r) => r.id === 'unique-id')).toMatchObject({ scope: 'project', severity: 'error' })
  })

  it('refuses an unknown format with exit 2', async () => {
    const { code, stderr } = await run(['rules', '--format', 'yaml'], { cwd: process.cwd() })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^starkit: option '--format <format>' argument 'yaml' is invalid/)
  })
})
