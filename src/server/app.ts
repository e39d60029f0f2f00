import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { basicAuthGuard } from './basic-auth-guard'
import { type Clock, systemClock } from './clock'
import type { DashboardAuth, ServerConfig } from './config'
import { type Answer, answerFor } from './errors'
import { createInFlight } from './in-flight'
import { consoleLogger, createRedactor, type Logger, redactingLogger } from './logger'
import { createRateLimiter, type RateLimiter } from './rate-limiter'
import { type CacheOptions, cacheKey, createResponseCache } from './response-cache'
import { callWithRetry, DEFAULT_RETRY_POLICY, DEFAULT_UPSTREAM_TIMEOUT_MS, type RetryPolicy } from './retry'
import type { Upstream } from './upstream'
import { validateCallDetailsRequest } from './validate-request'

export type AppDeps = {
  config: ServerConfig
  /** live: createLiveUpstream(config, …); demo: the synthetic SmartAssist */
  upstream: Upstream
  clock?: Clock
  logger?: Logger
  /** per upstream attempt, not counting time queued for the rate budget (default 30 s) */
  timeoutMs?: number
  retryPolicy?: Partial<RetryPolicy>
  /** live mode only; default: SMARTASSIST_RATE_LIMIT per minute, shared by every request to this app */
  rateLimiter?: RateLimiter
  cacheOptions?: Omit<CacheOptions, 'clock'>
  /** DASHBOARD_AUTH: guards every route of this app except /healthz */
  dashboardAuth?: DashboardAuth
}

const MAX_BODY_BYTES = 64 * 1024
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

function send(answer: Answer, cache: 'hit' | 'miss'): Response {
  return new Response(answer.json, {
    status: answer.status,
    headers: { 'content-type': 'application/json', 'x-cache': cache, ...answer.headers },
  })
}

export function createApp(deps: AppDeps): Hono {
  const { config, upstream } = deps
  const clock = deps.clock ?? systemClock
  const redact = createRedactor(config)
  const logger = redactingLogger(deps.logger ?? consoleLogger, redact)
  const timeoutMs = deps.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS
  const policy = { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy }
  const limiter =
    config.mode === 'live'
      ? (deps.rateLimiter ?? createRateLimiter({ perMinute: config.rateLimitPerMinute, clock }))
      : undefined
  const cache = createResponseCache({ ...deps.cacheOptions, clock })
  const inFlight = createInFlight<Answer>()
  const answerContext = {
    upstreamName: config.mode === 'live' ? `SmartAssist at ${config.host}` : 'the demo data generator',
    timeoutMs,
    redact,
  }
  const retryDeps = { upstream, clock, limiter, policy, timeoutMs, log: (line: string) => logger.info(line) }

  const app = new Hono()
  if (deps.dashboardAuth) app.use(basicAuthGuard(deps.dashboardAuth.user, deps.dashboardAuth.password))

  app.get('/healthz', () => json(200, { ok: true }))

  app.get('/api/config', () =>
    json(
      200,
      config.mode === 'live'
        ? { mode: 'live', accountId: config.accountId, rateLimitPerMinute: config.rateLimitPerMinute }
        : { mode: 'demo' },
    ),
  )
  app.all('/api/config', () => json(405, { error: 'Use GET for /api/config.' }, { allow: 'GET, HEAD' }))

  app.post(
    '/api/calldetails',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () =>
        json(413, { error: `The request body is over ${MAX_BODY_BYTES / 1024} KB; send only the query.` }),
    }),
    async (c) => {
      const validation = validateCallDetailsRequest(
        { offset: c.req.query('offset'), limit: c.req.query('limit') },
        await c.req.text(),
      )
      if (!validation.ok) return json(400, { error: validation.error })
      const q = validation.query
      const key = cacheKey(q)
      if (!/\bno-cache\b/i.test(c.req.header('cache-control') ?? '')) {
        const hit = cache.get(key)
        if (hit !== undefined) return send({ status: 200, json: hit, headers: {} }, 'hit')
      }
      // The browser going away aborts the upstream call (or leaves the rate queue), unless another
      // caller still waits for the same answer.
      const signal = c.req.raw.signal
      try {
        const { value, shared } = await inFlight.run(key, signal, async (shareSignal) => {
          const answer = answerFor(await callWithRetry(retryDeps, q, shareSignal), answerContext)
          if (answer.status === 200) cache.set(key, answer.json, Date.parse(q.body.endDate))
          return answer
        })
        // A caller that joined another's call cost no upstream request: for diagnostics that is a hit.
        return send(value, shared ? 'hit' : 'miss')
      } catch (error) {
        if (signal.aborted) return json(499, { error: 'The client closed the request.' })
        throw error
      }
    },
  )
  app.all('/api/calldetails', () =>
    json(
      405,
      { error: 'Use POST for /api/calldetails, with a JSON body {startDate, endDate, …}.' },
      { allow: 'POST' },
    ),
  )

  app.all('/api/*', (c) =>
    json(404, {
      error: `No such API route: ${c.req.method} ${c.req.path}. The proxy serves POST /api/calldetails and GET /api/config.`,
    }),
  )

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse()
    logger.error(`unexpected error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`)
    return json(500, {
      error: 'The dashboard proxy hit an unexpected error; see the server log, then press Retry.',
    })
  })
  return app
}
