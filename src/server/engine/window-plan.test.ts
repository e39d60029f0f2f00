import { describe, expect, it } from 'vitest'
import { buildModel, type Model } from './density-model'
import { TimeIndex } from './time-index'
import {
  DAY,
  HOUR,
  MINUTE,
  parseUtcTimestamp,
  planBackward,
  planWindow,
  snapEnd,
  toUtcInstant,
} from './window-plan'

const MON = Date.UTC(2024, 10, 18) // a Monday, 00:00 UTC

/** A model of `perHour` records every hour. */
function flat(perHour: number): Model {
  return { count: (a, b) => (perHour * Math.max(0, b - a)) / HOUR, maxLen: 7 * DAY }
}

describe('times', () => {
  it('reads the zone-less start times of records as UTC, with a space or a T', () => {
    expect(parseUtcTimestamp('2024-11-18 17:18:03')).toBe(Date.UTC(2024, 10, 18, 17, 18, 3))
    expect(parseUtcTimestamp('2025-09-30T11:40:31')).toBe(Date.UTC(2025, 8, 30, 11, 40, 31))
    expect(parseUtcTimestamp('2025-09-30T11:40:31.5Z')).toBe(Date.UTC(2025, 8, 30, 11, 40, 31, 500))
    expect(parseUtcTimestamp('yesterday')).toBeNull()
    expect(parseUtcTimestamp(undefined)).toBeNull()
  })

  it('asks with UTC instants, as the captured request does', () => {
    expect(toUtcInstant(MON)).toBe('2024-11-18T00:00:00.000Z')
  })
})

describe('planWindow', () => {
  it('starts cold with the rest of the first UTC day (or the range, when shorter)', () => {
    const t = MON + 5 * HOUR
    expect(planWindow({ t, rangeEnd: MON + 7 * DAY - 1, model: null })).toEqual({
      start: t,
      end: MON + DAY,
      predicted: null,
    })
    expect(planWindow({ t, rangeEnd: MON + 9 * HOUR, model: null }).end).toBe(MON + 9 * HOUR)
  })

  it('sizes a window for about 1,000 records and ends it on the grid', () => {
    const plan = planWindow({ t: MON + 6 * HOUR, rangeEnd: MON + 7 * DAY, model: flat(300) })
    expect(plan.predicted).toBeLessThanOrEqual(1000)
    expect(plan.predicted).toBeGreaterThan(850)
    expect(plan.end % (5 * MINUTE)).toBe(0)
  })

  it('never runs past a UTC midnight, so every range meets the others there', () => {
    const plan = planWindow({ t: MON + 20 * HOUR, rangeEnd: MON + 7 * DAY, model: flat(20) })
    expect(plan.end).toBe(MON + DAY)
  })

  it('takes whole days at once when they are quiet, ending on a midnight', () => {
    const plan = planWindow({ t: MON + DAY, rangeEnd: MON + 7 * DAY, model: flat(8) })
    expect(plan.end).toBe(MON + 6 * DAY)
    expect((plan.end - MON) % DAY).toBe(0)
  })

  it('takes the tail of the range in one window when it fits', () => {
    const end = MON + DAY - 1
    expect(planWindow({ t: MON + 20 * HOUR, rangeEnd: end, model: flat(100) }).end).toBe(end)
  })

  it('goes down to one minute when a minute is all that fits', () => {
    const plan = planWindow({ t: MON + 12 * HOUR, rangeEnd: MON + DAY, model: flat(200_000) })
    expect(plan.end - plan.start).toBe(MINUTE)
  })
})

describe('snapEnd', () => {
  it('rounds down to a unit that keeps most of the wanted length', () => {
    expect(snapEnd(MON, 10 * HOUR + 40 * MINUTE, MINUTE, MON + DAY)).toBe(MON + 10 * HOUR)
    expect(snapEnd(MON + 3 * MINUTE, 7 * MINUTE + 30_000, MINUTE, MON + DAY)).toBe(MON + 10 * MINUTE)
  })
})

describe('planBackward', () => {
  it('works back from an island, sized by the island’s first hours', () => {
    const index = new TimeIndex()
    const ahead = { start: MON + 14 * HOUR, end: MON + DAY }
    // 200 an hour from 14:00 on
    for (let t = ahead.start; t < ahead.end; t += 18_000) index.add(t)
    const plan = planBackward({ t: MON, ahead, index })
    expect(plan.end).toBe(ahead.start)
    expect(plan.island).toBe(true)
    expect(plan.start).toBeGreaterThan(MON + 8 * HOUR)
    expect(plan.predicted).toBeLessThanOrEqual(1000)
  })
})

describe('buildModel', () => {
  const index = new TimeIndex()
  // Monday: 100 an hour 00-12, 400 an hour 12-24.
  for (let t = MON; t < MON + DAY; t += t < MON + 12 * HOUR ? 36_000 : 9_000) index.add(t)

  it('predicts today from yesterday’s same hours', () => {
    // Tuesday 12:00, with Tuesday morning as busy as Monday's.
    for (let t = MON + DAY; t < MON + DAY + 12 * HOUR; t += 36_000) index.add(t)
    const model = buildModel({ t: MON + DAY + 12 * HOUR, rangeStart: MON, index, basis: null })
    const afternoon = model?.count(MON + DAY + 12 * HOUR, MON + DAY + 15 * HOUR) ?? 0
    expect(afternoon).toBeGreaterThan(1100)
    expect(afternoon).toBeLessThan(1300)
  })

  it('follows the last window’s trend on the first day', () => {
    const model = buildModel({
      t: MON + 12 * HOUR,
      rangeStart: MON,
      index,
      basis: { start: MON, end: MON + 12 * HOUR },
    })
    const next = model?.count(MON + 12 * HOUR, MON + 13 * HOUR) ?? 0
    expect(next).toBeGreaterThan(80)
    expect(next).toBeLessThan(150)
  })

  it('knows nothing before the first window', () => {
    expect(buildModel({ t: MON, rangeStart: MON, index: new TimeIndex(), basis: null })).toBeNull()
  })
})
