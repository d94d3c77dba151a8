import { documentHtml, m, type Markup } from './markup.js'

/**
 * The Content-Security-Policy of every page: only the files the build shipped may run or
 * style the page, and nothing may be fetched from anywhere else.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"

export interface DocumentOptions {
  title: string
  description?: string
  /** The path from the page to the site root: `''` for the index, `'../'` one folder down. */
  root: string
  /** A class on `<body>` the stylesheet and the script key on. */
  bodyClass: string
  body: Markup[]
}

/** A complete HTML document: head with the CSP first, the shipped stylesheet and script. */
export function htmlDocument(options: DocumentOptions): string {
  return documentHtml(
    m('html', { lang: 'en' }, [
      m('head', [
        m('meta', { charSet: 'utf-8' }),
        m('meta', { httpEquiv: 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }),
        m('meta', { name: 'referrer', content: 'no-referrer' }),
        m('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        m('meta', { name: 'color-scheme', content: 'light dark' }),
        options.description === undefined ? null : m('meta', { name: 'description', content: options.description }),
        m('title', options.title),
        m('link', { rel: 'stylesheet', href: `${options.root}assets/style.css` }),
        m('script', { src: `${options.root}assets/app.js`, defer: true }),
      ]),
      m('body', { className: [options.bodyClass] }, [
        m('a.skip-link', { href: '#main' }, 'Skip to content'),
        ...options.body,
      ]),
    ]),
  )
}
