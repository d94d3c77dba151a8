import { existsSync } from 'node:fs'

/** Debian's Chromium, as DEVELOPERS.md and .ci/run install it. */
export const CHROMIUM = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Whether to skip the browser suite: only when Chromium is missing outside CI. In CI a
 * missing browser fails the suite instead of passing it silently.
 */
export function skipBrowser(): boolean {
  if (existsSync(CHROMIUM)) return false
  if (process.env['CI']) return false
  console.warn(`Skipping browser tests: ${CHROMIUM} is missing (apt-get install chromium). In CI they run.`)
  return true
}
