/**
 * `compute`, remembered for the last `max` distinct keys: emptied once it holds `max`, so it
 * never grows with the corpus. For pure functions whose results callers only read.
 */
export function memoize<T>(max: number, compute: (key: string) => T): (key: string) => T {
  const memo = new Map<string, T>()
  return (key) => {
    let value = memo.get(key)
    if (value === undefined) {
      value = compute(key)
      if (memo.size >= max) memo.clear()
      memo.set(key, value)
    }
    return value
  }
}

/**
 * The one copy of `text` that `kept` holds, after putting `text` there if it held none: many
 * records naming the same rule id or address then share one string, not a copy each.
 */
export function intern(kept: Map<string, string>, text: string): string {
  const one = kept.get(text)
  if (one !== undefined) return one
  kept.set(text, text)
  return text
}
