// `npm start`: dist/ and the proxy from one Node process on $HOST:$PORT.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { appFromEnv, readDotEnv } from './app-from-env'
import { basicAuthGuard } from './basic-auth-guard'
import { ConfigError, checkListenSecurity, loadDashboardAuth } from './config'

function fail(message: string): never {
  console.error(`Cannot start the dashboard: ${message}`)
  process.exit(1)
}

function main() {
  readDotEnv()
  const host = process.env.HOST || '127.0.0.1'
  const port = Number(process.env.PORT || 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`PORT=${process.env.PORT} is not a port number.`)
  const distDir = resolve('dist')
  const indexFile = resolve(distDir, 'index.html')
  if (!existsSync(indexFile)) fail('dist/ has no build. Run `npm run build` first.')

  let proxy: ReturnType<typeof appFromEnv>
  try {
    const dashboardAuth = loadDashboardAuth(process.env)
    const insecure = checkListenSecurity(host, dashboardAuth)
    if (insecure) fail(insecure)
    proxy = appFromEnv(process.env)
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message)
    throw error
  }

  const root = new Hono()
  const auth = loadDashboardAuth(process.env)
  if (auth) root.use(basicAuthGuard(auth.user, auth.password))
  root.route('/', proxy.app)
  root.use('/*', serveStatic({ root: 'dist' }))
  // Client-side routes (and any bookmarked URL) get the page itself.
  const indexHtml = readFileSync(indexFile, 'utf8')
  root.get('*', (c) => c.html(indexHtml))

  const server = serve({ fetch: root.fetch, hostname: host, port }, (info) => {
    console.log(proxy.description)
    console.log(`Dashboard on http://${host.includes(':') ? `[${host}]` : host}:${info.port}`)
  })
  server.on('error', (error: NodeJS.ErrnoException) =>
    fail(
      error.code === 'EADDRINUSE'
        ? `${host}:${port} is already in use; set PORT to another port.`
        : error.message,
    ),
  )
  // Stop promptly: finish answers in progress, drop idle keep-alive sockets, and never hang past 2 s.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      server.close(() => process.exit(0))
      if ('closeIdleConnections' in server) server.closeIdleConnections()
      setTimeout(() => process.exit(0), 2000).unref()
    })
  }
}

main()
