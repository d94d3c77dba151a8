import type { FileReport } from './diagnostic.js'

const xml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 cannot hold at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')

/** JUnit XML: a test suite per file, a failing test case per finding (a passing one for a clean file); a suite at a time. */
export function* junitPieces(files: readonly FileReport[]): Generator<string> {
  yield '<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="starkit">\n'
  for (const file of files) {
    const failures = file.messages.length
    let out = `  <testsuite name="${xml(file.path)}" tests="${Math.max(1, failures)}" failures="${failures}" errors="0">\n`
    if (failures === 0) out += `    <testcase name="${xml(file.path)}" classname="starkit"/>\n`
    for (const m of file.messages) {
      out += `    <testcase name="${xml(`${file.path}:${m.line}:${m.column} ${m.ruleId}`)}" classname="starkit.${xml(m.ruleId)}">\n`
      out += `      <failure type="${m.severity}" message="${xml(m.message)}">${xml(`${file.path}:${m.line}:${m.column}: ${m.message} (${m.ruleId})`)}</failure>\n`
      out += '    </testcase>\n'
    }
    yield out + '  </testsuite>\n'
  }
  yield '</testsuites>\n'
}
