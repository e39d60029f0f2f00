import { describe, expect, it } from 'vitest'
import type { Conversation } from '../../api/conversation'
import { countByDay } from './day-buckets'

const at = (iso: string, botOnly = false) =>
  ({ id: iso, sessionStartTime: Date.parse(iso), botOnly }) as unknown as Conversation

describe('conversations per day', () => {
  it('cuts days at local midnight and gives the autumn DST day 25 hours (America/New_York)', () => {
    const range = { start: Date.parse('2024-10-28T04:00:00Z'), end: Date.parse('2024-11-04T04:59:59.999Z') }
    const buckets = countByDay(
      [
        at('2024-11-03T03:59:59Z'), // 23:59:59 EDT on Nov 2
        at('2024-11-03T04:00:00Z'), // 00:00 EDT on Nov 3
        at('2024-11-03T06:30:00Z', true), // 01:30 EST, the repeated hour
        at('2024-11-04T04:59:59Z'), // 23:59:59 EST on Nov 3
        at('2024-11-04T05:00:00Z'), // Nov 4: outside the range
      ],
      range,
      'America/New_York',
    )
    expect(buckets.map((b) => b.day)).toEqual([
      '2024-10-28',
      '2024-10-29',
      '2024-10-30',
      '2024-10-31',
      '2024-11-01',
      '2024-11-02',
      '2024-11-03',
    ])
    const nov3 = buckets[6]
    expect(nov3 && (nov3.end - nov3.start + 1) / 3_600_000).toBe(25)
    expect(buckets.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 1, 3])
    expect(nov3?.botOnly).toBe(1)
  })

  it('lists the same instants under other days in another zone', () => {
    const range = { start: Date.parse('2024-11-02T18:30:00Z'), end: Date.parse('2024-11-04T18:29:59.999Z') }
    const buckets = countByDay(
      [at('2024-11-03T03:59:59Z'), at('2024-11-03T18:30:00Z')],
      range,
      'Asia/Kolkata',
    )
    expect(buckets.map((b) => [b.day, b.count])).toEqual([
      ['2024-11-03', 1],
      ['2024-11-04', 1],
    ])
  })
})

describe('records no day holds', () => {
  it('counts records without a start time and outside the range apart, so the total can be checked', () => {
    const range = { start: Date.parse('2024-11-18T00:00:00Z'), end: Date.parse('2024-11-18T23:59:59.999Z') }
    const unplaced = { noStart: 0, outside: 0 }
    const none = { id: 'none', sessionStartTime: null, botOnly: false } as unknown as Conversation
    const buckets = countByDay(
      [at('2024-11-18T10:00:00Z'), at('2024-11-19T10:00:00Z'), none],
      range,
      'UTC',
      unplaced,
    )
    expect(buckets.map((b) => b.count)).toEqual([1])
    expect(unplaced).toEqual({ noStart: 1, outside: 1 })
  })
})
