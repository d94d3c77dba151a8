import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url))
export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url))

export const seedNames = (): string[] => readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort()

/** A seed's bytes, by its number (`000` …). */
export function seed(n: string): Uint8Array {
  const name = seedNames().find((f) => f.startsWith(n))!
  return new Uint8Array(readFileSync(SEEDS_DIR + name))
}

export const seedText = (n: string): string => new TextDecoder().decode(seed(n))
