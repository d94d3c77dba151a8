// npm run bench [-- --files 10000 --pages 1000 --many-pages 10000 --runs 3 --write]
//
// Times, in one run on one corpus: the parse floor, starkit lint cold and warm, the peers
// (markdownlint-cli2, remark-cli with remark-preset-lint-recommended), starkit build and
// starkit convert (of --pages pages, and of --many-pages, by default ten times as many);
// prints medians, ratios and peak memory. With --write, also writes docs/performance.md.
// Not part of the test suite: wall time is measured here, never in a test.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { makePageCorpus, makeScenarioCorpus } from './corpus.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? fallback : args[i + 1]
}
const FILES = Number(opt('files', 10000))
const SMALL = Number(opt('small', 1000))
const PAGES = Number(opt('pages', 1000))
/** The same convert at ten times the pages: what a page costs once start-up and each thread's JIT warm-up are spread thin. */
const MANY_PAGES = Number(opt('many-pages', 10 * PAGES))
const RUNS = Number(opt('runs', 3))
const WRITE = args.includes('--write')
const base = opt('dir', join(tmpdir(), 'starkit-bench'))

/**
 * Where the rows that write (build, its write floor, convert) put their output: a tmpfs when
 * the machine has one (`/dev/shm`, or `--scratch <dir>`), else the corpus folder. Each of
 * those rows deletes its last output first, and on an ext4 without a journal (this VM's)
 * every inode freed in the last minute (six while its block is unwritten) is passed over when
 * a new file is made (the kernel's `recently_deleted`): creating 20,000 files right after
 * deleting 20,000 scanned past them, ~1–2 ms an `open`, a cost of the bench's own `rm -rf`,
 * not of the command timed (docs/performance.md, session 9). A tmpfs has no such scan.
 */
const TMPFS_MAGIC = 0x01021994
const scratchBase = (() => {
  const given = opt('scratch', undefined)
  if (given) return given
  try {
    if (statfsSync('/dev/shm').type === TMPFS_MAGIC) return join('/dev/shm', `starkit-bench-${process.pid}`)
  } catch {
    // No /dev/shm: write beside the corpus.
  }
  return base
})()

const bin = join(root, 'bin/starkit.js')
const nodeBin = (pkg, file) => join(root, 'node_modules', pkg, file)

/**
 * One run: its wall time, peak RSS and CPU time (user + system, every thread). On this VM the
 * wall time of the same run moves by tens of percent from one minute to the next; the CPU
 * time moves far less, so a change's effect on the work done shows in it first.
 */
function measure(command, argv, cwd) {
  const started = process.hrtime.bigint()
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', command, ...argv], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const [kb, user, system] = r.stderr.trim().split('\n').pop().split(' ').map(Number)
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`)
  return { seconds, mb: kb / 1024, cpu: user + system }
}

/** The median; of an even count, the mean of the middle two (this took the upper one until session 5). */
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * A row of the table: a command to time (or `time`, a function giving seconds), with what to do
 * before and after each run, and `repeat`: how many runs back to back make the row's sample of
 * a round (their median; default 1).
 */
const row = (key, name, command, argv, cwd, hooks = {}) => ({ key, name, command, argv, cwd, ...hooks })

/**
 * Runs of a second or two are timed five times back to back in each round, and the round takes
 * their median: one such run on this VM moves by ±15 % from one run to the next (the warm row's
 * run of one build took 0.65–0.83 s in six runs in a row at session 28's start), which is more
 * than a row timed once for 20 s or more moves. The rounds still compare rows timed in the same
 * stretch of minutes: five runs of the warm row take ~3 s.
 */
const SHORT_REPEAT = 5

/** A round's sample of a row: one run, or the median of its `repeat` runs (their largest peak). */
function sample(r) {
  const runs = []
  for (let i = 0; i < (r.repeat ?? 1); i++) {
    r.before?.()
    runs.push(r.time ? { seconds: r.time(), mb: NaN, cpu: NaN } : measure(r.command, r.argv, r.cwd))
    r.after?.()
  }
  return runs.length === 1 ? runs[0] : { seconds: median(runs.map((m) => m.seconds)), mb: Math.max(...runs.map((m) => m.mb)), cpu: median(runs.map((m) => m.cpu)), each: runs.map((m) => m.seconds) }
}

/**
 * Time every row once per round, for RUNS rounds, and take each row's median. Rounds, not a
 * row's runs back to back: this VM's speed drifts by tens of percent over minutes (the
 * single-process floor measured 55 s and 88 s an hour apart), and a ratio is only fair
 * between rows timed in the same stretch.
 */
function benchRounds(rows) {
  const samples = new Map(rows.map((r) => [r.key, []]))
  for (let round = 1; round <= RUNS; round++) {
    for (const r of rows) {
      const m = sample(r)
      samples.get(r.key).push(m)
      const each = m.each ? ` (median of ${m.each.map((x) => x.toFixed(2)).join(', ')})` : ''
      console.error(`[${round}/${RUNS}] ${r.name.padEnd(44)} ${m.seconds.toFixed(2).padStart(8)} s ${Number.isNaN(m.mb) ? '' : `${m.mb.toFixed(0).padStart(6)} MB`}${each}`)
    }
  }
  const results = {}
  for (const r of rows) {
    const runs = samples.get(r.key)
    const shown = (r.time ? r.command : [r.command, ...r.argv].join(' ')).replaceAll(root, '')
    const command = (scratchBase === base ? shown.replaceAll('$OUT', base) : shown.replaceAll(scratchBase, '$OUT')).replaceAll(base, '$BENCH')
    // `mb` is the largest peak of the rounds (the table's peak RSS), `medianMb` their median (the targets' medians).
    results[r.key] = { name: r.name, command, seconds: median(runs.map((m) => m.seconds)), mb: Math.max(...runs.map((m) => m.mb)), medianMb: median(runs.map((m) => m.mb)), cpu: median(runs.map((m) => m.cpu)), runs }
  }
  return results
}

/** What `$OUT` is in the commands shown. */
const outNote = scratchBase === base ? '`$OUT` is the corpus folder too' : `\`$OUT\` is a folder on a tmpfs (${scratchBase.replace(/-\d+$/, '-<pid>')}), for the rows that write`
rmSync(base, { recursive: true, force: true })
mkdirSync(base, { recursive: true })
console.error(`corpus: ${FILES} and ${SMALL} scenario files, ${PAGES} pages, in ${base}; ${RUNS} rounds of every row (median)`)
const big = makeScenarioCorpus(join(root, 'scenarios'), join(base, `scenarios-${FILES}`), FILES)
const small = makeScenarioCorpus(join(root, 'scenarios'), join(base, `scenarios-${SMALL}`), SMALL)
const pages = makePageCorpus(join(root, '../shared/seeds'), join(base, 'pages'), PAGES)
const manyPages = makePageCorpus(join(root, '../shared/seeds'), join(base, `pages-${MANY_PAGES}`), MANY_PAGES)
const bytes = Number(spawnSync('du', ['-sb', big], { encoding: 'utf8' }).stdout.split('\t')[0])

const cores = String(cpus().length)
const floor = join(root, 'bench/floor.mjs')
const cache = join(base, 'cache.ndjson')
const changed = join(big, 'bench-000000.md')
const original = readFileSync(changed, 'utf8')
let edits = 0
mkdirSync(scratchBase, { recursive: true })
const out = join(scratchBase, 'site')
const rewritten = join(scratchBase, 'site-again')
const converted = join(scratchBase, 'converted')
// The warm row's cache, written once before the rounds, as a repo's would be: by a run after
// its files were written. The corpus was written just now, and a file changed within 3 s of a
// run gets no stamp (src/cli/cache-line.ts, SETTLED_MS): without the wait, most files would
// have none, and every warm run would read and hash them all.
await new Promise((resolve) => setTimeout(resolve, 3500))
measure(process.execPath, [bin, 'lint', big, '--format', 'json', '--cache', '--cache-location', cache], base)
// Rows in the order of the ratios they make, each ratio's rows next to each other (cold lint,
// then the warm run and build, then the 1,000-file lint for memory): this VM's speed drifts over the minutes a
// round takes (markdownlint-cli2 and remark-cli alone take ~12), and build timed ten minutes
// after cold lint measured 1.35 × it in session 9 where back to back it measured 1.18–1.23 ×.
const results = benchRounds([
  row('floor', '(a) parse floor (1 process)', process.execPath, [floor, big], base),
  row('floorThreads', `(a') parse floor on ${cores} threads`, process.execPath, [floor, big, '--threads', cores], base),
  row('cold', '(b) starkit lint, cold', process.execPath, [bin, 'lint', big, '--format', 'json'], base),
  row('warm', '(c) starkit lint --cache, 1 changed', process.execPath, [bin, 'lint', big, '--format', 'json', '--cache', '--cache-location', cache], base, {
    before: () => writeFileSync(changed, `${original}\n<!-- edit ${++edits} -->\n`),
    after: () => writeFileSync(changed, original),
    repeat: SHORT_REPEAT,
  }),
  row('build', '(e) starkit build (JSON + HTML)', process.execPath, [bin, 'build', big, '--out', out, '--force'], base, { before: () => rmSync(out, { recursive: true, force: true }) }),
  // The disk's share of build: the same files, the same bytes, written the way build writes them.
  {
    key: 'writeFloor',
    name: "(e') writing the build's files",
    command: 'node bench/write-floor.mjs $OUT/site $OUT/site-again --atomic',
    before: () => rmSync(rewritten, { recursive: true, force: true }),
    time: () => {
      const r = spawnSync(process.execPath, [join(root, 'bench/write-floor.mjs'), out, rewritten, '--atomic'], { encoding: 'utf8' })
      if (r.status !== 0) throw new Error(`write-floor exited ${r.status}: ${r.stderr.slice(-500)}`)
      return Number(r.stdout.trim())
    },
    after: () => rmSync(rewritten, { recursive: true, force: true }),
  },
  row('smallCold', `starkit lint, cold, ${SMALL} files`, process.execPath, [bin, 'lint', small, '--format', 'json'], base),
  row('coldOne', '(b) starkit lint, cold, 1 thread', process.execPath, [bin, 'lint', big, '--format', 'json', '--concurrency', 'off'], base),
  row('markdownlint', '(d) markdownlint-cli2', process.execPath, [nodeBin('markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), `${big}/*.md`], root),
  row('remark', '(d) remark-cli + lint-recommended', process.execPath, [nodeBin('remark-cli', 'cli.js'), big, '--use', 'remark-frontmatter', '--use', 'remark-preset-lint-recommended', '--quiet', '--no-stdout'], root),
  row('convert', `(f) starkit convert, ${PAGES} pages`, process.execPath, [bin, 'convert', pages, '--out-dir', converted, '--force'], base, {
    before: () => rmSync(converted, { recursive: true, force: true }),
    repeat: SHORT_REPEAT,
  }),
  row('convertMany', `(f) starkit convert, ${MANY_PAGES} pages`, process.execPath, [bin, 'convert', manyPages, '--out-dir', converted, '--force'], base, { before: () => rmSync(converted, { recursive: true, force: true }) }),
  row('pageFloor', `(f') remark-parse of the pages, ${cores} threads`, process.execPath, [floor, pages, '--pages', '--threads', cores], base),
  row('plainFloor', `(f'') remark-parse + remarkPlainText, ${cores} threads`, process.execPath, [floor, pages, '--pages', '--plain', '--threads', cores], base),
])

// The tmpfs holds ~600 MB of output at 10,000 files: freed now, not at the next reboot.
for (const dir of [out, rewritten, converted]) rmSync(dir, { recursive: true, force: true })
if (scratchBase !== base && !opt('scratch', undefined)) rmSync(scratchBase, { recursive: true, force: true })

const ratio = (a, b) => (a.seconds / b.seconds).toFixed(2)
const percent = (a, b) => ((a.seconds / b.seconds) * 100).toFixed(1)
const perSecond = (n, r) => (n / r.seconds).toFixed(0)
const rows = [
  ['parse floor', results.floor, '1.00', ''],
  [`parse floor on ${cores} threads`, results.floorThreads, ratio(results.floorThreads, results.floor), 'the least a remark-based lint can take here'],
  ['starkit lint (cold, auto threads)', results.cold, ratio(results.cold, results.floor), `${ratio(results.cold, results.markdownlint)} × markdownlint-cli2, ${ratio(results.cold, results.remark)} × remark-cli`],
  ['starkit lint (cold, 1 thread)', results.coldOne, ratio(results.coldOne, results.floor), `${ratio(results.coldOne, results.markdownlint)} × markdownlint-cli2`],
  ['starkit lint --cache (1 changed)', results.warm, ratio(results.warm, results.floor), `${percent(results.warm, results.cold)}% of cold`],
  ['markdownlint-cli2', results.markdownlint, ratio(results.markdownlint, results.floor), ''],
  ['remark-cli + recommended', results.remark, ratio(results.remark, results.floor), ''],
  ['starkit build', results.build, ratio(results.build, results.floor), `${ratio(results.build, results.cold)} × cold lint`],
  ["writing the build's files", results.writeFloor, ratio(results.writeFloor, results.floor), `${ratio(results.writeFloor, results.cold)} × cold lint; the write phase alone: same bytes and way as a fresh build, one thread`],
  [`starkit convert (${PAGES} pages)`, results.convert, '', `${perSecond(PAGES, results.convert)} pages/s`],
  [`starkit convert (${MANY_PAGES} pages)`, results.convertMany, '', `${perSecond(MANY_PAGES, results.convertMany)} pages/s; ${(((results.convertMany.seconds - results.convert.seconds) / (MANY_PAGES - PAGES)) * 1000).toFixed(2)} ms a page past the first ${PAGES}, so ${(results.convert.seconds - (PAGES * (results.convertMany.seconds - results.convert.seconds)) / (MANY_PAGES - PAGES)).toFixed(2)} s a run whatever its size (start-up, each thread's JIT warm-up)`],
  [`remark-parse of the ${PAGES} pages, ${cores} threads`, results.pageFloor, '', `${perSecond(PAGES, results.pageFloor)} pages/s: CommonMark, what a remark pipeline of the pages pays`],
  [`remark-parse + remarkPlainText of the ${PAGES} pages, ${cores} threads`, results.plainFloor, '', `${perSecond(PAGES, results.plainFloor)} pages/s: convert's own parse, its ceiling`],
  [`starkit lint (cold, ${SMALL} files)`, results.smallCold, '', `peak memory ${FILES}/${SMALL}: ${(results.cold.mb / results.smallCold.mb).toFixed(2)}`],
]
const table = [
  '| measure | median wall (s) | CPU (s) | peak RSS (MB) | × parse floor | notes |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...rows.map(([name, r, x, note]) => `| ${name} | ${r.seconds.toFixed(2)} | ${Number.isNaN(r.cpu) ? '' : r.cpu.toFixed(1)} | ${Number.isNaN(r.mb) ? '' : r.mb.toFixed(0)} | ${x} | ${note} |`),
].join('\n')

/**
 * Issue #7's targets, each from one set of the rows' measures: a round's (rows timed minutes
 * apart, not an hour), and the medians. Build's ratio in CPU time too: the work it does beyond
 * lint's, whatever the VM's speed did between the two rows.
 */
const targets = [
  ['cold lint ≤ 0.6 × parse floor', (m) => ratio(m.cold, m.floor)],
  ['cold lint ≤ 0.5 × markdownlint-cli2', (m) => ratio(m.cold, m.markdownlint)],
  ['warm `--cache` (1 changed) ≤ 3 % of cold', (m) => `${percent(m.warm, m.cold)} %`],
  ['build ≤ 1.2 × cold lint', (m) => `${ratio(m.build, m.cold)} (CPU ${(m.build.cpu / m.cold.cpu).toFixed(2)})`],
  [`convert ≥ 500 pages/s (${PAGES} pages)`, (m) => perSecond(PAGES, m.convert)],
  [`peak memory ${FILES} / ${SMALL} files ≤ 1.3`, (m) => (m.cold.mb / m.smallCold.mb).toFixed(2)],
]
/** Every row's medians, its peak memory too: the largest peak of the rounds is the table's, not a median (the 10,000-file peak of one round over the 1,000-file peak of another). */
const medians = Object.fromEntries(Object.entries(results).map(([key, r]) => [key, { ...r, mb: r.medianMb }]))
/** Per round, every row's measures in it. */
const rounds = Array.from({ length: RUNS }, (_, i) => Object.fromEntries(Object.entries(results).map(([key, r]) => [key, r.runs[i]])))
const targetTable = [
  `| target | ${rounds.map((_, i) => `round ${i + 1}`).join(' | ')} | medians |`,
  `| --- | ${rounds.map(() => '---:').join(' | ')} | ---: |`,
  ...targets.map(([name, of]) => `| ${name} | ${rounds.map(of).join(' | ')} | ${of(medians)} |`),
].join('\n')
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
console.log(`\n${FILES} files (${(bytes / 1e6).toFixed(1)} MB), ${RUNS} rounds of every row, medians; ${machine}\n\n${table}\n\n${targetTable}\n`)
console.log(['Commands:', ...Object.values(results).map((r) => `- ${r.name}: \`${r.command}\``)].join('\n'))

if (WRITE) {
  const doc = join(root, 'docs/performance.md')
  const text = readFileSync(doc, 'utf8')
  // The block between the two markers is replaced; what follows the end marker (the analysis) stays.
  const marker = '<!-- bench results -->'
  const end = '<!-- /bench results -->'
  const after = text.includes(end) ? text.slice(text.indexOf(end) + end.length) : '\n'
  const block = `${marker}\n\nRun of ${new Date().toISOString().slice(0, 10)}: ${FILES} files (${(bytes / 1e6).toFixed(1)} MB), ${RUNS} rounds of every row, medians; ${machine}.\n\n${table}\n\nIssue #7's targets, each ratio within a round:\n\n${targetTable}\n\nCommands (\`$BENCH\` is the corpus folder, ${outNote}):\n\n${Object.values(results).map((r) => `- ${r.name}: \`${r.command}\``).join('\n')}\n\n${end}${after}`
  writeFileSync(doc, text.includes(marker) ? text.slice(0, text.indexOf(marker)) + block : `${text}\n${block}`)
  console.error(`wrote ${doc}`)
}
