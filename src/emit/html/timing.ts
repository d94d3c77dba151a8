/** The speaking rate the estimates assume: a calm interview pace. */
export const WORDS_PER_MINUTE = 150

/** Words as a listener hears them: `0.3%`, `$8K` and `cross-team` count once. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.,\-][\p{L}\p{N}]+)*/gu)?.length ?? 0
}

/** Seconds it takes to say `words` words at {@link WORDS_PER_MINUTE}. */
export function speakingSeconds(words: number): number {
  return Math.round((words * 60) / WORDS_PER_MINUTE)
}

/** `45s`, `1m 30s`, `2m`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  const rest = s % 60
  return rest === 0 ? `${m}m` : `${m}m ${rest}s`
}
