// The JSON Schemas starkit publishes, generated from the TypeScript types in src/model.
// Shared by `npm run generate` (writes them) and the drift test (compares them).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createGenerator } from 'ts-json-schema-generator'

const root = fileURLToPath(new URL('..', import.meta.url))

export const SCHEMAS = [
  { file: 'schema/scenario.schema.json', path: 'src/model/scenario.ts', type: 'Scenario', id: 'https://starkit.dev/schema/scenario.schema.json' },
  { file: 'schema/config.schema.json', path: 'src/model/config.ts', type: 'StarkitConfig', id: 'https://starkit.dev/schema/config.schema.json' },
  { file: 'schema/bundle.schema.json', path: 'src/model/bundle.ts', type: 'ScenarioBundle', id: 'https://starkit.dev/schema/bundle.schema.json' },
]

/** @returns {Map<string, string>} file (relative to the repo) -> JSON text */
export function generateSchemas() {
  const out = new Map()
  for (const s of SCHEMAS) {
    const path = `${root}${s.path}`
    if (!existsSync(path)) continue
    const schema = createGenerator({
      path,
      type: s.type,
      tsconfig: `${root}tsconfig.json`,
      expose: 'export',
      topRef: true,
      jsDoc: 'extended',
      additionalProperties: false,
      sortProps: true,
      skipTypeCheck: true,
    }).createSchema(s.type)
    out.set(s.file, JSON.stringify({ $id: s.id, ...schema }, null, 2) + '\n')
  }
  return out
}
