// The conversation store: every record the server fetched, by identity, and the time intervals it
// holds completely (CONTRACT.md "Conversation store"). One interface; SQLite on disk by default,
// memory for DATA_DIR=memory (Redis may join later: hence the union return types).

import { MemoryStore } from './memory-store'
import { openResilientSqliteStore } from './resilient-store'

/** Epoch ms, inclusive at both ends: [start, end]. An interval with end < start is empty. */
export type Interval = { start: number; end: number }
/** id = conversationId, else sessionId; startMs = sessionStartTime (UTC); raw = the API's record. */
export type StoredRecord = { id: string; startMs: number; raw: unknown }
export type CoveredInterval = Interval & { fetchedAt: number }
export type StoreHealth = 'ok' | 'degraded'
export type StoreLogger = { info(line: string): void; error(line: string): void }

export interface ConversationStore {
  /**
   * Upsert by id (a later fetch replaces the record: late fields such as dispositions arrive).
   * Records whose startMs is not a finite number, or whose raw cannot be written as JSON, are skipped.
   */
  put(records: StoredRecord[]): void | Promise<void>
  /**
   * Marks [start,end] as held completely, fetched at fetchedAt; merges with neighbouring/overlapping
   * intervals of the same fetchedAt. Where it overlaps parts already held, each part keeps the later
   * of the two fetchedAt (intervals are split as needed). An empty interval is a no-op.
   */
  markCovered(interval: Interval, fetchedAt: number): void | Promise<void>
  /**
   * The intervals (with their fetchedAt) inside [start,end], clipped to it, sorted, non-overlapping.
   * Two parts may touch (a.end + 1 === b.start) when their fetchedAt differ.
   */
  covered(range: Interval): CoveredInterval[] | Promise<CoveredInterval[]>
  /** Raw records whose startMs is in [start,end], in (startMs, id) order, in batches (default 1,000). */
  records(range: Interval, batchSize?: number): AsyncIterable<unknown[]>
  /**
   * The same records as records(), as JSON text (one record per string, no newline): what an NDJSON
   * response writes, without a JSON.parse + JSON.stringify round trip per record.
   */
  recordsJson(range: Interval, batchSize?: number): AsyncIterable<string[]>
  /** Count of records in [start,end] (cheap). */
  count(range: Interval): number | Promise<number>
  /**
   * Deletes records with startMs < before, and the covered intervals' parts before it: intervals
   * ending before it go, an interval reaching across it is cut to start at it (SMARTASSIST_KEEP_DAYS).
   */
  prune(before: number): void | Promise<void>
  /** 'degraded' while the store on disk cannot be used as configured (see README.md). */
  readonly health: StoreHealth
  close(): void | Promise<void>
}

export type OpenStoreOptions = {
  /** a folder (created with mode 0700 if missing), or 'memory' for no store on disk */
  dataDir: string
  logger: StoreLogger
  now?: () => number
  /**
   * Caps the SQLite file's size: a write beyond it fails as a full disk does. Default: no cap.
   * (Tests simulate a full disk with it.)
   */
  maxBytes?: number
}

/** The file the SQLite store keeps in dataDir. */
export const STORE_FILE = 'conversations.sqlite'

/** Never throws: a store that cannot be opened is replaced by an empty one (see README.md). */
export function openStore(options: OpenStoreOptions): ConversationStore {
  if (options.dataDir === 'memory') return new MemoryStore(options.logger)
  return openResilientSqliteStore(options)
}
