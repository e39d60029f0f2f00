import type { Hono } from 'hono'
import { type AppDeps, createApp } from './app'
import { describeConfig, type Env, loadAllowedHosts, loadConfig, loadDashboardAuth } from './config'
import { createDemoUpstream } from './demo-upstream'
import { createTokenProvider } from './jwt'
import { createLiveUpstream } from './upstream'

/**
 * The proxy as configured by the environment, shared by `npm start` and `vite dev` so both serve
 * exactly the same /api. Throws ConfigError (naming what is missing) for a partial configuration.
 */
export function createAppFromEnv(
  env: Env,
  options: Pick<AppDeps, 'pagesDir' | 'shutdownSignal'> & { extraHosts?: string[] } = {},
): { app: Hono; description: string } {
  const config = loadConfig(env)
  const upstream =
    config.mode === 'live'
      ? createLiveUpstream(config, { tokenProvider: createTokenProvider(config.credential) })
      : createDemoUpstream(config.demoPerDay)
  const dashboardAuth = loadDashboardAuth(env)
  const allowedHosts = [env.HOST ?? '', ...loadAllowedHosts(env), ...(options.extraHosts ?? [])]
  const { pagesDir, shutdownSignal } = options
  return {
    app: createApp({ config, upstream, dashboardAuth, allowedHosts, pagesDir, shutdownSignal }),
    description: describeConfig(config),
  }
}

/** `.env` in the project root fills what the environment does not set (DASHBOARD_SKIP_DOTENV=1 skips it). */
export function readDotEnv(path = '.env'): void {
  if (process.env.DASHBOARD_SKIP_DOTENV === '1') return
  try {
    process.loadEnvFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
