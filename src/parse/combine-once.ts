/**
 * micromark's `combineExtensions`, remembered: the bundle (scripts/bundle.mjs) gives it to
 * micromark's `parse` in place of the original.
 *
 * micromark's `parse` combines its default constructs with the syntax extensions on every
 * call: ~19 µs of every parse, and lint parses a scenario in ~5 stretches (chunked.ts), so
 * ~2 % of a lint's CPU went to combining the same extensions again. remark-parse hands `parse`
 * the same extension objects each time (its processor's `micromarkExtensions`), so the
 * combination is kept for that list of objects and handed back while the list is the same.
 * micromark only reads the combined constructs; every parse still gets its own parser state
 * (`defined`, `lazy`) from `parse`. The result of the original for the same list is equal
 * (`test/parse/combine-once.test.ts`).
 */
import { combineExtensions as combine } from 'micromark-util-combine-extensions'
import type { Extension, NormalizedExtension } from 'micromark-util-types'

export { combineHtmlExtensions } from 'micromark-util-combine-extensions'

/** Results kept: one per list a thread uses (lint's, convert's), and a few more. */
const KEPT = 4

/**
 * `make(list)`, remembered for the last few lists by the identity of each of their items:
 * handed back while a caller passes a list of the same objects, as remark-parse passes its
 * processor's extensions to every parse. Also what mdast-util-from-markdown's compiler is
 * kept by in the bundle (scripts/compile-once.mjs).
 */
export function perList<I, T>(make: (list: readonly I[]) => T): (list: readonly I[]) => T {
  const kept: { list: readonly I[]; value: T }[] = []
  return (list) => {
    for (const k of kept) if (k.list.length === list.length && k.list.every((item, i) => item === list[i])) return k.value
    const value = make(list)
    kept.unshift({ list: [...list], value })
    if (kept.length > KEPT) kept.pop()
    return value
  }
}

const combined = perList<Extension, NormalizedExtension>(combine)

export function combineExtensions(extensions: readonly Extension[]): NormalizedExtension {
  return combined(extensions)
}
