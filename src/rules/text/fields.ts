import { pointer, type Pointer } from '../../model/index.js'

/** One string value of a scenario and where it is. */
export interface Field {
  at: Pointer
  value: string
}

/** Every string value of `data` (a scenario or a part of one), depth first, in key order. */
export function stringFields(data: unknown, ...base: (string | number)[]): Field[] {
  const out: Field[] = []
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') out.push({ at: pointer(...path), value })
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]))
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...path, k])
  }
  walk(data, base)
  return out
}
