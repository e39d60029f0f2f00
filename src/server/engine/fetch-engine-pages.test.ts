// Inside one window: which pages to ask for, and what an overflow leaves to fetch (page-plan.ts).
import { describe, expect, it } from 'vitest'
import { knowledge, learnOrder, nextOffsets, type PageInfo, splitOverflow } from './page-plan'
import { MINUTE } from './window-plan'

const T0 = Date.UTC(2024, 10, 18, 9)

/** A page of `count` records, one a second from `from` (ascending). */
function page(count: number, from = T0): PageInfo {
  const times = Array.from({ length: count }, (_, i) => from + i * 1000)
  return {
    count,
    times,
    min: times[0] ?? Number.POSITIVE_INFINITY,
    max: times.at(-1) ?? Number.NEGATIVE_INFINITY,
  }
}

describe('knowledge', () => {
  it('knows the count from the short page above the full ones', () => {
    const pages = [page(100), undefined, page(100), page(42)]
    expect(knowledge(pages)).toMatchObject({ exact: 342, shortIndex: 3, lower: 300, overflow: false })
  })

  it('an empty page right above a full one means a round count', () => {
    expect(knowledge([undefined, page(100), page(0)])).toMatchObject({ exact: 200, shortIndex: 2 })
  })

  it('an empty page higher up only bounds it', () => {
    expect(knowledge([page(100), undefined, undefined, page(0)])).toMatchObject({ exact: null, upper: 300 })
  })

  it('a full page 10 is an overflow', () => {
    const pages: (PageInfo | undefined)[] = []
    pages[10] = page(100)
    expect(knowledge(pages).overflow).toBe(true)
  })
})

describe('nextOffsets', () => {
  it('asks first for the page the prediction says is the short one, aiming low', () => {
    expect(nextOffsets(knowledge([]), [], new Set(), 950, 3)).toEqual([7])
  })

  it('asks for page 10 at once when the window looks too full', () => {
    expect(nextOffsets(knowledge([]), [], new Set(), 1500, 3)).toEqual([10])
  })

  it('once the count is known, asks for every missing page in parallel', () => {
    const pages: (PageInfo | undefined)[] = []
    pages[7] = page(55)
    expect(nextOffsets(knowledge(pages), pages, new Set(), 755, 3)).toEqual([0, 1, 2])
    expect(nextOffsets(knowledge(pages), pages, new Set([0, 1]), 755, 3)).toEqual([2, 3, 4])
  })

  it('holds back pages below a full one while the window may still overflow', () => {
    const pages: (PageInfo | undefined)[] = []
    pages[8] = page(100)
    expect(nextOffsets(knowledge(pages), pages, new Set(), 1050, 3)).toEqual([9])
  })

  it('after an empty page, searches upward from the full ones instead of guessing again', () => {
    const pages: (PageInfo | undefined)[] = []
    pages[7] = page(0)
    expect(nextOffsets(knowledge(pages), pages, new Set(), null, 3)).toEqual([0])
  })
})

describe('learnOrder', () => {
  it('tells newest-first from oldest-first from unsorted', () => {
    expect(learnOrder([page(100, T0 + 500_000), page(100, T0)])).toBe('newest-first')
    expect(learnOrder([page(100, T0), page(100, T0 + 500_000)])).toBe('oldest-first')
    expect(learnOrder([page(100, T0), page(100, T0 + 50_000)])).toBe('unsorted')
    expect(learnOrder([page(100)])).toBeNull()
  })
})

describe('splitOverflow', () => {
  const win = { start: T0, end: T0 + 600 * MINUTE }

  it('oldest first: the window up to page 10 holds at most 1,099, and is next', () => {
    const pages: (PageInfo | undefined)[] = []
    pages[10] = page(100, T0 + 200 * MINUTE) // ranks 1,000..1,099 from 12:20 on
    const split = splitOverflow(win, pages, 'oldest-first', MINUTE)
    expect(split).toMatchObject({ start: T0, end: T0 + 201 * MINUTE, island: false })
    expect(split?.predicted).toBe(1061)
  })

  it('newest first: the far end past page 10 is an island fetched ahead', () => {
    const pages: (PageInfo | undefined)[] = []
    pages[10] = page(100, T0 + 200 * MINUTE)
    const split = splitOverflow(win, pages, 'newest-first', MINUTE)
    expect(split).toMatchObject({ start: T0 + 201 * MINUTE, end: win.end, island: true })
    expect(split?.predicted).toBe(1040)
  })

  it('unsorted answers give no split', () => {
    const pages: (PageInfo | undefined)[] = []
    pages[10] = page(100)
    expect(splitOverflow(win, pages, 'unsorted', MINUTE)).toBeNull()
  })
})
