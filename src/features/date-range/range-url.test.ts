import { describe, expect, it } from 'vitest'
import { MAX_RANGE_MS } from '../../lib/calldetails-limits'
import { rangeFromUrl, rangeToParams } from './range-url'

const NOW = Date.parse('2024-11-20T15:00:00Z')
const read = (query: string, zone = 'UTC') => rangeFromUrl(new URLSearchParams(query), NOW, zone)
const iso = (ms: number) => new Date(ms).toISOString()

describe('range from the URL', () => {
  it('reads whole days in the display zone, `to` inclusive', () => {
    const r = read('from=2024-11-18&to=2024-11-19&tz=Asia/Kolkata')
    expect(r.ok && [iso(r.range.start), iso(r.range.end)]).toEqual([
      '2024-11-17T18:30:00.000Z',
      '2024-11-19T18:29:59.999Z',
    ])
  })

  it('takes `from` alone as that one day', () => {
    const r = read('from=2024-11-18&tz=America/New_York')
    expect(r.ok && [iso(r.range.start), iso(r.range.end)]).toEqual([
      '2024-11-18T05:00:00.000Z',
      '2024-11-19T04:59:59.999Z',
    ])
  })

  it('reads zone-less date-times in the display zone and Z times as UTC', () => {
    const r = read('from=2024-11-18T09:30&to=2024-11-18T17:00:00Z&tz=America/New_York')
    expect(r.ok && [iso(r.range.start), iso(r.range.end)]).toEqual([
      '2024-11-18T14:30:00.000Z',
      '2024-11-18T17:00:00.000Z',
    ])
  })

  it('defaults to the last 7 calendar days in the browser zone', () => {
    const r = read('', 'Europe/Berlin')
    expect(r.ok && [iso(r.range.start), iso(r.range.end), r.zone]).toEqual([
      '2024-11-13T23:00:00.000Z',
      '2024-11-20T22:59:59.999Z',
      'Europe/Berlin',
    ])
  })

  it('counts the default 7 days in calendar days, across a DST change', () => {
    const r = rangeFromUrl(
      new URLSearchParams('tz=America/New_York'),
      Date.parse('2024-11-05T04:30:00Z'),
      'UTC',
    )
    expect(r.ok && iso(r.range.start)).toBe('2024-10-29T04:00:00.000Z')
  })

  it('lets seven calendar days across the autumn DST change pass (a 25-hour day)', () => {
    const r = read('from=2024-10-28&to=2024-11-03&tz=America/New_York')
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.range.end - r.range.start + 1).toBe(7 * 24 * 3_600_000 + 3_600_000)
    expect(MAX_RANGE_MS).toBe(7 * 24 * 3_600_000 + 3_600_000)
  })

  it('makes a spring DST day 23 hours long', () => {
    const r = read('from=2024-03-10&tz=America/New_York')
    expect(r.ok && r.range.end - r.range.start + 1).toBe(23 * 3_600_000)
  })

  it('refuses 8 days and offers the first 7 from `from`', () => {
    const r = read('from=2024-11-01&to=2024-11-08')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problem).toMatch(/at most 7 days/)
    expect(r.suggestion && [iso(r.suggestion.start), iso(r.suggestion.end)]).toEqual([
      '2024-11-01T00:00:00.000Z',
      '2024-11-07T23:59:59.999Z',
    ])
  })

  it('refuses a reversed range and offers it swapped', () => {
    const r = read('from=2024-11-10&to=2024-11-08')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problem).toMatch(/ends before it starts/)
    expect(r.suggestion && [iso(r.suggestion.start), iso(r.suggestion.end)]).toEqual([
      '2024-11-08T00:00:00.000Z',
      '2024-11-10T23:59:59.999Z',
    ])
  })

  it('takes a date-time `from` alone as the rest of that day', () => {
    const r = read('from=2024-11-18T10:00&tz=Asia/Kolkata')
    expect(r.ok && [iso(r.range.start), iso(r.range.end)]).toEqual([
      '2024-11-18T04:30:00.000Z',
      '2024-11-18T18:29:59.999Z',
    ])
  })

  it('refuses what is neither yyyy-MM-dd nor an ISO date-time', () => {
    for (const bad of ['2024-11', '2024', '2024-W47', '20241118', '18/11/2024']) {
      const r = read(`from=${bad}`)
      expect(!r.ok && r.problem, bad).toContain(`"${bad}" is not a date`)
    }
  })

  it('says which value is not a date, and names an unknown zone', () => {
    const bad = read('from=yesterday')
    expect(!bad.ok && bad.problem).toMatch(/"yesterday" is not a date/)
    const badTo = read('from=2024-11-10&to=2024-13-01')
    expect(!badTo.ok && badTo.problem).toMatch(/"2024-13-01"/)
    const zone = read('from=2024-11-10&tz=Mars/Olympus')
    expect(!zone.ok && zone.problem).toMatch(/Mars\/Olympus/)
  })
})

describe('range to the URL', () => {
  it('round-trips whole days and date-times', () => {
    for (const query of [
      'from=2024-11-18&to=2024-11-19&tz=Asia/Kolkata',
      'from=2024-11-18&tz=America/New_York',
      'from=2024-11-18T09:30:00&to=2024-11-18T17:00:00&tz=America/New_York',
    ]) {
      const r = read(query)
      if (!r.ok) throw new Error(r.problem)
      const params = rangeToParams(r.range, r.zone, new URLSearchParams({ tz: r.zone }))
      expect(Object.fromEntries(params)).toEqual(Object.fromEntries(new URLSearchParams(query)))
    }
  })
})
