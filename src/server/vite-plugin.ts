import { getRequestListener } from '@hono/node-server'
import type { Plugin } from 'vite'

/**
 * Mounts the proxy (the same Hono app `npm start` serves) into `vite dev`. /api and /healthz are
 * answered by it; every other request passes its checks (Host, cross-site, DASHBOARD_AUTH) before
 * Vite serves the page. Listening beyond loopback needs DASHBOARD_AUTH, as for `npm start`.
 * The app is loaded through Vite's SSR loader so the config file stays free of server imports.
 */
export function smartAssistProxy(): Plugin {
  return {
    name: 'smartassist-proxy',
    apply: 'serve',
    async configureServer(server) {
      const { createAppFromEnv, readDotEnv } = (await server.ssrLoadModule(
        '/src/server/app-from-env.ts',
      )) as typeof import('./app-from-env')
      const { checkListenSecurity, loadDashboardAuth } = (await server.ssrLoadModule(
        '/src/server/config.ts',
      )) as typeof import('./config')
      readDotEnv()
      const listenHost = viteHost(server.config.server.host)
      // Refuse before Vite listens, with the message `npm start` gives.
      const insecure = checkListenSecurity(listenHost, loadDashboardAuth(process.env))
      if (insecure) throw new Error(`Cannot start the dashboard: ${insecure}`)
      const { app, description } = createAppFromEnv(process.env, { extraHosts: [listenHost] })
      server.config.logger.info(description)
      const listener = getRequestListener(app.fetch)
      server.middlewares.use(async (req, res, next) => {
        const path = req.url ?? ''
        if (/^\/(api|healthz)([/?]|$)/.test(path)) return listener(req, res)
        // Vite serves the page; the app (which has no page routes in dev) runs its checks first, and
        // its 404 means they passed.
        const gate = await app.fetch(
          new Request(`http://${req.headers.host ?? 'localhost'}${path}`, {
            headers: req.headers as Record<string, string>,
          }),
        )
        if (gate.status === 404) return next()
        res.writeHead(gate.status, Object.fromEntries(gate.headers))
        res.end(await gate.text())
      })
    },
  }
}

/** Vite's `server.host`: true means every address. */
function viteHost(host: string | boolean | undefined): string {
  if (host === true) return '0.0.0.0'
  return host || 'localhost'
}
