// How the bin loads the CLI: lib/bundle/main.cjs (scripts/bundle.mjs), compiled with the V8
// code cache `npm run build` made for it (scripts/code-cache.mjs), when V8 takes that cache.
//
// Why: a process that loads JavaScript compiles it first, and compiles each function again
// the first time it is called. A warm `lint --cache` of the bench's 10,000 files ran for
// ~0.6 s, and a tenth of that went to compiling: the bundle's ~1 MB of ES modules parsed at
// its start, then the parser, the rules and the report compiled function by function as the
// run first called them (the changed file is linted on this thread). A code cache holds the
// compiled functions, and loading it costs a fraction of compiling them. Node 20 takes a code
// cache for a script it is given (`vm.Script`'s `cachedData`), not for an ES module or a file
// it loads itself (`module.enableCompileCache` is Node 22's): hence one CommonJS file, compiled
// here. Alternated with the ES modules (docs/performance.md, session 28): the bench's warm run
// 0.53-0.56 s against 0.61-0.70 s (ten pairs, each faster), a lint of one file 0.29-0.32 s
// against 0.33-0.42 s, `--version` 0.22 s against 0.25 s.
//
// V8 takes a cache only from its own version, for a source of the same length, in a process
// whose flags hash as they did (a heap size given to node is enough to differ); here it must
// also be this build's (`starkit-build=` at the bundle's end, and the first bytes of the
// cache). Otherwise the bundle is compiled from its source, as it would be without a cache.
// Worker threads load the ES module bundles (lib/bundle/worker.js): a run that starts them
// lasts seconds, and their start is not what it waits for.
import { isAscii } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'

/** The CLI's bundle. */
export const MAIN = fileURLToPath(new URL('../lib/bundle/main.cjs', import.meta.url))
/** Its code cache: the build's id (`BUILD_ID_LENGTH` bytes), then V8's data. */
export const CODE_CACHE = `${MAIN}.cache`
/** What ends the bundle: the id of its build, a hash of the bundle before it. */
export const BUILD_ID_MARK = '\n//# starkit-build='
export const BUILD_ID_LENGTH = 64

/** The id a bundle's text ends with, or undefined. */
export function buildIdOf(source) {
  const at = source.lastIndexOf(BUILD_ID_MARK)
  return at === -1 ? undefined : source.slice(at + BUILD_ID_MARK.length, at + BUILD_ID_MARK.length + BUILD_ID_LENGTH)
}

/** V8's data of the code cache at `path` when it was made for the build `id`, else undefined. */
function cacheFor(path, id) {
  let bytes
  try {
    bytes = readFileSync(path)
  } catch {
    return undefined
  }
  return id !== undefined && bytes.length > BUILD_ID_LENGTH && bytes.toString('latin1', 0, BUILD_ID_LENGTH) === id ? bytes.subarray(BUILD_ID_LENGTH) : undefined
}

/**
 * What scripts/bundle.mjs writes around the bundle: the module as a function of CommonJS's
 * variables, which is the script's value when it runs as a script (here), and which is called
 * with the module's own variables when node loads the file as CommonJS (`requireMain`): there,
 * and only there, `module` is a variable whose `exports` are `exports`.
 */
export const MODULE_HEAD =
  "(function (main) { return typeof module === 'object' && module !== null && module.exports === exports ? main(exports, require, module, __filename, __dirname) : main })(function (exports, require, module, __filename, __dirname) {"
export const MODULE_TAIL = '})'

/**
 * The bundle compiled, not yet run: with its code cache unless `cache` is false. `cache` is
 * `'accepted'`, `'rejected'` (V8 would not take it: another node, other flags) or `'none'`
 * (no cache of this build). `run()` runs the bundle once and gives its exports; `script` and
 * `id` (the build's) are for scripts/code-cache.mjs, which makes the cache.
 */
export function compileMain({ cache = true } = {}) {
  // The bundle is ASCII (scripts/bundle.mjs): read as Latin-1, its text is one byte a character
  // outside V8's heap, not decoded as UTF-8 into it (~8 ms of a 2 MB bundle here). Anything
  // else is read as UTF-8.
  const bytes = readFileSync(MAIN)
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')
  const id = buildIdOf(source)
  const cachedData = cache ? cacheFor(CODE_CACHE, id) : undefined
  const script = new Script(source, { filename: MAIN, cachedData })
  let exports
  return {
    script,
    id,
    cache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted',
    run() {
      if (exports === undefined) {
        const module = { exports: {} }
        const main = script.runInThisContext()
        main.call(module.exports, module.exports, createRequire(MAIN), module, MAIN, dirname(MAIN))
        exports = module.exports
      }
      return exports
    },
  }
}

/**
 * The bundle loaded by node itself, without the code cache: node applies a file's source map
 * only to what it loads (with source maps on), not to a script compiled here. For `--debug`,
 * whose stacks show the lines of src/*.ts.
 */
export function requireMain() {
  return createRequire(import.meta.url)(MAIN)
}
