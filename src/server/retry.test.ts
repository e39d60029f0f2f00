// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { CREDENTIALS_REJECTED } from './errors'
import { backoffMs, DEFAULT_RETRY_POLICY, parseRetryAfter } from './retry'
import { createFakeClock } from './testing/fake-clock'
import { hang, okPage, upstreamJson } from './testing/fake-upstream'
import { liveConfig, OLD_WEEK, setupApp } from './testing/test-app'
import type { UpstreamResponse } from './upstream'

type ErrorJson = { error: string; upstreamStatus?: number }

/** Answers the given responses in turn, then 200 pages. */
function sequence(...responses: UpstreamResponse[]) {
  return (q: Parameters<typeof okPage>[0], _signal: AbortSignal, index: number) =>
    responses[index] ?? okPage(q)
}

describe('upstream answers that are not retried', () => {
  it.each([401, 403])(
    'upstream %i becomes 502 "SmartAssist rejected the credentials", one call',
    async (status) => {
      const { post, calls } = setupApp({
        handler: () => upstreamJson(status, { errors: [{ msg: 'Invalid token' }] }),
      })
      const res = await post(OLD_WEEK)
      expect(res.status).toBe(502)
      expect(await res.json()).toEqual({ error: CREDENTIALS_REJECTED, upstreamStatus: status })
      expect(CREDENTIALS_REJECTED).toBe(
        'SmartAssist rejected the credentials (check SMARTASSIST_CLIENT_ID / SECRET or JWT)',
      )
      expect(calls).toHaveLength(1)
    },
  )

  it("upstream 400 becomes 502 with upstream's message, one call", async () => {
    const { post, calls } = setupApp({
      handler: () =>
        upstreamJson(400, { errors: [{ msg: 'Date range should not exceed 7 days', code: 400 }] }),
    })
    const res = await post(OLD_WEEK)
    expect(res.status).toBe(502)
    expect(await res.json()).toEqual({
      error: 'SmartAssist refused the request: Date range should not exceed 7 days',
      upstreamStatus: 400,
    })
    expect(calls).toHaveLength(1)
  })

  it('another 4xx becomes 502 that points at host and account', async () => {
    const { post } = setupApp({ handler: () => upstreamJson(404, 'Cannot POST /agentassist/api/...') })
    const res = await post(OLD_WEEK)
    expect(res.status).toBe(502)
    const body = (await res.json()) as ErrorJson
    expect(body.upstreamStatus).toBe(404)
    expect(body.error).toContain('SMARTASSIST_ACCOUNT_ID')
  })

  it('a 200 that is not JSON becomes 502', async () => {
    const { post } = setupApp({ handler: () => upstreamJson(200, '<html>login</html>') })
    const res = await post(OLD_WEEK)
    expect(res.status).toBe(502)
    expect(((await res.json()) as ErrorJson).error).toContain('without the call-details JSON')
  })

  it('a network error becomes 502 naming the host and the cause', async () => {
    const { post, calls } = setupApp({
      handler: () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })),
    })
    const res = await post(OLD_WEEK)
    expect(res.status).toBe(502)
    const body = (await res.json()) as ErrorJson
    expect(body.error).toContain('Could not reach SmartAssist at https://smartassist.example (ECONNREFUSED)')
    expect(body.error).toContain('SMARTASSIST_HOST')
    expect(calls).toHaveLength(1)
  })
})

describe('timeout', () => {
  it('no answer within 30 s becomes 504, and the upstream call is aborted', async () => {
    const { post, calls, clock } = setupApp({ handler: (_q, signal) => hang(signal) })
    const started = clock.now()
    const res = await clock.run(post(OLD_WEEK))
    expect(res.status).toBe(504)
    expect(((await res.json()) as ErrorJson).error).toContain('did not answer within 30 s')
    expect(clock.now() - started).toBe(30_000)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.signal.aborted).toBe(true)
  })

  it('an answer after 29 s is still an answer', async () => {
    const clock = createFakeClock()
    const { post } = setupApp({
      clock,
      handler: async (q) => {
        await clock.sleep(29_000)
        return okPage(q)
      },
    })
    expect((await clock.run(post(OLD_WEEK))).status).toBe(200)
  })

  it('does not count time queued for the rate budget', async () => {
    const clock = createFakeClock()
    const { post, calls } = setupApp({
      clock,
      config: liveConfig({ rateLimitPerMinute: 1 }),
      handler: async (q) => {
        await clock.sleep(20_000)
        return okPage(q)
      },
    })
    const first = post(OLD_WEEK)
    // waits for the budget (until 60 s after the first answered, at 20 s), then 20 s upstream
    const second = post(OLD_WEEK, { query: '?offset=1' })
    const [a, b] = await clock.run(Promise.all([first, second]))
    expect([a.status, b.status]).toEqual([200, 200])
    expect(calls.map((c) => c.at - (calls[0]?.at ?? 0))).toEqual([0, 80_000])
  })

  it('is injectable', async () => {
    const { post, clock } = setupApp({ timeoutMs: 5_000, handler: (_q, signal) => hang(signal) })
    const started = clock.now()
    const res = await clock.run(post(OLD_WEEK))
    expect(res.status).toBe(504)
    expect(clock.now() - started).toBe(5_000)
  })
})

describe('429 and 5xx are retried with backoff', () => {
  it('429 until retries are spent: 5 attempts at 0, 0.5, 1.5, 3.5, 7.5 s, then 503 with Retry-After', async () => {
    const { post, calls, clock } = setupApp({
      handler: () => upstreamJson(429, { errors: [{ msg: 'Too many requests' }] }),
    })
    const res = await clock.run(post(OLD_WEEK))
    expect(res.status).toBe(503)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    const body = (await res.json()) as ErrorJson
    expect(body.upstreamStatus).toBe(429)
    expect(body.error).toContain('rate limit')
    const t0 = calls[0]?.at ?? 0
    expect(calls.map((c) => c.at - t0)).toEqual([0, 500, 1_500, 3_500, 7_500])
  })

  it.each([500, 502, 503, 504])('%i until retries are spent becomes 502 with Retry-After', async (status) => {
    const { post, calls, clock } = setupApp({ handler: () => upstreamJson(status, 'upstream trouble') })
    const res = await clock.run(post(OLD_WEEK))
    expect(res.status).toBe(502)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(((await res.json()) as ErrorJson).upstreamStatus).toBe(status)
    expect(calls).toHaveLength(5)
  })

  it('a 503 followed by a 200 answers 200', async () => {
    const { post, calls, clock } = setupApp({ handler: sequence(upstreamJson(503, 'busy')) })
    const res = await clock.run(post(OLD_WEEK))
    expect(res.status).toBe(200)
    expect(calls).toHaveLength(2)
  })

  it('honours Retry-After in seconds', async () => {
    const { post, calls, clock } = setupApp({
      handler: sequence(upstreamJson(429, {}, { 'retry-after': '7' })),
    })
    expect((await clock.run(post(OLD_WEEK))).status).toBe(200)
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBe(7_000)
  })

  it('honours Retry-After as an HTTP date', async () => {
    const clock = createFakeClock()
    const at = new Date(clock.now() + 12_000).toUTCString()
    const { post, calls } = setupApp({
      clock,
      handler: sequence(upstreamJson(503, {}, { 'retry-after': at })),
    })
    expect((await clock.run(post(OLD_WEEK))).status).toBe(200)
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBe(12_000)
  })

  it('does not sit on a Retry-After beyond a minute: answers 503 with it (capped at 5 minutes) at once', async () => {
    const { post, calls, clock } = setupApp({
      handler: () => upstreamJson(429, {}, { 'retry-after': '3600' }),
    })
    const t0 = clock.now()
    const res = await clock.run(post(OLD_WEEK))
    expect(clock.now()).toBe(t0)
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('300')
    expect(calls).toHaveLength(1)
  })

  it('a 429 with Retry-After holds other requests too (the budget is the account’s)', async () => {
    const { post, calls, clock } = setupApp({
      handler: (q, _s, index) => (index === 0 ? upstreamJson(429, {}, { 'retry-after': '10' }) : okPage(q)),
    })
    const first = post(OLD_WEEK)
    await clock.advance(1_000)
    const second = post(OLD_WEEK, { query: '?offset=1' })
    await clock.run(Promise.all([first, second]))
    const t0 = calls[0]?.at ?? 0
    expect(calls.map((c) => c.at - t0)).toEqual([0, 10_000, 10_000])
  })

  it('counts every attempt against the rate budget', async () => {
    const { post, calls, clock } = setupApp({
      config: liveConfig({ rateLimitPerMinute: 2 }),
      handler: sequence(upstreamJson(429, {}), upstreamJson(429, {}), upstreamJson(429, {})),
    })
    expect((await clock.run(post(OLD_WEEK))).status).toBe(200)
    const t0 = calls[0]?.at ?? 0
    // attempts 1-2 fill the minute; attempt 3 waits for the first grant to leave the window
    expect(calls.map((c) => c.at - t0)).toEqual([0, 500, 60_000, 62_000])
  })

  it('demo mode retries too but is never rate-limited', async () => {
    const { post, calls, clock } = setupApp({
      config: { mode: 'demo', demoPerDay: 700 },
      handler: sequence(upstreamJson(500, 'x')),
    })
    const results = await clock.run(
      Promise.all(
        Array.from({ length: 80 }, (_, i) =>
          post(OLD_WEEK, { query: `?offset=${i % 11}&limit=${1 + Math.floor(i / 11)}` }),
        ),
      ),
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(calls).toHaveLength(81)
    expect(Math.max(...calls.map((c) => c.at)) - (calls[0]?.at ?? 0)).toBe(500)
  })
})

describe('retry helpers', () => {
  it('parses Retry-After seconds and dates, ignores garbage', () => {
    const now = Date.parse('2024-11-20T12:00:00Z')
    expect(parseRetryAfter('30', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 20 Nov 2024 12:00:05 GMT', now)).toBe(5_000)
    expect(parseRetryAfter('Wed, 20 Nov 2024 11:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it('backs off exponentially with jitter in [step/2, step]', () => {
    const low = { ...DEFAULT_RETRY_POLICY, random: () => 0 }
    const high = { ...DEFAULT_RETRY_POLICY, random: () => 0.999 }
    expect([0, 1, 2, 3].map((i) => backoffMs(i, low))).toEqual([500, 1_000, 2_000, 4_000])
    expect(backoffMs(3, high)).toBeCloseTo(7_996, 0)
  })
})
