// `npm start`: dist/ and the proxy from one Node process on $HOST:$PORT. package.json runs it with
// `exec`, so this process is the one that receives SIGTERM/SIGINT from npm, a shell or a supervisor.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { createAppFromEnv, readDotEnv } from './app-from-env'
import { ConfigError, checkListenSecurity, type Listen, loadDashboardAuth, loadListen } from './config'
import { SHUTDOWN_GRACE_MS } from './protection-limits'

// Requests in flight get this long; the rest of the grace period is margin for closing and exiting.
const DRAIN_MS = SHUTDOWN_GRACE_MS - 4_000

function fail(message: string): never {
  console.error(`Cannot start the dashboard: ${message}`)
  process.exit(1)
}

function main() {
  readDotEnv()
  const distDir = resolve('dist')
  if (!existsSync(resolve(distDir, 'index.html'))) fail('dist/ has no build. Run `npm run build` first.')

  let listen: Listen
  let proxy: ReturnType<typeof createAppFromEnv>
  const shutdown = new AbortController()
  try {
    listen = loadListen(process.env)
    const insecure = checkListenSecurity(listen.host, loadDashboardAuth(process.env))
    if (insecure) fail(insecure)
    proxy = createAppFromEnv(process.env, { pagesDir: distDir, shutdownSignal: shutdown.signal })
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message)
    throw error
  }
  const { host, port } = listen

  const server = serve({ fetch: proxy.app.fetch, hostname: host, port }, (info) => {
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

  // Stop: accept nothing new, answer requests waiting for the budget at once, let the others finish,
  // and cut whatever is left before the grace period ends.
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: stopping; requests in flight get ${DRAIN_MS / 1000} s to finish`)
    shutdown.abort()
    server.close(() => process.exit(0))
    if ('closeIdleConnections' in server) server.closeIdleConnections()
    setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections()
      process.exit(0)
    }, DRAIN_MS).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main()
