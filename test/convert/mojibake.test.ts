import { describe, expect, it } from 'vitest'
import { findMojibake, repairMojibake } from '../../src/convert/mojibake.js'

/** Encode `text` as UTF-8 and decode it with a single-byte code page, as a bad scraper does. */
function garble(text: string, page: string): string {
  return new TextDecoder(page).decode(new TextEncoder().encode(text))
}

describe('findMojibake', () => {
  it.each([
    ['βœ… Strong', '✅ Strong'],
    ['β–Ό', '▼'],
    ['βœ—', '✗'],
    ['donâ€™t', 'don’t'],
    ['âœ… ok', '✅ ok'],
    ['ðŸ’¡ðŸ’¡', '💡💡'],
    ['cafÃ©', 'café'],
    ['MÃ¼nchen', 'München'],
    ['Ã…ngstrÃ¶m', 'Ångström'],
    ['Î±Î²', 'αβ'],
    ['Ξ±', 'α'],
    ['Ĺ‚', 'ł'],
    ['Ã¢Å“â€¦', '✅'],
  ])('repairs %j', (input, expected) => {
    expect(repairMojibake(input).text).toBe(expected)
  })

  it.each([
    'café’s',
    '“smart quotes”',
    'λόγος και ψυχή',
    '«ΤΟ»',
    '«λόγο»',
    'Zażółć gęślą jaźń',
    'ZAŻÓŁĆ',
    'naïve résumé Ærø',
    '’',
    'é',
    'π·r²',
    'Він',
    'plain ASCII text',
    '👤 🏆 ✅ ⚠️ real emoji',
  ])('leaves legitimate text %j alone', (input) => {
    expect(findMojibake(input)).toEqual([])
  })

  it('gives offsets and the original text of each range', () => {
    expect(findMojibake('x donâ€™t')).toEqual([{ start: 5, end: 8, text: 'â€™', repaired: '’' }])
  })

  it('reports a sequence that lost a byte as damaged, without a repair', () => {
    expect(findMojibake('πŸ’')).toEqual([{ start: 0, end: 3, text: 'πŸ’', damaged: true }])
    expect(findMojibake('πŸ†')).toEqual([{ start: 0, end: 3, text: 'πŸ†', damaged: true }])
    expect(findMojibake('ðŸ')).toEqual([{ start: 0, end: 2, text: 'ðŸ', damaged: true }])
    expect(findMojibake('πŸ\ufffd')).toEqual([{ start: 0, end: 3, text: 'πŸ\ufffd', damaged: true }])
  })

  it('decodes a wrong but valid sequence as what its bytes say (convert fixes it by position)', () => {
    expect(findMojibake('πŸ‘€')).toEqual([{ start: 0, end: 4, text: 'πŸ‘€', repaired: '👀' }])
  })

  it.each(['windows-1250', 'windows-1253'])('round-trips symbols garbled through %s', (page) => {
    for (const original of ['✅ Strong', '▼', '⬇ Downplay', '— dash', '“quoted”', '€5']) {
      const garbled = garble(original, page)
      if (garbled.includes('\ufffd')) continue
      expect(repairMojibake(garbled).text).toBe(original)
    }
  })

  it('is linear: a third of a megabyte of mojibake takes well under a few seconds', () => {
    const big = 'ðŸ’¡ text donâ€™t '.repeat(20_000)
    const t = performance.now()
    const { text } = repairMojibake(big)
    expect(performance.now() - t).toBeLessThan(4000)
    expect(text.startsWith('💡 text don’t')).toBe(true)
  })
})
