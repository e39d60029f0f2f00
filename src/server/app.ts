import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import { HTTPException } from 'hono/http-exception'
import { basicAuthGuard } from './basic-auth-guard'
import { type Clock, systemClock } from './clock'
import type { DashboardAuth, ServerConfig } from './config'
import { type Answer, queueFullAnswer, UNEXPECTED_ERROR } from './errors'
import { consoleLogger, createRedactor, type Logger, redactingLogger } from './logger'
import { createPageSource } from './page-source'
import { servePages } from './pages'
import { crossSiteGuard, hostGuard, jsonBodyOnly } from './protection'
import { MAX_REQUEST_BODY_BYTES } from './protection-limits'
import { rangeRoute } from './range/range-route'
import { createRangeService } from './range/range-service'
import { type Sync, startSync, syncStatus } from './range/sync'
import { createRateLimiter, QueueFullError, type RateLimiter, type RateLimiterBounds } from './rate-limiter'
import { type CacheOptions, createResponseCache } from './response-cache'
import { DEFAULT_RETRY_POLICY, DEFAULT_UPSTREAM_TIMEOUT_MS, type RetryPolicy } from './retry'
import { securityHeaders } from './security-headers'
import type { SeveralInstances } from './shared/several-instances'
import { type ConversationStore, openStore } from './store/store'
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
  /** bounds of the default rate limiter's queue (tests shrink them) */
  queueBounds?: RateLimiterBounds
  cacheOptions?: Omit<CacheOptions, 'clock'>
  /** DASHBOARD_AUTH: guards every route of this app except /healthz */
  dashboardAuth?: DashboardAuth
  /** Host names answered besides loopback names: HOST and DASHBOARD_ALLOWED_HOSTS */
  allowedHosts?: readonly string[]
  /** `npm start`: serve the built page from this folder after the API routes */
  pagesDir?: string
  /** aborts when the server shuts down: requests waiting for the budget are answered at once */
  shutdownSignal?: AbortSignal
  /** the conversation store (default: in memory) */
  store?: ConversationStore
  /** live mode: keep the last `days` in the store ahead of people; prune what is older than `keepDays` */
  sync?: { days: number; keepDays: number }
  /** REDIS_URL: the budget, store, window fetches and sync shared with other instances */
  instances?: SeveralInstances
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

function send(answer: Answer, cache: 'hit' | 'miss'): Response {
  return new Response(answer.json, {
    status: answer.status,
    headers: { 'content-type': 'application/json', 'x-cache': cache, ...answer.headers },
  })
}

const shuttingDown = () =>
  json(
    503,
    { error: 'The dashboard server is restarting. Press Retry in a few seconds.' },
    { 'retry-after': '5' },
  )

export function createApp(deps: AppDeps): Hono {
  const { config, upstream } = deps
  const clock = deps.clock ?? systemClock
  const redact = createRedactor(config)
  const logger = redactingLogger(deps.logger ?? consoleLogger, redact)
  const timeoutMs = deps.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS
  const policy = { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy }
  const limiter =
    config.mode === 'live'
      ? (deps.rateLimiter ??
        createRateLimiter({
          perMinute: config.rateLimitPerMinute,
          clock,
          ...deps.queueBounds,
          ...(deps.instances && { shared: deps.instances.limit }),
        }))
      : undefined
  const cache = createResponseCache({ ...deps.cacheOptions, clock })
  const answerContext = {
    upstreamName: config.mode === 'live' ? `SmartAssist at ${config.host}` : 'the demo data generator',
    timeoutMs,
    redact,
  }
  const log = (line: string) => logger.info(line)
  const retry = { upstream, clock, limiter, policy, timeoutMs, log }
  const pages = createPageSource({ retry, cache, answerContext, clock })
  const { instances } = deps
  const store = instances?.store ?? deps.store ?? openStore({ dataDir: 'memory', logger })
  const ranges = createRangeService({
    store,
    pages,
    clock,
    log,
    ...(instances && { locks: instances.locks }),
  })
  // One sync: this instance's, or (several instances) the one the elected instance runs.
  const syncDeps = config.mode === 'live' && deps.sync && deps.sync.days > 0 ? deps.sync : undefined
  let sync: Sync | undefined
  if (syncDeps) {
    const start = () => {
      sync = startSync({ ...syncDeps, ranges, store, clock, log })
      const started = sync
      return {
        stop: async () => {
          if (sync === started) sync = undefined
          await started.stop()
        },
      }
    }
    if (instances) instances.lead(start)
    else start()
  }
  const syncStatusNow = () =>
    sync
      ? sync.status()
      : syncDeps
        ? syncStatus({ days: syncDeps.days, store, clock })
        : { days: 0, coveredFrom: null, coveredTo: null, state: 'off' as const }

  const shutdownSignal = deps.shutdownSignal ?? new AbortController().signal
  shutdownSignal.addEventListener(
    'abort',
    () => {
      void (instances ? instances.close() : Promise.all([sync?.stop(), store.close()]))
    },
    { once: true },
  )

  const app = new Hono()
  // Every text answer compressed, however small: the contract makes no exception.
  app.use(securityHeaders(), compress({ threshold: 0 }))
  app.use(hostGuard(deps.allowedHosts ?? []), crossSiteGuard())
  if (deps.dashboardAuth) {
    app.use(basicAuthGuard(deps.dashboardAuth.user, deps.dashboardAuth.password, { logger, clock }))
  }
  app.use('/api/*', jsonBodyOnly())

  // Several instances: the store this instance falls back on is what says 'degraded' (Redis being
  // away is said by `redis`, CONTRACT.md "Several instances").
  const ownStore = instances ? (deps.store ?? store) : store
  app.get('/healthz', () =>
    json(200, {
      ok: true,
      ...(ownStore.health !== 'ok' && { store: ownStore.health }),
      ...(instances?.redis === 'unreachable' && { redis: 'unreachable' }),
    }),
  )

  app.get('/api/config', async () => {
    if (config.mode === 'demo') return json(200, { mode: 'demo' })
    return json(200, {
      mode: 'live',
      accountId: config.accountId,
      rateLimitPerMinute: config.rateLimitPerMinute,
      sync: await syncStatusNow(),
      store: store.health,
    })
  })
  app.all('/api/config', () => json(405, { error: 'Use GET for /api/config.' }, { allow: 'GET, HEAD' }))

  app.post(
    '/api/calldetails',
    bodyLimit({
      maxSize: MAX_REQUEST_BODY_BYTES,
      onError: () =>
        json(413, {
          error: `The request body is over ${MAX_REQUEST_BODY_BYTES / 1024} KB; send only the query.`,
        }),
    }),
    async (c) => {
      const validation = validateCallDetailsRequest(
        { offset: c.req.query('offset'), limit: c.req.query('limit') },
        await c.req.text(),
      )
      if (!validation.ok) return json(400, { error: validation.error })
      // The browser going away aborts the upstream call (or leaves the rate queue), unless another
      // caller still waits for the same answer. Shutting down ends them all.
      const signal = AbortSignal.any([c.req.raw.signal, shutdownSignal])
      const noCache = /\bno-cache\b/i.test(c.req.header('cache-control') ?? '')
      try {
        const { answer, source } = await pages.fetchPage(validation.query, { noCache, signal })
        // A cached or shared answer cost no upstream request: for diagnostics that is a hit.
        return send(answer, source === 'upstream' ? 'miss' : 'hit')
      } catch (error) {
        if (error instanceof QueueFullError) return send(queueFullAnswer(error), 'miss')
        if (shutdownSignal.aborted) return shuttingDown()
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

  app.get('/api/conversations', rangeRoute(ranges, shutdownSignal))
  app.all('/api/conversations', () =>
    json(405, { error: 'Use GET /api/conversations?start=…&end=… (UTC instants).' }, { allow: 'GET' }),
  )

  app.all('/api/*', (c) =>
    json(404, {
      error: `No such API route: ${c.req.method} ${c.req.path}. The server answers GET /api/conversations, POST /api/calldetails and GET /api/config.`,
    }),
  )

  if (deps.pagesDir) servePages(app, deps.pagesDir)

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse()
    // A client that leaves while its body is read is not the server's fault: one line, no stack.
    if (c.req.raw.signal.aborted) {
      logger.info(`${c.req.method} ${c.req.path}: the client went away before its request was read`)
      return json(499, { error: 'The client closed the request.' })
    }
    logger.error(`unexpected error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`)
    return json(500, { error: UNEXPECTED_ERROR })
  })
  return app
}
