/**
 * `assets/style.css`, shipped with the site (the CSP allows no inline style). Kept as a
 * string so the pure emitter needs no file system and `tsc` needs no copy step.
 * System fonts only: no web font is ever fetched.
 */
export const STYLE_CSS = `/* starkit site stylesheet: light and dark, phone and print. */
:root {
  color-scheme: light dark;
  --bg: #f7f6f2;
  --surface: #ffffff;
  --surface-2: #f0efe9;
  --text: #1c1e22;
  --muted: #4f5663;
  --border: #dcd9d0;
  --accent: #1f4fb8;
  --mark-bg: #ffe58a;
  --mark-text: #1c1e22;
  --weak: #9b1c1c;
  --weak-bg: #fdf0ef;
  --strong: #146c2e;
  --strong-bg: #eef8f0;
  --s-situation: #0e7490;
  --s-task: #6d28d9;
  --s-action: #1d4ed8;
  --s-result: #15803d;
  --s-reflection: #a15c07;
  --radius: 10px;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #131519;
    --surface: #1c1f25;
    --surface-2: #252932;
    --text: #ebe9e4;
    --muted: #b1b7c3;
    --border: #363b46;
    --accent: #8fb3ff;
    --mark-bg: #5c4a0c;
    --mark-text: #fff4cc;
    --weak: #ffaaa3;
    --weak-bg: #2c1b1b;
    --strong: #8ee0a4;
    --strong-bg: #17281c;
    --s-situation: #5ccde6;
    --s-task: #c4a6ff;
    --s-action: #93b4ff;
    --s-result: #7fdc9a;
    --s-reflection: #f2b65c;
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto;
  max-width: 52rem;
  padding: 1rem 1rem 3rem;
  background: var(--bg);
  color: var(--text);
  font: 1.0625rem/1.6 var(--font);
  overflow-wrap: anywhere;
}
a { color: var(--accent); text-underline-offset: 0.15em; }
a:focus-visible, summary:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible {
  outline: 3px solid var(--accent);
  outline-offset: 2px;
}
.skip-link { position: absolute; left: -999px; top: 0; }
.skip-link:focus { left: 1rem; top: 1rem; background: var(--surface); padding: 0.5rem 1rem; z-index: 1; }
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: 1.75rem; margin: 0.25rem 0 0.75rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--border); }
h3 { font-size: 1.1rem; margin: 0; }
blockquote { margin: 0; padding: 0.6rem 1rem; border-left: 4px solid var(--border); background: var(--surface-2); border-radius: 0 var(--radius) var(--radius) 0; }
blockquote p { margin: 0; }
mark { background: var(--mark-bg); color: var(--mark-text); padding: 0 0.15em; border-radius: 3px; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.label { margin: 1rem 0 0.3rem; font-size: 0.8rem; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
.hint, .lede, .count, .kicker, .meta { color: var(--muted); }
.kicker { margin: 0.75rem 0 0; font-weight: 600; }
.crumbs a { text-decoration: none; font-weight: 600; }
.crumbs a:hover { text-decoration: underline; }
.chips { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; margin: 0.4rem 0; padding: 0; }
.chips li { background: var(--surface-2); border: 1px solid var(--border); border-radius: 999px; padding: 0 0.6rem; font-size: 0.85rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0.75rem 0; }
.facts dt { font-weight: 600; color: var(--muted); }
.facts dd { margin: 0; }
.facts .chips { margin: 0; }
.toc ol { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0.6rem 0 0; margin: 0.5rem 0 0; border-top: 1px solid var(--border); }
.site-footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.9rem; }
.url { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }

/* index */
.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.75rem; align-items: end; padding: 1rem; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); }
.field label { display: block; font-weight: 600; font-size: 0.9rem; margin-bottom: 0.2rem; }
.field-search { grid-column: 1 / -1; }
input, select, button { font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--muted); border-radius: 6px; padding: 0.4rem 0.55rem; width: 100%; min-height: 2.5rem; }
button { cursor: pointer; background: var(--surface-2); font-weight: 600; }
.scenario-list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.9rem; }
.scenario-card article { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.1rem; }
.scenario-card h2 { font-size: 1.15rem; margin: 0 0 0.25rem; padding: 0; border: 0; }
.scenario-card .meta { margin: 0; font-size: 0.9rem; }
.scenario-card .summary { margin: 0.5rem 0 0; }
.no-results { padding: 1rem; text-align: center; }

/* steps */
.steps-summary { color: var(--muted); }
.steps { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; }
.step article { --step: var(--accent); background: var(--surface); border: 1px solid var(--border); border-top: 5px solid var(--step); border-radius: var(--radius); padding: 1rem 1.1rem; }
.step-situation article { --step: var(--s-situation); }
.step-task article { --step: var(--s-task); }
.step-action article { --step: var(--s-action); }
.step-result article { --step: var(--s-result); }
.step-reflection article { --step: var(--s-reflection); }
.step-header { display: grid; grid-template-columns: auto 1fr; grid-template-areas: "letter title" "letter timing"; column-gap: 0.8rem; align-items: center; margin-bottom: 0.25rem; }
.step-letter { grid-area: letter; display: grid; place-items: center; width: 2.6rem; height: 2.6rem; border-radius: 50%; border: 3px solid var(--step); color: var(--step); font-weight: 800; font-size: 1.3rem; }
.step-header h3 { grid-area: title; font-size: 1.2rem; }
.timing { grid-area: timing; margin: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; font-size: 0.9rem; }
.timing .k { color: var(--muted); }
.timing .target { font-weight: 700; }
.timing .words { color: var(--muted); }
.timing .over .flag { color: var(--weak); font-weight: 700; }
.example blockquote { border-left-color: var(--step); font-size: 1.05rem; }
.phrase-list { display: flex; flex-wrap: wrap; gap: 0.4rem; list-style: none; padding: 0; margin: 0; }
.phrase-list li { border: 1px dashed var(--border); border-radius: 6px; padding: 0.05rem 0.5rem; font-size: 0.92rem; }
.phrase-list li.found { border-style: solid; }
.phrase-list .note { color: var(--muted); font-size: 0.85rem; }
.advice { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0 1.2rem; }
.advice p:not(.label) { margin: 0; }
.mistake .label { color: var(--weak); }
.no-example { color: var(--muted); font-style: italic; }
.level-reflections dl { margin: 0; }
.level-reflections dt { font-weight: 700; margin-top: 0.4rem; }
.level-reflections dd { margin: 0; }

/* follow-ups, weak answer */
details { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); margin: 0.6rem 0; }
details > summary { cursor: pointer; padding: 0.7rem 1rem; font-weight: 600; }
details[open] > summary { border-bottom: 1px solid var(--border); }
.details-body { padding: 0.1rem 1rem 1rem; }
.details-body > :first-child { margin-top: 0.75rem; }
.details-body > :last-child { margin-bottom: 0; }
.compare { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.weak .label, .critique { color: var(--weak); }
.weak blockquote { border-left-color: var(--weak); background: var(--weak-bg); }
.strong .label { color: var(--strong); }
.strong blockquote { border-left-color: var(--strong); background: var(--strong-bg); }
.critique { font-size: 0.95rem; margin: 0.4rem 0 0; }
.takeaway { font-weight: 600; }
.weak-answer blockquote { border-left-color: var(--weak); background: var(--weak-bg); }
.flaws { margin: 0; padding-left: 1.3rem; }
.flaws li::marker { color: var(--weak); }
.verdict { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 0.7rem 1rem; }

/* levels, angles */
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.1rem; }
.card p { margin: 0.5rem 0; }
.card dl { margin: 0; }
.card dt { font-weight: 700; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin-top: 0.6rem; }
.card dd { margin: 0.1rem 0 0; }
.time-limit { display: inline-block; font-size: 0.8rem; font-weight: 600; color: var(--muted); border: 1px solid var(--border); border-radius: 999px; padding: 0 0.5rem; vertical-align: middle; }

/* self-check, practice */
.self-check > li, .quiz > li { margin-bottom: 1rem; }
.self-check p { margin: 0.2rem 0; }
.quiz { list-style: none; padding: 0; }
.question article { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.1rem; }
.question-meta { margin: 0; display: flex; gap: 0.6rem; align-items: center; font-size: 0.85rem; color: var(--muted); font-weight: 600; }
.difficulty { border-radius: 999px; padding: 0 0.55rem; border: 1px solid currentColor; text-transform: capitalize; }
.difficulty-easy { color: var(--strong); }
.difficulty-medium { color: var(--s-reflection); }
.difficulty-hard { color: var(--weak); }
.prompt { font-weight: 600; }
.options { list-style: none; padding: 0; margin: 0 0 0.5rem; display: grid; gap: 0.35rem; }
.options li { border: 1px solid var(--border); border-radius: 6px; padding: 0.35rem 0.7rem; background: var(--bg); }
.options .letter { font-weight: 800; }
.answer > summary { color: var(--accent); }
.correct { margin-top: 0.8rem; }
.solution, .quiz-mistakes ul { padding-left: 1.3rem; margin: 0; }
.unplaced { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9rem; }

@media (max-width: 36rem) {
  body { padding: 0.75rem 0.75rem 2rem; font-size: 1rem; }
  h1 { font-size: 1.45rem; }
  .step article, .card, .question article, .scenario-card article { padding: 0.8rem; }
}

@media print {
  :root { --bg: #fff; --surface: #fff; --surface-2: #f4f4f4; --text: #000; --muted: #333; --border: #999; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .skip-link, .toc, .filters, .crumbs { display: none !important; }
  a { color: inherit; }
  .step article, .card, .question article, details, .scenario-card article { break-inside: avoid; }
  h2 { break-after: avoid; }
  details > summary { list-style: none; }
  mark { background: none; color: inherit; font-weight: 700; text-decoration: underline; }
}
`
