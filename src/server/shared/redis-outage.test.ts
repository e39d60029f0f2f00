// @vitest-environment node
// Redis taken away (killed, then frozen) and given back on the same port: every call answers
// `unavailable` within a second and nothing rejects unhandled; sharing resumes by itself.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RedisServer, startRedis } from '../testing/redis-server'
import { type InstanceRegistry, startInstanceRegistry } from './instance-registry'
import { type LeaderElection, startLeaderElection } from './leader'
import { connectRedis, type SharedRedis } from './redis-connection'
import { createSharedBudget, type SharedBudget } from './shared-budget'
import { createWindowLocks, type WindowLocks } from './window-lock'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const LEASE_MS = 600
const RENEW_MS = 150

let server: RedisServer
let redis: SharedRedis
let other: SharedRedis
let budget: SharedBudget
let registry: InstanceRegistry
let otherRegistry: InstanceRegistry
let locks: WindowLocks
let leader: LeaderElection
const leaderEvents: string[] = []
const unhandled: unknown[] = []
const logged: string[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  server = await startRedis()
  const logger = { info: (line: string) => logged.push(line), error: (line: string) => logged.push(line) }
  // A short reconnect delay keeps the test quick; the default caps it at 2 s.
  redis = connectRedis(server.url, { maxReconnectDelayMs: 200, logger })
  other = connectRedis(server.url, { maxReconnectDelayMs: 200 })
  expect(await redis.whenReady(2_000)).toBe(true)
  expect(await other.whenReady(2_000)).toBe(true)
  const prefix = `acct-${randomUUID()}`
  budget = createSharedBudget({ redis, prefix, perMinute: 60 })
  registry = startInstanceRegistry({ redis, prefix, heartbeatMs: 100, ttlMs: 1_000 })
  otherRegistry = startInstanceRegistry({ redis: other, prefix, heartbeatMs: 100, ttlMs: 1_000 })
  locks = createWindowLocks({ redis, prefix, leaseMs: 1_000, pollMs: 50 })
  leader = startLeaderElection({
    redis,
    prefix,
    leaseMs: LEASE_MS,
    renewEveryMs: RENEW_MS,
    onElected: () => leaderEvents.push('elected'),
    onLost: () => leaderEvents.push('lost'),
  })
})

afterAll(async () => {
  await leader.close()
  await registry.close()
  await otherRegistry.close()
  await redis.close()
  await other.close()
  await server.stop()
  process.off('unhandledRejection', onUnhandled)
})

/** Every call of every module, each timed. */
async function everyCall(): Promise<{ name: string; ms: number; result: unknown }[]> {
  const calls: [string, () => Promise<unknown>][] = [
    ['tryAcquire', () => budget.tryAcquire()],
    ['release', () => budget.release('some-id')],
    ['pause', () => budget.pause(Date.now() + 1_000)],
    ['pausedUntil', () => budget.pausedUntil()],
    ['liveCount', () => registry.liveCount()],
    ['tryLock', () => locks.tryLock(`w-${randomUUID()}`)],
    ['run', () => redis.run((c) => c.ping())],
  ]
  const results = []
  for (const [name, call] of calls) {
    const start = Date.now()
    const result = await call()
    results.push({ name, ms: Date.now() - start, result })
  }
  return results
}

describe('when Redis is unreachable', () => {
  it('works while Redis is up', async () => {
    await sleep(150)
    expect(redis.state).toBe('ready')
    expect(leader.isLeader).toBe(true)
    expect(registry.lastSeenCount).toBe(2)
    for (const { name, result } of await everyCall()) {
      expect(result, name).toMatchObject({ ok: true })
    }
  })

  it('killed: every call answers unavailable at once; the leader steps down; the last count is kept', async () => {
    const held = await locks.tryLock('held-through-the-outage', 5_000)
    expect(held.ok).toBe(true)
    await server.kill()
    await sleep(20)
    expect(redis.state).toBe('unreachable')
    expect(redis.connected).toBe(false)
    for (const { name, ms, result } of await everyCall()) {
      expect(result, name).toEqual({ ok: false, reason: 'unavailable' })
      expect(ms, name).toBeLessThan(1_000)
    }
    if (held.ok) {
      expect(await held.lock.renew()).toBe('unavailable')
      expect(await held.lock.unlock()).toBe('unavailable')
    }
    // A window lock that cannot be had: the fetch runs alone.
    expect(
      await locks.withWindowLock(
        'w',
        async () => 'alone',
        async () => 'waited',
      ),
    ).toBe('alone')
    expect(registry.lastSeenCount).toBe(2)
    expect(registry.shareOf(60)).toBe(30)
    await sleep(LEASE_MS)
    expect(leader.isLeader).toBe(false)
    expect(leader.state).toBe('unavailable')
    expect(leaderEvents).toEqual(['elected', 'lost'])
    expect(logged.some((line) => line.includes('unreachable'))).toBe(true)
    expect(unhandled).toEqual([])
  })

  it('restarted on the same port: sharing resumes by itself', async () => {
    await server.startAgain()
    expect(await redis.whenReady(3_000)).toBe(true)
    expect(await other.whenReady(3_000)).toBe(true)
    for (const { name, result } of await everyCall()) {
      expect(result, name).toMatchObject({ ok: true })
    }
    await sleep(RENEW_MS + 100)
    expect(leader.isLeader).toBe(true)
    expect(leaderEvents).toEqual(['elected', 'lost', 'elected'])
    expect(await registry.liveCount()).toEqual({ ok: true, count: 2 })
    expect(logged.some((line) => line.includes('connected again'))).toBe(true)
    expect(unhandled).toEqual([])
  })

  it('frozen (accepts, never answers): calls answer unavailable within the command timeout', async () => {
    server.pause()
    try {
      const start = Date.now()
      const results = await everyCall()
      for (const { name, result } of results) {
        expect(result, name).toEqual({ ok: false, reason: 'unavailable' })
      }
      // The first call waits out the 500 ms timeout; the others then fail at once for a while.
      expect(results[0]?.ms).toBeLessThan(1_000)
      expect(Date.now() - start).toBeLessThan(1_000)
      expect(redis.state).toBe('unreachable')
    } finally {
      server.resume()
    }
    await sleep(1_100)
    expect(await redis.run((c) => c.ping())).toEqual({ ok: true, value: 'PONG' })
    expect(redis.state).toBe('ready')
    expect(unhandled).toEqual([])
  })
})
