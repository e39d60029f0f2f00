import { addToRange, TZDate } from 'react-day-picker'
import { describe, expect, it } from 'vitest'
import { formatRangeLabel, MAX_NIGHTS, rangeWithTimes, timeOfDay } from './range-draft'

const iso = (ms: number) => new Date(ms).toISOString()
const at = (text: string) => Date.parse(text)

describe('rangeWithTimes', () => {
  it('defaults to whole days in the display zone (25 hours on the autumn DST day)', () => {
    const day = at('2024-11-03T12:00:00Z')
    const r = rangeWithTimes(day, day, '00:00', '23:59', 'America/New_York')
    expect([iso(r.start), iso(r.end)]).toEqual(['2024-11-03T04:00:00.000Z', '2024-11-04T04:59:59.999Z'])
  })

  it('treats empty times as the whole day', () => {
    const r = rangeWithTimes(at('2024-11-12T12:00:00Z'), at('2024-11-13T12:00:00Z'), '', '', 'UTC')
    expect([iso(r.start), iso(r.end)]).toEqual(['2024-11-12T00:00:00.000Z', '2024-11-13T23:59:59.999Z'])
  })

  it('refines the first and last day with times of day in the zone', () => {
    const r = rangeWithTimes(
      at('2024-11-12T12:00:00Z'),
      at('2024-11-13T12:00:00Z'),
      '09:00',
      '17:30',
      'Asia/Kolkata',
    )
    expect([iso(r.start), iso(r.end)]).toEqual(['2024-11-12T03:30:00.000Z', '2024-11-13T12:00:00.000Z'])
  })

  it('takes times after the DST change at their new offset', () => {
    const day = at('2024-11-03T12:00:00Z')
    const r = rangeWithTimes(day, day, '00:30', '03:00', 'America/New_York')
    expect([iso(r.start), iso(r.end)]).toEqual(['2024-11-03T04:30:00.000Z', '2024-11-03T08:00:00.000Z'])
  })

  it('reads back the times it writes', () => {
    const r = rangeWithTimes(
      at('2024-11-12T12:00:00Z'),
      at('2024-11-12T12:00:00Z'),
      '08:15',
      '18:45',
      'Asia/Kolkata',
    )
    expect([timeOfDay(r.start, 'Asia/Kolkata'), timeOfDay(r.end, 'Asia/Kolkata')]).toEqual(['08:15', '18:45'])
  })
})

describe('formatRangeLabel', () => {
  const zone = 'America/New_York'
  it('shows whole days compactly', () => {
    expect(
      formatRangeLabel({ start: at('2024-11-12T05:00:00Z'), end: at('2024-11-19T04:59:59.999Z') }, zone),
    ).toBe('Nov 12 – Nov 18, 2024')
    expect(
      formatRangeLabel({ start: at('2024-11-12T05:00:00Z'), end: at('2024-11-13T04:59:59.999Z') }, zone),
    ).toBe('Nov 12, 2024')
    expect(
      formatRangeLabel({ start: at('2024-12-30T05:00:00Z'), end: at('2025-01-03T04:59:59.999Z') }, zone),
    ).toBe('Dec 30, 2024 – Jan 2, 2025')
  })

  it('shows times when the range is not whole days', () => {
    expect(
      formatRangeLabel({ start: at('2024-11-12T14:00:00Z'), end: at('2024-11-12T22:30:00Z') }, zone),
    ).toBe('Nov 12, 2024, 09:00 – 17:30')
    expect(
      formatRangeLabel({ start: at('2024-11-12T14:00:00Z'), end: at('2024-11-13T22:30:00Z') }, zone),
    ).toBe('Nov 12, 09:00 – Nov 13, 17:30, 2024')
  })
})

describe("react-day-picker v10's range `max`", () => {
  // TOOLCHAIN.md: in mode="range", `max` counts nights. The picker relies on max={MAX_NIGHTS} allowing 7 days.
  const zone = 'America/New_York'
  const day = (d: number) => new TZDate(2024, 10, d, zone)

  it('max={6} accepts a 7-calendar-day range', () => {
    expect(MAX_NIGHTS).toBe(6)
    const range = addToRange(day(7), { from: day(1), to: undefined }, 0, MAX_NIGHTS)
    expect(range?.to && +range.to).toBe(+day(7))
  })

  it('max={6} refuses an 8-calendar-day range and restarts from the clicked day', () => {
    const range = addToRange(day(8), { from: day(1), to: undefined }, 0, MAX_NIGHTS)
    expect(range).toEqual({ from: day(8), to: undefined })
  })
})
