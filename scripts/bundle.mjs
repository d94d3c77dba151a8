// The CLI as three bundles (`npm run build`, after tsc): lib/bundle/main.cjs, the main
// thread's, and the two worker scripts the CLI starts, lib/bundle/worker.js and
// lib/bundle/digest-worker.js, with what only some commands load (the HTML renderer, the
// converter, the prompts) in chunks of their own that are still loaded only when used. Then
// main.cjs's code cache (scripts/code-cache.mjs).
//
// Why: every start of starkit, and every worker thread it starts, loaded ~200 ES modules one
// by one (resolve, read, compile, link), ~0.3 s before any work: `starkit --version` took
// 0.55–0.60 s, and takes 0.26–0.29 s from the bundle (docs/performance.md, session 9).
// lib/ stays the package's library entry, file for file as tsc writes it, and the bundles are
// made from it, so they hold the same code.
//
// The bundles sit two folders below the package root, as lib/cli/*.js do, so the paths the
// code resolves from `import.meta.url` (`../../schema/`, `../../templates/`,
// `../../package.json`, `./worker.js`) find the same files. The bundles are deterministic; the
// code cache is V8's, made by running the bundle.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { build } from 'esbuild'
import { BUILD_ID_MARK, MODULE_HEAD, MODULE_TAIL } from '../bin/load-main.js'
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
/** What both builds share. */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'eof',
  logLevel: 'warning',
  // Source maps back to src/*.ts through tsc's maps of lib/ (esbuild follows a file's own
  // source map): node reads them only where source maps are on, which the bin turns on for
  // `--debug`, so an internal error's stack names the TypeScript that threw.
  sourcemap: 'linked',
  metafile: true,
  plugins: [combineOnce, fromMarkdownOnce],
}
// The worker threads' scripts, as ES modules, with what only some tasks load (the HTML
// renderer, the converter) in chunks of their own.
const workers = await build({
  ...common,
  entryPoints: { worker: 'lib/cli/worker.js', 'digest-worker': 'lib/cli/digest-worker.js' },
  outdir,
  splitting: true,
  format: 'esm',
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
})
// The CLI's main thread, as one CommonJS file: the one kind of script Node 20 compiles with a
// code cache (bin/load-main.js). What only some commands run (the HTML renderer, the converter,
// the prompts) is in the file, and runs only when a command imports it: esbuild wraps each such
// module in a function that runs it on its first import. Its `import.meta.url` is the file's URL
// (scripts/import-meta-url.mjs).
const MAIN = `${outdir}/main.cjs`
const main = await build({
  ...common,
  entryPoints: ['lib/cli/main.js'],
  outfile: MAIN,
  format: 'cjs',
  charset: 'ascii',
  // The prompts of an interactive `starkit new` (~0.8 MB with what they use): loaded from the
  // package's CommonJS build (`require`) when they are used, not read at every start with the
  // rest. A script compiled by the bin has no `import()` (node gives one only to the files it
  // loads itself), so none is left in the bundle.
  external: ['@inquirer/prompts'],
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: [`${root}scripts/import-meta-url.mjs`],
})
// ASCII only: V8 holds a source with any other character in two bytes a character, and the bin
// reads and copies the bundle (~1.4 MB) at every start (~15 ms more at 2 MB). esbuild escapes
// strings and names (`charset`), not regular expressions (which would change their `source`)
// or comments: here each character of those that is not ASCII is written as its `\u` escape,
// which means the same character in a regular expression, with or without the `u` flag.
// The bundle ends with the id of its build, which its code cache must carry (bin/load-main.js):
// a cache of another build is never used for it, whatever V8 would say.
const text = readFileSync(MAIN, 'utf8').replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
const id = createHash('sha256').update(text).digest('hex')
// The module is a function of CommonJS's variables, in the file itself: a script whose value is
// that function, which the bin compiles as it is (its text not copied again to add the function
// around it), and calls. Loaded by node as CommonJS (`require`, for `--debug`), the same text
// calls the function with the module's variables. On the first line, so that the lines of the
// source map are still the file's.
const [head, ...rest] = text.replace(/\n?$/, '').split('\n')
writeFileSync(MAIN, [`${MODULE_HEAD}${head}`, ...rest, `${BUILD_ID_MARK.slice(1)}${id}`, MODULE_TAIL].join('\n') + '\n')
// Which sources each file of the bundle holds, for test/cli/startup.test.ts (which checks what
// a command loads) and for anyone reading a profile of the bundle.
const sources = Object.fromEntries(
  [...Object.entries(workers.metafile.outputs), ...Object.entries(main.metafile.outputs)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([output, { inputs }]) => [output, Object.keys(inputs).sort()]),
)
writeFileSync(`${outdir}/sources.json`, JSON.stringify(sources, null, 1) + '\n')
// The code cache of main.cjs, made by running it (scripts/code-cache.mjs): in a process of its own,
// which sets the bin's flags and nothing else.
const made = spawnSync(process.execPath, [`${root}scripts/code-cache.mjs`], { stdio: 'inherit' })
if (made.status !== 0) process.exit(made.status ?? 1)
