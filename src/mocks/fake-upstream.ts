// A loopback HTTP stand-in for SmartAssist's call-details endpoint, built on the synthetic handler:
// checks path, method and the auth/accountId/iId headers, enforces a per-minute limit, injects
// seeded faults, and records every request so tests can assert what reached "upstream".

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hash4, unit } from './synthetic/hash'
import { createSyntheticSmartAssist, errorBody, type SyntheticOptions } from './synthetic-smartassist'

export const DEFAULT_ACCOUNT_ID = 'synthetic-account'
export const DEFAULT_IID = 'st-synthetic-stream'

export type FakeUpstreamOptions = {
  synthetic?: SyntheticOptions
  accountId?: string
  /** when set, the iId header must equal it; otherwise any non-empty iId passes */
  iId?: string
  /** reject with 401 when false; by default any non-empty `auth` header passes */
  expectAuth?: (authHeader: string | undefined) => boolean
  /** share of (authorised, in-limit) requests answered 500 or 429 + Retry-After: 1; seeded by request order */
  faultRate?: number
  /** requests per sliding 60 s beyond which the answer is 429 with Retry-After */
  perMinuteLimit?: number
  /** time source for the per-minute limit (ms) */
  clock?: () => number
  /** wait before each answer */
  delayMs?: number
  /** listen on this loopback port (default: any free one) */
  port?: number
}

export type RecordedRequest = {
  method: string
  path: string
  query: Record<string, string>
  /** lower-cased names */
  headers: Record<string, string>
  /** parsed JSON; the raw text when it is not JSON; undefined when empty */
  body: unknown
  /** the status answered (undefined while in flight) */
  status?: number
  /** when it arrived (epoch ms) */
  at: number
}

export type FakeUpstream = {
  /** origin, e.g. http://127.0.0.1:43121 (use as SMARTASSIST_HOST) */
  url: string
  /** the call-details path for the configured account */
  path: string
  requests: RecordedRequest[]
  close(): Promise<void>
  /** forget recorded requests, the rate window and the fault sequence */
  reset(): void
}

const PATH = /^\/agentassist\/api\/public\/analytics\/account\/([^/]+)\/v2\/calldetails$/

type Answer = { status: number; body: unknown; headers?: Record<string, string> }

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** "7" -> 7; absent -> fallback; anything else -> NaN (the handler answers 400). */
function intParam(value: string | null, fallback: number): number {
  if (value === null) return fallback
  return /^\d+$/.test(value) ? Number(value) : Number.NaN
}

export async function startFakeUpstream(opts: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const accountId = opts.accountId ?? DEFAULT_ACCOUNT_ID
  const clock = opts.clock ?? Date.now
  const api = createSyntheticSmartAssist(opts.synthetic)
  const faultSeed = opts.synthetic?.seed ?? 0
  const requests: RecordedRequest[] = []
  let window: number[] = []
  let faultCounter = 0

  function rateLimited(): Answer | null {
    if (opts.perMinuteLimit === undefined) return null
    const now = clock()
    window = window.filter((t) => t > now - 60_000)
    const oldest = window[0]
    if (window.length >= opts.perMinuteLimit && oldest !== undefined) {
      const retry = Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000))
      return {
        status: 429,
        body: errorBody(429, 'Rate limit exceeded: too many requests per minute'),
        headers: { 'retry-after': String(retry) },
      }
    }
    window.push(now)
    return null
  }

  function fault(): Answer | null {
    const n = faultCounter++
    if (!opts.faultRate || unit(hash4(faultSeed, n, 0x0fa017, 0)) >= opts.faultRate) return null
    return hash4(faultSeed, n, 0x0fa017, 1) % 2 === 0
      ? { status: 500, body: errorBody(500, 'Internal server error (injected)') }
      : { status: 429, body: errorBody(429, 'Too many requests (injected)'), headers: { 'retry-after': '1' } }
  }

  function answer(rec: RecordedRequest, raw: string, url: URL): Answer {
    const m = PATH.exec(url.pathname)
    if (!m || decodeURIComponent(m[1] ?? '') !== accountId) {
      return { status: 404, body: errorBody(404, `No such resource: ${rec.method} ${url.pathname}`) }
    }
    if (rec.method !== 'POST') {
      return { status: 405, body: errorBody(405, 'Method not allowed'), headers: { allow: 'POST' } }
    }
    const h = rec.headers
    if (!h.auth || !h.iid || h.accountid !== accountId || (opts.iId !== undefined && h.iid !== opts.iId)) {
      return {
        status: 401,
        body: errorBody(401, 'auth, accountId and iId headers are required and must match'),
      }
    }
    if (opts.expectAuth && !opts.expectAuth(h.auth))
      return { status: 401, body: errorBody(401, 'Invalid token') }
    const limited = rateLimited() ?? fault()
    if (limited) return limited
    if (raw !== '' && typeof rec.body === 'string') {
      return { status: 400, body: errorBody(400, 'Request body is not valid JSON') }
    }
    const offset = intParam(url.searchParams.get('offset'), 0)
    const limit = intParam(url.searchParams.get('limit'), 100)
    return api.handle({ offset, limit, body: rec.body })
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
    }
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      at: clock(),
    }
    requests.push(rec)
    const raw = await readBody(req)
    if (raw !== '') {
      try {
        rec.body = JSON.parse(raw)
      } catch {
        rec.body = raw
      }
    }
    const out = answer(rec, raw, url)
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs))
    rec.status = out.status
    const text = JSON.stringify(out.body)
    res.writeHead(out.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...out.headers,
    })
    res.end(text)
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify(errorBody(500, String(err))))
    })
  })
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    path: `/agentassist/api/public/analytics/account/${encodeURIComponent(accountId)}/v2/calldetails`,
    requests,
    reset() {
      requests.length = 0
      window = []
      faultCounter = 0
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}
