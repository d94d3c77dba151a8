import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run as runCli } from '../support/io.js'

let dir: string
const QUESTION = 'Tell me about a time you fixed something nobody owned'
const ID = 'tell-me-about-a-time-you-fixed-something-nobody-owned'
/** 2025-01-02T00:00:00Z: the date the fixtures were scaffolded on. */
const env = { SOURCE_DATE_EPOCH: '1735776000' }
const fixture = (name: string): Promise<string> => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
const BUILT_IN = fileURLToPath(new URL('../../templates/', import.meta.url))

const run = (...argv: string[]) => runCli(argv, { cwd: dir, env })
const amazon = ['--company', 'Amazon', '--principle', 'Ownership']
const files = async (at = dir): Promise<string[]> => (await readdir(at)).sort()

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starkit-new-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('starkit new', () => {
  it('scaffolds the full template by default and prints the path and the next step', async () => {
    const r = await run('new', QUESTION, '--company', 'Amazon', '--principle', 'Ownership', '--principle', 'dive deep', '--level', 'SDE2')
    expect(r).toEqual({
      code: 0,
      stdout: `Wrote ${ID}.md\nNext: replace every TODO, then run \`starkit lint ${ID}.md\`\n`,
      stderr: '',
    })
    expect(await readFile(join(dir, `${ID}.md`), 'utf8')).toBe(await fixture('full-sde2.md'))
  })

  it('scaffolds the minimal template into --dir, creating it', async () => {
    const r = await run('new', QUESTION, ...amazon, '--template', 'minimal', '--dir', 'scenarios/amazon')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`Wrote scenarios/amazon/${ID}.md\nNext: replace every TODO, then run \`starkit lint scenarios/amazon/${ID}.md\`\n`)
    expect(await readFile(join(dir, 'scenarios/amazon', `${ID}.md`), 'utf8')).toBe(await fixture('minimal.md'))
  })

  it('lint fails on the scaffolded file with placeholder findings only', async () => {
    await run('new', QUESTION, ...amazon, '--template', 'minimal')
    const r = await run('lint', '--format', 'json', `${ID}.md`)
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { files?: { messages: { ruleId: string }[] }[] } | { messages: { ruleId: string }[] }[]
    const messages = (Array.isArray(report) ? report : (report.files ?? [])).flatMap((f) => f.messages)
    expect(messages).toHaveLength(22)
    expect(new Set(messages.map((m) => m.ruleId))).toEqual(new Set(['no-placeholder']))
  })

  it('picks `-2`, `-3` when the slug is taken', async () => {
    for (let i = 0; i < 3; i++) expect((await run('new', QUESTION, ...amazon, '--template', 'minimal')).code).toBe(0)
    expect(await files()).toEqual([`${ID}-2.md`, `${ID}-3.md`, `${ID}.md`])
    expect(await readFile(join(dir, `${ID}-3.md`), 'utf8')).toMatch(new RegExp(`^---\\nid: ${ID}-3\\n`))
  })

  it('refuses an id that escapes --dir and writes nothing', async () => {
    await mkdir(join(dir, 'scenarios'))
    const r = await run('new', QUESTION, ...amazon, '--dir', 'scenarios', '--id', '../escaped')
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'starkit: Unexpected id `../escaped` outside `--dir`, expected a file name without a folder\n' })
    expect(await files()).toEqual(['scenarios'])
    expect(await files(join(dir, 'scenarios'))).toEqual([])
  })

  it('refuses an id that is not a slug', async () => {
    const r = await run('new', QUESTION, ...amazon, '--id', 'My Story')
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'starkit: Unexpected id `My Story`, expected lower-case words joined by hyphens such as `my-story`\n' })
  })

  it('never overwrites an existing file without --force', async () => {
    await writeFile(join(dir, 'mine.md'), 'my own words\n')
    const r = await run('new', QUESTION, ...amazon, '--id', 'mine')
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'starkit: Unexpected existing file `mine.md`, expected `--force` to overwrite it\n' })
    expect(await readFile(join(dir, 'mine.md'), 'utf8')).toBe('my own words\n')
  })

  it('overwrites an existing file with --force', async () => {
    await writeFile(join(dir, 'mine.md'), 'my own words\n')
    const r = await run('new', QUESTION, ...amazon, '--id', 'mine', '--force', '--template', 'minimal')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('Wrote mine.md\nNext: replace every TODO, then run `starkit lint mine.md`\n')
    expect(await readFile(join(dir, 'mine.md'), 'utf8')).toBe((await fixture('minimal.md')).replace(`id: ${ID}`, 'id: mine'))
    expect(await files()).toEqual(['mine.md'])
  })

  it('refuses to write through a symbolic link, even with --force', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'starkit-outside-'))
    try {
      await writeFile(join(outside, 'target.md'), 'outside\n')
      await symlink(join(outside, 'target.md'), join(dir, 'linked.md'))
      const r = await run('new', QUESTION, ...amazon, '--id', 'linked', '--force')
      expect(r).toEqual({ code: 2, stdout: '', stderr: 'starkit: Unexpected symbolic link `linked.md`, expected a regular file or none\n' })
      expect(await readFile(join(outside, 'target.md'), 'utf8')).toBe('outside\n')
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })

  it('off a terminal names what is missing and exits 2 without prompting', async () => {
    expect(await run('new', QUESTION)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'starkit: Missing `--company` and `--principle`, expected them as arguments when stdin is not a terminal\n',
    })
    expect(await run('new', ...amazon)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'starkit: Missing `<question>`, expected it as arguments when stdin is not a terminal\n',
    })
    expect(await run('new')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'starkit: Missing `<question>`, `--company` and `--principle`, expected them as arguments when stdin is not a terminal\n',
    })
    expect(await files()).toEqual([])
  })

  it('names the closest company and principle', async () => {
    expect(await run('new', QUESTION, '--company', 'Amazn', '--principle', 'Ownership')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'starkit: Unexpected company `Amazn`, did you mean `Amazon`\n',
    })
    expect(await run('new', QUESTION, '--company', 'Amazon', '--principle', 'Ownership', '--principle', 'Dive Depp')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'starkit: Unexpected principle `Dive Depp` for `Amazon`, did you mean `Dive Deep`\n',
    })
    expect(await files()).toEqual([])
  })

  it('names the closest template', async () => {
    expect(await run('new', QUESTION, ...amazon, '--template', 'minimall')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'starkit: Unexpected template `minimall`, did you mean `minimal`\n',
    })
  })

  it('asks for --id when the question has nothing to slug', async () => {
    expect(await run('new', '你好吗', ...amazon)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'starkit: Unexpected question `你好吗` without Latin letters or digits for an id, expected `--id`\n',
    })
    expect((await run('new', '你好吗', ...amazon, '--id', 'ni-hao-ma')).code).toBe(0)
  })
})

describe('custom templates', () => {
  const STORY = [
    '---',
    'id: {{id}}',
    'company: {{company}}',
    'principleSet: {{principleSet}}',
    'principles:',
    '  {{principles}}',
    '---',
    '',
    '# {{question}}',
    '',
    '## Overview',
    '',
    'TODO: the story',
    '',
    'Summary: TODO: the lesson for {{principles}}',
    '',
    ...['Situation', 'Task', 'Action', 'Result', 'Reflection'].flatMap((step) => [`## ${step}`, '', 'Target: 20s', '', 'Coaching: TODO: coaching', '', 'Common mistake: TODO: mistake', '']),
    '## Level reflections',
    '',
    '## Follow-ups',
    '',
    '## Weak answer',
    '',
    'TODO: weak',
    '',
    'Flaws:',
    '',
    '- TODO: flaw',
    '',
    'Verdict: TODO: verdict',
    '',
    '## Self-check',
    '',
    '## Principle angles',
    '',
    '## Level variants',
    '',
  ].join('\n')

  it('lists the templates of a content repo next to its config, after the built-in ones', async () => {
    await writeFile(join(dir, 'starkit.config.json'), JSON.stringify({ principleSets: { Acme: ['Customer First', 'Ship It'] } }))
    await mkdir(join(dir, 'templates'))
    await writeFile(join(dir, 'templates', 'story.md'), STORY)
    await writeFile(join(dir, 'templates', 'minimal.md'), STORY)
    const r = await run('new', '--list-templates')
    expect(r).toEqual({
      code: 0,
      stdout: [`full     built-in  ${join(BUILT_IN, 'full.md')}`, 'minimal  project   templates/minimal.md', 'story    project   templates/story.md', ''].join('\n'),
      stderr: '',
    })
  })

  it('scaffolds from a project template by name, with a company from the config', async () => {
    await writeFile(join(dir, 'starkit.config.json'), JSON.stringify({ principleSets: { Acme: ['Customer First', 'Ship It'] } }))
    await mkdir(join(dir, 'templates'))
    await writeFile(join(dir, 'templates', 'story.md'), STORY)
    const r = await run('new', 'Tell me about a launch', '--company', 'acme', '--principle', 'ship it', '--template', 'story', '--dir', 'scenarios')
    expect(r.code).toBe(0)
    const text = await readFile(join(dir, 'scenarios', 'tell-me-about-a-launch.md'), 'utf8')
    expect(text.split('\n').slice(0, 16).join('\n')).toBe(
      [
        '---',
        'id: tell-me-about-a-launch',
        'company: Acme',
        'principleSet: Principles',
        'principles:',
        '  - Ship It',
        '---',
        '',
        '# Tell me about a launch',
        '',
        '## Overview',
        '',
        'TODO: the story',
        '',
        'Summary: TODO: the lesson for Ship It',
        '',
      ].join('\n'),
    )
    // The config's set is known to lint too: only the placeholders fail.
    const lint = await run('lint', '--format', 'json', 'scenarios')
    expect(lint.code).toBe(1)
    expect(lint.stdout).not.toContain('principle-known')
  })

  it('scaffolds from --template ./path.md', async () => {
    await writeFile(join(dir, 'my-template.md'), STORY)
    const r = await run('new', 'Tell me about a launch', ...amazon, '--template', './my-template.md')
    expect(r.code).toBe(0)
    expect(await readFile(join(dir, 'tell-me-about-a-launch.md'), 'utf8')).toContain('Summary: TODO: the lesson for Ownership\n')
  })

  it('refuses a template with an unknown placeholder, naming it', async () => {
    await writeFile(join(dir, 'typo.md'), STORY.replace('{{company}}', '{{compnay}}'))
    expect(await run('new', 'Tell me about a launch', ...amazon, '--template', 'typo.md')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'starkit: typo.md: Unexpected placeholder `{{compnay}}`, did you mean `{{company}}`\n',
    })
    expect(existsSync(join(dir, 'tell-me-about-a-launch.md'))).toBe(false)
  })

  it('refuses a template that does not make a valid scenario', async () => {
    await writeFile(join(dir, 'short.md'), STORY.replace(/## Weak answer[\s\S]*?## Self-check/, '## Self-check'))
    const r = await run('new', 'Tell me about a launch', ...amazon, '--template', './short.md')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('starkit: short.md: Unexpected template making an invalid scenario: Missing `Weak answer` section (line 61 once filled)\n')
  })

  it('refuses a missing template file', async () => {
    expect(await run('new', QUESTION, ...amazon, '--template', './nope.md')).toEqual({ code: 2, stdout: '', stderr: 'starkit: No such template file: `./nope.md`\n' })
  })
})
