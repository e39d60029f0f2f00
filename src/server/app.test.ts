// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { hang } from './testing/fake-upstream'
import { liveConfig, OLD_WEEK, openCallDetailsPost, setupApp } from './testing/test-app'

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

describe('routes', () => {
  it('GET /healthz answers {ok: true} without calling upstream', async () => {
    const { app, calls } = setupApp()
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(calls).toHaveLength(0)
  })

  it('GET /api/config names the mode and account, nothing secret', async () => {
    const live = await setupApp().app.request('/api/config')
    expect(await live.json()).toEqual({
      mode: 'live',
      accountId: 'acct-6656d31f',
      rateLimitPerMinute: 60,
      sync: { days: 0, coveredFrom: null, coveredTo: null, state: 'off' },
      store: 'ok',
    })
    const demo = await setupApp({ config: { mode: 'demo', demoPerDay: 700 } }).app.request('/api/config')
    expect(await demo.json()).toEqual({ mode: 'demo' })
  })

  it('passes a 200 page through as JSON', async () => {
    const { post, calls } = setupApp()
    const res = await post(OLD_WEEK)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(await res.json()).toEqual({ numResults: 1, data: [{ sessionId: `s-0-${OLD_WEEK.startDate}` }] })
    expect(calls).toHaveLength(1)
  })

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])(
    '%s /api/calldetails answers 405 with Allow: POST',
    async (method) => {
      const { app, calls } = setupApp()
      const res = await app.request('/api/calldetails', { method })
      expect(res.status).toBe(405)
      expect(res.headers.get('allow')).toBe('POST')
      expect(((await res.json()) as { error: string }).error).toContain('Use POST')
      expect(calls).toHaveLength(0)
    },
  )

  it.each(['/api', '/api/', '/api/nope', '/api/calldetails/extra'])(
    'GET %s answers 404 JSON',
    async (path) => {
      const res = await setupApp().app.request(path)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/json')
      expect(((await res.json()) as { error: string }).error).toContain('No such API route')
    },
  )

  it('POST to an unknown /api path is a 404 too, not a forward', async () => {
    const { app, calls } = setupApp()
    const res = await app.request('/api/interactionDetails', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OLD_WEEK),
    })
    expect(res.status).toBe(404)
    expect(calls).toHaveLength(0)
  })

  it('refuses a body over 64 KB with 413', async () => {
    const { post, calls } = setupApp()
    const res = await post({
      ...OLD_WEEK,
      channels: Array.from({ length: 20_000 }, (_, i) => `channel-${i}`),
    })
    expect(res.status).toBe(413)
    expect(calls).toHaveLength(0)
  })

  it('answers 500 JSON without internals, and logs the cause, when something unexpected throws', async () => {
    const broken = {
      queued: 0,
      pausedUntil: 0,
      perMinute: 60,
      personWaiting: () => () => {},
      blockUntil: () => 0,
      acquire: () => Promise.reject(new Error('limiter exploded')),
    }
    const { post, logs } = setupApp({ rateLimiter: broken })
    const res = await post(OLD_WEEK)
    expect(res.status).toBe(500)
    const body = (await res.json()) as { error: string }
    expect(body.error).toContain('see the server log')
    expect(body.error).not.toContain('exploded')
    expect(logs.some((line) => line.includes('limiter exploded'))).toBe(true)
  })
})

describe('client disconnects', () => {
  it('aborts the upstream call when the browser goes away', async () => {
    const { post, calls, clock } = setupApp({ handler: (_q, signal) => hang(signal) })
    const controller = new AbortController()
    const pending = post(OLD_WEEK, { signal: controller.signal })
    await clock.advance(1000)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.signal.aborted).toBe(false)
    controller.abort()
    await clock.advance(0)
    expect(calls[0]?.signal.aborted).toBe(true)
    await pending.catch(() => undefined)
  })

  it('over real HTTP (node-server): closing the connection aborts the upstream call', async () => {
    const { app, calls, clock } = setupApp({ handler: (_q, signal) => hang(signal) })
    const { req, close } = await openCallDetailsPost(app)
    req.end(JSON.stringify(OLD_WEEK))
    while (calls.length === 0) await clock.advance(10)
    req.destroy()
    while (!calls[0]?.signal.aborted) await clock.advance(10)
    expect(calls[0]?.signal.aborted).toBe(true)
    await close()
  })
})

describe('DASHBOARD_AUTH', () => {
  const dashboardAuth = { user: 'ops', password: 'pass:word' }

  it('asks for Basic auth on /api, with a JSON message', async () => {
    const { app, post, calls } = setupApp({ dashboardAuth })
    const res = await app.request('/api/config')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toContain('Basic')
    expect(await res.json()).toEqual({ error: 'Sign in with the user and password set in DASHBOARD_AUTH.' })
    expect((await post(OLD_WEEK)).status).toBe(401)
    expect(calls).toHaveLength(0)
  })

  it('lets the right user in and refuses a wrong password', async () => {
    const { app, post } = setupApp({ dashboardAuth })
    expect(
      (await app.request('/api/config', { headers: { authorization: basic('ops', 'pass:word') } })).status,
    ).toBe(200)
    expect((await post(OLD_WEEK, { headers: { authorization: basic('ops', 'pass:word') } })).status).toBe(200)
    expect(
      (await app.request('/api/config', { headers: { authorization: basic('ops', 'nope') } })).status,
    ).toBe(401)
  })

  it('leaves /healthz open', async () => {
    const res = await setupApp({ dashboardAuth, config: liveConfig() }).app.request('/healthz')
    expect(res.status).toBe(200)
  })
})
