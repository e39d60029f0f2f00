// @vitest-environment node
import { jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { CREDENTIALS_REJECTED } from './errors'
import { createLiveApp, fakeSmartAssistPerTest } from './testing/live-app'
import { CLIENT_SECRET, liveConfig } from './testing/test-app'

const startFake = fakeSmartAssistPerTest()

/** The real app and live upstream (system clock, real fetch) against a loopback SmartAssist. */
async function liveApp(reply?: Parameters<typeof startFake>[0]) {
  const fake = await startFake(reply)
  const { app, logs } = createLiveApp(liveConfig({ host: fake.url }))
  return { app, received: fake.received, logs }
}

describe('live upstream over HTTP', () => {
  it('sends SmartAssist the documented request: path, query, headers and body', async () => {
    const { app, received } = await liveApp(() => ({
      status: 200,
      body: { numResults: 1, data: [{ sessionId: 'abc' }] },
    }))
    const res = await app.request('/api/calldetails?offset=2&limit=50', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        startDate: '2024-11-18 00:00:00',
        endDate: '2024-11-18',
        timeZoneOffset: -330,
        extra: 'dropped',
      }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ numResults: 1, data: [{ sessionId: 'abc' }] })

    expect(received).toHaveLength(1)
    const request = received[0]
    if (!request) throw new Error('no request reached the fake SmartAssist')
    expect(request.method).toBe('POST')
    expect(request.url).toBe(
      '/agentassist/api/public/analytics/account/acct-6656d31f/v2/calldetails?offset=2&limit=50',
    )
    expect(request.headers.accountid).toBe('acct-6656d31f')
    expect(request.headers.iid).toBe('st-iid-42')
    expect(request.headers['content-type']).toBe('application/json')
    const { payload, protectedHeader } = await jwtVerify(
      String(request.headers.auth),
      new TextEncoder().encode(CLIENT_SECRET),
    )
    expect(protectedHeader.alg).toBe('HS256')
    expect(payload.appId).toBe('cs-client-1')
    expect(JSON.parse(request.body)).toEqual({
      startDate: '2024-11-17T18:30:00.000Z',
      endDate: '2024-11-18T18:29:59.999Z',
      timeZoneOffset: 0,
      selectedFields: ['customerinfo', 'sessionleveltags', 'skills', 'userleveltags'],
    })
  })

  it('sends a ready JWT as it is', async () => {
    const fake = await startFake()
    const { app } = createLiveApp(
      liveConfig({ host: fake.url, credential: { kind: 'jwt', token: 'eyJhbGciOi.ready.token' } }),
    )
    await app.request('/api/calldetails', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ startDate: '2024-11-18T00:00:00Z', endDate: '2024-11-19T00:00:00Z' }),
    })
    expect(fake.received[0]?.headers.auth).toBe('eyJhbGciOi.ready.token')
  })

  it('maps a real 401 to the credentials message', async () => {
    const { app } = await liveApp(() => ({ status: 401, body: { errors: [{ msg: 'Unauthorized' }] } }))
    const res = await app.request('/api/calldetails', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ startDate: '2024-11-18T00:00:00Z', endDate: '2024-11-19T00:00:00Z' }),
    })
    expect(res.status).toBe(502)
    expect(await res.json()).toEqual({ error: CREDENTIALS_REJECTED, upstreamStatus: 401 })
  })

  it('does not follow a redirect to another host', async () => {
    const { app, received } = await liveApp(() => ({
      status: 302,
      body: '',
      headers: { location: 'https://elsewhere.example/steal' },
    }))
    const res = await app.request('/api/calldetails', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ startDate: '2024-11-18T00:00:00Z', endDate: '2024-11-19T00:00:00Z' }),
    })
    expect(res.status).toBe(502)
    expect(((await res.json()) as { error: string }).error).toContain('redirect')
    expect(received).toHaveLength(1)
  })

  it('a host that refuses connections becomes 502 with what to check', async () => {
    const fake = await startFake()
    const closedUrl = fake.url
    await fake.close()
    const { app } = createLiveApp(liveConfig({ host: closedUrl }))
    const res = await app.request('/api/calldetails', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ startDate: '2024-11-18T00:00:00Z', endDate: '2024-11-19T00:00:00Z' }),
    })
    expect(res.status).toBe(502)
    expect(((await res.json()) as { error: string }).error).toContain(
      `Could not reach SmartAssist at ${closedUrl} (ECONNREFUSED)`,
    )
  })

  it('logs one line per upstream call with status, time, offset and window', async () => {
    const { app, logs } = await liveApp()
    await app.request('/api/calldetails?offset=3', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ startDate: '2024-11-18T00:00:00Z', endDate: '2024-11-19T00:00:00Z' }),
    })
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatch(
      /^calldetails offset=3 limit=100 window=2024-11-18T00:00:00\.000Z\.\.2024-11-19T00:00:00\.000Z: 200 in \d+ ms \(attempt 1\)$/,
    )
  })
})
