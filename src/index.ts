/**
 * starkit's public API: everything the CLI does, callable without spawning it.
 */
export * from './model/index.js'
export { parse, MAX_FILE_BYTES, type ParseOptions, type ParseResult, type SourceMap, type ValidScenario } from './parse/index.js'
export { validate, scenarioValidator } from './schema/validate.js'
export { write, toTree } from './emit/markdown.js'
export { formatScenario, type FormatResult } from './emit/format.js'
export { lintInputs, lintText, applyFixes, type LintInput, type LintOptions, type LintResult } from './rules/lint.js'
export { resolveConfig, type ResolvedConfig } from './rules/config.js'
export { RULES } from './rules/index.js'
export { defineRule, type Rule, type FileRule, type ProjectRule, type Severity } from './rules/define-rule.js'
export { format, FORMATS, type Format, type Diagnostic, type FileReport } from './report/index.js'
export { convert, findMojibake, repairMojibake, type ConvertResult, type ConvertReport } from './convert/index.js'
export { buildSite, type SiteOptions } from './emit/site.js'
export { createBundle, type BuildEntry } from './emit/json.js'
export type { ScenarioBundle } from './model/bundle.js'
export { main } from './cli/main.js'
export type { Io } from './cli/io.js'
