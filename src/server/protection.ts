// Request checks that come before any route (CONTRACT.md "Protection and served pages"): they stop
// DNS-rebinding pages, cross-site pages and form posts from reading data or spending the budget.
import type { MiddlewareHandler } from 'hono'
import { isLoopbackHost, normalizeHostName } from './config'

const json = (status: number, error: string) =>
  new Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json' } })

/** Load balancers probe /healthz by address and without credentials: it passes every check. */
const isHealthCheck = (path: string) => path === '/healthz'

/**
 * 421 for a Host that is not a loopback name, the listening HOST, or one of DASHBOARD_ALLOWED_HOSTS.
 * A DNS-rebinding page reaches the server under its own name, so its requests stop here.
 */
export function hostGuard(allowed: readonly string[]): MiddlewareHandler {
  const names = new Set(allowed.map(normalizeHostName))
  return async (c, next) => {
    if (isHealthCheck(c.req.path)) return next()
    const host = normalizeHostName(new URL(c.req.url).hostname)
    if (isLoopbackHost(host) || names.has(host)) return next()
    return json(
      421,
      `This dashboard does not answer to the host name "${host.slice(0, 100)}". If that is its public name, add it to DASHBOARD_ALLOWED_HOSTS.`,
    )
  }
}

/**
 * 403 for what a browser marks as sent by another site. A top-level navigation to a page (a link in
 * a chat or a mail) is let through: it cannot read the answer, and shared links must open.
 */
export function crossSiteGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.header('sec-fetch-site') !== 'cross-site' || isHealthCheck(c.req.path)) return next()
    const navigation =
      c.req.header('sec-fetch-mode') === 'navigate' &&
      (c.req.method === 'GET' || c.req.method === 'HEAD') &&
      !c.req.path.startsWith('/api/')
    if (navigation) return next()
    return json(403, 'Requests from other sites are refused. Open the dashboard itself.')
  }
}

/** 415 for a POST that is not JSON: a cross-site HTML form can only send form or text bodies. */
export function jsonBodyOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next()
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
    if (type === 'application/json') return next()
    return json(415, 'Send the request body as JSON, with Content-Type: application/json.')
  }
}
