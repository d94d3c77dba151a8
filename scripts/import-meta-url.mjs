// `import.meta.url` in lib/bundle/main.cjs (scripts/bundle.mjs): the bundle's own URL, as it is
// each module's in lib/, two folders below the package root. Injected into the bundle as one of
// its modules (esbuild's `inject`), after its "use strict".
import { pathToFileURL } from 'node:url'

export const importMetaUrl = pathToFileURL(__filename).href
