import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { objectIdTime, parseApiTime } from './normalize-times'

const INDIA = -330
const NEW_YORK = 300

describe('parseApiTime', () => {
  it('reads zone-less times as local times of the request offset (UTC = local + offset)', () => {
    expect(parseApiTime('2024-11-18T17:18:03', INDIA)).toBe(Date.parse('2024-11-18T11:48:03Z'))
    expect(parseApiTime('2024-11-18 17:18:03', INDIA)).toBe(Date.parse('2024-11-18T11:48:03Z'))
    expect(parseApiTime('2024-11-18T17:18:03', NEW_YORK)).toBe(Date.parse('2024-11-18T22:18:03Z'))
    expect(parseApiTime('2024-11-18T17:18:03', 0)).toBe(Date.parse('2024-11-18T17:18:03Z'))
  })

  it('keeps millis, in any number of fraction digits', () => {
    expect(parseApiTime('2024-11-18T17:18:03.810', 0)).toBe(Date.parse('2024-11-18T17:18:03.810Z'))
    expect(parseApiTime('2024-11-18 17:18:03.8', 0)).toBe(Date.parse('2024-11-18T17:18:03.800Z'))
    expect(parseApiTime('2024-11-18T17:18:03.123456', 0)).toBe(Date.parse('2024-11-18T17:18:03.123Z'))
  })

  it('treats Z and explicit offsets as absolute, whatever the request offset', () => {
    expect(parseApiTime('2025-09-30T06:34:48.810Z', INDIA)).toBe(Date.parse('2025-09-30T06:34:48.810Z'))
    expect(parseApiTime('2025-09-30T12:04:48+05:30', NEW_YORK)).toBe(Date.parse('2025-09-30T06:34:48Z'))
    expect(parseApiTime('2025-09-30T01:34:48-0500', INDIA)).toBe(Date.parse('2025-09-30T06:34:48Z'))
  })

  it('reads the forms the API page shows: single-digit hour, minutes only, bare date', () => {
    expect(parseApiTime('2023-01-10 2:25:54', 0)).toBe(Date.parse('2023-01-10T02:25:54Z'))
    expect(parseApiTime('2023-01-10T02:25', 0)).toBe(Date.parse('2023-01-10T02:25:00Z'))
    expect(parseApiTime('2025-09-30', INDIA)).toBe(Date.parse('2025-09-29T18:30:00Z'))
  })

  it('says null for what is not a real time', () => {
    for (const bad of [
      '',
      'yesterday',
      '2024-02-30T10:00:00',
      '2023-02-29 10:00:00',
      '2024-11-18T24:00:00',
    ]) {
      expect(parseApiTime(bad, 0), bad).toBeNull()
    }
    expect(parseApiTime('2024-13-01T00:00:00', 0)).toBeNull()
    expect(parseApiTime('2024-11-18T17:18:03+25:00', 0)).toBeNull()
    expect(parseApiTime('2024-02-29T10:00:00', 0)).toBe(Date.parse('2024-02-29T10:00:00Z'))
  })

  it('reads numbers as epoch ms (or epoch seconds) and anything else as no time', () => {
    expect(parseApiTime(1731930483000, INDIA)).toBe(1731930483000)
    expect(parseApiTime(1731930483, INDIA)).toBe(1731930483000)
    expect(parseApiTime('1731930483000', INDIA)).toBe(1731930483000)
    for (const bad of [null, undefined, {}, [], true, Number.NaN]) expect(parseApiTime(bad, 0)).toBeNull()
  })

  it('agrees with Date.UTC for any local time and offset', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0')
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2090-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -14 * 60, max: 12 * 60 }),
        fc.constantFrom('T', ' '),
        (d, offset, sep) => {
          const local =
            `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${sep}` +
            `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
          expect(parseApiTime(local, offset)).toBe(d.getTime() + offset * 60_000)
          expect(parseApiTime(d.toISOString(), offset)).toBe(d.getTime())
        },
      ),
    )
  })
})

describe('objectIdTime', () => {
  it('reads the creation second from the first 8 hex digits', () => {
    expect(objectIdTime('673b29739514b2f61d0fxxxx')).toBe(Date.parse('2024-11-18T11:48:03Z'))
    expect(objectIdTime('not-an-id')).toBeNull()
    expect(objectIdTime(42)).toBeNull()
  })
})
