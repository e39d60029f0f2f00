import type { MiddlewareHandler } from 'hono'
import { basicAuth } from 'hono/basic-auth'

/**
 * DASHBOARD_AUTH: HTTP Basic auth on every request but /healthz (load balancers probe it without
 * credentials). Reusable: start.ts puts the same guard in front of the static files.
 */
export function basicAuthGuard(user: string, password: string): MiddlewareHandler {
  const guard = basicAuth({
    username: user,
    password,
    realm: 'SmartAssist dashboard',
    invalidUserMessage: { error: 'Sign in with the user and password set in DASHBOARD_AUTH.' },
  })
  return (c, next) => (c.req.path === '/healthz' ? next() : guard(c, next))
}
