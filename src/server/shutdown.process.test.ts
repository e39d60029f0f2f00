// @vitest-environment node
// CONTRACT.md "Protection and served pages": `npm start` runs the server as the process that receives
// the signals; SIGTERM stops accepting, finishes or ends the requests in flight within 10 seconds,
// and exits 0. The real `npm start` (npm → the server through `exec`) and the server alone.
import { Agent, request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import {
  canListenOn,
  cleanupProcesses,
  connectOutcome,
  freePort,
  listening,
  liveEnv,
  npmProjectDir,
  onCleanup,
  PROCESS_TIMEOUT_MS,
  SIGTERM_BOUND_MS,
  type Started,
  serverUrl,
  startNpm,
  within,
  workDir,
} from './testing/process'
import { rawRequest } from './testing/raw-http'
import { startSilentSmartAssist } from './testing/streaming-smartassist'

afterEach(cleanupProcesses)

const WEEK_BODY = JSON.stringify({
  startDate: '2024-11-18T00:00:00.000Z',
  endDate: '2024-11-19T00:00:00.000Z',
  timeZoneOffset: 0,
})

/** `npm start` on a free port; resolves once it says where it listens. */
async function npmStart(env: Record<string, string>): Promise<{ npm: Started; url: string; port: number }> {
  const port = await freePort()
  const npm = startNpm(npmProjectDir(), { HOST: '127.0.0.1', PORT: String(port), ...env })
  const url = await listening(npm)
  expect(url).toBe(`http://127.0.0.1:${port}`)
  return { npm, url, port }
}

/** Sends SIGTERM to exactly `pid` and waits (at most the contract's 10 s) for `s` to exit. */
async function sigterm(s: Started, pid = s.pid) {
  process.kill(pid, 'SIGTERM')
  return within(s.exited, SIGTERM_BOUND_MS, 'exiting after SIGTERM', s)
}

async function expectPortFree(port: number) {
  expect(await connectOutcome(port), `a connection to port ${port} after the exit`).toBe('refused')
  expect(await canListenOn(port), `port ${port} can be listened on again`).toBe(true)
}

/** Settles (never rejects) with what became of a request: its status or the connection error. */
function outcome(promise: Promise<{ status: number }>): Promise<string> {
  return promise.then(
    (res) => `answered ${res.status}`,
    (error: NodeJS.ErrnoException) => `ended: ${error.code ?? error.message}`,
  )
}

describe('npm start and SIGTERM', { timeout: 60_000 }, () => {
  it('SIGTERM to the npm process: the server exits, npm exits 0 within 10 s, the port is free', async () => {
    const { npm, url, port } = await npmStart({ DASHBOARD_SKIP_DOTENV: '1' })
    // A used keep-alive connection stays open in fetch's pool: it must not hold the exit.
    const health = await fetch(`${url}/healthz`)
    expect(health.status).toBe(200)
    await health.arrayBuffer()

    expect(await sigterm(npm)).toEqual({ code: 0, signal: null })
    await expectPortFree(port)
  })

  it('SIGTERM while a request waits for an upstream that never answers: exit 0 within 10 s', async () => {
    const silent = await startSilentSmartAssist()
    onCleanup(() => silent.close())
    const { npm, url, port } = await npmStart(liveEnv(silent.url))

    const inFlight = outcome(
      rawRequest(`${url}/api/calldetails?offset=0&limit=100`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: WEEK_BODY,
      }),
    )
    await within(silent.received, PROCESS_TIMEOUT_MS, 'the request reaching the silent upstream', npm)

    expect(await sigterm(npm)).toEqual({ code: 0, signal: null })
    // Finished or ended: either way the client is not left hanging.
    expect(await within(inFlight, 2_000, 'the in-flight request ending')).toMatch(/^(answered|ended)/)
    await expectPortFree(port)
  })
})

describe('the server process and SIGTERM', { timeout: 60_000 }, () => {
  it('with a request body still arriving and an idle keep-alive connection: exit 0 within 10 s', async () => {
    const { url, port, server } = await serverUrl(workDir(), { DASHBOARD_SKIP_DOTENV: '1' })

    const agent = new Agent({ keepAlive: true })
    onCleanup(() => agent.destroy())
    const idle = await fetchWith(agent, `${url}/healthz`)
    expect(idle).toBe(200)

    // A POST whose body never completes: the server has the request, not all of it.
    const upload = request(`${url}/api/calldetails?offset=0&limit=5`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      agent: false,
    })
    const uploadEnded = outcome(
      new Promise<{ status: number }>((resolveUpload, reject) => {
        upload.on('response', (res) => {
          res.resume()
          res.on('end', () => resolveUpload({ status: res.statusCode ?? 0 }))
          res.on('error', reject)
        })
        upload.on('error', reject)
      }),
    )
    onCleanup(() => upload.destroy())
    upload.write('{"startDate":"2024-11-18T00:00:00.000Z",')
    await new Promise((resolveWait) => setTimeout(resolveWait, 300))

    expect(await sigterm(server)).toEqual({ code: 0, signal: null })
    expect(await within(uploadEnded, 2_000, 'the unfinished upload ending')).toMatch(/^(answered|ended)/)
    await expectPortFree(port)
  })
})

/** GET through `agent` (so its socket stays in the agent's pool afterwards); resolves with the status. */
function fetchWith(agent: Agent, url: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    request(url, { agent }, (res) => {
      res.resume()
      res.on('end', () => resolveStatus(res.statusCode ?? 0))
    })
      .on('error', reject)
      .end()
  })
}
