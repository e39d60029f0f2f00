import { describe, expect, it } from 'vitest'
import { createGenerator } from '../mocks/synthetic/generator'
import older from './fixtures/sample-response.json' with { type: 'json' }
import newer from './fixtures/sample-response-newer.json' with { type: 'json' }
import { normalizeResponse } from './normalize'
import { createRangeAccumulator } from './range-load'
import { detectTimeShift, formatShift, timeShiftWarning } from './time-shift'

/** the 13 seed records, read with `timeZoneOffset` (they were fetched with -330, India) */
const seed = (timeZoneOffset: number) => [
  ...normalizeResponse(older, { timeZoneOffset }).conversations,
  ...normalizeResponse(newer, { timeZoneOffset }).conversations,
]

const MIN = 60_000
const T0 = Date.parse('2024-11-18T10:00:00Z')
/** an ObjectId created at `ms` (its first 8 hex digits are UTC seconds) */
const oid = (ms: number, tail = 'aabbccddeeff001122334455') =>
  Math.floor(ms / 1000)
    .toString(16)
    .padStart(8, '0') + tail.slice(0, 16)
/** a record created at T0 + k minutes whose start reads `shiftMin` (+ `skewMs`) later */
const rec = (k: number, shiftMin: number, skewMs = 0) => ({
  sessionId: oid(T0 + k * MIN),
  sessionStartTime: T0 + k * MIN + shiftMin * MIN + skewMs,
})

describe('detectTimeShift', () => {
  it('finds +5:30 in the 13 seed records read as UTC (they are India time)', () => {
    const misread = seed(0)
    expect(misread).toHaveLength(13)
    expect(detectTimeShift(misread)).toBe(330)
    expect(timeShiftWarning(misread)).toBe(
      'times look shifted by +5:30 (sessionId creation times vs sessionStartTime); check the time zone the API was asked for',
    )
  })

  it('says nothing when the seed records are read with the offset they were fetched with', () => {
    expect(detectTimeShift(seed(-330))).toBeNull()
    expect(timeShiftWarning(seed(-330))).toBeNull()
  })

  it('finds a westward shift too, and whole hours', () => {
    expect(detectTimeShift(Array.from({ length: 10 }, (_, k) => rec(k, -300)))).toBe(-300)
    expect(detectTimeShift(Array.from({ length: 10 }, (_, k) => rec(k, 60, 40_000)))).toBe(60)
    expect(formatShift(-300)).toBe('-5:00')
    expect(formatShift(345)).toBe('+5:45')
  })

  it('treats differences under 2 minutes as agreeing, and tolerates ±2 minutes around a shift', () => {
    expect(detectTimeShift(Array.from({ length: 10 }, (_, k) => rec(k, 0, (k - 5) * 10_000)))).toBeNull()
    expect(detectTimeShift(Array.from({ length: 10 }, (_, k) => rec(k, 330, (k - 5) * 20_000)))).toBe(330)
  })

  it('needs at least 5 records with a valid ObjectId, and at least 80% of them shifted alike', () => {
    expect(detectTimeShift(Array.from({ length: 4 }, (_, k) => rec(k, 330)))).toBeNull()
    expect(detectTimeShift(Array.from({ length: 5 }, (_, k) => rec(k, 330)))).toBe(330)
    // 8 of 10 shifted: enough; 7 of 10: not
    const mixed = (n: number) => Array.from({ length: 10 }, (_, k) => rec(k, k < n ? 330 : 0))
    expect(detectTimeShift(mixed(8))).toBe(330)
    expect(detectTimeShift(mixed(7))).toBeNull()
    // two different shifts split the vote
    expect(detectTimeShift(Array.from({ length: 10 }, (_, k) => rec(k, k % 2 === 0 ? 330 : 60)))).toBeNull()
  })

  it('is not set off by random or odd ids, or by differences that are no multiple of 30 minutes', () => {
    let x = 12345
    const random = Array.from({ length: 200 }, (_, k) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0
      return { sessionId: x.toString(16).padStart(8, '0') + 'ab'.repeat(8), sessionStartTime: T0 + k * MIN }
    })
    expect(detectTimeShift(random)).toBeNull()
    const odd = Array.from({ length: 20 }, (_, k) => ({
      sessionId: ['s-1', 'not an id', '', 'zzzzzzzzzzzzzzzzzzzzzzzz', '673b2973'][k % 5] ?? null,
      sessionStartTime: T0,
    }))
    expect(detectTimeShift(odd)).toBeNull()
    expect(detectTimeShift([...odd, ...Array.from({ length: 4 }, (_, k) => rec(k, 330))])).toBeNull()
    expect(detectTimeShift(Array.from({ length: 10 }, (_, k) => rec(k, 17)))).toBeNull()
    expect(detectTimeShift(Array.from({ length: 10 }, (_, k) => rec(k, 330 + 7)))).toBeNull()
    // a day or more apart is not a zone
    expect(detectTimeShift(Array.from({ length: 10 }, (_, k) => rec(k, 24 * 60)))).toBeNull()
    expect(
      detectTimeShift(Array.from({ length: 10 }, (_, k) => ({ ...rec(k, 330), sessionStartTime: null }))),
    ).toBeNull()
  })
})

describe('a range that is complete', () => {
  const START = Date.parse('2024-11-18T00:00:00Z')
  const END = START + 86_400_000 - 1
  const done = { type: 'done' as const, count: 10, fetchedAt: 1 }
  const shiftWarnings = (acc: ReturnType<typeof createRangeAccumulator>) =>
    acc.snapshot().warnings.filter((w) => w.index === -1)

  it('gets the warning once, beside the records’ own warnings, when its times are shifted', () => {
    const acc = createRangeAccumulator(START, END)
    // India-time records, read as UTC as the page reads everything (CONTRACT.md "Time")
    acc.apply({ type: 'records', records: [...older.data, 'not a record'] })
    expect(shiftWarnings(acc)).toEqual([])
    const before = acc.snapshot().warnings.length
    expect(before).toBeGreaterThan(0)
    acc.apply(done)
    acc.apply(done)
    expect(shiftWarnings(acc)).toEqual([
      {
        index: -1,
        id: null,
        message: expect.stringMatching(/^times look shifted by \+5:30 /),
      },
    ])
    expect(acc.snapshot().warnings).toHaveLength(before + 1)
  })

  it('gets none when the times agree (the synthetic API asked in UTC)', () => {
    const acc = createRangeAccumulator(START, END)
    acc.apply({
      type: 'records',
      records: createGenerator().records(START + 36_000_000, START + 39_600_000, 0),
    })
    expect(acc.rows).toBeGreaterThan(20)
    acc.apply(done)
    expect(shiftWarnings(acc)).toEqual([])
  })
})
