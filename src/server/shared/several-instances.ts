// REDIS_URL: what several `npm start` processes share (CONTRACT.md "Several instances"): the rate
// budget, the store, one fetch per window and one sync. Keys are prefixed with the account id, so two
// accounts can share one Redis. Redis unreachable: each instance goes on alone (its share of the
// budget, its own store, no sync) and /healthz says so; sharing resumes when Redis answers again.
import type { Logger } from '../logger'
import type { SharedLimit } from '../rate-limiter'
import { withLocalFallback } from '../store/fallback-store'
import { openRedisStore } from '../store/redis-store'
import type { ConversationStore } from '../store/store'
import { startInstanceRegistry } from './instance-registry'
import { startLeaderElection } from './leader'
import { connectRedis } from './redis-connection'
import { createSharedBudget } from './shared-budget'
import { createWindowLocks, type WindowLocks } from './window-lock'

export type SeveralInstances = {
  limit: SharedLimit
  locks: WindowLocks
  /** the shared store, with this instance's own as the fallback */
  store: ConversationStore
  /** Runs `start` while this instance leads (the sync), stops it when another does. */
  lead(start: () => { stop(): Promise<void> }): void
  /** for /healthz: 'ok' while sharing works */
  readonly redis: 'ok' | 'unreachable'
  close(): Promise<void>
}

export function connectInstances(options: {
  url: string
  accountId: string
  perMinute: number
  localStore: ConversationStore
  logger: Logger
}): SeveralInstances {
  const { url, accountId, perMinute, logger } = options
  const prefix = `smartassist:${accountId}`
  const redis = connectRedis(url, { logger })
  const registry = startInstanceRegistry({ redis, prefix })
  const budget = createSharedBudget({ redis, prefix, perMinute })
  const locks = createWindowLocks({ redis, prefix })
  const shared = openRedisStore({ url, prefix: `${prefix}:store:`, logger })
  const store = withLocalFallback(shared, options.localStore)
  let led: { stop(): Promise<void> } | null = null
  let stopping: Promise<void> = Promise.resolve()
  let election: ReturnType<typeof startLeaderElection> | null = null

  return {
    limit: { budget, aloneShare: () => registry.shareOf(perMinute) },
    locks,
    store,
    lead(start) {
      election ??= startLeaderElection({
        redis,
        prefix,
        logger,
        onElected: () => {
          logger.info('several instances: this instance runs the sync')
          led = start()
        },
        onLost: () => {
          stopping = led?.stop() ?? Promise.resolve()
          led = null
        },
      })
    },
    get redis() {
      return redis.connected ? 'ok' : 'unreachable'
    },
    async close() {
      await election?.close()
      await stopping
      await registry.close()
      await store.close()
      await redis.close()
    },
  }
}
