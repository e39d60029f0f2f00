// The store's behaviour, written once and run against every implementation: DATA_DIR=memory and the
// SQLite file through openStore as the server opens them, and the Redis store (REDIS_URL) against a
// redis-server of its own, each store under a prefix of its own.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cleanupProcesses } from '../testing/process'
import { type RedisServer, startRedis } from '../testing/redis-server'
import { openRedisStore } from './redis-store'
import { type ConversationStore, openStore, type StoreLogger } from './store'
import { EVERYTHING, idsOf, readAll, rec, recordingLogger, recs, tempDirs } from './test-helpers'

const dirs = tempDirs()
const opened: ConversationStore[] = []
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close()
  dirs.cleanup()
})

let redis: RedisServer | undefined
let redisPrefixes = 0

type Kind = {
  kind: string
  open: (logger: StoreLogger) => ConversationStore
  setUp?: () => Promise<void>
  tearDown?: () => Promise<void>
}

const kinds: Kind[] = [
  { kind: 'memory', open: (logger) => openStore({ dataDir: 'memory', logger }) },
  { kind: 'sqlite', open: (logger) => openStore({ dataDir: dirs.make(), logger }) },
  {
    kind: 'redis',
    open: (logger) => {
      if (!redis) throw new Error('no redis-server')
      return openRedisStore({ url: redis.url, prefix: `behaviour:${++redisPrefixes}:`, logger })
    },
    setUp: async () => {
      redis = await startRedis()
    },
    tearDown: cleanupProcesses,
  },
]

describe.each(kinds)('the $kind store', ({ open: openKind, setUp, tearDown }) => {
  beforeAll(async () => {
    await setUp?.()
  })
  afterAll(async () => {
    await tearDown?.()
  })

  const open = () => {
    const logger = recordingLogger()
    const store = openKind(logger)
    opened.push(store)
    return { store, logger }
  }

  it('gives back the records starting in a range, both ends included, in start order', async () => {
    const { store, logger } = open()
    await store.put([
      rec('late', 150),
      rec('before', 49),
      rec('first', 50),
      rec('mid', 100),
      rec('after', 151),
    ])
    expect(await idsOf(store, { start: 50, end: 150 })).toEqual(['first', 'mid', 'late'])
    expect(store.health).toBe('ok')
    expect(logger.errors).toEqual([])
  })

  it('orders records starting in the same ms by id', async () => {
    const { store } = open()
    await store.put([rec('b', 10), rec('c', 10), rec('a', 10), rec('z', 9)])
    expect(await idsOf(store)).toEqual(['z', 'a', 'b', 'c'])
  })

  it('returns the raw records as they were put (nested values, non-ASCII text)', async () => {
    const { store } = open()
    const raw = { conversationId: 'x', customerInfo: { name: 'Zoë Ñúñez 🌮', tags: [1, null, { a: true }] } }
    await store.put([{ id: 'x', startMs: 5, raw }])
    expect(await readAll(store)).toEqual([raw])
  })

  it('streams in batches of the size asked for, 1,000 by default', async () => {
    const { store } = open()
    await store.put(recs(2500, 1_000_000))
    const sizes = async (batch?: number) => {
      const out: number[] = []
      for await (const b of store.records(EVERYTHING, batch)) out.push(b.length)
      return out
    }
    expect(await sizes()).toEqual([1000, 1000, 500])
    expect(await sizes(700)).toEqual([700, 700, 700, 400])
    expect(await sizes(2500)).toEqual([2500])
  })

  it('gives the same records as JSON text through recordsJson', async () => {
    const { store } = open()
    const put = recs(5, 1_000_000)
    await store.put(put)
    const lines: string[] = []
    for await (const b of store.recordsJson(EVERYTHING, 2)) lines.push(...b)
    expect(lines).toEqual(put.map((r) => JSON.stringify(r.raw)))
  })

  it('keeps one copy per id: a later put replaces the record (late fields arrive)', async () => {
    const { store } = open()
    await store.put([rec('a', 100), rec('b', 200)])
    await store.put([rec('a', 100, { disposition: 'Resolved', csat: 5 })])
    expect(await readAll(store)).toEqual([
      expect.objectContaining({ conversationId: 'a', disposition: 'Resolved', csat: 5 }),
      expect.objectContaining({ conversationId: 'b' }),
    ])
    expect(await store.count(EVERYTHING)).toBe(2)
  })

  it('finds a record whose start time moved at its new time only', async () => {
    const { store } = open()
    await store.put([rec('a', 100), rec('b', 200)])
    await store.put([rec('a', 7_200_100)]) // two hours later: another hour of the memory store
    expect(await idsOf(store, { start: 0, end: 1000 })).toEqual(['b'])
    expect(await idsOf(store, { start: 7_000_000, end: 8_000_000 })).toEqual(['a'])
    expect(await store.count({ start: 0, end: 1000 })).toBe(1)
  })

  it('counts the records in a range, both ends included', async () => {
    const { store } = open()
    await store.put(recs(10_000, 0)) // 0 .. 9,999 s: spans three hours
    expect(await store.count(EVERYTHING)).toBe(10_000)
    expect(await store.count({ start: 1000, end: 3000 })).toBe(3)
    expect(await store.count({ start: 1001, end: 2999 })).toBe(1)
    expect(await store.count({ start: 3_599_000, end: 7_200_000 })).toBe(3602)
    expect(await store.count({ start: 10_000_000, end: 20_000_000 })).toBe(0)
  })

  it('gives nothing for an empty (reversed) range', async () => {
    const { store } = open()
    await store.put(recs(3, 0))
    expect(await readAll(store, { start: 2000, end: 1000 })).toEqual([])
    expect(await store.count({ start: 2000, end: 1000 })).toBe(0)
    expect(await store.covered({ start: 2000, end: 1000 })).toEqual([])
  })

  it('skips a record without a usable start time and keeps the rest of the batch', async () => {
    const { store, logger } = open()
    await store.put([rec('a', 1), { id: 'bad', startMs: Number.NaN, raw: {} }, rec('b', 2)])
    await store.put([{ id: 'bad2', startMs: Number.NaN, raw: {} }])
    expect(await idsOf(store)).toEqual(['a', 'b'])
    expect(logger.errors).toHaveLength(1)
    expect(store.health).toBe('ok')
  })

  it('reads each record once while puts land between batches', async () => {
    const { store } = open()
    await store.put(recs(30, 1_000_000, 'r'))
    const seen: string[] = []
    let k = 0
    for await (const batch of store.records(EVERYTHING, 10)) {
      seen.push(...batch.map((r) => (r as { conversationId: string }).conversationId))
      if (k++ === 0) {
        // an update of a record already read, one not read yet, one new before the cursor, one after
        await store.put([rec('r-00003', 1_003_000, { v: 2 }), rec('r-00025', 1_025_000, { v: 2 })])
        await store.put([rec('new-early', 1_000_500), rec('new-late', 1_040_000)])
      }
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toContain('r-00025')
    expect(seen).toContain('new-late')
    expect(seen).not.toContain('new-early')
    expect(seen.filter((id) => id.startsWith('r-'))).toHaveLength(30)
  })

  describe('covered intervals', () => {
    it('joins intervals that touch or overlap when fetched at the same time', async () => {
      const { store } = open()
      await store.markCovered({ start: 0, end: 99 }, 1000)
      await store.markCovered({ start: 100, end: 199 }, 1000)
      await store.markCovered({ start: 150, end: 299 }, 1000)
      await store.markCovered({ start: 301, end: 400 }, 1000)
      expect(await store.covered(EVERYTHING)).toEqual([
        { start: 0, end: 299, fetchedAt: 1000 },
        { start: 301, end: 400, fetchedAt: 1000 },
      ])
    })

    it('keeps the later fetch time for the part fetched again, splitting the interval', async () => {
      const { store } = open()
      await store.markCovered({ start: 0, end: 999 }, 1000)
      await store.markCovered({ start: 400, end: 599 }, 2000)
      await store.markCovered({ start: 500, end: 1099 }, 1500)
      expect(await store.covered(EVERYTHING)).toEqual([
        { start: 0, end: 399, fetchedAt: 1000 },
        { start: 400, end: 599, fetchedAt: 2000 },
        { start: 600, end: 1099, fetchedAt: 1500 },
      ])
    })

    it('clips what it returns to the range asked about', async () => {
      const { store } = open()
      await store.markCovered({ start: 0, end: 99 }, 1)
      await store.markCovered({ start: 100, end: 199 }, 2)
      await store.markCovered({ start: 300, end: 399 }, 3)
      expect(await store.covered({ start: 50, end: 350 })).toEqual([
        { start: 50, end: 99, fetchedAt: 1 },
        { start: 100, end: 199, fetchedAt: 2 },
        { start: 300, end: 350, fetchedAt: 3 },
      ])
      expect(await store.covered({ start: 200, end: 299 })).toEqual([])
      expect(await store.covered({ start: 399, end: 399 })).toEqual([{ start: 399, end: 399, fetchedAt: 3 }])
    })

    it('ignores an empty interval', async () => {
      const { store } = open()
      await store.markCovered({ start: 10, end: 9 }, 1)
      expect(await store.covered(EVERYTHING)).toEqual([])
    })
  })

  describe('prune', () => {
    it('deletes records starting before the cut and keeps the one starting at it', async () => {
      const { store } = open()
      await store.put([rec('old', 999), rec('edge', 1000), rec('new', 5000)])
      await store.prune(1000)
      expect(await idsOf(store)).toEqual(['edge', 'new'])
      expect(await store.count(EVERYTHING)).toBe(2)
    })

    it('deletes intervals ending before the cut and cuts the one reaching across it', async () => {
      const { store } = open()
      await store.markCovered({ start: 0, end: 499 }, 1)
      await store.markCovered({ start: 500, end: 1999 }, 2)
      await store.markCovered({ start: 3000, end: 3999 }, 3)
      await store.prune(1000)
      expect(await store.covered(EVERYTHING)).toEqual([
        { start: 1000, end: 1999, fetchedAt: 2 },
        { start: 3000, end: 3999, fetchedAt: 3 },
      ])
    })

    it('prunes across many hours of records', async () => {
      const { store } = open()
      await store.put(recs(20_000, 0)) // 0 .. 19,999 s
      await store.prune(10_000_000)
      expect(await store.count(EVERYTHING)).toBe(10_000)
      expect((await readAll(store, { start: 0, end: 10_000_000 })).length).toBe(1)
    })
  })
})
