// Exactly one instance runs the sync (CONTRACT.md "Several instances"): the leader holds a lease key
// (its random token, PX leaseMs) and renews it every renewEveryMs; every other instance tries to take
// the key at the same pace, so when the leader stops (closed, killed, or cut off from Redis) another
// takes over within leaseMs + renewEveryMs.
//
// A leader that cannot renew steps down on its own before its lease can have expired in Redis (its
// clock counts from before the last renewal was sent), so two leaders never overlap. While Redis is
// unreachable there is no leader at all; whether an instance then runs the sync alone is the
// caller's choice (see `state`).
import { randomUUID } from 'node:crypto'
import type { Logger } from '../logger'
import { luaScript, type SharedRedis } from './redis-connection'

export type LeaderElection = {
  readonly isLeader: boolean
  /** 'unavailable': the last attempt could not reach Redis (so not the leader either). */
  readonly state: 'leader' | 'follower' | 'unavailable'
  /** Stops taking part; a leader gives the lease up (another takes over within renewEveryMs) and gets onLost. */
  close(): Promise<void>
}

export type LeaderOptions = {
  redis: SharedRedis
  prefix: string
  /** what is led (default 'sync'): one lease per name */
  name?: string
  /** default 20 s */
  leaseMs?: number
  /** default 5 s; at most a third of leaseMs (a leader cut off from Redis steps down 2 periods early) */
  renewEveryMs?: number
  /** this instance became the leader (start the sync) */
  onElected: () => void
  /** it no longer is (stop the sync): lost the lease, could not renew it in time, or closed */
  onLost: () => void
  logger?: Logger
  now?: () => number
}

// Renew our lease, or take it when nobody holds it (also after Redis restarted empty).
const CLAIM = luaScript(`local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`)

const RESIGN = luaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`)

export function startLeaderElection(options: LeaderOptions): LeaderElection {
  const {
    redis,
    prefix,
    name = 'sync',
    leaseMs = 20_000,
    renewEveryMs = 5_000,
    onElected,
    onLost,
    logger,
    now = Date.now,
  } = options
  const key = `${prefix}:leader:${name}`
  const token = randomUUID()
  let leader = false
  let unavailable = false
  let heldUntil = 0
  let closed = false
  let timer: NodeJS.Timeout | undefined

  function call(callback: () => void, what: string): void {
    try {
      callback()
    } catch (error) {
      logger?.error(`leader ${name}: ${what} failed: ${(error as Error).message}`)
    }
  }

  function lose(): void {
    if (!leader) return
    leader = false
    call(onLost, 'onLost')
  }

  async function tick(): Promise<void> {
    const sentAt = now()
    const result = await redis.eval(CLAIM, [key], [token, leaseMs])
    if (closed) return
    unavailable = !result.ok
    if (result.ok && result.value === 1) {
      heldUntil = sentAt + leaseMs
      if (!leader) {
        leader = true
        call(onElected, 'onElected')
      }
    } else if (result.ok) {
      lose()
    } else if (leader && now() + 2 * renewEveryMs >= heldUntil) {
      // The next attempt's answer (a period away, plus its own time) might come after the lease
      // ended in Redis, when someone else may lead: step down now rather than overlap.
      logger?.error(`leader ${name}: cannot renew the lease (Redis unreachable); stepping down`)
      lose()
    }
  }

  let running: Promise<void> = Promise.resolve()
  function schedule(delay: number): void {
    timer = setTimeout(() => {
      running = tick().finally(() => {
        if (!closed) schedule(renewEveryMs)
      })
    }, delay)
    timer.unref()
  }
  schedule(0)

  return {
    get isLeader() {
      return leader
    },
    get state() {
      return leader ? 'leader' : unavailable ? 'unavailable' : 'follower'
    },
    async close() {
      closed = true
      clearTimeout(timer)
      await running
      // Even when not (yet) the leader: a claim answered after close() may have taken the lease.
      await redis.eval(RESIGN, [key], [token])
      lose()
    },
  }
}
