import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { lintInputs } from '../../src/rules/lint.js'
import { resolveConfig } from '../../src/rules/config.js'

const complete = readFileSync(new URL('../fixtures/parse/complete.md', import.meta.url), 'utf8')
const config = resolveConfig({ rules: {} }, []).config
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

async function lintOne(content: Uint8Array | string) {
  // Every bad input is linted beside a good file: the good one must still be checked.
  const [bad, good] = await lintInputs([{ path: 'bad.md', content }, { path: 'good.md', content: complete }], { config })
  expect(good!.messages).toEqual([])
  expect(good!.scenario?.id).toBe('tell-me-about-a-time-you-fixed-a-flaky-pipeline')
  return bad!.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`)
}

describe('bad input gives a positioned message, never a crash', () => {
  test('an empty file', async () => {
    expect(await lintOne('')).toEqual(['parse/empty 1:1 Unexpected empty file, expected a scenario'])
  })

  test('white space only', async () => {
    expect(await lintOne(' \n\n\t\n')).toEqual(['parse/empty 1:1 Unexpected empty file, expected a scenario'])
  })

  test('a binary file', async () => {
    expect(await lintOne(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toEqual([
      'parse/encoding 3:1 Unexpected binary content (a NUL byte), expected UTF-8 text',
    ])
    expect(await lintOne(new Uint8Array([0x23, 0x20, 0x89, 0x50, 0x4e, 0x47]))).toEqual(['parse/encoding 1:3 Unexpected byte `0x89`, expected UTF-8 text'])
    expect(await lintOne(bytes('---\nid: a\n---\n\0rest'))).toEqual([
      'parse/encoding 4:1 Unexpected binary content (a NUL byte), expected UTF-8 text',
    ])
  })

  test('invalid UTF-8, at the first bad byte', async () => {
    const text = bytes('---\nid: café\n')
    const broken = new Uint8Array([...text.slice(0, 11), 0xe9, ...bytes('\n---\n')])
    expect(await lintOne(broken)).toEqual(['parse/encoding 2:8 Unexpected byte `0xE9`, expected UTF-8 text'])
  })

  test('UTF-16 with a BOM', async () => {
    expect(await lintOne(new Uint8Array([0xff, 0xfe, 0x2d, 0x00]))).toEqual(['parse/encoding 1:1 Unexpected UTF-16 encoding, expected UTF-8'])
  })

  test('a file with only frontmatter', async () => {
    const only = complete.slice(0, complete.indexOf('\n# ') + 1)
    const messages = await lintOne(only)
    // With no body, everything missing is reported at the frontmatter.
    expect(messages).toContain('schema/required 2:1 Missing title heading with the question')
    expect(messages).toContain('schema/required 2:1 Missing `Overview` section')
    expect(messages).toContain('schema/required 2:1 Missing `Action` section')
    expect(messages.every((m) => m.startsWith('schema/required 2:1 '))).toBe(true)
  })

  test('frontmatter never closed', async () => {
    const messages = await lintOne('---\nid: a\ncompany: Amazon\n\n# Question\n')
    expect(messages).toContain('parse/yaml 1:1 Unexpected unclosed frontmatter, expected a closing `---` line')
  })

  test('duplicate YAML keys and alias bombs', async () => {
    expect(await lintOne(complete.replace('level: SDE2', 'level: SDE2\nlevel: SDE3'))).toEqual([
      'parse/yaml 9:1 Invalid YAML frontmatter: Map keys must be unique',
    ])
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`)
    const messages = await lintOne(`---\n${bomb.join('\n')}\n---\n# Q\n`)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^parse\/yaml 2:1 Invalid YAML frontmatter: Excessive alias count/)
  })

  test('CRLF line endings and a BOM read like LF', async () => {
    const crlf = '\uFEFF' + complete.replace(/\n/g, '\r\n')
    expect(await lintOne(bytes(crlf))).toEqual([])
    const broken = crlf.replace('Target: 90s', 'Target: soon')
    expect(await lintOne(bytes(broken))).toEqual(['schema/type 54:9 Unexpected value `soon` for `Target` in `Action`, expected a duration such as `30s`'])
  })

  test('lone CR line endings', async () => {
    expect(await lintOne(complete.replace(/\n/g, '\r'))).toEqual([])
  })

  test('a heading that is not a section, a stray paragraph, and a duplicate section', async () => {
    const text = complete
      .replace('## Overview', 'Stray words.\n\n## Overview')
      .replace('## Practice', '## Task\n\nTarget: 1s\n\n## Practice')
    expect(await lintOne(text)).toEqual([
      'parse/unexpected-content 17:1 Unexpected paragraph before the first section',
      'parse/duplicate-section 181:1 Unexpected second `Task` section',
    ])
  })

  test('sections out of order are a warning that fmt fixes', async () => {
    const action = complete.slice(complete.indexOf('## Action'), complete.indexOf('## Result'))
    const swapped = complete.replace(action, '').replace('## Task', action + '## Task')
    expect(await lintOne(swapped)).toEqual(['parse/section-order 55:1 Unexpected `Task` section after `Action`, expected the canonical order'])
  })
})
