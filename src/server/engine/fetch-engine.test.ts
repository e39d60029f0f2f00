import { describe, expect, it } from 'vitest'
import {
  createFakeCalldetails,
  type FakeOptions,
  type FakeRecord,
  fakeIdentity,
  generateRecords,
  requestKey,
} from './calldetails-fake'
import {
  fetchRange,
  type PostPage,
  type RangeProgress,
  type RangeResult,
  recordStartTime,
} from './fetch-engine'
import { PageError } from './page-error'
import { DAY, HOUR, MINUTE } from './window-plan'

const MON = Date.UTC(2024, 10, 18) // a Monday
const WEEK_END = MON + 7 * DAY - 1 // inclusive

function week(total: number, seed = 7): FakeRecord[] {
  // ~1% of records sit in clusters sharing one second on whole hours and minutes, where windows meet.
  return generateRecords({ seed, start: MON, total, edgeRecords: Math.max(10, Math.round(total / 100)) })
}

function fake(records: FakeRecord[], opts: Partial<FakeOptions> = {}) {
  return createFakeCalldetails({ records, recordTime: recordStartTime, shuffleWithinPage: true, ...opts })
}

const base = { recordTime: recordStartTime, identity: fakeIdentity }

function idsOf(records: readonly unknown[]): string[] {
  return records.map((r) => fakeIdentity(r) ?? '').sort()
}

describe('fetchRange returns every conversation of the range', () => {
  it.each([
    [1_000, 'newest-first'],
    [14_000, 'oldest-first'],
    [50_400, 'newest-first'],
  ] as const)('a week of %i, answered %s', async (total, order) => {
    const records = week(total)
    const api = fake(records, { order })
    const res = await fetchRange({ ...base, start: MON, end: WEEK_END, postPage: api.postPage })
    expect(res.complete).toBe(true)
    expect(res.failed).toEqual([])
    expect(res.overflow).toEqual([])
    expect(idsOf(res.records)).toEqual(idsOf(records))
    // Bot-only sessions (no conversationId) are kept, known by their sessionId.
    const botOnly = (rs: readonly unknown[]) => rs.filter((r) => !(r as FakeRecord).conversationId).length
    expect(botOnly(res.records)).toBe(botOnly(records))
    expect(botOnly(res.records)).toBeGreaterThan(0)
    expect(res.requests).toBe(api.calls.length)
  })

  it('also when the API answers in no order at all', async () => {
    const records = week(14_000, 11)
    const res = await fetchRange({
      ...base,
      start: MON,
      end: WEEK_END,
      postPage: fake(records, { order: 'unsorted' }).postPage,
    })
    expect(idsOf(res.records)).toEqual(idsOf(records))
  })

  it('for a range that starts and ends inside days (a display zone west of UTC)', async () => {
    const records = week(14_000, 12)
    const start = MON + 5 * HOUR
    const end = start + 3 * DAY - 1
    const inRange = records.filter((r) => {
      const t = recordStartTime(r) ?? 0
      return t >= start && t <= end
    })
    const res = await fetchRange({ ...base, start, end, postPage: fake(records).postPage })
    expect(idsOf(res.records)).toEqual(idsOf(inRange))
  })
})

describe('fetchRange spends requests like money', () => {
  it.each([
    [14_000, 'newest-first'],
    [14_000, 'oldest-first'],
    [50_400, 'newest-first'],
    [50_400, 'oldest-first'],
  ] as const)('a week of %i (%s) costs at most 1.15 × ceil(N/100) requests', async (total, order) => {
    const records = week(total, 3)
    const api = fake(records, { order })
    const res = await fetchRange({ ...base, start: MON, end: WEEK_END, postPage: api.postPage })
    expect(res.records).toHaveLength(records.length)
    expect(api.calls.length).toBeLessThanOrEqual(1.15 * Math.ceil(records.length / 100))
  })

  it('never asks for a page past one that came back short', async () => {
    const api = fake(week(14_000), { latencyMs: 1 })
    const shortAt = new Map<string, number>()
    const asked: string[] = []
    const postPage: PostPage = async (req, signal) => {
      const win = `${req.startDate}|${req.endDate}`
      if (req.offset > (shortAt.get(win) ?? Number.POSITIVE_INFINITY)) asked.push(requestKey(req))
      const res = await api.postPage(req, signal)
      if (res.data.length < req.limit) shortAt.set(win, Math.min(req.offset, shortAt.get(win) ?? 99))
      return res
    }
    await fetchRange({ ...base, start: MON, end: WEEK_END, postPage })
    expect(asked).toEqual([])
  })

  it('keeps at most `concurrency` requests in flight', async () => {
    const records = week(14_000)
    for (const concurrency of [1, 3]) {
      const api = fake(records, { latencyMs: 1 })
      await fetchRange({ ...base, start: MON, end: WEEK_END, postPage: api.postPage, concurrency })
      expect(api.inFlightPeak()).toBe(concurrency)
    }
  })

  it('asks for the same windows every time (so the server cache answers a second look)', async () => {
    const records = week(14_000)
    const first = fake(records)
    const second = fake(records)
    await fetchRange({ ...base, start: MON, end: WEEK_END, postPage: first.postPage })
    await fetchRange({ ...base, start: MON, end: WEEK_END, postPage: second.postPage })
    expect(second.calls.map((c) => c.key).sort()).toEqual(first.calls.map((c) => c.key).sort())
  })

  it('a range shifted by a day asks for the same window+offset pairs on the days both hold', async () => {
    const records = generateRecords({ seed: 5, start: MON, days: 8, total: 16_000, edgeRecords: 100 })
    const first = fake(records)
    const second = fake(records)
    await fetchRange({ ...base, start: MON, end: WEEK_END, postPage: first.postPage })
    await fetchRange({ ...base, start: MON + DAY, end: WEEK_END + DAY, postPage: second.postPage })
    const seen = new Set(first.calls.map((c) => c.key))
    // The days both hold, less the second range's first day (no yesterday to plan from) and the first
    // range's last day (its tail is one window to 23:59:59.999; the second range goes on).
    const shared = second.calls.filter((c) => c.start >= MON + 2 * DAY && c.end <= MON + 6 * DAY)
    expect(shared.length).toBeGreaterThan(60)
    expect(shared.filter((c) => !seen.has(c.key))).toEqual([])
    const reused = second.calls.filter((c) => seen.has(c.key)).length
    expect(reused / second.calls.length).toBeGreaterThan(0.5)
  })
})

describe('fetchRange never truncates silently', () => {
  it('reports a minute that holds more than 1,100 records, with the count obtained', async () => {
    const busy = Date.UTC(2024, 10, 19, 14, 7)
    const records = week(5_000)
    for (let i = 0; i < 1_500; i++) {
      const at = new Date(busy + (i % 60) * 1000).toISOString().slice(0, 19).replace('T', ' ')
      records.push({ sessionId: `burst-${i}`, conversationId: `c-burst-${i}`, sessionStartTime: at })
    }
    const res = await fetchRange({ ...base, start: MON, end: WEEK_END, postPage: fake(records).postPage })
    expect(res.complete).toBe(true)
    expect(res.overflow).toHaveLength(1)
    const [over] = res.overflow
    expect(over?.end).toBe((over?.start ?? 0) + MINUTE)
    expect(over?.start).toBeLessThanOrEqual(busy)
    expect(over?.end).toBeGreaterThanOrEqual(busy + 59_000)
    // What we have of that minute: its 1,100 pages, plus any a wider window brought before it was split.
    expect(over?.count).toBeGreaterThanOrEqual(1_100)
    expect(over?.count).toBeLessThan(1_500)
    // Everything outside that minute is there.
    const got = new Set(idsOf(res.records))
    const outside = records.filter((r) => {
      const t = recordStartTime(r) ?? 0
      return t < (over?.start ?? 0) || t > (over?.end ?? 0)
    })
    expect(outside.every((r) => got.has(fakeIdentity(r) ?? ''))).toBe(true)
    expect(res.records).toHaveLength(outside.length + (over?.count ?? 0))
  })
})

describe('fetchRange on failure', () => {
  it('returns what it has, and Retry (resume) fetches only the rest, never a page it already has', async () => {
    const records = week(14_000)
    const api = fake(records, { failRate: 0.15, seed: 99 })
    const answeredBefore = new Set<string>()
    let res: RangeResult = await fetchRange({ ...base, start: MON, end: WEEK_END, postPage: api.postPage })
    expect(res.complete).toBe(false)
    expect(res.failed).toHaveLength(1)
    expect(res.failed[0]?.error).toBeInstanceOf(PageError)
    expect(res.missing.length).toBeGreaterThan(0)
    let runs = 1
    while (!res.complete && runs < 200) {
      for (const k of api.answered()) answeredBefore.add(k)
      const callsBefore = api.calls.length
      res = await fetchRange({
        ...base,
        start: MON,
        end: WEEK_END,
        postPage: api.postPage,
        resume: res.state,
      })
      // Nothing already answered is asked again.
      expect(api.calls.slice(callsBefore).filter((c) => answeredBefore.has(c.key))).toEqual([])
      runs++
    }
    expect(runs).toBeGreaterThan(5)
    expect(res.complete).toBe(true)
    expect(res.failed).toEqual([])
    expect(res.missing).toEqual([])
    expect(idsOf(res.records)).toEqual(idsOf(records))
    expect(res.requests).toBe(api.calls.length)
  })

  it('stops starting new work after a failure and lets the requests in flight land', async () => {
    const records = week(14_000)
    let calls = 0
    const inner = fake(records, { latencyMs: 2 })
    const res = await fetchRange({
      ...base,
      start: MON,
      end: WEEK_END,
      postPage: (req, signal) => {
        calls++
        if (calls === 20) return Promise.reject(new PageError(503, 'SmartAssist is busy: retry in a minute.'))
        return inner.postPage(req, signal)
      },
    })
    expect(res.failed[0]?.error).toMatchObject({ status: 503 })
    expect(calls).toBeLessThanOrEqual(22) // at most the two already in flight
    expect(res.state.records.size).toBe(res.records.length)
    expect(res.records.length).toBeGreaterThan(1_000)
  })

  it('rejects with the AbortError when aborted, and stops asking', async () => {
    const records = week(14_000)
    const api = fake(records, { latencyMs: 5 })
    const controller = new AbortController()
    const run = fetchRange({
      ...base,
      start: MON,
      end: WEEK_END,
      postPage: api.postPage,
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 30)
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    const asked = api.calls.length
    expect(asked).toBeGreaterThan(0)
    expect(asked).toBeLessThan(100)
    await new Promise((r) => setTimeout(r, 30))
    expect(api.calls.length).toBe(asked)
  })
})

describe('fetchRange progress', () => {
  it('reports coverage up to the whole range and every record once', async () => {
    const records = week(14_000)
    const seen: RangeProgress[] = []
    let streamed = 0
    const res = await fetchRange({
      ...base,
      start: MON,
      end: WEEK_END,
      postPage: fake(records).postPage,
      onProgress: (p) => {
        seen.push(p)
        streamed += p.newRecords.length
      },
    })
    const covered = seen.map((p) => p.coveredMs)
    expect(covered).toEqual([...covered].sort((a, b) => a - b))
    expect(seen.at(-1)?.coveredMs).toBe(seen.at(-1)?.totalMs)
    expect(seen.at(-1)?.totalMs).toBe(7 * DAY)
    expect(seen.at(-1)?.records).toBe(records.length)
    expect(streamed).toBe(res.records.length)
  })
})

describe('requestKey', () => {
  it('names a request by window, offset and limit', () => {
    expect(
      requestKey({
        startDate: '2024-11-18T00:00:00.000Z',
        endDate: '2024-11-18T01:00:00.000Z',
        offset: 3,
        limit: 100,
      }),
    ).toBe('2024-11-18T00:00:00.000Z|2024-11-18T01:00:00.000Z|3|100')
  })
})
