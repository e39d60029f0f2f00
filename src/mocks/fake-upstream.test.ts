import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_ACCOUNT_ID,
  type FakeUpstream,
  type FakeUpstreamOptions,
  startFakeUpstream,
} from './fake-upstream'

const BODY = { startDate: '2024-11-18T00:00:00.000Z', endDate: '2024-11-19T00:00:00.000Z', timeZoneOffset: 0 }
const HEADERS = {
  auth: 'jwt-token',
  accountId: DEFAULT_ACCOUNT_ID,
  iId: 'st-stream',
  'content-type': 'application/json',
}

const servers: FakeUpstream[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function start(opts: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const s = await startFakeUpstream(opts)
  servers.push(s)
  return s
}

function post(
  s: FakeUpstream,
  query = '?offset=0&limit=100',
  init: { headers?: Record<string, string>; body?: string } = {},
) {
  return fetch(`${s.url}${s.path}${query}`, {
    method: 'POST',
    headers: init.headers ?? HEADERS,
    body: init.body ?? JSON.stringify(BODY),
  })
}

describe('fake upstream', () => {
  it('answers a page and records what reached it', async () => {
    const s = await start()
    const res = await post(s, '?offset=1&limit=5')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { numResults: number; data: unknown[] }
    expect(body.numResults).toBe(5)
    expect(body.data).toHaveLength(5)
    expect(s.requests).toHaveLength(1)
    expect(s.requests[0]).toMatchObject({
      method: 'POST',
      path: `/agentassist/api/public/analytics/account/${DEFAULT_ACCOUNT_ID}/v2/calldetails`,
      query: { offset: '1', limit: '5' },
      headers: { auth: 'jwt-token', accountid: DEFAULT_ACCOUNT_ID, iid: 'st-stream' },
      body: BODY,
      status: 200,
    })
  })

  it('passes the API rules through as 400', async () => {
    const s = await start()
    expect((await post(s, '?offset=11&limit=100')).status).toBe(400)
    expect((await post(s, '?offset=0&limit=abc')).status).toBe(400)
    expect((await post(s, '', { body: '{not json' })).status).toBe(400)
    const tooLong = JSON.stringify({ ...BODY, endDate: '2024-11-26T01:00:01.000Z' })
    const res = await post(s, '', { body: tooLong })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ errors: [{ msg: expect.stringMatching(/seven days/), code: 400 }] })
  })

  it('rejects missing or wrong credentials with 401', async () => {
    const s = await start({ iId: 'st-stream', expectAuth: (a) => a === 'good' })
    const without = (name: string) => Object.fromEntries(Object.entries(HEADERS).filter(([k]) => k !== name))
    expect((await post(s, '', { headers: { ...HEADERS, auth: 'good' } })).status).toBe(200)
    expect((await post(s)).status).toBe(401) // expectAuth refuses 'jwt-token'
    expect((await post(s, '', { headers: { ...without('auth') } })).status).toBe(401)
    expect((await post(s, '', { headers: { ...without('iId'), auth: 'good' } })).status).toBe(401)
    expect((await post(s, '', { headers: { ...HEADERS, auth: 'good', iId: 'other' } })).status).toBe(401)
    expect((await post(s, '', { headers: { ...HEADERS, auth: 'good', accountId: 'other' } })).status).toBe(
      401,
    )
  })

  it('answers 404 elsewhere and 405 to other methods, recording those too', async () => {
    const s = await start()
    expect(
      (
        await fetch(`${s.url}/agentassist/api/public/analytics/account/other/v2/calldetails`, {
          method: 'POST',
        })
      ).status,
    ).toBe(404)
    expect((await fetch(`${s.url}/nothing`)).status).toBe(404)
    const get = await fetch(`${s.url}${s.path}`, { headers: HEADERS })
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    expect(s.requests.map((r) => r.status)).toEqual([404, 404, 405])
  })

  it('enforces the per-minute limit against an injected clock, with Retry-After', async () => {
    let now = 1_000_000
    const s = await start({ perMinuteLimit: 3, clock: () => now })
    for (let k = 0; k < 3; k++) {
      expect((await post(s)).status).toBe(200)
      now += 10_000
    }
    const limited = await post(s)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('30') // the first request leaves the window at +60 s
    now += 30_000
    expect((await post(s)).status).toBe(200)
    expect((await post(s)).status).toBe(429)
    s.reset()
    expect(s.requests).toHaveLength(0)
    expect((await post(s)).status).toBe(200)
  })

  it('injects seeded faults: 500s and 429s with Retry-After 1, the same sequence every run', async () => {
    const run = async () => {
      const s = await start({ faultRate: 0.4, synthetic: { seed: 5 } })
      const seen: string[] = []
      for (let k = 0; k < 30; k++) {
        const res = await post(s, '?offset=0&limit=1')
        seen.push(res.status === 429 ? `429:${res.headers.get('retry-after')}` : String(res.status))
      }
      return seen
    }
    const first = await run()
    expect(new Set(first)).toEqual(new Set(['200', '500', '429:1']))
    expect(await run()).toEqual(first)
  })

  it('waits delayMs before answering', async () => {
    const s = await start({ delayMs: 60 })
    const t0 = performance.now()
    expect((await post(s)).status).toBe(200)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55)
  })
})
