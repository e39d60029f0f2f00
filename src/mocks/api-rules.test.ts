import { describe, expect, it } from 'vitest'
import { checkRequest, parseApiDate } from './api-rules'

const day = (iso: string) => Date.parse(iso)

describe('parseApiDate', () => {
  it('reads UTC instants as they stand, whatever the offset', () => {
    expect(parseApiDate('2024-11-18T00:00:00.000Z', -330, 'start')).toBe(day('2024-11-18T00:00:00Z'))
    expect(parseApiDate('2025-04-28T04:13:17.098Z', 300, 'end')).toBe(day('2025-04-28T04:13:17.098Z'))
  })

  it('reads zone-less times in the zone of timeZoneOffset (India -330 = UTC+5:30)', () => {
    expect(parseApiDate('2024-11-18 05:30:00', -330, 'start')).toBe(day('2024-11-18T00:00:00Z'))
    expect(parseApiDate('2024-11-18 00:00:00', 300, 'start')).toBe(day('2024-11-18T05:00:00Z'))
  })

  it('reads a bare date as the whole day in that zone', () => {
    expect(parseApiDate('2024-11-18', -330, 'start')).toBe(day('2024-11-17T18:30:00Z'))
    expect(parseApiDate('2024-11-18', -330, 'end')).toBe(day('2024-11-18T18:29:59.999Z'))
  })

  it('rejects what is not a date', () => {
    for (const bad of ['yesterday', '2024-02-30', '2024-11-18 25:00:00', '18/11/2024', '']) {
      expect(parseApiDate(bad, 0, 'start')).toBeNull()
    }
  })
})

describe('checkRequest', () => {
  const body = {
    startDate: '2024-11-18T00:00:00.000Z',
    endDate: '2024-11-19T00:00:00.000Z',
    timeZoneOffset: 0,
  }

  it('accepts the captured request shape and defaults timeZoneOffset to 0', () => {
    const r = checkRequest(0, 100, { startDate: body.startDate, endDate: body.endDate })
    expect(r).toMatchObject({ ok: true, query: { timeZoneOffset: 0, selectedFields: null, channels: null } })
  })

  it('allows exactly 7 days + 1 hour and refuses one millisecond more', () => {
    const start = day('2024-11-18T00:00:00Z')
    const end = new Date(start + 7 * 86_400_000 + 3_600_000)
    expect(checkRequest(0, 100, { ...body, endDate: end.toISOString() }).ok).toBe(true)
    const over = checkRequest(0, 100, { ...body, endDate: new Date(end.getTime() + 1).toISOString() })
    expect(over).toEqual({ ok: false, message: expect.stringMatching(/seven days/) })
  })

  it.each([
    ['limit 0', 0, 0, body],
    ['limit 101', 0, 101, body],
    ['limit 2.5', 0, 2.5, body],
    ['limit NaN', 0, Number.NaN, body],
    ['offset -1', -1, 100, body],
    ['offset 11', 11, 100, body],
    ['offset 1.5', 1.5, 100, body],
    ['a body that is not an object', 0, 100, 'hello'],
    ['an array body', 0, 100, [body]],
    ['a missing endDate', 0, 100, { startDate: body.startDate }],
    ['a numeric startDate', 0, 100, { ...body, startDate: 1731888000000 }],
    ['an unparseable date', 0, 100, { ...body, endDate: 'tomorrow' }],
    ['end before start', 0, 100, { ...body, endDate: '2024-11-17T00:00:00.000Z' }],
    ['a string timeZoneOffset', 0, 100, { ...body, timeZoneOffset: '-330' }],
    ['channels not an array', 0, 100, { ...body, channels: 'voice' }],
    ['queues with a number', 0, 100, { ...body, queues: [1] }],
    ['selectedFields not an array', 0, 100, { ...body, selectedFields: 'skills' }],
  ])('refuses %s', (_label, offset, limit, b) => {
    const r = checkRequest(offset, limit, b)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message.length).toBeGreaterThan(5)
  })

  it('keeps only known selectedFields, case-insensitively', () => {
    const r = checkRequest(0, 10, { ...body, selectedFields: ['Skills', 'nonsense', 'sessionleveltags'] })
    expect(r.ok && r.query.selectedFields).toEqual(['skills', 'sessionleveltags'])
  })
})
