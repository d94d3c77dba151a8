// npm run generate: regenerate schema/*.json from src/model. Never edit those files by hand.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { generateSchemas } from './schemas.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
for (const [file, text] of generateSchemas()) {
  writeFileSync(root + file, text)
  console.log(`wrote ${file}`)
}
