// The conversation store in one SQLite file (better-sqlite3, synchronous). Every method throws
// what SQLite throws: resilient-store.ts decides what a failure means. Records are upserted by id
// with their start time (indexed with the id, for ordered keyset reads) and the raw record as JSON
// text; intervals are kept through the pure functions in intervals.ts.

import { chmodSync, closeSync, openSync, readSync } from 'node:fs'
import Database from 'better-sqlite3'
import { addCovered, clipCovered, isNonEmpty, pruneCovered } from './intervals'
import type { Row, RowStore } from './rows'
import type { CoveredInterval, Interval } from './store'

/** 16 KiB pages hold ~9 records of 1.5 KB each: a smaller file and faster puts than 4 KiB (bench:store). */
const PAGE_SIZE = 16_384
/** page cache, KiB */
const CACHE_KIB = 32_768
const SCHEMA_VERSION = 1
/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  id TEXT PRIMARY KEY,
  start_ms INTEGER NOT NULL,
  raw TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_by_start ON records (start_ms, id);
CREATE TABLE IF NOT EXISTS intervals (
  start_ms INTEGER PRIMARY KEY,
  end_ms INTEGER NOT NULL,
  fetched_at INTEGER NOT NULL
);
`

/** The file's companions in WAL mode. */
export const SIDE_FILES = ['-wal', '-shm'] as const

export type FailureKind = 'corrupt' | 'unavailable'

/** An error from opening the file, with what it means for the file. */
export class StoreOpenError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly reason: unknown,
  ) {
    super(describeError(reason))
  }
}

/** One line: the SQLite or system error code and message, no stack. */
export function describeError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim()
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message
}

/** Whether an error says the file's content is damaged (as opposed to the file being out of reach). */
export function isCorruption(e: unknown): boolean {
  if (e instanceof StoreOpenError) return e.kind === 'corrupt'
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

function chmodIfThere(path: string): void {
  try {
    chmodSync(path, 0o600)
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ENOENT') throw e
  }
}

type IntervalRow = { start: number; end: number; fetchedAt: number }

export class SqliteStore implements RowStore {
  private readonly db: Database.Database
  private readonly stmt: ReturnType<typeof prepare>
  private readonly putTx: (rows: readonly Row[]) => void
  private readonly markTx: (interval: Interval, fetchedAt: number) => void
  private readonly pruneTx: (before: number) => void

  /**
   * Opens (or creates, mode 0600) `file`. Throws StoreOpenError: 'corrupt' when the file is there but
   * is not a readable conversation store, 'unavailable' when it cannot be reached or written.
   */
  static open(file: string, options: { maxBytes?: number } = {}): SqliteStore {
    let db: Database.Database
    let header: Buffer
    try {
      // Created 0600 before SQLite sees it; SQLite gives -wal and -shm the main file's mode.
      const fd = openSync(file, 'a+', 0o600)
      try {
        header = Buffer.alloc(SQLITE_HEADER.length)
        header = header.subarray(0, readSync(fd, header, 0, header.length, 0))
      } finally {
        closeSync(fd)
      }
      chmodSync(file, 0o600)
    } catch (e) {
      throw new StoreOpenError('unavailable', e)
    }
    // Checked before SQLite opens it: SQLite would delete a -wal lying next to a non-database.
    if (header.length > 0 && !header.equals(SQLITE_HEADER.subarray(0, header.length))) {
      throw new StoreOpenError(
        'corrupt',
        Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }),
      )
    }
    try {
      db = new Database(file)
    } catch (e) {
      throw new StoreOpenError('unavailable', e)
    }
    try {
      db.pragma('busy_timeout = 5000')
      db.pragma(`page_size = ${PAGE_SIZE}`) // only takes effect in a new file
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      db.pragma(`cache_size = -${CACHE_KIB}`)
      if (options.maxBytes !== undefined) {
        const pageSize = Number(db.pragma('page_size', { simple: true }))
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`)
      }
      db.exec(SCHEMA)
      if (Number(db.pragma('user_version', { simple: true })) === 0)
        db.pragma(`user_version = ${SCHEMA_VERSION}`)
      const store = new SqliteStore(db)
      for (const side of ['', ...SIDE_FILES]) chmodIfThere(`${file}${side}`)
      return store
    } catch (e) {
      try {
        db.close()
      } catch {
        // already unusable
      }
      const code = String((e as { code?: unknown }).code ?? '')
      // SQLITE_ERROR here: the file is a SQLite database but not one of ours (a foreign schema).
      const corrupt = isCorruption(e) || code === 'SQLITE_ERROR'
      throw new StoreOpenError(corrupt ? 'corrupt' : 'unavailable', e)
    }
  }

  private constructor(db: Database.Database) {
    this.db = db
    this.stmt = prepare(db)
    const s = this.stmt
    this.putTx = db.transaction((rows: readonly Row[]) => {
      for (const r of rows) s.upsert.run(r.id, r.startMs, r.json)
    })
    this.markTx = db.transaction((iv: Interval, fetchedAt: number) => {
      const lo = iv.start - 1
      const hi = iv.end + 1
      const touching = s.touching.all(lo, hi) as IntervalRow[]
      const next = addCovered(touching, iv, fetchedAt)
      s.deleteTouching.run(lo, hi)
      for (const p of next) s.insertInterval.run(p.start, p.end, p.fetchedAt)
    })
    this.pruneTx = db.transaction((before: number) => {
      s.pruneRecords.run(before)
      const across = s.touching.all(before, before) as IntervalRow[]
      s.pruneIntervals.run(before)
      s.deleteTouching.run(before, before)
      for (const p of pruneCovered(across, before)) s.insertInterval.run(p.start, p.end, p.fetchedAt)
    })
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction(fn: () => void): void {
    this.db.transaction(fn)()
  }

  putRows(rows: readonly Row[]): void {
    if (rows.length > 0) this.putTx(rows)
  }

  markCovered(interval: Interval, fetchedAt: number): void {
    if (isNonEmpty(interval) && Number.isFinite(fetchedAt)) this.markTx(interval, fetchedAt)
  }

  coveredList(range: Interval): CoveredInterval[] {
    if (!isNonEmpty(range)) return []
    return clipCovered(this.stmt.touching.all(range.start, range.end) as IntervalRow[], range)
  }

  /** Keyset pages: no statement stays open between batches, so puts may run in between. */
  *rowBatches(range: Interval, batchSize: number): Generator<Row[], void, undefined> {
    if (!isNonEmpty(range)) return
    let batch = this.stmt.first.all(range.start, range.end, batchSize) as Row[]
    for (;;) {
      if (batch.length > 0) yield batch
      const last = batch[batch.length - 1]
      if (batch.length < batchSize || !last) return
      batch = this.stmt.after.all(last.startMs, last.id, range.end, batchSize) as Row[]
    }
  }

  count(range: Interval): number {
    if (!isNonEmpty(range)) return 0
    return Number((this.stmt.count.get(range.start, range.end) as { n: number }).n)
  }

  startOf(id: string): number | undefined {
    return (this.stmt.startOf.get(id) as { startMs: number } | undefined)?.startMs
  }

  prune(before: number): void {
    if (!Number.isNaN(before)) this.pruneTx(before)
  }

  close(): void {
    this.db.close()
  }
}

function prepare(db: Database.Database) {
  return {
    upsert: db.prepare(
      'INSERT INTO records (id, start_ms, raw) VALUES (?, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET start_ms = excluded.start_ms, raw = excluded.raw',
    ),
    first: db.prepare(
      'SELECT id, start_ms AS startMs, raw AS json FROM records WHERE start_ms >= ? AND start_ms <= ? ' +
        'ORDER BY start_ms, id LIMIT ?',
    ),
    after: db.prepare(
      'SELECT id, start_ms AS startMs, raw AS json FROM records WHERE (start_ms, id) > (?, ?) AND start_ms <= ? ' +
        'ORDER BY start_ms, id LIMIT ?',
    ),
    count: db.prepare('SELECT count(*) AS n FROM records WHERE start_ms >= ? AND start_ms <= ?'),
    startOf: db.prepare('SELECT start_ms AS startMs FROM records WHERE id = ?'),
    pruneRecords: db.prepare('DELETE FROM records WHERE start_ms < ?'),
    touching: db.prepare(
      'SELECT start_ms AS start, end_ms AS end, fetched_at AS fetchedAt FROM intervals ' +
        'WHERE end_ms >= ? AND start_ms <= ? ORDER BY start_ms',
    ),
    deleteTouching: db.prepare('DELETE FROM intervals WHERE end_ms >= ? AND start_ms <= ?'),
    insertInterval: db.prepare('INSERT INTO intervals (start_ms, end_ms, fetched_at) VALUES (?, ?, ?)'),
    pruneIntervals: db.prepare('DELETE FROM intervals WHERE end_ms < ?'),
  }
}
