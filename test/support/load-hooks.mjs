// Module hooks for test/cli/startup.test.ts: print every module URL a thread resolves.
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  process.stderr.write(`loaded ${resolved.url}\n`)
  return resolved
}
