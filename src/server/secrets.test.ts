// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { type LiveConfig, loadConfig } from './config'
import { createLiveApp, fakeSmartAssistPerTest } from './testing/live-app'

const SECRET = 'very-secret-client-secret-91c2'
const READY_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6ImNzLTEifQ.ready-jwt-signature-5b7e'

const startFake = fakeSmartAssistPerTest()

const WEEK = JSON.stringify({ startDate: '2024-11-11T00:00:00Z', endDate: '2024-11-17T00:00:00Z' })

/** Every /api answer a browser could provoke, with an upstream that echoes what it received. */
async function everyAnswer(env: Record<string, string>) {
  // The worst upstream: it quotes the auth header back in every error.
  let status = 200
  const fake = await startFake((req) =>
    status === 200
      ? { status, body: { numResults: 0, data: [] } }
      : {
          status,
          body: { errors: [{ msg: `bad token ${String(req.headers.auth)} for ${req.body}` }] },
          headers: { 'x-echo-auth': String(req.headers.auth) },
        },
  )
  const config = loadConfig({ ...env, SMARTASSIST_HOST: fake.url }) as LiveConfig
  const { app, logs } = createLiveApp(config, { retryPolicy: { maxRetries: 1, baseDelayMs: 1 } })
  const texts: string[] = []
  const record = async (res: Response) => {
    texts.push(await res.text(), JSON.stringify([...res.headers]))
  }
  await record(await app.request('/api/config'))
  for (const s of [200, 400, 401, 403, 404, 429, 500]) {
    status = s
    await record(
      await app.request(`/api/calldetails?offset=${s % 11}`, {
        method: 'POST',
        body: WEEK,
        headers: { 'cache-control': 'no-cache', 'content-type': 'application/json' },
      }),
    )
  }
  await record(await app.request('/api/calldetails', { method: 'POST', body: '{bad json' }))
  await record(await app.request('/api/calldetails', { method: 'GET' }))
  await record(await app.request('/api/elsewhere'))
  return { texts, logs, received: fake.received }
}

const BASE = { SMARTASSIST_ACCOUNT_ID: 'acct-1', SMARTASSIST_IID: 'st-iid' }

describe('secrets never leave the server', () => {
  it('with a client secret and a JWT configured (the pair signs)', async () => {
    const { texts, logs, received } = await everyAnswer({
      ...BASE,
      SMARTASSIST_CLIENT_ID: 'cs-1',
      SMARTASSIST_CLIENT_SECRET: SECRET,
      SMARTASSIST_JWT: READY_JWT,
    })
    const signed = String(received[0]?.headers.auth)
    expect(signed.split('.')).toHaveLength(3)
    for (const text of [...texts, ...logs]) {
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(READY_JWT)
      expect(text).not.toContain(signed)
    }
    expect(logs.length).toBeGreaterThan(0)
  })

  it('with only a ready JWT (sent upstream as it is)', async () => {
    const { texts, logs, received } = await everyAnswer({ ...BASE, SMARTASSIST_JWT: READY_JWT })
    expect(received[0]?.headers.auth).toBe(READY_JWT)
    for (const text of [...texts, ...logs]) expect(text).not.toContain(READY_JWT)
    // the echoed 400 message still reaches the user, with the token masked
    expect(texts.some((t) => t.includes('SmartAssist refused the request: bad token [redacted]'))).toBe(true)
  })
})
