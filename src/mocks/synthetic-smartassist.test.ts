import { describe, expect, it } from 'vitest'
import { QUEUES } from './synthetic/catalog'
import { createSyntheticSmartAssist } from './synthetic-smartassist'
import { fetchWindow, identityOf, objectIdMs, okPage, type Rec, wallMs } from './test-helpers'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const T0 = Date.parse('2024-11-18T00:00:00Z') // a Monday
const iso = (ms: number) => new Date(ms).toISOString()
const range = (start: number, end: number, extra: Rec = {}) => ({
  startDate: iso(start),
  endDate: iso(end),
  timeZoneOffset: 0,
  ...extra,
})

describe('determinism', () => {
  it('a 3-day range as one window equals the same range as 72 hourly windows', () => {
    // 250/day keeps 3 weekdays (~900) under the 1,100 records one window can return.
    const api = createSyntheticSmartAssist({ seed: 7, perDay: 250 })
    const whole = fetchWindow(api, range(T0, T0 + 3 * DAY))
    expect(whole.full).toBe(false)

    const byId = new Map<string, string>()
    for (let h = 0; h < 72; h++) {
      const part = fetchWindow(api, range(T0 + h * HOUR, T0 + (h + 1) * HOUR))
      expect(part.full).toBe(false)
      for (const rec of part.records) byId.set(identityOf(rec), JSON.stringify(rec))
    }

    expect(whole.records.length).toBeGreaterThan(700)
    expect(new Set(byId.keys())).toEqual(new Set(whole.records.map(identityOf)))
    for (const rec of whole.records) expect(byId.get(identityOf(rec))).toBe(JSON.stringify(rec))
    expect(api.listIdentities(T0, T0 + 3 * DAY)).toEqual(whole.records.map(identityOf))
  })

  it('at default volume the hourly windows add up to the ground truth of the range', () => {
    const api = createSyntheticSmartAssist()
    const truth = api.listIdentities(T0, T0 + 3 * DAY)
    const seen = new Set<string>()
    for (let h = 0; h < 72; h++) {
      for (const rec of fetchWindow(api, range(T0 + h * HOUR, T0 + (h + 1) * HOUR)).records)
        seen.add(identityOf(rec))
    }
    expect(seen).toEqual(new Set(truth))
    expect(truth.length).toBe(seen.size) // identities are unique
  })

  it('the same seed gives the same data in a new instance; another seed gives other data', () => {
    const body = range(T0 + 10 * HOUR, T0 + 11 * HOUR)
    const a = okPage(createSyntheticSmartAssist({ seed: 1 }), 0, 100, body)
    const b = okPage(createSyntheticSmartAssist({ seed: 1 }), 0, 100, body)
    const c = okPage(createSyntheticSmartAssist({ seed: 2 }), 0, 100, body)
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(c.data.map(identityOf)).not.toEqual(a.data.map(identityOf))
  })
})

describe('responses', () => {
  const api = createSyntheticSmartAssist()

  it('come newest first, numResults counting the records of the page', () => {
    const page = okPage(api, 0, 100, range(T0, T0 + 7 * DAY))
    expect(page.numResults).toBe(100)
    expect(page.data).toHaveLength(100)
    const starts = page.data.map((r) => wallMs(r.sessionStartTime))
    expect(starts).toEqual([...starts].sort((x, y) => y - x))
    expect(starts[0]).toBeLessThanOrEqual(T0 + 7 * DAY)
  })

  it('page with offset counting pages: page k is records[k*limit, k*limit+limit)', () => {
    const body = range(T0 + DAY, T0 + 2 * DAY)
    const all = okPage(api, 0, 77, body).data.map(identityOf)
    const paged = Array.from({ length: 11 }, (_, k) => okPage(api, k, 7, body).data.map(identityOf)).flat()
    expect(paged).toEqual(all)
  })

  it('answer an empty page past the end of the data', () => {
    const page = okPage(api, 10, 100, range(T0 + 3 * HOUR, T0 + 3 * HOUR + 60_000))
    expect(page).toEqual({ numResults: 0, data: [] })
  })

  it('include records starting exactly at either bound', () => {
    const [target] = okPage(api, 0, 1, range(T0, T0 + DAY)).data
    const at = wallMs(target?.sessionStartTime)
    const id = identityOf(target ?? {})
    expect(okPage(api, 0, 100, range(at, at)).data.map(identityOf)).toContain(id)
    expect(okPage(api, 0, 100, range(at - HOUR, at)).data.map(identityOf)[0]).toBe(id)
    expect(
      okPage(api, 0, 100, range(at, at + HOUR))
        .data.map(identityOf)
        .at(-1),
    ).toBe(id)
    expect(okPage(api, 0, 100, range(at + 1, at + HOUR)).data.map(identityOf)).not.toContain(id)
    expect(okPage(api, 0, 100, range(at - HOUR, at - 1)).data.map(identityOf)).not.toContain(id)
  })

  it('answer every rule violation 400 with a message, in Kore.ai error shape', () => {
    const ok = range(T0, T0 + DAY)
    const cases: [number, number, unknown][] = [
      [0, 100, range(T0, T0 + 7 * DAY + HOUR + 1000)],
      [0, 0, ok],
      [0, 101, ok],
      [0, 1.5, ok],
      [11, 100, ok],
      [-1, 100, ok],
      [0.5, 100, ok],
      [0, 100, range(T0 + DAY, T0)],
      [0, 100, { ...ok, startDate: 'not a date' }],
      [0, 100, null],
      [0, 100, { ...ok, channels: 'voice' }],
    ]
    for (const [offset, limit, body] of cases) {
      const res = api.handle({ offset, limit, body })
      expect(res.status, JSON.stringify({ offset, limit, body })).toBe(400)
      expect(res.body).toEqual({ errors: [{ msg: expect.any(String), code: 400 }] })
    }
    expect(api.handle({ offset: 10, limit: 100, body: range(T0, T0 + 7 * DAY + HOUR) }).status).toBe(200)
  })

  it('shift zone-less times by timeZoneOffset while ObjectId and Z times stay UTC', () => {
    const body = range(T0 + 9 * HOUR, T0 + 12 * HOUR)
    const utc = okPage(api, 0, 100, body).data
    const india = okPage(api, 0, 100, { ...body, timeZoneOffset: -330 }).data
    expect(india.map(identityOf)).toEqual(utc.map(identityOf))
    const shift = 330 * 60_000
    india.forEach((rec, k) => {
      const base = utc[k] ?? {}
      expect(wallMs(rec.sessionStartTime)).toBe(wallMs(base.sessionStartTime) + shift)
      expect(wallMs(rec.sessionEndTime)).toBe(wallMs(base.sessionEndTime) + shift)
      expect(wallMs(rec.sessionStartTime) - shift).toBe(objectIdMs(rec.sessionId))
    })
    // Callback times end in Z and are the same instant in both answers.
    const callbacks = (tz: number) =>
      fetchWindow(api, range(T0, T0 + 7 * DAY, { channels: ['voice'], timeZoneOffset: tz }))
        .records.flatMap((r) => (r.destinations as Rec[] | undefined) ?? [])
        .filter((d) => d.CallbackOptedTime)
    const a = callbacks(0)
    expect(a.length).toBeGreaterThan(0)
    expect(callbacks(-330).map((d) => [d.CallbackOptedTime, d.userCallbackAcceptTime])).toEqual(
      a.map((d) => [d.CallbackOptedTime, d.userCallbackAcceptTime]),
    )
  })

  it('read zone-less and bare-date bounds in the zone of timeZoneOffset', () => {
    const asUtc = okPage(api, 0, 100, range(T0 - 330 * 60_000, T0 + DAY - 330 * 60_000 - 1)).data
    const local = okPage(api, 0, 100, {
      startDate: '2024-11-18',
      endDate: '2024-11-18',
      timeZoneOffset: -330,
    }).data
    const wall = okPage(api, 0, 100, {
      startDate: '2024-11-18 00:00:00',
      endDate: '2024-11-18 23:59:59',
      timeZoneOffset: -330,
    }).data
    expect(local.map(identityOf)).toEqual(asUtc.map(identityOf))
    expect(wall.map(identityOf)).toEqual(asUtc.map(identityOf))
  })

  it('include skills/customerinfo/tags only when selectedFields asks, all of them when it is absent', () => {
    const body = range(T0 + 10 * HOUR, T0 + 14 * HOUR)
    const parts = (recs: Rec[]) =>
      new Set(
        recs.flatMap((r) =>
          ['skills', 'customerinfo', 'customerInfo', 'userleveltags', 'sessionleveltags'].filter(
            (k) => k in r,
          ),
        ),
      )
    expect(parts(okPage(api, 0, 100, body).data)).toEqual(
      new Set(['skills', 'customerinfo', 'customerInfo', 'userleveltags', 'sessionleveltags']),
    )
    expect(parts(okPage(api, 0, 100, { ...body, selectedFields: ['skills'] }).data)).toEqual(
      new Set(['skills']),
    )
    expect(parts(okPage(api, 0, 100, { ...body, selectedFields: ['customerinfo'] }).data)).toEqual(
      new Set(['customerinfo', 'customerInfo']),
    )
    expect(parts(okPage(api, 0, 100, { ...body, selectedFields: [] }).data).size).toBe(0)
  })

  it('filter by upstream channel ids and by queue ids', () => {
    const week = range(T0, T0 + 7 * DAY)
    const voice = okPage(api, 0, 100, { ...week, channels: ['voice'] }).data
    expect(voice).toHaveLength(100)
    expect(new Set(voice.map((r) => r.channel))).toEqual(new Set(['Voice']))
    const rtm = okPage(api, 2, 100, { ...week, channels: ['rtm', 'telegram'] }).data
    expect(new Set(rtm.map((r) => r.channel))).toEqual(new Set(['Web/Mobile Client', 'telegram']))

    const billing = QUEUES[1]?.id ?? ''
    const inBilling = okPage(api, 0, 100, { ...week, queues: [billing] }).data
    expect(inBilling).toHaveLength(100)
    for (const rec of inBilling) {
      expect(
        (rec.destinations as Rec[]).some((d) => d.destinationType === 'QueueEntry' && d.queueId === billing),
      ).toBe(true)
    }
  })

  it('hold no records after now() when given a clock', () => {
    const now = T0 + 12 * HOUR + 123_456
    const live = createSyntheticSmartAssist({ now: () => now })
    const page = okPage(live, 0, 100, range(T0, T0 + DAY))
    expect(wallMs(page.data[0]?.sessionStartTime)).toBeLessThanOrEqual(now)
    expect(live.listIdentities(T0, T0 + DAY)).toEqual(api.listIdentities(T0, now))
  })
})

describe('volume', () => {
  it.each([700, 7200])(
    'a week at perDay=%i holds perDay×7 (within 10 percent) distinct conversations',
    (perDay) => {
      const api = createSyntheticSmartAssist({ perDay, seed: 99 })
      const ids = api.listIdentities(T0 + 3 * HOUR, T0 + 3 * HOUR + 7 * DAY)
      expect(ids.length).toBeGreaterThan(perDay * 7 * 0.9)
      expect(ids.length).toBeLessThan(perDay * 7 * 1.1)
      expect(new Set(ids).size).toBe(ids.length)
    },
  )
})
