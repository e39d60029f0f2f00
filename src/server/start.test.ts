// @vitest-environment node
// `npm start` as an operator runs it: the real entry (src/server/start.ts through tsx) in its own
// process, in a working directory holding a dist/ build, with nothing but the environment (and a
// .env file) to configure it. Everything listens on 127.0.0.1 (a free port picked first: PORT=0 is
// refused); every process is killed after its test. Harness: ./testing/process.ts.
import { jwtVerify } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeUpstream, startFakeUpstream } from '../mocks/fake-upstream'
import {
  canListenOn,
  cleanupProcesses,
  freePort,
  INDEX_MARKER,
  onCleanup,
  refusal,
  serverUrl,
  stop,
  workDir,
} from './testing/process'

afterEach(cleanupProcesses)

async function fakeUpstream(opts: Parameters<typeof startFakeUpstream>[0]): Promise<FakeUpstream> {
  const fake = await startFakeUpstream(opts)
  onCleanup(() => fake.close())
  return fake
}

const WEEK_BODY = JSON.stringify({
  startDate: '2024-11-18T00:00:00.000Z',
  endDate: '2024-11-19T00:00:00.000Z',
  timeZoneOffset: 0,
})

function postCallDetails(url: string, query = 'offset=0&limit=5', init: RequestInit = {}) {
  return fetch(`${url}/api/calldetails?${query}`, {
    method: 'POST',
    body: WEEK_BODY,
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  })
}

describe('npm start in demo mode (no SMARTASSIST_* variable)', { timeout: 30_000 }, () => {
  it('serves /healthz, /api/config, the page for any route, and demo call details', async () => {
    const { url, port, server } = await serverUrl(workDir(), { DASHBOARD_SKIP_DOTENV: '1' })
    expect(url).toBe(`http://127.0.0.1:${port}`)
    expect(server.stdout()).toMatch(/demo mode/)

    const health = await fetch(`${url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true })

    const config = await fetch(`${url}/api/config`)
    expect(config.status).toBe(200)
    expect(await config.json()).toEqual({ mode: 'demo' })

    for (const path of ['/', '/some/deep/link?from=2024-11-18', '/conversations/abc?tz=Asia%2FKolkata']) {
      const page = await fetch(`${url}${path}`)
      expect(page.status, path).toBe(200)
      expect(page.headers.get('content-type'), path).toMatch(/text\/html/)
      expect(await page.text(), path).toContain(INDEX_MARKER)
    }

    // An unknown API path is a JSON 404, not the page.
    const unknownApi = await fetch(`${url}/api/elsewhere`)
    expect(unknownApi.status).toBe(404)
    expect(unknownApi.headers.get('content-type')).toMatch(/application\/json/)

    const details = await postCallDetails(url)
    expect(details.status).toBe(200)
    const body = (await details.json()) as { data?: unknown[] }
    expect(Array.isArray(body.data)).toBe(true)
    expect(body.data?.length).toBeGreaterThan(0)
    expect(body.data?.length).toBeLessThanOrEqual(5)

    const bad = await postCallDetails(url, undefined, { body: '{not json' })
    expect(bad.status).toBe(400)
    // Not declared as JSON (what a cross-site form can send): 415 (CONTRACT.md "Protection").
    const form = await postCallDetails(url, undefined, { headers: { 'content-type': 'text/plain' } })
    expect(form.status).toBe(415)
  })
})

describe('npm start refuses a partial live configuration', { timeout: 30_000 }, () => {
  it('exits non-zero within seconds, names what is missing, prints no secret', async () => {
    const secret = 'partial-config-secret-e41b'
    const r = await refusal(workDir(), {
      DASHBOARD_SKIP_DOTENV: '1',
      HOST: '127.0.0.1',
      SMARTASSIST_HOST: 'http://127.0.0.1:9',
      SMARTASSIST_ACCOUNT_ID: 'acct-partial',
      SMARTASSIST_CLIENT_SECRET: secret,
    })
    expect(r.code).not.toBe(0)
    expect(r.code).not.toBeNull()
    expect(r.ms).toBeLessThan(10_000)
    expect(r.stderr).toContain('SMARTASSIST_IID')
    // Half a pair: the other half is what is missing.
    expect(r.stderr).toContain('SMARTASSIST_CLIENT_ID')
    expect(r.stdout).not.toMatch(/Dashboard on/)
    expect(`${r.stdout}${r.stderr}`).not.toContain(secret)
  })

  it('with host and account only, names SMARTASSIST_IID and the missing credential', async () => {
    const r = await refusal(workDir(), {
      DASHBOARD_SKIP_DOTENV: '1',
      HOST: '127.0.0.1',
      SMARTASSIST_HOST: 'http://127.0.0.1:9',
      SMARTASSIST_ACCOUNT_ID: 'acct-partial',
    })
    expect(r.code).not.toBe(0)
    expect(r.code).not.toBeNull()
    expect(r.ms).toBeLessThan(10_000)
    expect(r.stderr).toContain('SMARTASSIST_IID')
    expect(r.stderr).toMatch(/SMARTASSIST_CLIENT_ID|SMARTASSIST_JWT/)
    expect(r.stdout).not.toMatch(/Dashboard on/)
  })
})

describe('npm start refuses a PORT that is not a decimal integer 1..65535', { timeout: 30_000 }, () => {
  // Each value is built from a free port, so a lenient parse (Number, parseInt) would listen on it.
  it.each<[string, (port: number) => string]>([
    ['zero (the kernel would pick a port)', () => '0'],
    ['above 65535', () => '65536'],
    ['negative', () => '-1'],
    ['hexadecimal', (port) => `0x${port.toString(16)}`],
    ['exponent notation', (port) => `${port}e0`],
    ['a fraction of zero', (port) => `${port}.0`],
    ['a plus sign', (port) => `+${port}`],
    ['trailing letters', (port) => `${port}abc`],
    ['a word', () => 'http'],
  ])('PORT %s: exits non-zero before listening, naming PORT', async (_, portValue) => {
    const port = await freePort()
    const value = portValue(port)
    const r = await refusal(workDir(), { DASHBOARD_SKIP_DOTENV: '1', HOST: '127.0.0.1', PORT: value })
    expect(r.stdout, `PORT=${JSON.stringify(value)}`).not.toMatch(/Dashboard on/)
    expect(r.code, `PORT=${JSON.stringify(value)}`).not.toBe(0)
    expect(r.code, `PORT=${JSON.stringify(value)}`).not.toBeNull()
    expect(r.ms).toBeLessThan(10_000)
    expect(r.stderr, `PORT=${JSON.stringify(value)}`).toContain('PORT')
    expect(await canListenOn(port), 'nothing listened on the port a lenient parse gives').toBe(true)
  })
})

describe('npm start and DASHBOARD_AUTH', { timeout: 30_000 }, () => {
  it.each(['0.0.0.0', '::'])('refuses HOST=%s without DASHBOARD_AUTH, before listening', async (host) => {
    const r = await refusal(workDir(), { DASHBOARD_SKIP_DOTENV: '1', HOST: host })
    expect(r.code).not.toBe(0)
    expect(r.code).not.toBeNull()
    expect(r.stderr).toContain('DASHBOARD_AUTH')
    expect(r.stdout).not.toMatch(/Dashboard on/)
  })

  it('on loopback with DASHBOARD_AUTH: pages and /api need Basic auth, /healthz does not', async () => {
    const password = 'proc-pass-with:colon-93d0'
    const { url, server } = await serverUrl(workDir(), {
      DASHBOARD_SKIP_DOTENV: '1',
      DASHBOARD_AUTH: `ops:${password}`,
    })
    const good = { authorization: `Basic ${Buffer.from(`ops:${password}`).toString('base64')}` }
    const wrong = { authorization: `Basic ${Buffer.from('ops:not-it').toString('base64')}` }

    for (const path of ['/', '/some/deep/link?from=2024-11-18', '/api/config']) {
      const anonymous = await fetch(`${url}${path}`)
      expect(anonymous.status, path).toBe(401)
      expect(anonymous.headers.get('www-authenticate'), path).toMatch(/^Basic/)
      expect(await anonymous.text(), path).not.toContain(INDEX_MARKER)
      expect((await fetch(`${url}${path}`, { headers: wrong })).status, path).toBe(401)
      const signedIn = await fetch(`${url}${path}`, { headers: good })
      expect(signedIn.status, path).toBe(200)
      await signedIn.arrayBuffer()
    }
    expect((await postCallDetails(url)).status).toBe(401)
    expect((await postCallDetails(url, undefined, { headers: good })).status).toBe(200)

    const health = await fetch(`${url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true })

    await stop(server)
    expect(server.output()).not.toContain(password)
  })
})

describe('npm start in live mode against a loopback SmartAssist', { timeout: 30_000 }, () => {
  it('signs with the id/secret pair over a JWT, forwards correctly and never shows a secret', async () => {
    const clientId = 'cs-proc-client-1'
    const clientSecret = 'sentinel-client-secret-0b5d2f9a'
    const readyJwt = 'eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6InNlbnRpbmVsIn0.sentinel-ready-jwt-sig-77aa'
    const accountId = 'acct-proc-1'
    const iId = 'st-proc-iid-1'
    let rejectCredentials = false
    const fake = await fakeUpstream({ accountId, iId, expectAuth: () => !rejectCredentials })

    const { url, server } = await serverUrl(workDir(), {
      DASHBOARD_SKIP_DOTENV: '1',
      SMARTASSIST_HOST: fake.url,
      SMARTASSIST_ACCOUNT_ID: accountId,
      SMARTASSIST_IID: iId,
      SMARTASSIST_CLIENT_ID: clientId,
      SMARTASSIST_CLIENT_SECRET: clientSecret,
      SMARTASSIST_JWT: readyJwt,
      // No background sync: this test counts the requests SmartAssist receives.
      SMARTASSIST_SYNC_DAYS: '0',
      DATA_DIR: 'memory',
    })
    expect(server.stdout()).toMatch(/live mode/)
    expect(server.stdout()).toMatch(/id\/secret pair wins/)

    const responses: string[] = []
    const keep = async (res: Response) => {
      const text = await res.text()
      responses.push(text, JSON.stringify([...res.headers]))
      return { status: res.status, text }
    }

    const config = await keep(await fetch(`${url}/api/config`))
    expect(config.status).toBe(200)
    expect(JSON.parse(config.text)).toMatchObject({ mode: 'live', accountId })

    const ok = await keep(await postCallDetails(url, 'offset=0&limit=5'))
    expect(ok.status).toBe(200)
    expect(Array.isArray((JSON.parse(ok.text) as { data?: unknown }).data)).toBe(true)

    expect(fake.requests).toHaveLength(1)
    const sent = fake.requests[0]
    if (!sent) throw new Error('no request reached the fake SmartAssist')
    expect(sent.method).toBe('POST')
    expect(sent.path).toBe(fake.path)
    expect(sent.path).toBe(`/agentassist/api/public/analytics/account/${accountId}/v2/calldetails`)
    expect(sent.query).toEqual({ offset: '0', limit: '5' })
    expect(sent.headers.accountid).toBe(accountId)
    expect(sent.headers.iid).toBe(iId)
    expect(sent.headers['content-type']).toMatch(/^application\/json/)
    const signedJwt = sent.headers.auth ?? ''
    expect(signedJwt).not.toBe(readyJwt)
    const { payload, protectedHeader } = await jwtVerify(signedJwt, new TextEncoder().encode(clientSecret))
    expect(protectedHeader.alg).toBe('HS256')
    expect(payload.appId).toBe(clientId)
    expect(sent.body).toMatchObject({
      startDate: '2024-11-18T00:00:00.000Z',
      endDate: '2024-11-19T00:00:00.000Z',
    })

    // The answers most likely to quote a credential: upstream rejecting it, and the error paths.
    rejectCredentials = true
    const rejected = await keep(
      await postCallDetails(url, 'offset=1&limit=5', { headers: { 'cache-control': 'no-cache' } }),
    )
    expect(rejected.status).toBe(502)
    expect(rejected.text).toMatch(/credentials/)
    await keep(await fetch(`${url}/api/calldetails`, { method: 'POST', body: '{not json' }))
    await keep(await fetch(`${url}/api/calldetails`))
    await keep(await fetch(`${url}/api/elsewhere`))
    await keep(await fetch(`${url}/healthz`))
    await keep(await fetch(`${url}/`))

    // Everything the process printed, including whatever it logs while shutting down.
    await stop(server)
    const printed = server.output()
    const signature = signedJwt.split('.')[2] ?? signedJwt
    for (const [name, secret] of [
      ['client secret', clientSecret],
      ['ready JWT', readyJwt],
      ['signed JWT', signedJwt],
      ['signed JWT signature', signature],
    ] as const) {
      expect(printed, `${name} in the server output`).not.toContain(secret)
      for (const text of responses) expect(text, `${name} in an HTTP answer`).not.toContain(secret)
    }
  })
})

describe('npm start reads .env from its working directory', { timeout: 30_000 }, () => {
  const partialDotEnv = [
    '# a half-finished live configuration',
    'SMARTASSIST_HOST=http://127.0.0.1:9',
    'SMARTASSIST_ACCOUNT_ID=acct-from-dotenv',
    'SMARTASSIST_CLIENT_SECRET=dotenv-secret-sentinel-5c8e',
    '',
  ].join('\n')

  it('a partial live configuration in .env stops the server, naming what is missing', async () => {
    const r = await refusal(workDir(partialDotEnv), { HOST: '127.0.0.1' })
    expect(r.code).not.toBe(0)
    expect(r.code).not.toBeNull()
    expect(r.stderr).toContain('SMARTASSIST_IID')
    expect(r.stderr).toContain('SMARTASSIST_CLIENT_ID')
    expect(`${r.stdout}${r.stderr}`).not.toContain('dotenv-secret-sentinel-5c8e')
  })

  it('DASHBOARD_SKIP_DOTENV=1 ignores the same .env (demo mode)', async () => {
    const { url, server } = await serverUrl(workDir(partialDotEnv), { DASHBOARD_SKIP_DOTENV: '1' })
    expect(server.stdout()).toMatch(/demo mode/)
    expect(await (await fetch(`${url}/api/config`)).json()).toEqual({ mode: 'demo' })
  })

  it('.env fills unset variables; the environment wins over it', async () => {
    const dir = workDir('SMARTASSIST_DEMO_PER_DAY=123\nDASHBOARD_AUTH=dotenv-user:dotenv-pass-4a1f\n')
    const fromFile = await serverUrl(dir, {})
    expect(fromFile.server.stdout()).toMatch(/\(123 conversations a day\)/)
    expect((await fetch(`${fromFile.url}/api/config`)).status).toBe(401)
    await stop(fromFile.server)

    const overridden = await serverUrl(dir, { SMARTASSIST_DEMO_PER_DAY: '77' })
    expect(overridden.server.stdout()).toMatch(/\(77 conversations a day\)/)
  })
})
