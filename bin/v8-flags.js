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
