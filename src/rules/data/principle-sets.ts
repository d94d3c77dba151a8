import { memoize } from '../../model/memo.js'
import { words } from '../text/words.js'

/**
 * Built-in principle sets, by company. Each principle lists its canonical name first, then
 * spellings seen in the wild; comparison also ignores case, punctuation, `&`/`and` and `the`.
 */
export interface PrincipleSet {
  /** Company names (any spelling) this set is for. */
  companies: string[]
  /** What the company calls the set. */
  name: string
  /** Each principle: canonical name first, then accepted variants. */
  principles: string[][]
}

export const BUILT_IN_SETS: readonly PrincipleSet[] = [
  {
    companies: ['Amazon', 'Amazon.com', 'AWS', 'Amazon Web Services'],
    name: 'Leadership Principles',
    principles: [
      ['Customer Obsession'],
      ['Ownership'],
      ['Invent and Simplify'],
      ['Are Right, A Lot', 'Are Right A Lot', 'Be Right A Lot', 'Right A Lot'],
      ['Learn and Be Curious'],
      ['Hire and Develop the Best'],
      ['Insist on the Highest Standards'],
      ['Think Big'],
      ['Bias for Action'],
      ['Frugality'],
      ['Earn Trust', 'Earns Trust'],
      ['Dive Deep'],
      ['Have Backbone; Disagree and Commit', 'Disagree and Commit', 'Have Backbone'],
      ['Deliver Results'],
      ["Strive to be Earth's Best Employer", "Earth's Best Employer"],
      ['Success and Scale Bring Broad Responsibility'],
    ],
  },
]

/**
 * Compare principle names: case, punctuation, apostrophes, `&` for `and`, and `the` ignored.
 * Memoised: principle-known keys every built-in name for every file.
 */
export const principleKey: (name: string) => string = memoize(10_000, (name) =>
  words(name.replace(/&/g, ' and '))
    .map((w) => w.norm)
    .filter((w) => w !== 'the' && w !== 's')
    .join(' '),
)
