// Which instances are alive, so that one cut off from Redis knows its share of the budget
// (CONTRACT.md "Several instances": SMARTASSIST_RATE_LIMIT ÷ the number of instances it last saw).
// Each instance beats into one sorted set (member: its id, score: Redis TIME of the beat); an
// instance not seen for ttlMs is gone, whether it closed or was killed.
import { randomUUID } from 'node:crypto'
import { luaScript, type SharedRedis, type Unavailable } from './redis-connection'

export type InstanceRegistry = {
  readonly instanceId: string
  /**
   * Instances seen within ttlMs at the last successful beat or count (this one included; 1 until
   * Redis was first reached). Kept while Redis is unreachable: that is when it matters.
   */
  readonly lastSeenCount: number
  /** Counts the live instances now (and remembers it). Redis down: `unavailable`. */
  liveCount(): Promise<{ ok: true; count: number } | Unavailable>
  /**
   * This instance's budget when it runs alone: floor(perMinute ÷ lastSeenCount), at least 1 (with
   * more instances than requests per minute, each still gets one: the only way to make progress).
   */
  shareOf(perMinute: number): number
  /** Stops beating and leaves the set, so the others' count drops at once. */
  close(): Promise<void>
}

export type InstanceRegistryOptions = {
  redis: SharedRedis
  prefix: string
  instanceId?: string
  /** default 5 s */
  heartbeatMs?: number
  /** an instance not seen for this long is gone (default 20 s) */
  ttlMs?: number
}

// Beat, forget the instances not seen for ttl, and count the rest.
const BEAT = luaScript(`local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
redis.call('PEXPIRE', KEYS[1], ttl)
return redis.call('ZCARD', KEYS[1])`)

const COUNT = luaScript(`local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(ARGV[1])), '+inf')`)

export function startInstanceRegistry(options: InstanceRegistryOptions): InstanceRegistry {
  const { redis, prefix, instanceId = randomUUID(), heartbeatMs = 5_000, ttlMs = 20_000 } = options
  const key = `${prefix}:instances`
  let lastSeenCount = 1
  let closed = false
  let beating: Promise<void> = Promise.resolve()

  async function beat(): Promise<void> {
    const result = await redis.eval(BEAT, [key], [instanceId, ttlMs])
    if (result.ok && !closed) lastSeenCount = Math.max(1, result.value as number)
  }
  // A beat at once, and again whenever Redis comes back, so the count is right from the start.
  beating = beat()
  const unsubscribe = redis.onStateChange((state) => {
    if (state === 'ready' && !closed) beating = beat()
  })
  const timer = setInterval(() => {
    beating = beat()
  }, heartbeatMs)
  timer.unref()

  return {
    instanceId,
    get lastSeenCount() {
      return lastSeenCount
    },
    async liveCount() {
      const result = await redis.eval(COUNT, [key], [ttlMs])
      if (!result.ok) return result
      // Before this instance's first beat lands it may not count itself yet.
      lastSeenCount = Math.max(1, result.value as number)
      return { ok: true, count: lastSeenCount }
    },
    shareOf(perMinute) {
      return Math.max(1, Math.floor(perMinute / lastSeenCount))
    },
    async close() {
      closed = true
      clearInterval(timer)
      unsubscribe()
      await beating
      await redis.run((c) => c.zrem(key, instanceId))
    },
  }
}
