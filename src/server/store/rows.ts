// What both implementations keep per record: its identity, its start and its raw record as JSON
// text (compact, and what a response writes), plus the synchronous surface they share.

import type { CoveredInterval, Interval, StoredRecord, StoreLogger } from './store'

export type Row = { id: string; startMs: number; json: string }

export const DEFAULT_BATCH = 1000

/** The synchronous store both implementations provide; ConversationStore is built over it. */
export interface RowStore {
  putRows(rows: readonly Row[]): void
  markCovered(interval: Interval, fetchedAt: number): void
  coveredList(range: Interval): CoveredInterval[]
  /** rows with startMs in range, in (startMs, id) order; each batch is read when asked for */
  rowBatches(range: Interval, batchSize: number): Generator<Row[], void, undefined>
  count(range: Interval): number
  /** the stored startMs of an id, if held */
  startOf(id: string): number | undefined
  prune(before: number): void
  close(): void
}

/**
 * The records as rows. A record is skipped when its id is not a non-empty string, its startMs is
 * not finite (it is floored to whole ms), or its raw has no JSON form.
 */
export function toRows(records: readonly StoredRecord[]): { rows: Row[]; skipped: number } {
  const rows: Row[] = []
  let skipped = 0
  for (const r of records) {
    let json: string | undefined
    try {
      json = JSON.stringify(r.raw)
    } catch {
      json = undefined
    }
    if (typeof r.id !== 'string' || r.id === '' || !Number.isFinite(r.startMs) || typeof json !== 'string') {
      skipped++
      continue
    }
    rows.push({ id: r.id, startMs: Math.floor(r.startMs), json })
  }
  return { rows, skipped }
}

/** (startMs, id) order, ids compared as SQLite's BINARY collation does for ASCII. */
export function compareRows(a: { startMs: number; id: string }, b: { startMs: number; id: string }): number {
  return a.startMs - b.startMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export function batchSizeOf(batchSize: number | undefined): number {
  return batchSize !== undefined && Number.isFinite(batchSize) && batchSize >= 1
    ? Math.floor(batchSize)
    : DEFAULT_BATCH
}

export const inRange = (ms: number, range: Interval): boolean => ms >= range.start && ms <= range.end

/** Logs the first put that skipped records (one line); later skips are not logged. */
export function skipReporter(logger: StoreLogger | undefined): (skipped: number) => void {
  let logged = false
  return (skipped) => {
    if (logged || !logger) return
    logged = true
    logger.error(
      `conversation store: skipped ${skipped} record(s) without an id, a start time or a JSON form (further skips are not logged)`,
    )
  }
}
