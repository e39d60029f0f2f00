// The Redis store beyond the shared behaviour (store.behaviour.test.ts): accounts kept apart by their
// prefix, several instances on one Redis, and what happens while Redis is away and when it is back.

import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cleanupProcesses, freePort } from '../testing/process'
import { type RedisServer, startRedis } from '../testing/redis-server'
import { addCovered } from './intervals'
import { openRedisStore, positionKey, type RedisStore, RedisStoreError } from './redis-store'
import type { CoveredInterval, Interval } from './store'
import { openStore } from './store'
import { EVERYTHING, idsOf, rec, recordingLogger, recs, tempDirs } from './test-helpers'

/** What "fail fast" means here: well under the 1 s a person would notice, with room for a busy CI. */
const FAST_MS = 1_000

let redis: RedisServer
let prefixes = 0
const opened: { close(): unknown }[] = []
const dirs = tempDirs()

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(cleanupProcesses)
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close()
  dirs.cleanup()
  if (!redis.isRunning()) await redis.startAgain()
  redis.resume()
})

function open(options: { prefix?: string; url?: string; commandTimeoutMs?: number } = {}) {
  const logger = recordingLogger()
  const store = openRedisStore({
    url: options.url ?? redis.url,
    prefix: options.prefix ?? `test:${++prefixes}:`,
    logger,
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: options.commandTimeoutMs }),
  })
  opened.push(store)
  return { store, logger }
}

/** A plain client to look at Redis itself. */
function inspector(url = redis.url): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1 })
  opened.push({ close: () => client.disconnect() })
  return client
}

/** How long `fn` takes to settle, and how (the error when it rejects). */
async function timed(fn: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const t0 = performance.now()
  try {
    await fn()
    return { ms: performance.now() - t0, error: undefined }
  } catch (error) {
    return { ms: performance.now() - t0, error }
  }
}

async function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function firstBatch(iterable: AsyncIterable<unknown[]>): Promise<unknown[]> {
  for await (const batch of iterable) return batch
  return []
}

/** Every method, each as a call that should fail when Redis cannot be used. */
function everyMethod(store: RedisStore): Record<string, () => Promise<unknown>> {
  return {
    put: () => store.put([rec('x', 5)]),
    markCovered: () => store.markCovered({ start: 0, end: 9 }, 1),
    covered: () => store.covered(EVERYTHING),
    records: () => firstBatch(store.records(EVERYTHING)),
    recordsJson: () => firstBatch(store.recordsJson(EVERYTHING)),
    count: () => store.count(EVERYTHING),
    prune: () => store.prune(10),
  }
}

describe('the Redis store: accounts and instances', () => {
  it('keeps two prefixes on one Redis apart: neither sees, counts, covers or prunes the other', async () => {
    const a = open({ prefix: 'sa:acct-a:' }).store
    const b = open({ prefix: 'sa:acct-b:' }).store
    await a.put([rec('shared-id', 100, { owner: 'a' }), rec('only-a', 200)])
    await b.put([rec('shared-id', 150, { owner: 'b' })])
    await a.markCovered({ start: 0, end: 999 }, 1)
    await b.markCovered({ start: 5000, end: 5999 }, 2)

    expect(await idsOf(a)).toEqual(['shared-id', 'only-a'])
    expect(await idsOf(b)).toEqual(['shared-id'])
    const [recordOfB] = await firstBatch(b.records(EVERYTHING))
    expect(recordOfB).toMatchObject({ owner: 'b' })
    expect(await b.count(EVERYTHING)).toBe(1)
    expect(await b.covered(EVERYTHING)).toEqual([{ start: 5000, end: 5999, fetchedAt: 2 }])

    await b.prune(10_000)
    expect(await b.count(EVERYTHING)).toBe(0)
    expect(await a.count(EVERYTHING)).toBe(2)
    expect(await a.covered(EVERYTHING)).toEqual([{ start: 0, end: 999, fetchedAt: 1 }])

    const keys = (await inspector().keys('*')).sort()
    expect(keys.every((k) => k.startsWith('sa:acct-a:') || k.startsWith('test:'))).toBe(true)
    expect(keys.filter((k) => k.startsWith('sa:acct-a:'))).toEqual([
      'sa:acct-a:covered',
      'sa:acct-a:order',
      'sa:acct-a:rec',
      'sa:acct-a:start',
    ])
  })

  it('refuses a prefix that does not end with ":" (so no prefix can reach into another)', () => {
    expect(() => openRedisStore({ url: redis.url, prefix: 'sa:acct', logger: recordingLogger() })).toThrow(
      /must end with ':'/,
    )
  })

  it('reads what another instance put, moved or pruned', async () => {
    const prefix = `shared:${++prefixes}:`
    const one = open({ prefix }).store
    const two = open({ prefix }).store
    await one.put(recs(2500, 1_000_000))
    expect(await two.count(EVERYTHING)).toBe(2500)
    expect((await idsOf(two)).slice(0, 2)).toEqual(['r-00000', 'r-00001'])

    await two.put([rec('r-00000', 9_000_000, { disposition: 'Resolved' })]) // later, and moved
    expect(await idsOf(one, { start: 1_000_000, end: 1_000_000 })).toEqual([])
    const moved = await firstBatch(one.records({ start: 9_000_000, end: 9_000_000 }))
    expect(moved).toEqual([expect.objectContaining({ conversationId: 'r-00000', disposition: 'Resolved' })])
    expect(await one.count(EVERYTHING)).toBe(2500)

    await two.markCovered({ start: 1_000_000, end: 4_000_000 }, 7)
    expect(await one.covered(EVERYTHING)).toEqual([{ start: 1_000_000, end: 4_000_000, fetchedAt: 7 }])
    await one.prune(2_000_000) // r-00001 .. r-00999 go; r-00000 moved past the cut
    expect(await two.count(EVERYTHING)).toBe(1501)
    expect(await two.covered(EVERYTHING)).toEqual([{ start: 2_000_000, end: 4_000_000, fetchedAt: 7 }])
  })

  it('loses no part when two instances mark overlapping intervals at the same moment', async () => {
    const prefix = `race:${++prefixes}:`
    const one = open({ prefix }).store
    const two = open({ prefix }).store
    await Promise.all([one.ready(), two.ready()])
    // Overlapping, touching and separate intervals with various fetch times, split between the two.
    const marks: { iv: Interval; at: number }[] = []
    for (let i = 0; i < 60; i++)
      marks.push({ iv: { start: i * 700, end: i * 700 + 1000 + (i % 7) * 100 }, at: 1000 + ((i * 37) % 11) })
    await Promise.all(marks.map((m, i) => (i % 2 === 0 ? one : two).markCovered(m.iv, m.at)))

    let expected: CoveredInterval[] = []
    for (const m of marks) expected = addCovered(expected, m.iv, m.at)
    expect(await one.covered(EVERYTHING)).toEqual(expected)
    expect(await two.covered(EVERYTHING)).toEqual(expected)
  })

  it('orders records starting in the same ms by id the way the SQLite store does', async () => {
    const ids = ['b', 'B', 'a-2', 'a_2', 'a10', 'a9', '0', 'Zz', 'é', 'e~', 'ab', 'a']
    const sqlite = openStore({ dataDir: dirs.make(), logger: recordingLogger() })
    opened.push(sqlite)
    const { store } = open()
    for (const s of [sqlite, store]) await s.put(ids.map((id) => rec(id, 42)))
    expect(await idsOf(store)).toEqual(await idsOf(sqlite))
  })

  it('keeps records before 1970 and far ahead in start order, and skips starts beyond 2^53 ms', async () => {
    const { store, logger } = open()
    const at = (id: string, startMs: number) => ({ id, startMs, raw: { conversationId: id } })
    await store.put([
      at('future', 8_000_000_000_000_000),
      at('zero', 0),
      at('before', -1),
      at('long-before', -9_000_000_000_000_000),
      at('too-far', 2 ** 60),
    ])
    const all = { start: -Number.MAX_SAFE_INTEGER, end: Number.MAX_SAFE_INTEGER }
    expect(await idsOf(store, all)).toEqual(['long-before', 'before', 'zero', 'future'])
    expect(await store.count({ start: -1, end: 0 })).toBe(2)
    expect(positionKey(-1) < positionKey(0)).toBe(true)
    expect(logger.errors).toHaveLength(1)
  })

  it('quits its connection on close', async () => {
    const { store } = open()
    await store.ready()
    const clients = async () => (await inspector().client('LIST')) as string
    expect(await clients()).toContain('name=dashboard-store')
    await store.close()
    await expect.poll(clients).not.toContain('name=dashboard-store')
    expect(await store.count(EVERYTHING)).toBe(0) // closed: answers nothing, asks nothing
  })
})

describe('the Redis store while Redis is away', () => {
  it('fails every method fast with a RedisStoreError when Redis is stopped, and says degraded', async () => {
    const { store, logger } = open()
    await store.put(recs(10, 0))
    expect(store.health).toBe('ok')
    await redis.stop()
    for (const [name, call] of Object.entries(everyMethod(store))) {
      const { ms, error } = await timed(call)
      expect(error, name).toBeInstanceOf(RedisStoreError)
      expect(ms, name).toBeLessThan(FAST_MS)
    }
    expect(store.health).toBe('degraded')
    expect(logger.errors).toHaveLength(1) // one line for the outage, not one per call
    expect(logger.errors[0]).toMatch(/cannot be used/)
  })

  it('fails every method within its command timeout when Redis hangs (paused), and says degraded', async () => {
    const { store } = open({ commandTimeoutMs: 300 })
    await store.ready()
    redis.pause()
    for (const [name, call] of Object.entries(everyMethod(store))) {
      const { ms, error } = await timed(call)
      expect(error, name).toBeInstanceOf(RedisStoreError)
      expect(String(error), name).toMatch(/timed out/i)
      expect(ms, name).toBeGreaterThanOrEqual(250)
      expect(ms, name).toBeLessThan(FAST_MS)
    }
    expect(store.health).toBe('degraded')
    redis.resume()
    // What timed out may still have been done once Redis went on: only that it answers is checked.
    expect(await store.count({ start: 1000, end: 2000 })).toBe(0)
    expect(store.health).toBe('ok')
  })

  it('ends a stream that Redis leaves in the middle with an error, not a hang', async () => {
    const { store } = open()
    await store.put(recs(3000, 0))
    const seen: number[] = []
    const { ms, error } = await timed(async () => {
      for await (const batch of store.recordsJson(EVERYTHING)) {
        seen.push(batch.length)
        if (seen.length === 1) await redis.kill()
      }
    })
    expect(seen).toEqual([1000])
    expect(error).toBeInstanceOf(RedisStoreError)
    expect(ms).toBeLessThan(FAST_MS + 2_000) // the kill itself is in there
  })

  it('is ok again once Redis is back on the same port: reads and writes work', async () => {
    const { store, logger } = open()
    await store.put(recs(5, 0))
    await redis.stop()
    await expect(store.count(EVERYTHING)).rejects.toBeInstanceOf(RedisStoreError)
    expect(store.health).toBe('degraded')

    await redis.startAgain() // empty: the test server keeps nothing on disk
    await waitFor(() => store.health === 'ok') // it reconnects by itself, within about a second
    expect(logger.infos).toEqual([expect.stringMatching(/answers again/)])
    expect(await store.count(EVERYTHING)).toBe(0)
    await store.put(recs(3, 0))
    await store.markCovered({ start: 0, end: 2000 }, 9)
    expect(await idsOf(store)).toEqual(['r-00000', 'r-00001', 'r-00002'])
    expect(await store.covered(EVERYTHING)).toEqual([{ start: 0, end: 2000, fetchedAt: 9 }])
  })

  it('fails fast when Redis is not there at start, and recovers when it comes', async () => {
    const port = await freePort()
    const url = `redis://127.0.0.1:${port}`
    const { store, logger } = open({ url })
    for (const [name, call] of Object.entries(everyMethod(store))) {
      const { ms, error } = await timed(call)
      expect(error, name).toBeInstanceOf(RedisStoreError)
      expect(ms, name).toBeLessThan(FAST_MS)
    }
    expect(store.health).toBe('degraded')
    expect(logger.errors.join('\n')).toContain(`redis://127.0.0.1:${port}`)

    const late = await startRedis({ port })
    await waitFor(() => store.health === 'ok')
    await store.put([rec('a', 1)])
    expect(await idsOf(store)).toEqual(['a'])
    await store.close()
    await late.stop()
  })

  it('waits for the first connection (bounded) instead of failing a call made right after opening', async () => {
    const { store, logger } = open()
    const counts = await Promise.all(Array.from({ length: 20 }, () => store.count(EVERYTHING)))
    expect(counts).toEqual(Array(20).fill(0))
    expect(store.health).toBe('ok')
    expect(logger.errors).toEqual([])
  })

  it('closes without throwing or hanging while Redis is away', async () => {
    const { store } = open()
    await store.ready()
    await redis.stop()
    const { ms, error } = await timed(() => store.close())
    expect(error).toBeUndefined()
    expect(ms).toBeLessThan(FAST_MS)
  })

  it('never logs the password of the URL', async () => {
    const port = await freePort()
    const { store, logger } = open({ url: `redis://user:s3cret-pw@127.0.0.1:${port}/2` })
    await expect(store.count(EVERYTHING)).rejects.toThrow(RedisStoreError)
    const said = [...logger.errors, ...logger.infos].join('\n')
    expect(said).toContain(`127.0.0.1:${port}`)
    expect(said).not.toContain('s3cret-pw')
    await expect(store.count(EVERYTHING)).rejects.not.toThrow(/s3cret-pw/)
  })
})
