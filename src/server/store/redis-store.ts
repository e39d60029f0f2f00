// The conversation store in Redis (REDIS_URL: several instances share it; CONTRACT.md "Several
// instances"). Same semantics as the SQLite and memory stores (README.md "Semantics"); every key is
// under the caller's prefix (one per account), so two prefixes never see each other's data.
//
// Keys (P = the prefix, which must end with ':'):
//   P + 'rec'     HASH   id -> the raw record as JSON text
//   P + 'start'   HASH   id -> the record's position key (below): what a later put must move
//   P + 'order'   ZSET   every member scored 0, member = position key + id, where the position key
//                        is the start time as 17 fixed-width characters ('p' + 16 digits; 'n' + 16
//                        digits for a time before 1970: see positionKey). Same-score members sort by their bytes, so
//                        ZRANGE ... BYLEX walks (startMs, id) in the order SQLite's BINARY collation
//                        gives, and a batch resumes after the last member read (keyset paging).
//   P + 'covered' STRING the covered intervals as JSON [[start, end, fetchedAt], ...], sorted;
//                        replaced by compare-and-set (a Lua script), so two instances marking at once
//                        retry instead of losing a part. The bookkeeping is intervals.ts's.
// A put is one MULTI per chunk of up to 1,000 records (HSET of the texts + a Lua script that moves
// the members whose start changed): each chunk is atomic. A read batch is ZRANGEBYLEX for the next
// ids, then HMGET for their texts. A prune is a Lua script per 1,000 records.
//
// Redis away: the client queues nothing (enableOfflineQueue: false) and gives up on a command after
// commandTimeoutMs, so every method fails fast with a RedisStoreError (README.md "Redis").

import { Redis } from 'ioredis'
import { addCovered, clipCovered, isNonEmpty, pruneCovered } from './intervals'
import { batchSizeOf, type Row, skipReporter, toRows } from './rows'
import type {
  ConversationStore,
  CoveredInterval,
  Interval,
  StoredRecord,
  StoreHealth,
  StoreLogger,
} from './store'

/** A command that has no answer within this long fails (the default of commandTimeoutMs). */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000
/** Records per put / prune script: each is atomic, and keeps Redis busy for milliseconds only. */
const CHUNK = 1_000
/** markCovered / prune of intervals: compare-and-set attempts before giving up. */
const CAS_ATTEMPTS = 50
/** Reconnect delay after the n-th failed attempt: 50 ms, 100 ms, ... at most this. */
const MAX_RECONNECT_DELAY_MS = 1_000

const MAX = Number.MAX_SAFE_INTEGER
/** Width of a position key. */
const POS_WIDTH = 17

/**
 * A record's position key: its start (an integer within ±MAX_SAFE_INTEGER) as fixed-width text whose
 * byte order is the numeric order: 'p' + 16 digits, or before 1970 'n' + 16 digits of ms + 2^53 - 1
 * (exact: it stays within the safe integers).
 */
export function positionKey(ms: number): string {
  return ms >= 0 ? `p${String(ms).padStart(16, '0')}` : `n${String(ms + MAX).padStart(16, '0')}`
}

/** ARGV: id, position key, ...: moves each id's member of the order to its (new) position. */
const PLACE = `
for i = 1, #ARGV, 2 do
  local id, pos = ARGV[i], ARGV[i + 1]
  local old = redis.call('HGET', KEYS[2], id)
  if old ~= pos then
    if old then redis.call('ZREM', KEYS[1], old .. id) end
    redis.call('HSET', KEYS[2], id, pos)
    redis.call('ZADD', KEYS[1], 0, pos .. id)
  end
end
return #ARGV / 2
`

const PRUNE = `
local members = redis.call('ZRANGE', KEYS[1], '-', ARGV[1], 'BYLEX', 'LIMIT', 0, tonumber(ARGV[2]))
for i = 1, #members do
  local id = string.sub(members[i], ${POS_WIDTH + 1})
  redis.call('ZREM', KEYS[1], members[i])
  redis.call('HDEL', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
end
return #members
`

/** ARGV[1]: the value expected ('' = no key); ARGV[2]: the new value ('' = delete). 1 when set. */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if current == false then current = '' end
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
return 1
`

type Scripts = {
  saPlace(order: string, start: string, ...argv: string[]): unknown
  saPrune(order: string, rec: string, start: string, max: string, limit: number): Promise<number>
  saCompareAndSet(key: string, expected: string, next: string): Promise<number>
}

/** What every method throws when Redis cannot be used: unreachable, too slow, or refusing. */
export class RedisStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'RedisStoreError'
  }
}

export type RedisStoreOptions = {
  /** redis:// or rediss:// URL (REDIS_URL) */
  url: string
  /** every key starts with it, e.g. `sa:<accountId>:`; must end with ':' */
  prefix: string
  logger: StoreLogger
  /** a command without an answer within this long fails; default REDIS_COMMAND_TIMEOUT_MS */
  commandTimeoutMs?: number
}

/** The URL without credentials, for logs. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`
  } catch {
    return 'the configured Redis'
  }
}

function reason(e: unknown): string {
  // ioredis's words for a command made while disconnected (nothing is queued)
  if (e instanceof Error && e.message.includes('enableOfflineQueue')) return 'not connected'
  const code = (e as { code?: unknown } | null)?.code
  const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim()
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message
}

type Bounds = { min: string; max: string }

/** ZRANGE BYLEX bounds for records with startMs in range (null: none can be). */
function boundsOf(range: Interval): Bounds | null {
  if (!isNonEmpty(range)) return null
  const lo = Math.ceil(range.start)
  const hi = Math.floor(range.end)
  if (lo > hi || lo > MAX || hi < -MAX) return null
  return {
    min: lo <= -MAX ? '-' : `[${positionKey(lo)}`,
    max: hi >= MAX ? '+' : `(${positionKey(hi + 1)}`,
  }
}

function parseCovered(text: string | null): CoveredInterval[] | null {
  if (text === null || text === '') return []
  try {
    const raw = JSON.parse(text) as unknown
    if (!Array.isArray(raw)) return null
    const out: CoveredInterval[] = []
    for (const item of raw) {
      if (!Array.isArray(item) || item.length !== 3 || !item.every((n) => Number.isFinite(n))) return null
      out.push({ start: item[0], end: item[1], fetchedAt: item[2] })
    }
    return out
  } catch {
    return null
  }
}

const formatCovered = (list: readonly CoveredInterval[]): string =>
  list.length === 0 ? '' : JSON.stringify(list.map((s) => [s.start, s.end, s.fetchedAt]))

export class RedisStore implements ConversationStore {
  private readonly client: Redis
  private readonly scripts: Scripts
  private readonly keys: { rec: string; start: string; order: string; covered: string }
  private readonly logger: StoreLogger
  private readonly where: string
  private readonly timeoutMs: number
  private readonly reportSkips: (n: number) => void
  private degraded = false
  private closed = false
  /** set once the first connection attempt has ended (ready or failed) */
  private settled = false
  private loggedBadCovered = false
  /** the interval updates of this store, one after another */
  private coveredUpdates: Promise<unknown> = Promise.resolve()
  private connecting: Promise<void> | null = null

  constructor(options: RedisStoreOptions) {
    if (!options.prefix.endsWith(':'))
      throw new Error(
        `the Redis store's key prefix must end with ':' (got ${JSON.stringify(options.prefix)})`,
      )
    const p = options.prefix
    this.keys = { rec: `${p}rec`, start: `${p}start`, order: `${p}order`, covered: `${p}covered` }
    this.logger = options.logger
    this.where = describeRedisUrl(options.url)
    this.timeoutMs = options.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS
    this.reportSkips = skipReporter(options.logger)
    this.client = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: this.timeoutMs,
      connectTimeout: Math.max(this.timeoutMs, 2_000),
      retryStrategy: (times) => Math.min(50 * times, MAX_RECONNECT_DELAY_MS),
      connectionName: 'dashboard-store',
    })
    this.client.defineCommand('saPlace', { numberOfKeys: 2, lua: PLACE })
    this.client.defineCommand('saPrune', { numberOfKeys: 3, lua: PRUNE })
    this.client.defineCommand('saCompareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET })
    this.scripts = this.client as unknown as Scripts
    this.client.on('ready', () => {
      this.settled = true
      this.recovered()
    })
    this.client.on('error', (e: unknown) => {
      this.settled = true
      this.failed(e)
    })
    this.client.on('close', () => {
      if (!this.closed) this.failed(new Error('connection closed'))
    })
  }

  /** 'degraded' from a failed command or a lost connection until a command succeeds or it reconnects. */
  get health(): StoreHealth {
    return this.degraded ? 'degraded' : 'ok'
  }

  /** Resolves once connected; rejects (RedisStoreError) when Redis cannot be reached within `ms`. */
  async ready(ms = this.timeoutMs): Promise<void> {
    await this.run(() => this.client.ping(), ms)
  }

  async put(records: StoredRecord[]): Promise<void> {
    const { rows, skipped } = toRows(records)
    const usable = rows.filter((r) => r.startMs >= -MAX && r.startMs <= MAX)
    const skippedAll = skipped + rows.length - usable.length
    if (skippedAll > 0) this.reportSkips(skippedAll)
    if (this.closed || usable.length === 0) return
    const k = this.keys
    for (let i = 0; i < usable.length; i += CHUNK) {
      const texts: string[] = []
      const places: string[] = []
      for (const r of usable.slice(i, i + CHUNK) as Row[]) {
        texts.push(r.id, r.json)
        places.push(r.id, positionKey(r.startMs))
      }
      await this.run(async () => {
        const tx = this.client.multi().hset(k.rec, ...texts)
        ;(tx as unknown as Scripts).saPlace(k.order, k.start, ...places)
        const results = await tx.exec()
        const failure = results?.find(([error]) => error)?.[0]
        if (!results || failure) throw failure ?? new Error('the transaction was discarded')
      })
    }
  }

  async markCovered(interval: Interval, fetchedAt: number): Promise<void> {
    if (this.closed || !isNonEmpty(interval) || !Number.isFinite(fetchedAt)) return
    await this.updateCovered((list) => addCovered(list, interval, fetchedAt))
  }

  async covered(range: Interval): Promise<CoveredInterval[]> {
    if (this.closed || !isNonEmpty(range)) return []
    const { list } = await this.readCovered()
    return clipCovered(list, range)
  }

  async *records(range: Interval, batchSize?: number): AsyncGenerator<unknown[]> {
    for await (const batch of this.jsonBatches(range, batchSizeOf(batchSize)))
      yield batch.map((json) => JSON.parse(json))
  }

  recordsJson(range: Interval, batchSize?: number): AsyncGenerator<string[]> {
    return this.jsonBatches(range, batchSizeOf(batchSize))
  }

  async count(range: Interval): Promise<number> {
    const bounds = boundsOf(range)
    if (this.closed || !bounds) return 0
    return this.run(() => this.client.zlexcount(this.keys.order, bounds.min, bounds.max))
  }

  /**
   * Cuts the intervals first and then deletes the records, so that a prune that fails half-way
   * leaves records no interval claims (fetched again when asked for), never an interval without its
   * records; then cuts again, for an interval another instance marked in between.
   */
  async prune(before: number): Promise<void> {
    if (this.closed || Number.isNaN(before)) return
    await this.updateCovered((list) => pruneCovered(list, before))
    if (before > -MAX) {
      const edge = Math.ceil(before)
      const max = edge > MAX ? '+' : `(${positionKey(edge)}`
      const k = this.keys
      for (;;) {
        const n = await this.run(() => this.scripts.saPrune(k.order, k.rec, k.start, max, CHUNK))
        if (n < CHUNK) break
      }
    }
    await this.updateCovered((list) => pruneCovered(list, before))
  }

  /** Quits the connection (bounded: it is dropped when Redis does not answer). Never throws. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const client = this.client
    if (client.status === 'ready') {
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        client.quit().catch(() => undefined),
        new Promise((r) => {
          timer = setTimeout(r, this.timeoutMs)
        }),
      ])
      clearTimeout(timer)
    }
    client.disconnect()
  }

  // --- internals -----------------------------------------------------------------------------

  /**
   * Batches of JSON text, each read when asked for (the next ids in order, then their records),
   * resuming after the last member read. A record deleted in between is left out.
   */
  private async *jsonBatches(range: Interval, batchSize: number): AsyncGenerator<string[]> {
    const bounds = boundsOf(range)
    if (!bounds) return
    let min = bounds.min
    for (;;) {
      if (this.closed) return
      const from = min
      const members = await this.run(() =>
        this.client.zrangebylex(this.keys.order, from, bounds.max, 'LIMIT', 0, batchSize),
      )
      const last = members[members.length - 1]
      if (last === undefined) return
      const ids = members.map((m) => m.slice(POS_WIDTH))
      const texts = await this.run(() => this.client.hmget(this.keys.rec, ...ids))
      const batch = texts.filter((t): t is string => t !== null)
      if (batch.length > 0) yield batch
      if (members.length < batchSize) return
      min = `(${last}`
    }
  }

  private async readCovered(): Promise<{ text: string; list: CoveredInterval[] }> {
    const text = (await this.run(() => this.client.get(this.keys.covered))) ?? ''
    const list = parseCovered(text)
    if (list) return { text, list }
    if (!this.loggedBadCovered) {
      this.loggedBadCovered = true
      this.logger.error(
        `conversation store: ${this.keys.covered} in ${this.where} is not a list of intervals: treating it as empty (the next markCovered replaces it)`,
      )
    }
    return { text, list: [] }
  }

  /**
   * Read, change, compare-and-set; again when another instance changed the list in between. One
   * update at a time per store, so only other instances can make it try again.
   */
  private updateCovered(change: (list: CoveredInterval[]) => CoveredInterval[]): Promise<void> {
    const next = this.coveredUpdates.then(() => this.compareAndSetCovered(change))
    this.coveredUpdates = next.catch(() => undefined)
    return next
  }

  private async compareAndSetCovered(change: (list: CoveredInterval[]) => CoveredInterval[]): Promise<void> {
    for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
      const { text, list } = await this.readCovered()
      const next = formatCovered(change(list))
      if (next === text) return
      const set = await this.run(() => this.scripts.saCompareAndSet(this.keys.covered, text, next))
      if (set === 1) return
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt))
    }
    throw new RedisStoreError(
      `conversation store: the covered intervals in ${this.where} kept changing under ${CAS_ATTEMPTS} attempts to update them`,
    )
  }

  /**
   * Runs a command, turning any failure into a RedisStoreError (and health 'degraded'). Before the
   * first connection has been made it waits for it, at most `ms`; after that a command while
   * disconnected fails at once (nothing is queued).
   */
  private async run<T>(command: () => Promise<T>, ms = this.timeoutMs): Promise<T> {
    try {
      if (!this.settled && this.client.status !== 'ready') await this.firstConnection(ms)
      const result = await command()
      this.recovered()
      return result
    } catch (e) {
      this.failed(e)
      if (e instanceof RedisStoreError) throw e
      throw new RedisStoreError(`conversation store: ${this.where}: ${reason(e)}`, { cause: e })
    }
  }

  /** The first connection: one promise for every call that waits for it, each with its own bound. */
  private firstConnection(ms: number): Promise<void> {
    if (!this.connecting) {
      this.connecting = new Promise<void>((resolve, reject) => {
        this.client.once('ready', () => resolve())
        this.client.once('error', reject)
      })
      this.connecting.catch(() => undefined)
    }
    let timer: NodeJS.Timeout | undefined
    const bound = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RedisStoreError(`conversation store: ${this.where} did not answer within ${ms} ms`)),
        ms,
      )
    })
    return Promise.race([this.connecting, bound]).finally(() => clearTimeout(timer))
  }

  private failed(e: unknown): void {
    if (this.closed) return
    if (!this.degraded)
      this.logger.error(
        `conversation store: ${this.where} cannot be used (${reason(e)}): the store is degraded until it answers again`,
      )
    this.degraded = true
  }

  private recovered(): void {
    if (!this.degraded || this.closed) return
    this.degraded = false
    this.logger.info(`conversation store: ${this.where} answers again`)
  }
}

/** A store over a new connection to `url` (it connects in the background; nothing throws here). */
export function openRedisStore(options: RedisStoreOptions): RedisStore {
  return new RedisStore(options)
}
