// The conversation store in memory (DATA_DIR=memory, and the SQLite store's stand-in while its file
// cannot be used). Records are kept as JSON text in one-hour buckets, each sorted when read, so a
// put costs O(batch) and a range read touches only the hours it spans.

import { addCovered, clipCovered, isNonEmpty, pruneCovered } from './intervals'
import { batchSizeOf, compareRows, inRange, type Row, type RowStore, skipReporter, toRows } from './rows'
import type {
  ConversationStore,
  CoveredInterval,
  Interval,
  StoredRecord,
  StoreHealth,
  StoreLogger,
} from './store'

const BUCKET_MS = 3_600_000
const bucketOf = (ms: number) => Math.floor(ms / BUCKET_MS)

type Bucket = { rows: Row[]; sorted: boolean }

/** First index in sorted `list` whose value is >= `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((list[mid] as number) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index in sorted `rows` after the position (startMs, id); id null = before every id. */
function firstAfter(rows: readonly Row[], startMs: number, id: string | null): number {
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const r = rows[mid] as Row
    const after = id === null ? r.startMs >= startMs : compareRows(r, { startMs, id }) > 0
    if (after) hi = mid
    else lo = mid + 1
  }
  return lo
}

export class MemoryStore implements ConversationStore, RowStore {
  private byId = new Map<string, Row>()
  private buckets = new Map<number, Bucket>()
  /** bucket numbers in use, ascending */
  private keys: number[] = []
  private intervals: CoveredInterval[] = []

  readonly health: StoreHealth = 'ok'
  private readonly reportSkips: (skipped: number) => void

  constructor(logger?: StoreLogger) {
    this.reportSkips = skipReporter(logger)
  }

  get size(): number {
    return this.byId.size
  }

  put(records: StoredRecord[]): void {
    const { rows, skipped } = toRows(records)
    if (skipped > 0) this.reportSkips(skipped)
    this.putRows(rows)
  }

  putRows(rows: readonly Row[]): void {
    for (const row of rows) {
      const old = this.byId.get(row.id)
      if (old) this.remove(old)
      this.add(row)
      this.byId.set(row.id, row)
    }
  }

  markCovered(interval: Interval, fetchedAt: number): void {
    this.intervals = addCovered(this.intervals, interval, fetchedAt)
  }

  covered(range: Interval): CoveredInterval[] {
    return this.coveredList(range)
  }

  coveredList(range: Interval): CoveredInterval[] {
    return clipCovered(this.intervals, range)
  }

  /** every covered interval, unclipped */
  allCovered(): CoveredInterval[] {
    return this.intervals.map((s) => ({ ...s }))
  }

  /** every row, in no particular order */
  allRows(): Row[] {
    return [...this.byId.values()]
  }

  async *records(range: Interval, batchSize?: number): AsyncGenerator<unknown[]> {
    for (const batch of this.rowBatches(range, batchSizeOf(batchSize)))
      yield batch.map((r) => JSON.parse(r.json))
  }

  async *recordsJson(range: Interval, batchSize?: number): AsyncGenerator<string[]> {
    for (const batch of this.rowBatches(range, batchSizeOf(batchSize))) yield batch.map((r) => r.json)
  }

  /** Each batch is collected when asked for, from a (startMs, id) cursor: puts in between are safe. */
  *rowBatches(range: Interval, batchSize: number): Generator<Row[], void, undefined> {
    if (!isNonEmpty(range)) return
    let after: { startMs: number; id: string | null } = { startMs: range.start, id: null }
    for (;;) {
      const batch = this.collect(range, after, batchSize)
      if (batch.length > 0) yield batch
      const last = batch[batch.length - 1]
      if (batch.length < batchSize || !last) return
      after = { startMs: last.startMs, id: last.id }
    }
  }

  private collect(range: Interval, after: { startMs: number; id: string | null }, max: number): Row[] {
    const out: Row[] = []
    const lastKey = bucketOf(range.end)
    for (let k = lowerBound(this.keys, bucketOf(after.startMs)); k < this.keys.length; k++) {
      const key = this.keys[k] as number
      if (key > lastKey || out.length >= max) break
      const rows = this.sortedRows(key)
      for (let i = firstAfter(rows, after.startMs, after.id); i < rows.length && out.length < max; i++) {
        const r = rows[i] as Row
        if (r.startMs > range.end) return out
        out.push(r)
      }
    }
    return out
  }

  count(range: Interval): number {
    if (!isNonEmpty(range)) return 0
    let n = 0
    const lastKey = bucketOf(range.end)
    for (let k = lowerBound(this.keys, bucketOf(range.start)); k < this.keys.length; k++) {
      const key = this.keys[k] as number
      if (key > lastKey) break
      const rows = this.buckets.get(key)?.rows ?? []
      if (key * BUCKET_MS >= range.start && (key + 1) * BUCKET_MS - 1 <= range.end) n += rows.length
      else for (const r of rows) if (inRange(r.startMs, range)) n++
    }
    return n
  }

  startOf(id: string): number | undefined {
    return this.byId.get(id)?.startMs
  }

  prune(before: number): void {
    if (Number.isNaN(before)) return
    const edge = bucketOf(before)
    for (const key of this.keys.slice()) {
      if (key > edge) break
      const bucket = this.buckets.get(key)
      if (!bucket) continue
      const keep: Row[] = []
      for (const r of bucket.rows) {
        if (r.startMs < before) this.byId.delete(r.id)
        else keep.push(r)
      }
      bucket.rows = keep
      if (keep.length === 0) this.dropBucket(key)
    }
    this.intervals = pruneCovered(this.intervals, before)
  }

  clear(): void {
    this.byId.clear()
    this.buckets.clear()
    this.keys = []
    this.intervals = []
  }

  close(): void {
    this.clear()
  }

  private sortedRows(key: number): Row[] {
    const bucket = this.buckets.get(key)
    if (!bucket) return []
    if (!bucket.sorted) {
      bucket.rows.sort(compareRows)
      bucket.sorted = true
    }
    return bucket.rows
  }

  private add(row: Row): void {
    const key = bucketOf(row.startMs)
    let bucket = this.buckets.get(key)
    if (!bucket) {
      bucket = { rows: [], sorted: true }
      this.buckets.set(key, bucket)
      this.keys.splice(lowerBound(this.keys, key), 0, key)
    }
    const last = bucket.rows[bucket.rows.length - 1]
    if (last && compareRows(last, row) > 0) bucket.sorted = false
    bucket.rows.push(row)
  }

  private remove(row: Row): void {
    const key = bucketOf(row.startMs)
    const bucket = this.buckets.get(key)
    if (!bucket) return
    const i = bucket.rows.indexOf(row)
    if (i >= 0) bucket.rows.splice(i, 1)
    if (bucket.rows.length === 0) this.dropBucket(key)
  }

  private dropBucket(key: number): void {
    this.buckets.delete(key)
    const k = lowerBound(this.keys, key)
    if (this.keys[k] === key) this.keys.splice(k, 1)
  }
}
