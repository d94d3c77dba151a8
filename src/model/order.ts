/**
 * Order strings by UTF-16 code unit: the same on every machine. `localeCompare` follows the
 * user's locale (`LC_ALL=sv_SE` puts `ä` after `z`) and the ICU data Node ships with, so the
 * same input could come out in another order elsewhere (test/rules/order.test.ts).
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
