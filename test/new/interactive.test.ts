import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkbox, input, select } from '@inquirer/prompts'
import { render } from '@inquirer/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prompts, type Prompts } from '../../src/cli/commands/new.js'
import { run } from '../support/io.js'

let dir: string
const real: Prompts = { ...prompts }
const env = { SOURCE_DATE_EPOCH: '1735776000' }

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starkit-new-tty-'))
})
afterEach(async () => {
  Object.assign(prompts, real)
  await rm(dir, { recursive: true, force: true })
})

describe('starkit new on a terminal', () => {
  it('asks for the question, the company, its principles and the level, then writes the file', async () => {
    const screens: string[] = []
    // The real @inquirer prompts, rendered on a virtual terminal and driven by key presses.
    prompts.input = async (config) => {
      const { answer, events, getScreen } = await render(input, config)
      if (config.message.startsWith('Level')) {
        screens.push(getScreen())
        events.type(' SDE2 ')
        events.keypress('enter')
        return answer
      }
      events.keypress('enter') // an empty question is refused by the prompt's validation
      await new Promise((resolve) => setTimeout(resolve, 0))
      screens.push(getScreen())
      events.type('Tell me about a time you fixed something nobody owned')
      events.keypress('enter')
      const value = await answer
      screens.push(getScreen())
      return value
    }
    prompts.select = async (config) => {
      const { answer, events, getScreen } = await render(select, config)
      screens.push(getScreen())
      events.keypress('enter')
      return answer
    }
    prompts.checkbox = async (config) => {
      const { answer, events, getScreen } = await render(checkbox, { ...config, pageSize: 20 })
      events.keypress('down') // Ownership
      events.keypress('space')
      for (let i = 0; i < 10; i++) events.keypress('down') // Dive Deep
      events.keypress('space')
      screens.push(getScreen())
      events.keypress('enter')
      return answer
    }

    const r = await run(['new', '--template', 'minimal'], { cwd: dir, tty: true, env })
    expect(r).toEqual({
      code: 0,
      stdout: 'Wrote tell-me-about-a-time-you-fixed-something-nobody-owned.md\nNext: replace every TODO, then run `starkit lint tell-me-about-a-time-you-fixed-something-nobody-owned.md`\n',
      stderr: '',
    })
    expect(screens[0]).toBe('? Interview question\n> Enter the question, e.g. Tell me about a time you fixed something nobody owned')
    expect(screens[1]).toBe('✔ Interview question Tell me about a time you fixed something nobody owned')
    expect(screens[2]).toContain('? Company')
    expect(screens[2]).toContain('❯ Amazon (Leadership Principles)')
    const checkboxScreen = screens[3]!
    expect(checkboxScreen).toContain('? Leadership Principles the story shows')
    for (const line of ['◯ Customer Obsession', '◉ Ownership', '◉ Dive Deep', '◯ Success and Scale Bring Broad Responsibility'])
      expect(checkboxScreen).toContain(line)
    expect(screens[4]).toBe('? Level the story is told at (optional, e.g. SDE2; Enter for none)')
    expect(screens).toHaveLength(5)
    const text = await readFile(join(dir, 'tell-me-about-a-time-you-fixed-something-nobody-owned.md'), 'utf8')
    expect(text.split('\n').slice(0, 9)).toEqual([
      '---',
      'id: tell-me-about-a-time-you-fixed-something-nobody-owned',
      'company: Amazon',
      'principleSet: Leadership Principles',
      'principles:',
      '  - Ownership',
      '  - Dive Deep',
      'level: SDE2',
      '---',
    ])
  })

  it('asks only for what is missing, offering the configured companies', async () => {
    await writeFile(join(dir, 'starkit.config.json'), JSON.stringify({ principleSets: { Acme: ['Customer First', 'Ship It'] } }))
    const asked: string[] = []
    prompts.input = async (config) => {
      asked.push(`input ${config.message}`)
      return '' // Enter: no level
    }
    prompts.select = async (config) => {
      asked.push(`select ${config.message}: ${config.choices.map((c) => c.name).join(', ')}`)
      return 'Acme'
    }
    prompts.checkbox = async (config) => {
      asked.push(`checkbox ${config.message}: ${config.choices.map((c) => c.name).join(', ')}`)
      return ['Ship It']
    }
    const r = await run(['new', 'Tell me about a launch', '--template', 'minimal'], { cwd: dir, tty: true, env })
    expect(r.code).toBe(0)
    expect(asked).toEqual([
      'select Company: Amazon (Leadership Principles), Acme (Principles)',
      'checkbox Principles the story shows: Customer First, Ship It',
      'input Level the story is told at (optional, e.g. SDE2; Enter for none)',
    ])
    expect(await readFile(join(dir, 'tell-me-about-a-launch.md'), 'utf8')).toContain('company: Acme\nprincipleSet: Principles\nprinciples:\n  - Ship It\n---\n')
  })

  it('asks nothing, not even the level, when the question, the company and a principle are given', async () => {
    const refuse = async (): Promise<never> => {
      throw new Error('nothing should be asked')
    }
    Object.assign(prompts, { input: refuse, select: refuse, checkbox: refuse })
    const r = await run(['new', 'Tell me about a launch', '--company', 'Amazon', '--principle', 'Ownership', '--template', 'minimal'], { cwd: dir, tty: true, env })
    expect(r).toEqual({ code: 0, stdout: 'Wrote tell-me-about-a-launch.md\nNext: replace every TODO, then run `starkit lint tell-me-about-a-launch.md`\n', stderr: '' })
    expect(await readFile(join(dir, 'tell-me-about-a-launch.md'), 'utf8')).toContain('principles:\n  - Ownership\n---\n')
  })

  it('turns Ctrl-C into exit 2 with nothing written', async () => {
    prompts.input = async (config) => {
      const { answer, events } = await render(input, config)
      events.keypress({ name: 'c', ctrl: true })
      return answer
    }
    const r = await run(['new'], { cwd: dir, tty: true, env })
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'starkit: Cancelled before anything was written\n' })
    expect(await readdir(dir)).toEqual([])
  })
})
