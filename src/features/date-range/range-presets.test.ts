import { describe, expect, it } from 'vitest'
import { matchingPreset, PRESETS, type PresetId, presetRange } from './range-presets'
import { rangeProblem } from './range-rules'

const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()
const preset = (id: PresetId, now: string, zone: string) => {
  const r = presetRange(id, Date.parse(now), zone)
  return [iso(r.start), iso(r.end)]
}
const hours = (id: PresetId, now: string, zone: string) => {
  const r = presetRange(id, Date.parse(now), zone)
  return (r.end - r.start + 1) / HOUR
}

describe('presets in America/New_York the day after the autumn DST change', () => {
  // Monday 2024-11-04 10:00 EST; clocks went back on Sunday 2024-11-03 at 02:00 EDT.
  const NOW = '2024-11-04T15:00:00Z'
  const NY = 'America/New_York'

  it('Today is Monday, 24 hours', () => {
    expect(preset('today', NOW, NY)).toEqual(['2024-11-04T05:00:00.000Z', '2024-11-05T04:59:59.999Z'])
  })

  it('Yesterday is Sunday 2024-11-03, 25 hours long', () => {
    expect(preset('yesterday', NOW, NY)).toEqual(['2024-11-03T04:00:00.000Z', '2024-11-04T04:59:59.999Z'])
    expect(hours('yesterday', NOW, NY)).toBe(25)
  })

  it('Last 24 hours is 24 elapsed hours, not a wall-clock day', () => {
    expect(preset('last24h', NOW, NY)).toEqual(['2024-11-03T15:00:00.000Z', '2024-11-04T15:00:00.000Z'])
  })

  it('Last 24 hours floors `now` to the minute', () => {
    expect(preset('last24h', '2024-11-04T15:07:42.123Z', NY)).toEqual([
      '2024-11-03T15:07:00.000Z',
      '2024-11-04T15:07:00.000Z',
    ])
  })

  it('Last 7 days is Tuesday Oct 29 to today, 7 days + 1 hour, and passes the 7-day rule', () => {
    expect(preset('last7d', NOW, NY)).toEqual(['2024-10-29T04:00:00.000Z', '2024-11-05T04:59:59.999Z'])
    expect(hours('last7d', NOW, NY)).toBe(7 * 24 + 1)
    expect(rangeProblem(presetRange('last7d', Date.parse(NOW), NY))).toBeNull()
  })

  it('This week on a Monday is just Monday', () => {
    expect(preset('thisWeek', NOW, NY)).toEqual(preset('today', NOW, NY))
  })

  it('Previous week is Monday Oct 28 to Sunday Nov 3, 7 days + 1 hour, and passes the 7-day rule', () => {
    expect(preset('previousWeek', NOW, NY)).toEqual(['2024-10-28T04:00:00.000Z', '2024-11-04T04:59:59.999Z'])
    expect(hours('previousWeek', NOW, NY)).toBe(7 * 24 + 1)
    expect(rangeProblem(presetRange('previousWeek', Date.parse(NOW), NY))).toBeNull()
  })

  it('late on the evening of the change, Last 7 days still starts 6 calendar days back', () => {
    // 23:30 EST on Monday Nov 4 = 04:30Z Nov 5; 6 × 24 h earlier would land on Oct 30 (EDT), one day short.
    expect(preset('last7d', '2024-11-05T04:30:00Z', NY)).toEqual([
      '2024-10-29T04:00:00.000Z',
      '2024-11-05T04:59:59.999Z',
    ])
  })
})

describe('presets in America/New_York around the spring DST change', () => {
  // Monday 2024-03-11 11:00 EDT; clocks went forward on Sunday 2024-03-10 at 02:00 EST.
  const NOW = '2024-03-11T15:00:00Z'
  const NY = 'America/New_York'

  it('Yesterday is 23 hours long', () => {
    expect(preset('yesterday', NOW, NY)).toEqual(['2024-03-10T05:00:00.000Z', '2024-03-11T03:59:59.999Z'])
    expect(hours('yesterday', NOW, NY)).toBe(23)
  })

  it('Previous week is 7 days − 1 hour', () => {
    expect(preset('previousWeek', NOW, NY)).toEqual(['2024-03-04T05:00:00.000Z', '2024-03-11T03:59:59.999Z'])
    expect(hours('previousWeek', NOW, NY)).toBe(7 * 24 - 1)
  })
})

describe('presets in Asia/Kolkata (UTC+05:30) when its day differs from the UTC day', () => {
  // 01:30 IST on Monday 2024-11-04 is still Sunday 2024-11-03 20:00 in UTC.
  const NOW = '2024-11-03T20:00:00Z'
  const IN = 'Asia/Kolkata'

  it('Today and Yesterday are Kolkata days', () => {
    expect(preset('today', NOW, IN)).toEqual(['2024-11-03T18:30:00.000Z', '2024-11-04T18:29:59.999Z'])
    expect(preset('yesterday', NOW, IN)).toEqual(['2024-11-02T18:30:00.000Z', '2024-11-03T18:29:59.999Z'])
  })

  it('This week starts on Kolkata Monday (which is today there)', () => {
    expect(preset('thisWeek', NOW, IN)).toEqual(['2024-11-03T18:30:00.000Z', '2024-11-04T18:29:59.999Z'])
  })

  it('Previous week is Monday Oct 28 to Sunday Nov 3 in Kolkata, exactly 7 × 24 h', () => {
    expect(preset('previousWeek', NOW, IN)).toEqual(['2024-10-27T18:30:00.000Z', '2024-11-03T18:29:59.999Z'])
    expect(hours('previousWeek', NOW, IN)).toBe(7 * 24)
  })

  it('Last 7 days is 7 calendar days ending today', () => {
    expect(preset('last7d', NOW, IN)).toEqual(['2024-10-28T18:30:00.000Z', '2024-11-04T18:29:59.999Z'])
  })
})

describe('presets in UTC at the same instant (a Sunday there)', () => {
  const NOW = '2024-11-03T20:00:00Z'
  const UTC = 'UTC'

  it('Today is Sunday; This week is Monday Oct 28 to today', () => {
    expect(preset('today', NOW, UTC)).toEqual(['2024-11-03T00:00:00.000Z', '2024-11-03T23:59:59.999Z'])
    expect(preset('thisWeek', NOW, UTC)).toEqual(['2024-10-28T00:00:00.000Z', '2024-11-03T23:59:59.999Z'])
  })

  it('Yesterday, Last 24 hours, Last 7 days and Previous week', () => {
    expect(preset('yesterday', NOW, UTC)).toEqual(['2024-11-02T00:00:00.000Z', '2024-11-02T23:59:59.999Z'])
    expect(preset('last24h', NOW, UTC)).toEqual(['2024-11-02T20:00:00.000Z', '2024-11-03T20:00:00.000Z'])
    expect(preset('last7d', NOW, UTC)).toEqual(['2024-10-28T00:00:00.000Z', '2024-11-03T23:59:59.999Z'])
    expect(preset('previousWeek', NOW, UTC)).toEqual(['2024-10-21T00:00:00.000Z', '2024-10-27T23:59:59.999Z'])
  })
})

describe('every preset', () => {
  it('passes the 7-day rule in every zone, every hour of a DST-crossing fortnight', () => {
    const start = Date.parse('2024-10-27T00:00:00Z')
    for (const zone of ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']) {
      for (let now = start; now < start + 14 * 24 * HOUR; now += HOUR) {
        for (const { id } of PRESETS) {
          const r = presetRange(id, now, zone)
          expect(rangeProblem(r), `${id} at ${iso(now)} in ${zone}`).toBeNull()
          expect(r.end, `${id} ends no earlier than it starts`).toBeGreaterThanOrEqual(r.start)
        }
      }
    }
  })

  it('matchingPreset finds the preset a range came from', () => {
    const now = Date.parse('2024-11-06T15:00:00Z')
    const zone = 'America/New_York'
    expect(matchingPreset(presetRange('previousWeek', now, zone), now, zone)).toBe('previousWeek')
    expect(matchingPreset(presetRange('yesterday', now, zone), now, zone)).toBe('yesterday')
    expect(matchingPreset({ start: 0, end: 1 }, now, zone)).toBeNull()
    expect(matchingPreset(null, now, zone)).toBeNull()
  })
})
