import { h } from './h.js'

import type { Element, Root } from 'hast'

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
  body: Element[]
}

/** A complete HTML document: head with the CSP first, the shipped stylesheet and script. */
export function htmlDocument(options: DocumentOptions): Root {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { httpEquiv: 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }),
          h('meta', { name: 'referrer', content: 'no-referrer' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'color-scheme', content: 'light dark' }),
          options.description === undefined ? null : h('meta', { name: 'description', content: options.description }),
          h('title', options.title),
          h('link', { rel: 'stylesheet', href: `${options.root}assets/style.css` }),
          h('script', { src: `${options.root}assets/app.js`, defer: true }),
        ]),
        h('body', { className: [options.bodyClass] }, [
          h('a.skip-link', { href: '#main' }, 'Skip to content'),
          ...options.body,
        ]),
      ]),
    ],
  }
}
