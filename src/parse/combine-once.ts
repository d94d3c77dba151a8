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

/** Combinations kept: one per list of extensions a thread parses with (lint's, convert's), and a few more. */
const KEPT = 4

const kept: { extensions: readonly Extension[]; combined: NormalizedExtension }[] = []

const same = (a: readonly Extension[], b: readonly Extension[]): boolean => a.length === b.length && a.every((extension, i) => extension === b[i])

export function combineExtensions(extensions: readonly Extension[]): NormalizedExtension {
  for (const k of kept) if (same(k.extensions, extensions)) return k.combined
  const combined = combine(extensions)
  kept.unshift({ extensions: [...extensions], combined })
  if (kept.length > KEPT) kept.pop()
  return combined
}
