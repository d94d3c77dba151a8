import type { ResourceLimits } from 'node:worker_threads'

/**
 * Heap settings of starkit's worker threads. Parsing Markdown allocates a lot of short-lived
 * objects (micromark's events, tokens and points); with V8's default young generation of a
 * few MB, each scavenge copies the live part of a parse, and a 1,000-file lint spent about a
 * third of its time in scavenges. A larger young generation lets those objects die young.
 * Measured in docs/performance.md.
 */
export const WORKER_RESOURCE_LIMITS: ResourceLimits = {
  maxYoungGenerationSizeMb: 96,
}
