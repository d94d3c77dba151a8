/**
 * The built site in a real browser: Debian's Chromium driven by playwright-core, one launch
 * for the whole file. The site is served from a temporary folder on 127.0.0.1; every request
 * is recorded and anything not for that server is aborted and fails the test.
 */
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { buildSite } from '../../src/emit/site.js'
import { corpus, SCHEMA_ID } from './fixtures/corpus.js'
import { hostileScenario } from './fixtures/hostile.js'
import { CHROMIUM, CHROMIUM_ARGS, skipBrowser } from './helpers/chromium.js'
import { serve } from './helpers/serve.js'
import { writeSite } from './helpers/write-site.js'

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const ARTIFACTS = resolve('test-artifacts')
const SEED = 'scenarios/customer-unhappy-webhook-drops.html'

interface Watched {
  page: Page
  errors: string[]
  foreign: string[]
  dialogs: string[]
}

describe.skipIf(skipBrowser())('the site in Chromium', () => {
  let browser: Browser
  let dir: string
  let server: Awaited<ReturnType<typeof serve>>
  let pages: string[]
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'starkit-site-'))
    const files = buildSite([...corpus(), { path: 'scenarios/hostile.md', scenario: hostileScenario(), messages: [] }], { scenarioSchemaId: SCHEMA_ID })
    await writeSite(join(dir, 'fixtures'), files)
    pages = [...files.keys()].filter((p) => p.endsWith('.html')).map((p) => `fixtures/${p}`)
    // The project's own scenarios, built by the CLI, when there are any.
    const own = resolve('scenarios')
    if (existsSync(own) && readdirSync(own).some((n) => n.endsWith('.md'))) {
      let stderr = ''
      const io = { cwd: resolve('.'), stdout: () => {}, stderr: (s: string) => void (stderr += s), stdoutIsTTY: false, stdinIsTTY: false, env: {} }
      const code = await main(['build', 'scenarios', '-o', join(dir, 'own')], io)
      expect(code, stderr).toBe(0)
      pages.push('own/index.html', ...readdirSync(join(dir, 'own', 'scenarios')).filter((n) => n.endsWith('.html')).map((n) => `own/scenarios/${n}`))
    }
    server = await serve(dir)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    await mkdir(ARTIFACTS, { recursive: true })
  }, 60_000)

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await server?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  /** A page in a fresh context that records console errors, dialogs and foreign requests. */
  async function open(options: Parameters<Browser['newContext']>[0] = {}): Promise<Watched> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, ...options })
    contexts.push(context)
    const w: Watched = { page: await context.newPage(), errors: [], foreign: [], dialogs: [] }
    await context.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(server.origin + '/') || url.startsWith(pathToFileURL(dir).href + '/')) return route.continue()
      w.foreign.push(url)
      return route.abort()
    })
    w.page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') w.errors.push(`${m.type()}: ${m.text()}`)
    })
    w.page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`))
    w.page.on('dialog', (d) => {
      w.dialogs.push(d.message())
      void d.dismiss()
    })
    return w
  }

  const url = (path: string) => `${server.origin}/${path}`

  it('loads every page with no console error and no request outside the output folder', async () => {
    const w = await open()
    const requested = new Set<string>()
    w.page.on('request', (r) => requested.add(r.url()))
    for (const path of pages) {
      const response = await w.page.goto(url(path), { waitUntil: 'load' })
      expect(response?.status(), path).toBe(200)
      expect(await w.page.locator('h1').count(), path).toBe(1)
    }
    expect(w.errors).toEqual([])
    expect(w.foreign).toEqual([])
    const prefix = `${server.origin}/`
    for (const r of requested) expect(r.startsWith(prefix), r).toBe(true)
    // The stylesheet and the script were actually fetched and applied.
    expect(requested).toContain(url('fixtures/assets/style.css'))
    expect(requested).toContain(url('fixtures/assets/app.js'))
  }, 60_000)

  it('runs nothing from a hostile scenario, even with every details opened', async () => {
    const w = await open()
    for (const path of ['fixtures/index.html', 'fixtures/scenarios/hostile.html']) {
      await w.page.goto(url(path))
      await w.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)))
      for (const m of await w.page.locator('mark').all()) await m.click({ trial: false, timeout: 2000 }).catch(() => {})
      await w.page.waitForTimeout(50)
      const state = await w.page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        scripts: [...document.scripts].map((s) => s.getAttribute('src')),
        injected: document.querySelectorAll('body img, body iframe, body svg, body style, body object, body embed, [onerror], [onload]').length,
        javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
        title: document.title,
      }))
      expect(state.pwned, path).toBeUndefined()
      expect(state.scripts).toEqual([path.includes('/scenarios/') ? '../assets/app.js' : 'assets/app.js'])
      expect(state.injected).toBe(0)
      expect(state.javascriptLinks).toBe(0)
      if (path.endsWith('hostile.html')) expect(state.title).toBe(`${hostileScenario().question} · STAR walkthroughs`)
    }
    expect(await w.page.locator('.url').textContent()).toBe('javascript:window.__pwned=1')
    expect(w.dialogs).toEqual([])
    expect(w.errors).toEqual([])
    expect(w.foreign).toEqual([])
  }, 30_000)

  it('narrows the index by company, principle, level and text, and keeps the state in the URL', async () => {
    const { page, errors } = await open()
    await page.goto(url('fixtures/index.html'))
    const visible = () => page.locator('.scenario-card:visible h2').allTextContents()
    const status = page.locator('#count')
    await expect.poll(visible).toHaveLength(4)
    expect(await status.textContent()).toBe('4 scenarios')

    await page.selectOption('#filter-company', 'Google')
    expect(await visible()).toEqual(['Tell me about a time you disagreed with a teammate'])
    expect(await status.textContent()).toBe('Showing 1 of 4 scenarios')
    expect(new URL(page.url()).search).toBe('?company=Google')

    await page.selectOption('#filter-company', '')
    await page.selectOption('#filter-principle', 'Deliver Results')
    expect(await visible()).toEqual(['Tell me about a time you had to make a trade-off to meet a deadline'])
    await page.selectOption('#filter-principle', '')

    await page.selectOption('#filter-level', 'SDE2')
    expect(await visible()).toEqual(['Tell me about a time a customer was unhappy and what you did about it'])
    await page.selectOption('#filter-level', '')

    await page.fill('#filter-q', 'WEBHOOK')
    expect(await visible()).toHaveLength(2)
    await page.fill('#filter-q', 'dual-write migration')
    expect(await visible()).toEqual(['Tell me about a time you disagreed with a teammate'])
    await page.selectOption('#filter-company', 'Amazon')
    expect(await visible()).toEqual([])
    expect(await page.locator('#no-results').isVisible()).toBe(true)
    expect(await status.textContent()).toBe('Showing 0 of 4 scenarios')

    await page.click('button[type=reset]')
    await expect.poll(visible).toHaveLength(4)
    expect(await page.locator('#no-results').isVisible()).toBe(false)

    await page.goto(url('fixtures/index.html?company=Amazon&principle=Ownership&q=customer'))
    expect(await page.inputValue('#filter-q')).toBe('customer')
    expect(await visible()).toEqual(['Tell me about a time a customer was unhappy and what you did about it'])
    expect(errors).toEqual([])
  }, 30_000)

  it("filters the project's own index too (its scenarios have no level)", async (t) => {
    if (!pages.includes('own/index.html')) return t.skip()
    const { page, errors } = await open()
    await page.goto(url('own/index.html'))
    const total = await page.locator('.scenario-card').count()
    await page.fill('#filter-q', 'zzzz-no-such-word')
    expect(await page.locator('.scenario-card:visible').count()).toBe(0)
    await page.fill('#filter-q', '')
    expect(await page.locator('.scenario-card:visible').count()).toBe(total)
    expect(errors).toEqual([])
  }, 30_000)

  it('lists every scenario without JavaScript, with the filter form hidden', async () => {
    const { page } = await open({ javaScriptEnabled: false })
    await page.goto(url('fixtures/index.html'))
    expect(await page.locator('.scenario-card:visible').count()).toBe(4)
    expect(await page.locator('#filters').isVisible()).toBe(false)
    await page.goto(url(`fixtures/${SEED}`))
    await page.locator('.answer summary').first().click()
    expect(await page.locator('.answer .correct').first().isVisible()).toBe(true)
  }, 30_000)

  it('works when opened straight from disk (file://)', async () => {
    const { page, errors, foreign } = await open()
    await page.goto(pathToFileURL(join(dir, 'fixtures', 'index.html')).href)
    expect(await page.locator('#filters').isVisible()).toBe(true)
    await page.selectOption('#filter-company', 'Google')
    expect(await page.locator('.scenario-card:visible').count()).toBe(1)
    await page.click('.scenario-card:visible a')
    await page.waitForURL(/disagreed-with-teammate-migration\.html$/)
    expect(await page.locator('.step').count()).toBe(5)
    expect(errors).toEqual([])
    expect(foreign).toEqual([])
  }, 30_000)

  it('keeps a practice answer hidden until asked for, and follow-ups open and close', async () => {
    const { page, errors } = await open()
    await page.goto(url(`fixtures/${SEED}`))
    const answer = page.locator('.question').nth(1).locator('.answer')
    const correct = answer.locator('.correct')
    expect(await correct.isVisible()).toBe(false)
    expect(await page.locator('.question').nth(1).locator('.options').isVisible()).toBe(true)
    await answer.locator('summary').click()
    expect(await correct.textContent()).toBe('Answer: D. Manager-assigned initiation, no self-driven ownership')
    expect(await correct.isVisible()).toBe(true)
    expect(await page.locator('.answer[open]').count()).toBe(1)

    const followUp = page.locator('.followup').first()
    const strong = followUp.locator('.strong')
    expect(await strong.isVisible()).toBe(false)
    await followUp.locator('summary').click()
    expect(await strong.isVisible()).toBe(true)
    await followUp.locator('summary').click()
    expect(await strong.isVisible()).toBe(false)

    // Printing opens every details so the page prints whole, then puts them back.
    await page.emulateMedia({ media: 'print' })
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
    expect(await page.locator('details:not([open])').count()).toBe(0)
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
    expect(await page.locator('details[open]').count()).toBe(1)
    expect(errors).toEqual([])
  }, 30_000)

  it('has no serious or critical accessibility violation (axe-core), light and dark, desktop and phone', async () => {
    const found: string[] = []
    for (const [colorScheme, width] of [['light', 1000], ['dark', 390]] as const) {
      // bypassCSP only so axe itself can be injected; the pages are checked under their CSP above.
      const { page } = await open({ bypassCSP: true, colorScheme, viewport: { width, height: 900 } })
      for (const path of ['fixtures/index.html', `fixtures/${SEED}`, 'fixtures/scenarios/missed-launch-deadline.html']) {
        await page.goto(url(path))
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)))
        await page.addScriptTag({ path: AXE })
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe
          const r = await axe.run(document, { resultTypes: ['violations'] })
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
        })
        for (const v of violations)
          if (v.impact === 'serious' || v.impact === 'critical') found.push(`${colorScheme} ${width}px ${path}: ${v.id} (${v.impact}) at ${v.targets.join(', ')}`)
      }
    }
    expect(found).toEqual([])
  }, 60_000)

  it('writes screenshots of the index and a scenario page to test-artifacts/', async () => {
    const { page } = await open()
    await page.goto(url('fixtures/index.html'))
    await page.screenshot({ path: join(ARTIFACTS, 'index.png'), fullPage: true })
    await page.goto(url(`fixtures/${SEED}`))
    await page.screenshot({ path: join(ARTIFACTS, 'scenario.png'), fullPage: true })
    const phone = await open({ colorScheme: 'dark', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    await phone.page.goto(url(`fixtures/${SEED}`))
    await phone.page.screenshot({ path: join(ARTIFACTS, 'scenario-phone-dark.png') })
    for (const name of ['index.png', 'scenario.png', 'scenario-phone-dark.png']) expect(existsSync(join(ARTIFACTS, name)), name).toBe(true)
  }, 30_000)
})
