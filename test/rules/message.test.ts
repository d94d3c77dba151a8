import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { messageOn } from '../../src/model/message.js'

describe('messageOn', () => {
  it('makes the message file.message makes, on the file, without walking the stack', () => {
    const place = { start: { line: 2, column: 3, offset: 9 }, end: { line: 2, column: 7, offset: 13 } }
    const expected = new VFile({ path: 'a.md' }).message('Unexpected `x`', { place, ruleId: 'r', source: 's' })
    const file = new VFile({ path: 'a.md' })
    const limit = Error.stackTraceLimit
    const message = messageOn(file, 'Unexpected `x`', { place, ruleId: 'r', source: 's' })
    expect(file.messages).toEqual([message])
    expect({ ...message }).toEqual({ ...expected })
    expect(String(message)).toBe('a.md:2:3-2:7: Unexpected `x`')
    expect(message.stack).toBe('')
    expect(Error.stackTraceLimit).toBe(limit)
  })

  it('makes it with no stack to capture, and puts the limit back even when making it throws', () => {
    const limit = Error.stackTraceLimit
    const seen: number[] = []
    const spy = { message: () => seen.push(Error.stackTraceLimit) } as unknown as VFile
    messageOn(spy, 'x', {})
    expect(seen).toEqual([0])
    expect(Error.stackTraceLimit).toBe(limit)
    const broken = { message: () => { throw new TypeError('no') } } as unknown as VFile
    expect(() => messageOn(broken, 'x', {})).toThrow('no')
    expect(Error.stackTraceLimit).toBe(limit)
  })
})
