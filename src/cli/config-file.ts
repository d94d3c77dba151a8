import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { StarkitConfig } from '../model/index.js'
import { readFrontmatter } from '../parse/frontmatter.js'
import { SourceMapBuilder } from '../parse/source-map.js'
import { resolveConfig, type ResolvedConfig } from '../rules/config.js'
import { explain } from '../schema/validate.js'
import { configValidator } from '../schema/validators.js'
import { UsageError } from './io.js'
import { displayPath } from './files.js'
import { readErrorMessage, readRegularFile } from './special-files.js'

export const CONFIG_NAMES = ['starkit.config.json', 'starkit.config.yaml', 'starkit.config.yml']

/** The nearest config file at or above `from`, if any. */
export function findConfig(from: string): string | undefined {
  let dir = resolve(from)
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const path = join(dir, name)
      if (existsSync(path)) return path
    }
    const up = dirname(dir)
    if (up === dir) return undefined
    dir = up
  }
}

/**
 * Read, validate (against schema/config.schema.json) and resolve a config file.
 * Any problem is a UsageError naming `file:line:column`, so the CLI exits 2.
 */
export function loadConfig(path: string, cwd: string): ResolvedConfig & { path: string } {
  let text: string
  try {
    text = readRegularFile(path).toString('utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    throw new UsageError(`Cannot read config \`${displayPath(path, cwd)}\`: ${readErrorMessage(error)}`)
  }
  const shown = displayPath(path, cwd)
  const map = new SourceMapBuilder(text)
  // JSON is YAML, so one reader gives positions for both.
  const { data, problems } = readFrontmatter(text, 0, map)
  const where = (at: string): string => {
    const span = map.span(at) ?? map.keySpan(at) ?? map.nearest(at)
    return `${shown}:${span.start.line}:${span.start.column}`
  }
  if (problems.length > 0) {
    const p = problems[0]!
    const point = map.point(p.start)
    throw new UsageError(`${shown}:${point.line}:${point.column}: ${p.reason.replace('YAML frontmatter', 'config')}`)
  }
  const check = configValidator()
  if (!check(data)) {
    const lines = (check.errors ?? [])
      // For a value that matches no branch of an anyOf, the first branch's complaint is enough.
      .filter((e, i, all) => e.keyword !== 'anyOf' && all.findIndex((o) => o.instancePath === e.instancePath) === i)
      .slice(0, 5)
      .map((e) => {
        if (e.keyword === 'additionalProperties') {
          const key = String((e.params as { additionalProperty: string }).additionalProperty)
          const at = `${e.instancePath}/${key}`
          const span = map.keySpan(at) ?? map.nearest(at)
          return `${shown}:${span.start.line}:${span.start.column}: Unexpected config key \`${key}\``
        }
        const { at, reason } = explain(e, data)
        return `${where(at)}: ${reason.replace(' in frontmatter', ' in config')}`
      })
    throw new UsageError(lines.join('\n'))
  }
  const { config, problems: ruleProblems } = resolveConfig(data as StarkitConfig)
  if (ruleProblems.length > 0) throw new UsageError(ruleProblems.map((p) => `${where(p.at)}: ${p.reason}`).join('\n'))
  return { ...config, path }
}
