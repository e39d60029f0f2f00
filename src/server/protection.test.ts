// @vitest-environment node
// CONTRACT.md "Protection and served pages", through app.request(): what a hostile page, a form on
// another site, a client that leaves, or a full rate queue get from the proxy.
import { describe, expect, it } from 'vitest'
import { MAX_RATE_PAUSE_MS } from './protection-limits'
import { createFakeClock } from './testing/fake-clock'
import { hang, upstreamJson } from './testing/fake-upstream'
import { OLD_WEEK, openCallDetailsPost, setupApp } from './testing/test-app'

const at = (host: string, path = '/api/config') => `http://${host}${path}`

/** A distinct window per i (so no two requests share a cache entry or an in-flight call). */
const hourFrom = (i: number) => ({
  startDate: '2024-11-01T00:00:00.000Z',
  endDate: new Date(Date.parse('2024-11-01T01:00:00.000Z') + i * 60_000).toISOString(),
})

describe('Host header (DNS rebinding)', () => {
  it('answers loopback names, HOST and DASHBOARD_ALLOWED_HOSTS; 421 for any other name', async () => {
    const { app } = setupApp({ allowedHosts: ['dash.example.com', '10.0.0.5'] })
    for (const host of ['localhost', 'localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'DASH.example.com.']) {
      expect((await app.request(at(host))).status, host).toBe(200)
    }
    expect((await app.request(at('10.0.0.5:8080'))).status).toBe(200)
    for (const host of ['evil.example', 'evil.example:8080', 'localhost.evil.example', '10.0.0.6']) {
      const res = await app.request(at(host))
      expect(res.status, host).toBe(421)
      expect(((await res.json()) as { error: string }).error).toContain('DASHBOARD_ALLOWED_HOSTS')
    }
  })

  it('spends nothing upstream for a rebinding page, and leaves /healthz open to probes', async () => {
    const { app, calls } = setupApp()
    const res = await app.request(at('evil.example', '/api/calldetails'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OLD_WEEK),
    })
    expect(res.status).toBe(421)
    expect(calls).toHaveLength(0)
    expect((await app.request(at('evil.example', '/healthz'))).status).toBe(200)
  })
})

describe('cross-site requests and form posts', () => {
  it('403 for a request another site made; same-origin and tools without the header pass', async () => {
    const { app, post, calls } = setupApp()
    const crossSite = await post(OLD_WEEK, { headers: { 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.status).toBe(403)
    expect(
      (
        await app.request('/api/config', {
          headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
        })
      ).status,
    ).toBe(403)
    expect(calls).toHaveLength(0)
    expect((await post(OLD_WEEK, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(200)
    expect((await post(OLD_WEEK)).status).toBe(200)
  })

  it('415 for a POST that is not JSON (an HTML form cannot send application/json)', async () => {
    const { post, calls } = setupApp()
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
    ]) {
      const res = await post(OLD_WEEK, { headers: { 'content-type': type } })
      expect(res.status, type).toBe(415)
    }
    expect(calls).toHaveLength(0)
    expect(
      (await post(OLD_WEEK, { headers: { 'content-type': 'application/json; charset=utf-8' } })).status,
    ).toBe(200)
  })
})

describe('the bounded rate queue', () => {
  it('a request that arrives when the queue is full gets 503 with Retry-After, at once', async () => {
    const clock = createFakeClock()
    const { post, calls } = setupApp({
      clock,
      handler: (_q, signal) => hang(signal),
      queueBounds: { maxWaiting: 2 },
    })
    // 60 a minute: fill the window with requests in flight, then two wait, then one too many.
    const pending = Array.from({ length: 62 }, (_, i) => post(hourFrom(i)))
    await clock.advance(0)
    expect(calls).toHaveLength(60)
    const refused = await post(hourFrom(62))
    expect(refused.status).toBe(503)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await refused.json()) as { error: string }).error).toMatch(/2 requests are already waiting/)
    expect(calls).toHaveLength(60)
    void pending
  })

  it('a request that would wait over 2 minutes for the budget gets 503 with the wait as Retry-After', async () => {
    const clock = createFakeClock()
    const { post, calls } = setupApp({ clock })
    // 60 answered at once fill the minute; 120 more would wait 60 s and 120 s; the next one, longer.
    for (let i = 0; i < 60; i++) expect((await post(hourFrom(i))).status).toBe(200)
    const queued = Array.from({ length: 120 }, (_, i) => post(hourFrom(60 + i)))
    await clock.advance(0)
    const refused = await post(hourFrom(180))
    expect(refused.status).toBe(503)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(120)
    await clock.run(Promise.all(queued))
    expect(calls).toHaveLength(180)
  })
})

describe("an upstream 429's Retry-After", () => {
  it('99999999999 s pauses the budget 5 minutes at most: another window is answered after it, nothing floods the log', async () => {
    const warnings: Error[] = []
    const onWarning = (warning: Error) => warnings.push(warning)
    process.on('warning', onWarning)
    try {
      const clock = createFakeClock()
      const t0 = clock.now()
      const { post, calls, logs } = setupApp({
        clock,
        handler: (_q, _signal, index) =>
          index === 0
            ? upstreamJson(429, { errors: [{ msg: 'slow down' }] }, { 'retry-after': '99999999999' })
            : upstreamJson(200, { numResults: 0, data: [] }),
      })
      const first = await clock.run(post(OLD_WEEK))
      expect(first.status).toBe(503)
      const firstWait = Number(first.headers.get('retry-after'))
      expect(firstWait).toBeGreaterThan(0)
      expect(firstWait).toBeLessThanOrEqual(MAX_RATE_PAUSE_MS / 1000)

      // Another window right after: told at once how long to wait, not held for ever.
      const other = { startDate: '2024-11-04T00:00:00.000Z', endDate: '2024-11-10T23:59:59.999Z' }
      const second = await clock.run(post(other))
      expect(second.status).toBe(503)
      const wait = Number(second.headers.get('retry-after'))
      expect(wait).toBeLessThanOrEqual(MAX_RATE_PAUSE_MS / 1000)
      expect(calls).toHaveLength(1)

      // Asked again when told: answered from upstream, within 5 minutes plus its own time.
      await clock.advance(wait * 1000)
      const again = await clock.run(post(other))
      expect(again.status).toBe(200)
      expect(clock.now() - t0).toBeLessThanOrEqual(MAX_RATE_PAUSE_MS + 1_000)
      expect(calls).toHaveLength(2)
      expect(logs.length).toBeLessThan(10)
      expect(logs.filter((line) => /pausing 300 s at most/.test(line))).toHaveLength(1)
      expect(clock.pendingTimers).toBe(0)
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(warnings.map((w) => w.name)).not.toContain('TimeoutOverflowWarning')
    } finally {
      process.off('warning', onWarning)
    }
  })
})

describe('answers that are not call details', () => {
  it('a 200 without {data: [...]} is a 502 and is asked again next time (never cached)', async () => {
    for (const body of [{ numResults: 0 }, { data: 'none' }, [], 'ok']) {
      const { post, calls } = setupApp({ handler: () => upstreamJson(200, body) })
      const res = await post(OLD_WEEK)
      expect(res.status, JSON.stringify(body)).toBe(502)
      expect(((await res.json()) as { error: string }).error).toContain('{data: [...]}')
      expect((await post(OLD_WEEK)).status).toBe(502)
      expect(calls, JSON.stringify(body)).toHaveLength(2)
    }
  })

  it('an answer over the size cap is a 502 naming the limit, never cached', async () => {
    const { post, calls } = setupApp({
      handler: () => ({ status: 200, headers: new Headers(), body: null, oversized: true }),
    })
    const res = await post(OLD_WEEK)
    expect(res.status).toBe(502)
    expect(((await res.json()) as { error: string }).error).toMatch(/over 20 MB/)
    await post(OLD_WEEK)
    expect(calls).toHaveLength(2)
  })
})

describe('clients that leave, and shutting down', () => {
  it('a client that aborts while its body is read is one log line, not an unexpected error', async () => {
    const { app, logs } = setupApp()
    const { req, close } = await openCallDetailsPost(app, { 'content-length': '1000' })
    req.write('{"startDate":')
    await new Promise((resolve) => setTimeout(resolve, 50))
    req.destroy()
    for (let i = 0; i < 100 && logs.length === 0; i++) await new Promise((r) => setTimeout(r, 10))
    await close()
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatch(/client went away/)
    expect(logs.join('\n')).not.toMatch(/unexpected error|\n\s+at /)
  })

  it('requests waiting for the budget are answered 503 at once when the server shuts down', async () => {
    const clock = createFakeClock()
    const shutdown = new AbortController()
    const { post } = setupApp({
      clock,
      shutdownSignal: shutdown.signal,
      handler: (_q, signal) => hang(signal),
    })
    const all = Array.from({ length: 61 }, (_, i) => post(hourFrom(i)))
    await clock.advance(0)
    shutdown.abort()
    const answers = await Promise.all(all)
    expect(answers.map((r) => r.status)).toEqual(Array(61).fill(503))
    expect(((await (answers[60] as Response).json()) as { error: string }).error).toMatch(/restarting/)
  })
})
