import { getRequestListener } from '@hono/node-server'
import type { Plugin } from 'vite'
import { appFromEnv, readDotEnv } from './app-from-env'

/** Mounts the proxy (the same Hono app `npm start` serves) into `vite dev` at /api and /healthz. */
export function smartAssistProxy(): Plugin {
  return {
    name: 'smartassist-proxy',
    apply: 'serve',
    configureServer(server) {
      readDotEnv()
      const { app, description } = appFromEnv(process.env)
      server.config.logger.info(description)
      const listener = getRequestListener(app.fetch)
      server.middlewares.use((req, res, next) => {
        const path = req.url ?? ''
        if (path.startsWith('/api/') || path === '/api' || path.startsWith('/healthz')) listener(req, res)
        else next()
      })
    },
  }
}
