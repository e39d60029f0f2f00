// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { OLD_WEEK, setupApp } from './testing/test-app'
import { parseDate } from './validate-request'

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())

describe('parseDate', () => {
  it('reads UTC instants as they stand, whatever the offset', () => {
    expect(iso(parseDate('2025-04-28T04:13:17.098Z', -330, 'start'))).toBe('2025-04-28T04:13:17.098Z')
    expect(iso(parseDate('2024-11-18T05:30:00+05:30', 300, 'start'))).toBe('2024-11-18T00:00:00.000Z')
    expect(iso(parseDate('2024-11-17T19:00:00-05:00', 0, 'end'))).toBe('2024-11-18T00:00:00.000Z')
  })

  it('reads the documented zone-less form in the zone of timeZoneOffset (UTC = local + offset)', () => {
    expect(iso(parseDate('2024-11-18 00:00:00', -330, 'start'))).toBe('2024-11-17T18:30:00.000Z')
    expect(iso(parseDate('2024-11-18 00:00:00', 300, 'start'))).toBe('2024-11-18T05:00:00.000Z')
    expect(iso(parseDate('2022-08-25 07:20:15', 0, 'start'))).toBe('2022-08-25T07:20:15.000Z')
  })

  it('reads a bare date as the whole day', () => {
    expect(iso(parseDate('2024-11-18', -330, 'start'))).toBe('2024-11-17T18:30:00.000Z')
    expect(iso(parseDate('2024-11-18', -330, 'end'))).toBe('2024-11-18T18:29:59.999Z')
    expect(iso(parseDate('2024-11-18', 0, 'end'))).toBe('2024-11-18T23:59:59.999Z')
  })

  it('rejects what is not a calendar date', () => {
    for (const value of [
      'yesterday',
      '2024-02-30',
      '2024-13-01',
      '2024-11-18 24:00:00',
      '18/11/2024',
      '2024-11-18T10:00Zjunk',
    ]) {
      expect(parseDate(value, 0, 'start')).toBeUndefined()
    }
  })
})

describe('POST /api/calldetails: what is forwarded', () => {
  it('converts the documented form with offset -330 to UTC instants, offset 0, all four selectedFields', async () => {
    const { post, calls } = setupApp()
    const res = await post({ startDate: '2024-11-18', endDate: '2024-11-18', timeZoneOffset: -330 })
    expect(res.status).toBe(200)
    expect(calls[0]?.q).toEqual({
      offset: 0,
      limit: 100,
      body: {
        startDate: '2024-11-17T18:30:00.000Z',
        endDate: '2024-11-18T18:29:59.999Z',
        timeZoneOffset: 0,
        selectedFields: ['customerinfo', 'sessionleveltags', 'skills', 'userleveltags'],
      },
    })
  })

  it('forwards UTC instants, offset and limit, channels and queues, and drops unknown fields', async () => {
    const { post, calls } = setupApp()
    await post(
      {
        ...OLD_WEEK,
        timeZoneOffset: 0,
        channels: ['voice', 'rtm'],
        queues: ['qu-1'],
        selectedFields: ['skills'],
        debug: true,
        auth: 'x',
      },
      { query: '?offset=10&limit=50' },
    )
    expect(calls[0]?.q).toEqual({
      offset: 10,
      limit: 50,
      body: {
        ...OLD_WEEK,
        timeZoneOffset: 0,
        channels: ['rtm', 'voice'],
        queues: ['qu-1'],
        selectedFields: ['skills'],
      },
    })
  })

  it('accepts exactly 7 days plus the daylight-saving hour', async () => {
    const { post, calls } = setupApp()
    const res = await post({ startDate: '2024-11-01T00:00:00.000Z', endDate: '2024-11-08T01:00:00.000Z' })
    expect(res.status).toBe(200)
    expect(calls).toHaveLength(1)
  })

  it('accepts seven whole local days across the end of daylight saving (New York, Nov 3 2024)', async () => {
    const { post } = setupApp()
    // Nov 1 00:00 EDT .. Nov 7 23:59:59.999 EST: 7 days and 1 hour of instants.
    const res = await post({ startDate: '2024-11-01T04:00:00.000Z', endDate: '2024-11-08T04:59:59.999Z' })
    expect(res.status).toBe(200)
  })
})

describe('POST /api/calldetails: 400 without calling upstream', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    [
      'unparseable startDate',
      { startDate: 'last tuesday', endDate: OLD_WEEK.endDate },
      '',
      /startDate "last tuesday" is not a date/,
    ],
    [
      'unparseable endDate',
      { startDate: OLD_WEEK.startDate, endDate: '2024-02-30' },
      '',
      /endDate "2024-02-30" is not a date/,
    ],
    ['missing startDate', { endDate: OLD_WEEK.endDate }, '', /startDate is required/],
    [
      'numeric endDate',
      { startDate: OLD_WEEK.startDate, endDate: 1731801600000 },
      '',
      /endDate must be a string/,
    ],
    [
      'end before start',
      { startDate: OLD_WEEK.endDate, endDate: OLD_WEEK.startDate },
      '',
      /is before startDate.*swap/,
    ],
    [
      'a range over 7 days + 1 h',
      { startDate: '2024-11-01T00:00:00.000Z', endDate: '2024-11-08T01:00:00.001Z' },
      '',
      /at most 7 days/,
    ],
    ['8 bare days', { startDate: '2024-11-10', endDate: '2024-11-17' }, '', /at most 7 days/],
    ['limit 0', OLD_WEEK, '?limit=0', /limit .* from 1 to 100/],
    ['limit 101', OLD_WEEK, '?limit=101', /limit .* from 1 to 100/],
    ['limit not a number', OLD_WEEK, '?limit=all', /limit/],
    ['offset 11', OLD_WEEK, '?offset=11', /offset .* from 0 to 10/],
    ['offset -1', OLD_WEEK, '?offset=-1', /offset/],
    ['offset 1.5', OLD_WEEK, '?offset=1.5', /offset/],
    ['a body that is not JSON', '{startDate:', '', /not valid JSON/],
    ['an empty body', '', '', /body is empty/],
    ['a JSON array body', [OLD_WEEK], '', /must be a JSON object/],
    [
      'timeZoneOffset as a string',
      { ...OLD_WEEK, timeZoneOffset: '-330' },
      '',
      /timeZoneOffset must be a whole number/,
    ],
    ['timeZoneOffset out of range', { ...OLD_WEEK, timeZoneOffset: 5000 }, '', /timeZoneOffset/],
    ['channels as a string', { ...OLD_WEEK, channels: 'voice' }, '', /channels must be an array of strings/],
    ['queues with a number', { ...OLD_WEEK, queues: ['qu-1', 7] }, '', /queues must be an array of strings/],
    [
      'an unknown selectedField',
      { ...OLD_WEEK, selectedFields: ['skills', 'everything'] },
      '',
      /selectedFields may only contain.*"everything"/,
    ],
  ]

  it.each(cases)('%s', async (_name, body, query, message) => {
    const { post, calls } = setupApp()
    const res = await post(body, { query })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/json')
    const json = (await res.json()) as { error: string }
    expect(json.error).toMatch(message)
    expect(calls).toHaveLength(0)
  })
})
