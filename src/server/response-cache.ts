import { createHash } from 'node:crypto'
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib'
import type { Clock } from './clock'
import type { CallDetailsQuery } from './validate-request'

export type CacheOptions = {
  clock: Clock
  maxEntries?: number
  /** bytes held: the cached answers are kept compressed (a busy week of JSON shrinks several times) */
  maxBytes?: number
  /** windows that ended longer ago than this are settled: their data no longer changes */
  settledAfterMs?: number
  settledTtlMs?: number
  recentTtlMs?: number
}

export type ResponseCache = {
  get(key: string): string | undefined
  /** Stores a 200 answer's JSON; its TTL depends on how long ago the window ended. */
  set(key: string, json: string, windowEnd: number): void
  readonly size: { entries: number; bytes: number }
}

/**
 * The query's identity, as a fixed-size digest: a query may carry up to 64 KB of channels and
 * queues, and a key that size would hold far more memory than the cache's byte bound counts.
 * Validation has already sorted and deduplicated the arrays.
 */
export function cacheKey(q: CallDetailsQuery): string {
  const { startDate, endDate, channels, queues, selectedFields } = q.body
  const identity = JSON.stringify([
    startDate,
    endDate,
    q.offset,
    q.limit,
    channels ?? null,
    queues ?? null,
    selectedFields,
  ])
  return createHash('sha256').update(identity).digest('base64url')
}

// What an entry costs beyond its packed answer: its key, the Map slot, the Entry and Buffer objects.
const ENTRY_OVERHEAD_BYTES = 256
const entryBytes = (key: string, packed: Buffer) => key.length * 2 + packed.length + ENTRY_OVERHEAD_BYTES

type Entry = { packed: Buffer; expiresAt: number }

// Fastest deflate: a page compresses in about a millisecond, and JSON still shrinks about 8x.
const pack = (json: string) => deflateRawSync(json, { level: constants.Z_BEST_SPEED })
const unpack = (packed: Buffer) => inflateRawSync(packed).toString('utf8')

/** Bounded LRU (entries and bytes) with a TTL per entry. */
export function createResponseCache(options: CacheOptions): ResponseCache {
  const {
    clock,
    maxEntries = 5_000,
    maxBytes = 200 * 1024 * 1024,
    settledAfterMs = 30 * 60_000,
    settledTtlMs = 6 * 3_600_000,
    recentTtlMs = 60_000,
  } = options
  const entries = new Map<string, Entry>() // insertion order = least recently used first
  let bytes = 0

  function remove(key: string): void {
    const entry = entries.get(key)
    if (!entry) return
    entries.delete(key)
    bytes -= entryBytes(key, entry.packed)
  }

  return {
    get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      remove(key)
      if (entry.expiresAt <= clock.now()) return undefined
      entries.set(key, entry) // most recently used now
      bytes += entryBytes(key, entry.packed)
      return unpack(entry.packed)
    },
    set(key, json, windowEnd) {
      remove(key)
      const packed = pack(json)
      if (entryBytes(key, packed) > maxBytes) return
      const now = clock.now()
      const ttl = windowEnd < now - settledAfterMs ? settledTtlMs : recentTtlMs
      entries.set(key, { packed, expiresAt: now + ttl })
      bytes += entryBytes(key, packed)
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break
        remove(oldest)
      }
    },
    get size() {
      return { entries: entries.size, bytes }
    },
  }
}
