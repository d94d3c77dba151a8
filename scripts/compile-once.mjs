// mdast-util-from-markdown's `fromMarkdown`, with its compiler made once: what the bundle
// (scripts/bundle.mjs) holds in place of the package's lib/index.js.
//
// Why: `fromMarkdown` calls `compiler(options)` on every parse, and `compiler` builds its
// configuration anew each time: ~100 handlers, each a new closure, merged with the mdast
// extensions. Run once a parse, it became hot enough for V8 to optimize it, and it was the
// costliest function TurboFan compiled in a `convert`: ~310-330 ms of a helper thread, in
// every worker thread (`--trace-opt`, docs/performance.md, session 20), for a function that
// runs once a page. Then `compile` copied its context into a new object for every event it
// handled (`Object.assign`).
//
// What changes, and why the trees are the same:
//
// - The compiler is kept per list of mdast extensions, by lib/parse/combine-once.js's
//   `perList` (which keeps micromark's constructs too): `compiler` reads nothing of its
//   options but that list, and what it builds (`config`) is only read afterwards.
// - The one thing of a compiler that a parse writes, `data` (the flags handlers keep between
//   events: `inReference`, `atHardBreak` …), is made for each parse, as it was.
// - Handlers get the context itself as `this`, its `sliceSerialize` set to the event's, not a
//   copy of it: no handler of the package (or of mdast-util-frontmatter) sets a property of
//   `this`; they change `this.stack`, `this.tokenStack` and `this.data`, which the copy shared.
//
// The source is the pinned version's (package.json pins mdast-util-from-markdown exactly); a
// text that is not found exactly once stops the build rather than bundle something else.
// `test/parse/compile-once.test.ts` parses the same documents with both and finds the same trees.

/** Each change: the exact text of 2.0.3, and what replaces it. */
const CHANGES = [
  {
    what: "fromMarkdown's call of `compiler`",
    from: 'return compiler(options)(postprocess(',
    to: 'return compilerOnce(options)(postprocess(',
  },
  {
    what: "the compiler's one `data`",
    from: '  /** @type {CompileData} */\n  const data = {};\n  return compile;',
    to: '  return compile;',
  },
  {
    what: "the context's `data`",
    from: '      resume,\n      data\n    };',
    to: '      resume,\n      /** @type {CompileData} */\n      data: {}\n    };',
  },
  {
    what: "each handler's copy of the context",
    from: '        handler[events[index][1].type].call(Object.assign({\n          sliceSerialize: events[index][2].sliceSerialize\n        }, context), events[index][1]);',
    to: '        context.sliceSerialize = events[index][2].sliceSerialize;\n        handler[events[index][1].type].call(context, events[index][1]);',
  },
]

/** Appended: the compilers kept, one per list of mdast extensions, by `perList` of the module at `perListPath`. */
const kept = (perListPath) => `
import { perList as starkitPerList } from ${JSON.stringify(perListPath)};

const compilerOf = starkitPerList((mdastExtensions) => compiler({ mdastExtensions }));

/**
 * \`compiler(options)\`, made once per list of mdast extensions (scripts/compile-once.mjs).
 *
 * @param {Options | null | undefined} [options]
 */
function compilerOnce(options) {
  return compilerOf((options || {}).mdastExtensions || []);
}
`

/**
 * The package's lib/index.js, changed as above, its compilers kept by `perList` of the module
 * at `perListPath` (lib/parse/combine-once.js); throws where the text is not the pinned version's.
 */
export function compileOnce(source, perListPath) {
  let out = source
  for (const { what, from, to } of CHANGES) {
    const at = out.indexOf(from)
    if (at === -1 || out.indexOf(from, at + 1) !== -1) {
      throw new Error(`compile-once: ${what} is not found exactly once in mdast-util-from-markdown's lib/index.js; is its version still the one package.json pins?`)
    }
    out = out.slice(0, at) + to + out.slice(at + from.length)
  }
  return out + kept(perListPath)
}
