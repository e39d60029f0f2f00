import { type ClientRequest, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import { type AppDeps, createApp } from '../app'
import type { LiveConfig, ServerConfig } from '../config'
import type { UpstreamResponse } from '../upstream'
import type { CallDetailsQuery } from '../validate-request'
import { createFakeClock, type FakeClock } from './fake-clock'
import { createFakeUpstream, okPage } from './fake-upstream'

export const CLIENT_SECRET = 'the-client-secret-7f3a9c'

export function liveConfig(overrides: Partial<LiveConfig> = {}): LiveConfig {
  return {
    mode: 'live',
    host: 'https://smartassist.example',
    accountId: 'acct-6656d31f',
    iId: 'st-iid-42',
    credential: { kind: 'pair', clientId: 'cs-client-1', clientSecret: CLIENT_SECRET, jwtIgnored: false },
    rateLimitPerMinute: 60,
    ...overrides,
  }
}

/** A settled week (it ended days before the fake clock's start, 2024-11-20T12:00Z). */
export const OLD_WEEK = { startDate: '2024-11-11T00:00:00.000Z', endDate: '2024-11-17T23:59:59.999Z' }

type Handler = (
  q: CallDetailsQuery,
  signal: AbortSignal,
  index: number,
) => UpstreamResponse | Promise<UpstreamResponse>

type PostOptions = { query?: string; headers?: Record<string, string>; signal?: AbortSignal }

/** An app over a fake upstream in virtual time, recording upstream calls and log lines. */
export function setupApp(
  options: { config?: ServerConfig; handler?: Handler; clock?: FakeClock } & Partial<
    Omit<AppDeps, 'config' | 'upstream' | 'clock'>
  > = {},
) {
  const { config = liveConfig(), handler = okPage, clock = createFakeClock(), retryPolicy, ...deps } = options
  const { upstream, calls } = createFakeUpstream(handler, clock.now)
  const logs: string[] = []
  const logger = { info: (line: string) => logs.push(line), error: (line: string) => logs.push(line) }
  // No jitter: the retries wait exactly 0.5 s, 1 s, 2 s, 4 s (half of each exponential step).
  const app = createApp({
    config,
    upstream,
    clock,
    logger,
    retryPolicy: { random: () => 0, ...retryPolicy },
    ...deps,
  })

  function post(body: unknown, { query = '', headers = {}, signal }: PostOptions = {}): Promise<Response> {
    return Promise.resolve(
      app.request(`/api/calldetails${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...(signal && { signal }),
      }),
    )
  }
  return { app, clock, calls, logs, post }
}

/**
 * `app` on a loopback port (node-server, as `npm start` runs it) with a JSON POST to
 * /api/calldetails opened on it: the test writes the body, or cuts the connection.
 */
export async function openCallDetailsPost(
  app: Hono,
  headers: Record<string, string> = {},
): Promise<{ req: ClientRequest; close: () => Promise<void> }> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/calldetails',
    headers: { 'content-type': 'application/json', ...headers },
  })
  req.on('error', () => {})
  return { req, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
