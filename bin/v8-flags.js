// The V8 flags bin/starkit.js sets for a run, and the ones it leaves: a flag given to node on
// its own command line (`node --semi-space-growth-factor=4 bin/starkit.js …`) is the user's,
// and the bin neither sets it at its start nor sets it back later (a heavy run's V8 default).
// Plain JavaScript beside the bin: some flags are set before the bundle is imported.

/** The name a V8 flag argument sets: without its dashes, a `no-`, a value; `_` read as `-`. */
export function flagName(arg) {
  const match = /^--?([^=\s]+)/.exec(arg)
  if (!match) return undefined
  const name = match[1].replaceAll('_', '-')
  return name.startsWith('no-') ? name.slice(3) : name
}

/** The names of the V8 flags in node's own arguments (`process.execArgv`). */
export function givenFlags(execArgv) {
  const names = new Set()
  for (const arg of execArgv) {
    const name = flagName(arg)
    if (name !== undefined) names.add(name)
  }
  return names
}

/**
 * A `setFlagsFromString` that leaves the flags in `given` (`givenFlags`) as the user gave
 * them; whether it set `flag`.
 */
export function flagSetter(setFlagsFromString, given) {
  return (flag) => {
    if (given.has(flagName(flag))) return false
    setFlagsFromString(flag)
    return true
  }
}

/**
 * The flags the bin sets at its start, before it loads the bundle, in this order. They are also
 * the flags the bundle's code cache is made under (scripts/code-cache.mjs): V8 uses a code cache
 * only in a process whose flags are the ones it was made with (bin/load-main.js).
 */
export const START_FLAGS = [
  // No concurrent marking: each heap marks on its own thread (incrementally, in steps), not on
  // V8's helper threads as well. lint, build and convert start as many worker threads as there
  // are cores, so there is no idle core for a helper to mark on: its marking only took the
  // cores from the workers, and cost more in all. 10,000 files: V8's helper threads used ~6 CPU-s
  // instead of ~9.5 in a cold lint (~3 % less wall time), ~9 instead of ~14.5 in a build (11-14 %
  // less), at a peak 15-30 MB higher (docs/performance.md, session 16). Set before anything is
  // imported, so that no collection has started marking yet: the flag is read when one starts.
  '--no-concurrent-marking',
  // TurboFan inlines less into each function it optimizes: at most 100 bytes of bytecode in all,
  // not V8's 920. Every thread of a run optimizes the same functions again in its own heap, on
  // two cores that the threads themselves keep busy, so what a compilation costs is paid in
  // wall time, and over a run of seconds it is not earned back by faster code: alternated runs
  // (docs/performance.md, session 20) of convert, 1,000 pages: 2.8-3.0 s against 3.1-3.3 s;
  // lint, 2,000 files: 6.7-6.8 s against 7.3-7.7 s; lint, 10,000 files: the same or faster.
  // V8 reads the flag at each compilation, in every thread.
  '--max-inlined-bytecode-size-cumulative=100',
  // TurboFan calls Array.prototype.map, filter, forEach and the like, rather than writing their
  // loops into the optimized function. Written in, `map` makes a holey array where the builtin
  // makes a packed one: every function that reads such an array, optimized while it was given
  // packed ones, is thrown away at its first holey one ("wrong map") and optimized again, and
  // the function that maps is thrown away at its own next read. A convert of 1,000 pages threw
  // away 63 optimized functions and compiled for 2.75 CPU-s; with the flag, 25 and 2.06 CPU-s,
  // and took 3.12-3.40 s against 3.28-3.69 s (alternated). Lint of 10,000 files: 19.2-20.4 s
  // against 20.6-21.5 s; build of 10,000 files the same within the noise (medians of ten runs
  // 24.9 and 24.1 s, each spread over 7 s) (docs/performance-history.md, session 21).
  '--no-turbo-inline-array-builtins',
]

/**
 * The bin's setter (`flagSetter` over node's own arguments `execArgv`), once it has set the
 * start flags through it: how the bin starts, and how the process that makes the bundle's code
 * cache starts (scripts/code-cache.mjs), so that the cache is made under the flags the bin runs with.
 */
export function startFlags(setFlagsFromString, execArgv) {
  const setFlag = flagSetter(setFlagsFromString, givenFlags(execArgv))
  for (const flag of START_FLAGS) setFlag(flag)
  return setFlag
}
