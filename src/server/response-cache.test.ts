// @vitest-environment node
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSyntheticSmartAssist } from '../mocks/synthetic-smartassist'
import { cacheKey, createResponseCache } from './response-cache'
import { createFakeClock } from './testing/fake-clock'
import { okPage, upstreamJson } from './testing/fake-upstream'
import { OLD_WEEK, setupApp } from './testing/test-app'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** A window ending `endedAgoMs` before the fake clock's start (2024-11-20T12:00Z). */
function windowEnding(endedAgoMs: number) {
  const end = Date.parse('2024-11-20T12:00:00.000Z') - endedAgoMs
  return { startDate: new Date(end - HOUR).toISOString(), endDate: new Date(end).toISOString() }
}

describe('the proxy caches answers', () => {
  it('a second identical request is a hit and costs no upstream call', async () => {
    const { post, calls } = setupApp()
    const first = await post(OLD_WEEK)
    const second = await post(OLD_WEEK)
    expect(first.headers.get('x-cache')).toBe('miss')
    expect(second.headers.get('x-cache')).toBe('hit')
    expect(await second.json()).toEqual(await first.json())
    expect(calls).toHaveLength(1)
  })

  it('the same question in another form shares the entry (bare dates, array order)', async () => {
    const { post, calls } = setupApp()
    await post({
      startDate: '2024-11-18',
      endDate: '2024-11-18',
      timeZoneOffset: -330,
      channels: ['voice', 'rtm'],
    })
    const again = await post({
      startDate: '2024-11-17T18:30:00.000Z',
      endDate: '2024-11-18T18:29:59.999Z',
      channels: ['rtm', 'voice', 'rtm'],
      selectedFields: ['userleveltags', 'skills', 'customerinfo', 'sessionleveltags'],
    })
    expect(again.headers.get('x-cache')).toBe('hit')
    expect(calls).toHaveLength(1)
  })

  it.each([
    ['window', { ...OLD_WEEK, endDate: '2024-11-17T23:00:00.000Z' }, ''],
    ['offset', OLD_WEEK, '?offset=1'],
    ['limit', OLD_WEEK, '?limit=50'],
    ['channels', { ...OLD_WEEK, channels: ['voice'] }, ''],
    ['queues', { ...OLD_WEEK, queues: ['qu-1'] }, ''],
    ['selectedFields', { ...OLD_WEEK, selectedFields: ['skills'] }, ''],
  ])('a different %s is a different entry', async (_name, body, query) => {
    const { post, calls } = setupApp()
    await post(OLD_WEEK)
    const other = await post(body, { query })
    expect(other.headers.get('x-cache')).toBe('miss')
    expect(calls).toHaveLength(2)
  })

  it('Cache-Control: no-cache bypasses the cache and refreshes it', async () => {
    let version = 0
    const { post, calls } = setupApp({
      handler: () => upstreamJson(200, { numResults: 0, data: [], version: ++version }),
    })
    await post(OLD_WEEK)
    const refreshed = await post(OLD_WEEK, { headers: { 'cache-control': 'no-cache' } })
    expect(refreshed.headers.get('x-cache')).toBe('miss')
    expect(await refreshed.json()).toMatchObject({ version: 2 })
    const after = await post(OLD_WEEK)
    expect(after.headers.get('x-cache')).toBe('hit')
    expect(await after.json()).toMatchObject({ version: 2 })
    expect(calls).toHaveLength(2)
  })

  it('keeps a window that ended over 30 minutes ago for hours', async () => {
    const { post, calls, clock } = setupApp()
    const settled = windowEnding(31 * MINUTE)
    await post(settled)
    await clock.advance(5 * HOUR)
    expect((await post(settled)).headers.get('x-cache')).toBe('hit')
    await clock.advance(1 * HOUR)
    expect((await post(settled)).headers.get('x-cache')).toBe('miss')
    expect(calls).toHaveLength(2)
  })

  it('keeps a recent window for at most 60 seconds', async () => {
    const { post, calls, clock } = setupApp()
    const recent = windowEnding(10 * MINUTE)
    await post(recent)
    await clock.advance(59_000)
    expect((await post(recent)).headers.get('x-cache')).toBe('hit')
    await clock.advance(1_000)
    expect((await post(recent)).headers.get('x-cache')).toBe('miss')
    expect(calls).toHaveLength(2)
  })

  it('does not cache errors', async () => {
    const { post, calls } = setupApp({ handler: (q, _s, i) => (i === 0 ? upstreamJson(401, {}) : okPage(q)) })
    expect((await post(OLD_WEEK)).status).toBe(502)
    const second = await post(OLD_WEEK)
    expect(second.status).toBe(200)
    expect(second.headers.get('x-cache')).toBe('miss')
    expect(calls).toHaveLength(2)
  })

  it('stays bounded: the least recently used entry goes first', async () => {
    const { post, calls } = setupApp({ cacheOptions: { maxEntries: 2 } })
    await post(OLD_WEEK, { query: '?offset=0' })
    await post(OLD_WEEK, { query: '?offset=1' })
    await post(OLD_WEEK, { query: '?offset=0' }) // hit: offset 1 is now the oldest
    await post(OLD_WEEK, { query: '?offset=2' }) // evicts offset 1
    expect((await post(OLD_WEEK, { query: '?offset=0' })).headers.get('x-cache')).toBe('hit')
    expect((await post(OLD_WEEK, { query: '?offset=1' })).headers.get('x-cache')).toBe('miss')
    expect(calls.map((c) => c.q.offset)).toEqual([0, 1, 2, 1])
  })

  it('concurrent identical requests share one upstream call', async () => {
    const clock = createFakeClock()
    const { post, calls } = setupApp({
      clock,
      handler: async (q) => {
        await clock.sleep(2_000)
        return okPage(q)
      },
    })
    const responses = await clock.run(Promise.all([post(OLD_WEEK), post(OLD_WEEK), post(OLD_WEEK)]))
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200])
    expect(responses.map((r) => r.headers.get('x-cache')).sort()).toEqual(['hit', 'hit', 'miss'])
    expect(calls).toHaveLength(1)
  })

  it('one caller of a shared call going away does not cancel it for the others', async () => {
    const clock = createFakeClock()
    const { post, calls } = setupApp({
      clock,
      handler: async (q, signal) => {
        await clock.sleep(2_000, signal)
        return okPage(q)
      },
    })
    const controller = new AbortController()
    const leaving = post(OLD_WEEK, { signal: controller.signal })
    const staying = post(OLD_WEEK)
    await clock.advance(1_000)
    controller.abort()
    await leaving.catch(() => undefined)
    expect((await clock.run(staying)).status).toBe(200)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.signal.aborted).toBe(false)
  })
})

describe('createResponseCache', () => {
  it('bounds the bytes it holds (compressed), keys and per-entry costs included', () => {
    const clock = createFakeClock()
    const noise = () => randomBytes(300).toString('base64')
    const [a, b, c] = [noise(), noise(), noise()]
    const old = clock.now() - 24 * HOUR
    const probe = createResponseCache({ clock })
    probe.set('a', a, old)
    const perEntry = probe.size.bytes
    expect(perEntry).toBeGreaterThan(a.length / 2)
    // Random text barely compresses: three entries do not fit in 2.5 entries' worth of bytes.
    const cache = createResponseCache({ clock, maxBytes: 2.5 * perEntry })
    cache.set('a', a, old)
    cache.set('b', b, old)
    cache.set('c', c, old)
    expect(cache.size.entries).toBe(2)
    expect(cache.size.bytes).toBeLessThanOrEqual(2.5 * perEntry)
    expect(cache.get('a')).toBeUndefined()
    cache.set('huge', noise() + noise() + noise() + noise() + noise(), old)
    expect(cache.get('huge')).toBeUndefined()
    expect(cache.get('c')).toBe(c)
  })

  const WIDE = 'x'.repeat(50 * 1024)
  it('15,000 queries with 50 KB of channels each stay within the byte bound (the key is a digest)', () => {
    const clock = createFakeClock()
    const maxBytes = 4 * 1024 * 1024
    const cache = createResponseCache({ clock, maxBytes })
    const old = clock.now() - 24 * HOUR
    const answer = JSON.stringify({ numResults: 0, data: [] })
    const heapBefore = process.memoryUsage().heapUsed
    for (let i = 0; i < 15_000; i++) {
      const channels = [`${i}-${WIDE}`]
      const key = cacheKey({
        offset: 0,
        limit: 100,
        body: { ...OLD_WEEK, timeZoneOffset: 0, channels, selectedFields: [] },
      })
      expect(key.length).toBeLessThan(100)
      cache.set(key, answer, old)
    }
    expect(cache.size.bytes).toBeLessThanOrEqual(maxBytes)
    // Before: the keys themselves held 15,000 × 50 KB = 750 MB.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024)
  }, 60_000)

  it('holds a busy week of pages (50,000 records) within the default bound', () => {
    const clock = createFakeClock()
    const cache = createResponseCache({ clock })
    const synthetic = createSyntheticSmartAssist({ perDay: 7200 })
    const old = clock.now() - 24 * HOUR
    const start = Date.parse('2024-11-11T00:00:00.000Z')
    let pages = 0
    for (let hour = 0; hour < 7 * 24; hour++) {
      const body = {
        startDate: new Date(start + hour * HOUR).toISOString(),
        endDate: new Date(start + (hour + 1) * HOUR - 1).toISOString(),
        timeZoneOffset: 0,
      }
      for (let offset = 0; offset <= 10; offset++) {
        const answer = synthetic.handle({ offset, limit: 100, body })
        const data = (answer.body as { data: unknown[] }).data
        cache.set(`${hour}@${offset}`, JSON.stringify(answer.body), old)
        pages++
        if (data.length < 100) break
      }
    }
    expect(pages).toBeGreaterThan(500)
    expect(cache.size.entries).toBe(pages)
    expect(cache.get('0@0')).toContain('"data"')
    // These records are ~1.5 KB of JSON; real ones run 2-7 KB. Compressed, even 5x larger records fit.
    expect(cache.size.bytes * 5).toBeLessThan(200 * 1024 * 1024)
  }, 60_000)

  it('keys on window, offset, limit, channels, queues and selectedFields', () => {
    const body = { ...OLD_WEEK, timeZoneOffset: 0 as const, selectedFields: ['skills' as const] }
    const keys = new Set([
      cacheKey({ offset: 0, limit: 100, body }),
      cacheKey({ offset: 1, limit: 100, body }),
      cacheKey({ offset: 0, limit: 99, body }),
      cacheKey({ offset: 0, limit: 100, body: { ...body, channels: [] } }),
      cacheKey({ offset: 0, limit: 100, body: { ...body, queues: ['q'] } }),
      cacheKey({ offset: 0, limit: 100, body: { ...body, selectedFields: [] } }),
      cacheKey({ offset: 0, limit: 100, body: { ...body, endDate: '2024-11-17T23:00:00.000Z' } }),
    ])
    expect(keys.size).toBe(7)
  })
})
