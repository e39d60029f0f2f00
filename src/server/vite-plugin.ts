import { getRequestListener } from '@hono/node-server'
import type { Plugin } from 'vite'

/**
 * Mounts the proxy (the same Hono app `npm start` serves) into `vite dev` at /api and /healthz.
 * The app is loaded through Vite's SSR loader so the config file stays free of server imports.
 */
export function smartAssistProxy(): Plugin {
  return {
    name: 'smartassist-proxy',
    apply: 'serve',
    async configureServer(server) {
      const { appFromEnv, readDotEnv } = (await server.ssrLoadModule(
        '/src/server/app-from-env.ts',
      )) as typeof import('./app-from-env')
      readDotEnv()
      const { app, description } = appFromEnv(process.env)
      server.config.logger.info(description)
      const listener = getRequestListener(app.fetch)
      server.middlewares.use((req, res, next) => {
        const path = req.url ?? ''
        if (/^\/(api|healthz)([/?]|$)/.test(path)) listener(req, res)
        else next()
      })
    },
  }
}
