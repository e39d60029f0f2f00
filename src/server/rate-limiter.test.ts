// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './rate-limiter'
import { createFakeClock } from './testing/fake-clock'
import { liveConfig, OLD_WEEK, setupApp } from './testing/test-app'

describe('createRateLimiter', () => {
  it('grants N a minute at once and queues the rest in a sliding 60-s window, in order', async () => {
    const clock = createFakeClock()
    const limiter = createRateLimiter({ perMinute: 3, clock })
    const t0 = clock.now()
    const granted: Array<[number, number]> = []
    const all = Array.from({ length: 7 }, (_, i) =>
      limiter.acquire().then((grant) => {
        granted.push([i, clock.now() - t0])
        grant.done()
      }),
    )
    await clock.run(Promise.all(all))
    expect(granted).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 60_000],
      [4, 60_000],
      [5, 60_000],
      [6, 120_000],
    ])
  })

  it('slides: a slot frees exactly 60 s after the request that used it finished', async () => {
    const clock = createFakeClock()
    const limiter = createRateLimiter({ perMinute: 2, clock })
    const t0 = clock.now()
    const first = await limiter.acquire()
    await clock.advance(5_000)
    first.done() // answered after 5 s: its place is kept until 65 s
    await clock.advance(15_000)
    ;(await limiter.acquire()).done()
    const times: number[] = []
    const waiting = [limiter.acquire(), limiter.acquire()].map((p) =>
      p.then((grant) => {
        times.push(clock.now() - t0)
        grant.done()
      }),
    )
    await clock.run(Promise.all(waiting))
    expect(times).toEqual([65_000, 80_000])
  })

  it('a request still in flight keeps its place however long it takes', async () => {
    const clock = createFakeClock()
    const limiter = createRateLimiter({ perMinute: 1, clock })
    const t0 = clock.now()
    const slow = await limiter.acquire()
    const next = limiter.acquire().then((grant) => {
      grant.done()
      return clock.now() - t0
    })
    await clock.advance(90_000)
    expect(limiter.queued).toBe(1)
    slow.done()
    expect(await clock.run(next)).toBe(150_000)
  })

  it('an aborted waiter leaves the queue and the next one moves up', async () => {
    const clock = createFakeClock()
    const limiter = createRateLimiter({ perMinute: 1, clock })
    const t0 = clock.now()
    ;(await limiter.acquire()).done()
    const controller = new AbortController()
    const leaving = limiter.acquire(controller.signal)
    const staying = limiter.acquire().then(() => clock.now() - t0)
    expect(limiter.queued).toBe(2)
    controller.abort()
    await expect(leaving).rejects.toThrow()
    expect(limiter.queued).toBe(1)
    expect(await clock.run(staying)).toBe(60_000)
  })

  it('rejects at once for an already aborted signal', async () => {
    const limiter = createRateLimiter({ perMinute: 1, clock: createFakeClock() })
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toThrow()
  })
})

describe('the proxy keeps the account’s budget', () => {
  it('SMARTASSIST_RATE_LIMIT=3: seven requests all succeed, three a minute, none fails', async () => {
    const { post, calls, clock } = setupApp({ config: liveConfig({ rateLimitPerMinute: 3 }) })
    const t0 = clock.now()
    const requests = Array.from({ length: 7 }, (_, offset) => post(OLD_WEEK, { query: `?offset=${offset}` }))
    const responses = await clock.run(Promise.all(requests))
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200])
    expect(calls.map((c) => c.at - t0)).toEqual([0, 0, 0, 60_000, 60_000, 60_000, 120_000])
  })

  it('the budget is shared by every caller of one app (all tabs and users)', async () => {
    const { app, post, calls, clock } = setupApp({ config: liveConfig({ rateLimitPerMinute: 1 }) })
    const t0 = clock.now()
    const fromTabA = post(OLD_WEEK)
    const fromTabB = app.request('/api/calldetails?offset=3', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OLD_WEEK),
    })
    await clock.run(Promise.all([fromTabA, fromTabB]))
    expect(calls.map((c) => c.at - t0)).toEqual([0, 60_000])
  })

  it('a request whose browser went away leaves the queue without spending budget', async () => {
    const { post, calls, clock } = setupApp({ config: liveConfig({ rateLimitPerMinute: 1 }) })
    const t0 = clock.now()
    await post(OLD_WEEK)
    const controller = new AbortController()
    const abandoned = post(OLD_WEEK, { query: '?offset=1', signal: controller.signal })
    const next = post(OLD_WEEK, { query: '?offset=2' })
    await clock.advance(10_000)
    controller.abort()
    await abandoned.catch(() => undefined)
    expect((await clock.run(next)).status).toBe(200)
    expect(calls.map((c) => [c.q.offset, c.at - t0])).toEqual([
      [0, 0],
      [2, 60_000],
    ])
  })
})

describe('people before the background sync', () => {
  /** Grants over time for a set of callers, in virtual time. */
  function grantsOf(
    limiter: ReturnType<typeof createRateLimiter>,
    clock: ReturnType<typeof createFakeClock>,
  ) {
    const log: Array<{ who: string; at: number }> = []
    const t0 = clock.now()
    const take = (who: string, priority: 'person' | 'background') =>
      limiter.acquire(undefined, priority).then((grant) => {
        log.push({ who, at: clock.now() - t0 })
        grant.done()
      })
    return { log, take }
  }

  it('a person queued after the sync is served first', async () => {
    const clock = createFakeClock()
    const limiter = createRateLimiter({ perMinute: 2, clock })
    const { log, take } = grantsOf(limiter, clock)
    const all = [take('s1', 'background'), take('s2', 'background'), take('s3', 'background')]
    await clock.advance(0)
    all.push(take('p1', 'person'))
    await clock.run(Promise.all(all))
    expect(log.map((g) => g.who)).toEqual(['s1', 's2', 'p1', 's3'])
  })

  it('while a person waits for data the sync stays within its share; alone it takes the whole budget', async () => {
    const clock = createFakeClock()
    const limiter = createRateLimiter({ perMinute: 10, clock, backgroundShare: 0.3 })
    const { log, take } = grantsOf(limiter, clock)
    const endWait = limiter.personWaiting()
    const sync = Array.from({ length: 12 }, (_, i) => take(`s${i}`, 'background'))
    await clock.advance(59_000)
    expect(log).toHaveLength(3)
    endWait()
    await clock.run(Promise.all(sync))
    // The person left at 59 s: the rest of the first minute's budget (7) went to the sync at once.
    expect(log.filter((g) => g.at === 59_000)).toHaveLength(7)
    expect(log).toHaveLength(12)
  })

  it('the sync is never turned away by the queue bounds that protect people', async () => {
    const clock = createFakeClock()
    const limiter = createRateLimiter({ perMinute: 1, clock, maxWaiting: 1, maxWaitMs: 1_000 })
    const { take } = grantsOf(limiter, clock)
    const sync = Array.from({ length: 5 }, (_, i) => take(`s${i}`, 'background'))
    await clock.run(Promise.all(sync))
    expect(clock.now()).toBeGreaterThanOrEqual(Date.parse('2024-11-20T12:04:00.000Z'))
  })
})
