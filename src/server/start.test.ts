// @vitest-environment node
// `npm start` as an operator runs it: the real entry (src/server/start.ts through tsx) in its own
// process, in a working directory holding a dist/ build, with nothing but the environment (and a
// .env file) to configure it. Everything listens on loopback; every process is killed after its test.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { jwtVerify } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeUpstream, startFakeUpstream } from '../mocks/fake-upstream'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const TSX_CLI = join(REPO, 'node_modules/tsx/dist/cli.mjs')
const START = join(REPO, 'src/server/start.ts')

const INDEX_HTML =
  '<!doctype html><html><head><title>start.test page</title></head><body><div id="root">start-test-index-7c1e</div></body></html>'
const INDEX_MARKER = 'start-test-index-7c1e'

/** Upper bound for anything one process does: start, answer, exit. */
const PROCESS_TIMEOUT_MS = 15_000

type Started = {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  /** everything the process printed */
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const children = new Set<Started>()
const tempDirs: string[] = []
const fakes: FakeUpstream[] = []

afterEach(async () => {
  await Promise.all([...children].map(stop))
  children.clear()
  await Promise.all(fakes.splice(0).map((fake) => fake.close()))
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A working directory with dist/index.html (and a .env when given). */
function workDir(dotEnv?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-start-'))
  tempDirs.push(dir)
  mkdirSync(join(dir, 'dist'))
  writeFileSync(join(dir, 'dist', 'index.html'), INDEX_HTML)
  if (dotEnv !== undefined) writeFileSync(join(dir, '.env'), dotEnv)
  return dir
}

/** Only what a process needs to run, so nothing from this machine's environment configures it. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' }
  for (const name of ['HOME', 'TMPDIR'] as const) {
    const value = process.env[name]
    if (value) env[name] = value
  }
  return env
}

/** `npm start` in `cwd`; the env is exactly `env` (plus PATH/HOME). Its own process group, so it can be stopped whole. */
function startServer(cwd: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, [TSX_CLI, START], {
    cwd,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let out = ''
  let err = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('close', (code, signal) => resolveExit({ code, signal }))
  })
  const started: Started = {
    child,
    stdout: () => out,
    stderr: () => err,
    output: () => `${out}\n${err}`,
    exited,
  }
  children.add(started)
  return started
}

function isRunning(s: Started): boolean {
  return s.child.exitCode === null && s.child.signalCode === null
}

function killGroup(s: Started, signal: NodeJS.Signals): void {
  if (s.child.pid === undefined) return
  try {
    process.kill(-s.child.pid, signal)
  } catch {
    // already gone
  }
}

/**
 * SIGTERM to the process group (tsx and the server under it), SIGKILL after 1.5 s. Not asserted:
 * a graceful exit is not always quick (a keep-alive connection can hold server.close() for seconds).
 */
async function stop(s: Started): Promise<void> {
  if (!isRunning(s)) return
  killGroup(s, 'SIGTERM')
  const timer = setTimeout(() => killGroup(s, 'SIGKILL'), 1_500)
  await s.exited
  clearTimeout(timer)
}

function within<T>(promise: Promise<T>, ms: number, what: string, s: Started): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`${what} took over ${ms} ms.\nstdout:\n${s.stdout()}\nstderr:\n${s.stderr()}`)),
        ms,
      )
    }),
  ]).finally(() => clearTimeout(timer))
}

/** Resolves with the base URL from the `Dashboard on http://host:port` line; rejects if the process exits first. */
function listening(s: Started): Promise<string> {
  const ready = new Promise<string>((resolveUrl, reject) => {
    const check = () => {
      const m = /Dashboard on (http:\/\/\S+:(\d+))/.exec(s.stdout())
      if (m?.[1] && m[2] !== '0') {
        s.child.stdout?.off('data', check)
        resolveUrl(m[1])
      }
    }
    s.child.stdout?.on('data', check)
    check()
    s.exited.then(({ code, signal }) =>
      reject(
        new Error(
          `the server exited (code ${code}, signal ${signal}) before listening.\nstdout:\n${s.stdout()}\nstderr:\n${s.stderr()}`,
        ),
      ),
    )
  })
  return within(ready, PROCESS_TIMEOUT_MS, 'starting the server', s)
}

/** A server that must start: returns its base URL. */
async function serverUrl(
  cwd: string,
  env: Record<string, string>,
): Promise<{ url: string; server: Started }> {
  const server = startServer(cwd, { HOST: '127.0.0.1', PORT: '0', ...env })
  return { url: await listening(server), server }
}

/** A server that must refuse to start: returns how it exited and what it printed. */
async function refusal(cwd: string, env: Record<string, string>) {
  const server = startServer(cwd, { PORT: '0', ...env })
  const t0 = Date.now()
  const exit = await within(server.exited, PROCESS_TIMEOUT_MS, 'the refusal', server)
  return { ...exit, ms: Date.now() - t0, stdout: server.stdout(), stderr: server.stderr() }
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

describe('npm start in demo mode (no SMARTASSIST_* variable)', () => {
  it('serves /healthz, /api/config, the page for any route, and demo call details', async () => {
    const { url, server } = await serverUrl(workDir(), { DASHBOARD_SKIP_DOTENV: '1' })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
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

    const bad = await fetch(`${url}/api/calldetails`, { method: 'POST', body: '{not json' })
    expect(bad.status).toBe(400)
  })
})

describe('npm start refuses a partial live configuration', () => {
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

describe('npm start and DASHBOARD_AUTH', () => {
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

describe('npm start in live mode against a loopback SmartAssist', () => {
  it('signs with the id/secret pair over a JWT, forwards correctly and never shows a secret', async () => {
    const clientId = 'cs-proc-client-1'
    const clientSecret = 'sentinel-client-secret-0b5d2f9a'
    const readyJwt = 'eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6InNlbnRpbmVsIn0.sentinel-ready-jwt-sig-77aa'
    const accountId = 'acct-proc-1'
    const iId = 'st-proc-iid-1'
    let rejectCredentials = false
    const fake = await startFakeUpstream({ accountId, iId, expectAuth: () => !rejectCredentials })
    fakes.push(fake)

    const { url, server } = await serverUrl(workDir(), {
      DASHBOARD_SKIP_DOTENV: '1',
      SMARTASSIST_HOST: fake.url,
      SMARTASSIST_ACCOUNT_ID: accountId,
      SMARTASSIST_IID: iId,
      SMARTASSIST_CLIENT_ID: clientId,
      SMARTASSIST_CLIENT_SECRET: clientSecret,
      SMARTASSIST_JWT: readyJwt,
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

describe('npm start reads .env from its working directory', () => {
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
