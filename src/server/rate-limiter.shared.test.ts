// Two limiters (two instances) on one real Redis: one budget between them, and each alone on its
// share while Redis is gone. Windows are shortened to keep the test quick; the semantics are the
// same as at 60 s.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from './clock'
import { createRateLimiter, type RateLimiter } from './rate-limiter'
import { startInstanceRegistry } from './shared/instance-registry'
import { connectRedis, type SharedRedis } from './shared/redis-connection'
import { createSharedBudget } from './shared/shared-budget'
import { type RedisServer, startRedis } from './testing/redis-server'

const WINDOW_MS = 1_000
const PER_MINUTE = 5

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis.stop()
})

const opened: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const c of opened.splice(0).reverse()) await c.close()
  if (!redis.isRunning()) await redis.startAgain()
})

async function instance(prefix: string): Promise<{ limiter: RateLimiter; connection: SharedRedis }> {
  const connection = connectRedis(redis.url, { commandTimeoutMs: 300, maxReconnectDelayMs: 200 })
  await connection.whenReady(2_000)
  const registry = startInstanceRegistry({ redis: connection, prefix, heartbeatMs: 100, ttlMs: 1_000 })
  opened.push(connection, registry)
  const budget = createSharedBudget({ redis: connection, prefix, perMinute: PER_MINUTE, windowMs: WINDOW_MS })
  const limiter = createRateLimiter({
    perMinute: PER_MINUTE,
    clock: systemClock,
    windowMs: WINDOW_MS,
    shared: { budget, aloneShare: () => registry.shareOf(PER_MINUTE) },
  })
  return { limiter, connection }
}

/** Takes `n` grants from `limiter`, each finishing at once; returns when each was granted. */
async function take(limiter: RateLimiter, n: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const grant = await limiter.acquire()
      const at = Date.now()
      grant.done()
      return at
    }),
  )
}

/** The most grants inside any window of WINDOW_MS (a little slack for timer jitter). */
function busiestWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let i = 0; i < sorted.length; i++) {
    let j = i
    while (j < sorted.length && (sorted[j] as number) < (sorted[i] as number) + WINDOW_MS - 50) j++
    most = Math.max(most, j - i)
  }
  return most
}

describe('the rate limiter with a budget shared through Redis', () => {
  it('two instances together never exceed the limit in a window, and both get served', async () => {
    const a = await instance('t-shared')
    const b = await instance('t-shared')
    const [ta, tb] = await Promise.all([take(a.limiter, 6), take(b.limiter, 6)])
    const all = [...ta, ...tb]
    expect(all).toHaveLength(12)
    expect(busiestWindow(all)).toBeLessThanOrEqual(PER_MINUTE)
    // 12 grants at 5 a window: the last ones came two windows later
    expect(Math.max(...all) - Math.min(...all)).toBeGreaterThanOrEqual(2 * WINDOW_MS - 100)
  }, 15_000)

  it('Redis gone: each instance goes on alone at its share (limit ÷ instances seen); back: shared again', async () => {
    const a = await instance('t-alone')
    const b = await instance('t-alone')
    // both have beaten: each sees 2 instances
    await new Promise((r) => setTimeout(r, 300))
    await redis.kill()
    const started = Date.now()
    const ta = await take(a.limiter, 4)
    // floor(5 ÷ 2) = 2 a window on its own
    expect(busiestWindow(ta)).toBeLessThanOrEqual(2)
    expect(Date.now() - started).toBeLessThan(5_000)
    await redis.startAgain()
    await a.connection.whenReady(3_000)
    const tb = await take(b.limiter, 3)
    expect(tb).toHaveLength(3)
  }, 20_000)
})
