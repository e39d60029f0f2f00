import type { Hono } from 'hono'
import { type AppDeps, createApp } from './app'
import {
  describeConfig,
  type Env,
  loadAllowedHosts,
  loadConfig,
  loadDashboardAuth,
  loadTuning,
} from './config'
import { createDemoUpstream } from './demo-upstream'
import { createTokenProvider } from './jwt'
import { consoleLogger } from './logger'
import { connectInstances } from './shared/several-instances'
import { describeRedisUrl } from './store/redis-store'
import { openStore } from './store/store'
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
  const tuning = loadTuning(env)
  // Demo data is generated, not fetched: kept in memory unless DATA_DIR says otherwise.
  const dataDir = config.mode === 'demo' && env.DATA_DIR === undefined ? 'memory' : tuning.dataDir
  const store = openStore({ dataDir, logger: consoleLogger })
  const sync = { days: tuning.syncDays, keepDays: tuning.keepDays }
  // Several instances share one account's budget, store and sync through Redis (live mode only: the
  // demo generator has no budget to share).
  const instances =
    config.mode === 'live' && tuning.redisUrl
      ? connectInstances({
          url: tuning.redisUrl,
          accountId: config.accountId,
          perMinute: config.rateLimitPerMinute,
          localStore: store,
          logger: consoleLogger,
        })
      : undefined
  const where = dataDir === 'memory' ? 'in memory' : `${dataDir}/`
  return {
    app: createApp({
      config,
      upstream,
      dashboardAuth,
      allowedHosts,
      pagesDir,
      shutdownSignal,
      store,
      sync,
      ...(instances && { instances }),
    }),
    description: `${describeConfig(config)} Conversation store: ${
      instances
        ? `shared through Redis (${describeRedisUrl(tuning.redisUrl ?? '')}), ${where} while it is unreachable`
        : where
    }.`,
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
