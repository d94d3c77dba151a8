import { pointer, type Pointer } from '../../model/index.js'

/** One string value of a scenario and where it is. */
export interface Field {
  at: Pointer
  value: string
}

/** Every string value of `data` (a scenario or a part of one), depth first, in key order. */
export function stringFields(data: unknown, ...base: (string | number)[]): Field[] {
  const out: Field[] = []
  // Each pointer is its parent's and one segment more, not made again from the whole path.
  const walk = (value: unknown, at: Pointer): void => {
    if (typeof value === 'string') out.push({ at, value })
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}/${i}`))
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, at + pointer(k))
  }
  walk(data, pointer(...base))
  return out
}
