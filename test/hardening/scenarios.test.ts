/** For any scenario, write → parse → fmt: the first half of the cases (round-trip.ts). */
import { describe } from 'vitest'
import { roundTripTest } from './round-trip.js'

describe('for any scenario', () => roundTripTest(1, 2))
