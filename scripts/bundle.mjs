// The CLI as three bundles (`npm run build`, after tsc): lib/bundle/main.js, and the two worker
// scripts the CLI starts, lib/bundle/worker.js and lib/bundle/digest-worker.js, with what
// only some commands load (the HTML renderer, the converter, the prompts) in chunks of
// their own that are still loaded only when used.
//
// Why: every start of starkit, and every worker thread it starts, loaded ~200 ES modules one
// by one (resolve, read, compile, link), ~0.3 s before any work: `starkit --version` took
// 0.55–0.60 s, and takes 0.26–0.29 s from the bundle (docs/performance.md, session 9).
// lib/ stays the package's library entry, file for file as tsc writes it, and the bundles are
// made from it, so they hold the same code.
//
// The bundles sit two folders below the package root, as lib/cli/*.js do, so the paths the
// code resolves from `import.meta.url` (`../../schema/`, `../../templates/`,
// `../../package.json`, `./worker.js`) find the same files. The output is deterministic.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { compileOnce } from './compile-once.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * micromark's `parse` gets lib/parse/combine-once.js for `micromark-util-combine-extensions`:
 * the same combination of constructs for the same extensions, not a new one per parse (~2 % of
 * a lint's CPU; src/parse/combine-once.ts). Every other importer, that module included, gets
 * the package itself.
 */
const combineOnce = {
  name: 'combine-once',
  setup(b) {
    b.onResolve({ filter: /^micromark-util-combine-extensions$/ }, (args) =>
      /[\\/]micromark[\\/]lib[\\/]parse\.js$/.test(args.importer) ? { path: `${root}lib/parse/combine-once.js` } : undefined,
    )
  },
}
/**
 * mdast-util-from-markdown's lib/index.js with its compiler made once per list of mdast
 * extensions, not once a parse (scripts/compile-once.mjs).
 */
const fromMarkdownOnce = {
  name: 'compile-once',
  setup(b) {
    b.onLoad({ filter: /[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/ }, (args) => ({
      contents: compileOnce(readFileSync(args.path, 'utf8'), `${root}lib/parse/combine-once.js`),
      loader: 'js',
    }))
  },
}
const outdir = `${root}lib/bundle`
rmSync(outdir, { recursive: true, force: true })
const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: { main: 'lib/cli/main.js', worker: 'lib/cli/worker.js', 'digest-worker': 'lib/cli/digest-worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (ajv, commander, yaml, …) call `require`, and may read `__filename`
  // (write-file-atomic, until session 15, named its temporary files with it); an ES module has
  // neither.
  banner: {
    js: [
      "import { createRequire as __starkitRequire } from 'node:module';",
      "import { fileURLToPath as __starkitPath } from 'node:url';",
      "import { dirname as __starkitDirname } from 'node:path';",
      'const require = __starkitRequire(import.meta.url);',
      'const __filename = __starkitPath(import.meta.url);',
      'const __dirname = __starkitDirname(__filename);',
    ].join(' '),
  },
  chunkNames: 'chunk-[hash]',
  legalComments: 'eof',
  logLevel: 'warning',
  // Source maps back to src/*.ts through tsc's maps of lib/ (esbuild follows a file's own
  // source map): node reads them only where source maps are on, which the bin turns on for
  // `--debug`, so an internal error's stack names the TypeScript that threw.
  sourcemap: 'linked',
  metafile: true,
  plugins: [combineOnce, fromMarkdownOnce],
})
// Which sources each file of the bundle holds, for test/cli/startup.test.ts (which checks what
// a command loads) and for anyone reading a profile of the bundle.
const sources = Object.fromEntries(
  Object.entries(metafile.outputs)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([output, { inputs }]) => [output, Object.keys(inputs).sort()]),
)
writeFileSync(`${outdir}/sources.json`, JSON.stringify(sources, null, 1) + '\n')
