import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addCovered, clipCovered, pruneCovered, unionCovered } from './intervals'
import type { CoveredInterval } from './store'

const iv = (start: number, end: number, fetchedAt: number): CoveredInterval => ({ start, end, fetchedAt })

describe('addCovered', () => {
  it('joins intervals that touch (end + 1 === next start) when fetched at the same time', () => {
    expect(addCovered([iv(0, 9, 5)], { start: 10, end: 19 }, 5)).toEqual([iv(0, 19, 5)])
    expect(addCovered([iv(10, 19, 5)], { start: 0, end: 9 }, 5)).toEqual([iv(0, 19, 5)])
  })

  it('leaves a gap of one ms as a gap', () => {
    expect(addCovered([iv(0, 9, 5)], { start: 11, end: 19 }, 5)).toEqual([iv(0, 9, 5), iv(11, 19, 5)])
  })

  it('keeps touching parts apart when their fetch times differ', () => {
    expect(addCovered([iv(0, 9, 5)], { start: 10, end: 19 }, 6)).toEqual([iv(0, 9, 5), iv(10, 19, 6)])
  })

  it('fills the gap between two parts and joins all three', () => {
    expect(addCovered([iv(0, 9, 5), iv(20, 29, 5)], { start: 10, end: 19 }, 5)).toEqual([iv(0, 29, 5)])
  })

  it('gives the overlapping part the later fetch time and splits the older interval around it', () => {
    expect(addCovered([iv(0, 99, 5)], { start: 40, end: 59 }, 7)).toEqual([
      iv(0, 39, 5),
      iv(40, 59, 7),
      iv(60, 99, 5),
    ])
  })

  it('keeps the later fetch time where an older fetch is marked over a newer one', () => {
    expect(addCovered([iv(40, 59, 7)], { start: 0, end: 99 }, 5)).toEqual([
      iv(0, 39, 5),
      iv(40, 59, 7),
      iv(60, 99, 5),
    ])
  })

  it('replaces a part exactly covered again, and the parts become one when the times agree', () => {
    const list = [iv(0, 9, 5), iv(10, 19, 6), iv(20, 29, 5)]
    expect(addCovered(list, { start: 10, end: 19 }, 5)).toEqual(list)
    expect(addCovered(list, { start: 0, end: 29 }, 8)).toEqual([iv(0, 29, 8)])
  })

  it('covers an overlap reaching across several parts and gaps', () => {
    const list = [iv(0, 9, 1), iv(20, 29, 9), iv(40, 49, 1)]
    expect(addCovered(list, { start: 5, end: 44 }, 3)).toEqual([
      iv(0, 4, 1),
      iv(5, 19, 3),
      iv(20, 29, 9),
      iv(30, 44, 3),
      iv(45, 49, 1),
    ])
  })

  it('ignores an empty or unusable interval', () => {
    const list = [iv(0, 9, 1)]
    expect(addCovered(list, { start: 20, end: 19 }, 2)).toEqual(list)
    expect(addCovered(list, { start: Number.NaN, end: 19 }, 2)).toEqual(list)
    expect(addCovered(list, { start: 0, end: 19 }, Number.NaN)).toEqual(list)
  })

  it('takes a single ms interval', () => {
    expect(addCovered([], { start: 7, end: 7 }, 1)).toEqual([iv(7, 7, 1)])
    expect(addCovered([iv(0, 6, 1)], { start: 7, end: 7 }, 1)).toEqual([iv(0, 7, 1)])
  })

  // Model: one fetch time per ms of a small line; every mark keeps the later time per ms.
  it('agrees with a per-millisecond model for any sequence of marks', () => {
    const mark = fc.record({
      start: fc.integer({ min: 0, max: 40 }),
      len: fc.integer({ min: 0, max: 15 }),
      at: fc.integer({ min: 1, max: 4 }),
    })
    fc.assert(
      fc.property(fc.array(mark, { maxLength: 12 }), (marks) => {
        let list: CoveredInterval[] = []
        const model: (number | undefined)[] = []
        for (const m of marks) {
          list = addCovered(list, { start: m.start, end: m.start + m.len }, m.at)
          for (let t = m.start; t <= m.start + m.len; t++) model[t] = Math.max(model[t] ?? 0, m.at)
        }
        const runs: CoveredInterval[] = []
        model.forEach((at, t) => {
          if (at === undefined) return
          const last = runs[runs.length - 1]
          if (last && last.end === t - 1 && last.fetchedAt === at) last.end = t
          else runs.push(iv(t, t, at))
        })
        expect(list).toEqual(runs)
      }),
    )
  })
})

describe('clipCovered', () => {
  const list = [iv(0, 9, 1), iv(10, 19, 2), iv(30, 39, 3)]

  it('returns the parts inside the range, cut to its bounds', () => {
    expect(clipCovered(list, { start: 5, end: 32 })).toEqual([iv(5, 9, 1), iv(10, 19, 2), iv(30, 32, 3)])
  })

  it('includes parts touching the range at a single ms on either end', () => {
    expect(clipCovered(list, { start: 9, end: 10 })).toEqual([iv(9, 9, 1), iv(10, 10, 2)])
    expect(clipCovered(list, { start: 39, end: 50 })).toEqual([iv(39, 39, 3)])
  })

  it('returns nothing for a range in a gap, or an empty range', () => {
    expect(clipCovered(list, { start: 20, end: 29 })).toEqual([])
    expect(clipCovered(list, { start: 5, end: 4 })).toEqual([])
  })
})

describe('pruneCovered', () => {
  const list = [iv(0, 9, 1), iv(10, 19, 2), iv(30, 39, 3)]

  it('drops intervals ending before the cut and cuts the one reaching across it', () => {
    expect(pruneCovered(list, 15)).toEqual([iv(15, 19, 2), iv(30, 39, 3)])
  })

  it('keeps an interval ending exactly at the cut (one ms of it)', () => {
    expect(pruneCovered(list, 19)).toEqual([iv(19, 19, 2), iv(30, 39, 3)])
    expect(pruneCovered(list, 20)).toEqual([iv(30, 39, 3)])
  })
})

describe('unionCovered', () => {
  it('merges two lists keeping the later fetch time per part', () => {
    expect(unionCovered([iv(0, 9, 1), iv(20, 29, 5)], [iv(5, 24, 3)])).toEqual([
      iv(0, 4, 1),
      iv(5, 19, 3),
      iv(20, 29, 5),
    ])
  })
})
