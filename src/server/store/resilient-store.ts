// The SQLite store as the server uses it: a failure of the file never reaches the caller.
//
// - Opening: a damaged file (not a database, malformed, a foreign schema) is renamed aside
//   (conversations.sqlite.corrupt-<time>, its -wal with it) and a new file started; a file that
//   cannot be reached (a directory in its place, no permission, no such folder) leaves the store in
//   memory until a later write manages to open it.
// - Writes that fail (full disk, I/O error, read-only) go to memory instead; the next write that
//   reaches the file again (tried at most every RETRY_MS) first writes what memory holds, in the
//   same transaction. Reads answer from the file and memory together, so nothing accepted is lost
//   from view and no interval is claimed without its records.
// - health is 'degraded' from the first failure until a write (put or markCovered) succeeds on the
//   file again. One error line when it becomes degraded (and one for every file moved aside), one
//   info line when it recovers.

import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { clipCovered, isNonEmpty, unionCovered } from './intervals'
import { MemoryStore } from './memory-store'
import { batchSizeOf, compareRows, inRange, type Row, skipReporter, toRows } from './rows'
import { describeError, isCorruption, SIDE_FILES, SqliteStore } from './sqlite-store'
import {
  type ConversationStore,
  type CoveredInterval,
  type Interval,
  type OpenStoreOptions,
  STORE_FILE,
  type StoredRecord,
  type StoreHealth,
} from './store'

/** While degraded, writes try the file again at most this often. */
export const RETRY_MS = 30_000

export function openResilientSqliteStore(options: OpenStoreOptions): ConversationStore {
  return new ResilientStore(options)
}

class ResilientStore implements ConversationStore {
  private disk: SqliteStore | null = null
  /** what could not be written to the file yet */
  private readonly memory = new MemoryStore()
  private degraded = false
  private retryAt = 0
  private closed = false
  private readonly file: string
  private readonly now: () => number
  private readonly reportSkips: (n: number) => void

  constructor(private readonly options: OpenStoreOptions) {
    this.file = join(options.dataDir, STORE_FILE)
    this.now = options.now ?? Date.now
    this.reportSkips = skipReporter(options.logger)
    this.openDisk()
  }

  get health(): StoreHealth {
    return this.degraded ? 'degraded' : 'ok'
  }

  put(records: StoredRecord[]): void {
    const { rows, skipped } = toRows(records)
    if (skipped > 0) this.reportSkips(skipped)
    if (rows.length === 0) return
    this.write(
      (disk) => disk.putRows(rows),
      () => this.memory.putRows(rows),
    )
  }

  markCovered(interval: Interval, fetchedAt: number): void {
    if (!isNonEmpty(interval) || !Number.isFinite(fetchedAt)) return
    this.write(
      (disk) => disk.markCovered(interval, fetchedAt),
      () => this.memory.markCovered(interval, fetchedAt),
    )
  }

  covered(range: Interval): CoveredInterval[] {
    if (this.closed) return []
    const onDisk = this.readDisk((disk) => disk.coveredList(range), [])
    const held = this.memory.coveredList(range)
    return held.length === 0 ? onDisk : clipCovered(unionCovered(onDisk, held), range)
  }

  async *records(range: Interval, batchSize?: number): AsyncGenerator<unknown[]> {
    for (const batch of this.rowBatches(range, batchSizeOf(batchSize))) {
      const parsed: unknown[] = []
      for (const r of batch) {
        try {
          parsed.push(JSON.parse(r.json))
        } catch {
          // text damaged inside the file where SQLite could not tell: the record is skipped
        }
      }
      yield parsed
    }
  }

  async *recordsJson(range: Interval, batchSize?: number): AsyncGenerator<string[]> {
    for (const batch of this.rowBatches(range, batchSizeOf(batchSize))) yield batch.map((r) => r.json)
  }

  count(range: Interval): number {
    if (this.closed) return 0
    const n = this.readDisk((disk) => disk.count(range), 0) + this.memory.count(range)
    if (this.memory.size === 0 || !this.disk) return n
    // A record held in memory hides its older copy in the file.
    let hidden = 0
    for (const r of this.memory.allRows()) {
      const start = this.readDisk((disk) => disk.startOf(r.id), undefined)
      if (start !== undefined && inRange(start, range)) hidden++
    }
    return n - hidden
  }

  prune(before: number): void {
    if (this.closed || Number.isNaN(before)) return
    this.memory.prune(before)
    const disk = this.disk
    if (!disk) return
    try {
      disk.prune(before)
    } catch (e) {
      this.onFailure(e, 'write')
    }
  }

  close(): void {
    if (this.closed) return
    if (this.holdsPending()) {
      const n = this.memory.size
      if (!this.disk) this.openDisk()
      try {
        const disk = this.disk
        if (!disk) throw new Error('the file cannot be opened')
        disk.transaction(() => this.flushTo(disk))
      } catch (e) {
        this.options.logger.error(
          `conversation store: ${n} conversation(s) held in memory could not be written to ${this.file} (${describeError(e)}) and are lost`,
        )
      }
    }
    this.closed = true
    this.closeDisk()
    this.memory.clear()
  }

  // --- writing -------------------------------------------------------------------------------

  private holdsPending(): boolean {
    return this.memory.size > 0 || this.memory.allCovered().length > 0
  }

  private flushTo(disk: SqliteStore): void {
    disk.putRows(this.memory.allRows())
    for (const iv of this.memory.allCovered()) disk.markCovered(iv, iv.fetchedAt)
  }

  private write(toDisk: (disk: SqliteStore) => void, toMemory: () => void): void {
    if (this.closed) return
    const disk = this.reachDisk()
    if (!disk) {
      toMemory()
      return
    }
    const pending = this.holdsPending()
    const flushed = this.memory.size
    try {
      if (pending)
        disk.transaction(() => {
          this.flushTo(disk)
          toDisk(disk)
        })
      else toDisk(disk)
    } catch (e) {
      this.onFailure(e, 'write')
      toMemory()
      return
    }
    if (pending) this.memory.clear()
    if (this.degraded) {
      this.degraded = false
      const wrote = flushed > 0 ? `; wrote the ${flushed} conversation(s) held in memory to it` : ''
      this.options.logger.info(`conversation store: ${this.file} is in use again${wrote}`)
    }
  }

  /** The file to write to, or null while writes go to memory (backing off, or it cannot be opened). */
  private reachDisk(): SqliteStore | null {
    if (this.degraded && this.now() < this.retryAt) return null
    if (!this.disk) this.openDisk()
    return this.disk
  }

  // --- reading -------------------------------------------------------------------------------

  private readDisk<T>(read: (disk: SqliteStore) => T, fallback: T): T {
    const disk = this.disk
    if (!disk) return fallback
    try {
      return read(disk)
    } catch (e) {
      this.onFailure(e, 'read')
      return fallback
    }
  }

  private *diskBatches(range: Interval, batchSize: number): Generator<Row[], void, undefined> {
    const disk = this.disk
    if (!disk) return
    const batches = disk.rowBatches(range, batchSize)
    for (;;) {
      if (this.disk !== disk) return // set aside or closed since the last batch
      let next: IteratorResult<Row[], void>
      try {
        next = batches.next()
      } catch (e) {
        this.onFailure(e, 'read')
        return
      }
      if (next.done) return
      yield next.value
    }
  }

  /** The file's rows and memory's, merged in (startMs, id) order; memory's copy of an id wins. */
  private *rowBatches(range: Interval, batchSize: number): Generator<Row[], void, undefined> {
    if (this.closed) return
    if (this.memory.size === 0) {
      yield* this.diskBatches(range, batchSize)
      return
    }
    const held = [...this.memory.rowBatches(range, Number.MAX_SAFE_INTEGER)].flat()
    const hidden = new Set(this.memory.allRows().map((r) => r.id))
    let out: Row[] = []
    let i = 0
    for (const batch of this.diskBatches(range, batchSize)) {
      for (const r of batch) {
        if (hidden.has(r.id)) continue
        for (let h = held[i]; h && compareRows(h, r) < 0; h = held[++i]) {
          out.push(h)
          if (out.length >= batchSize) {
            yield out
            out = []
          }
        }
        out.push(r)
        if (out.length >= batchSize) {
          yield out
          out = []
        }
      }
    }
    for (; i < held.length; i++) {
      out.push(held[i] as Row)
      if (out.length >= batchSize) {
        yield out
        out = []
      }
    }
    if (out.length > 0) yield out
  }

  // --- failures ------------------------------------------------------------------------------

  private openDisk(): boolean {
    try {
      const created = mkdirSync(this.options.dataDir, { recursive: true, mode: 0o700 })
      if (created !== undefined) chmodSync(this.options.dataDir, 0o700)
      this.disk = SqliteStore.open(this.file, { maxBytes: this.options.maxBytes })
      return true
    } catch (e) {
      if (isCorruption(e)) return this.replaceDamaged(e)
      this.fail(
        `cannot open ${this.file} (${describeError(e)}): keeping conversations in memory until it can be opened`,
        { backOff: true },
      )
      return false
    }
  }

  private onFailure(e: unknown, during: 'read' | 'write'): void {
    if (isCorruption(e)) {
      this.replaceDamaged(e)
    } else if (during === 'write') {
      this.fail(
        `cannot write to ${this.file} (${describeError(e)}): holding new conversations in memory until writes succeed again`,
        { backOff: true },
      )
    } else {
      this.fail(
        `cannot read ${this.file} (${describeError(e)}): answering without it until it can be read again`,
      )
    }
  }

  /** Moves the damaged file aside and starts a new one; memory takes over if that fails. */
  private replaceDamaged(e: unknown): boolean {
    this.closeDisk()
    const why = `${this.file} is damaged (${describeError(e)})`
    let aside: string
    try {
      aside = this.setAside()
    } catch (moveError) {
      this.fail(
        `${why} and cannot be moved aside (${describeError(moveError)}): keeping conversations in memory`,
        {
          always: true,
          backOff: true,
        },
      )
      return false
    }
    try {
      this.disk = SqliteStore.open(this.file, { maxBytes: this.options.maxBytes })
    } catch (openError) {
      this.fail(
        `${why}: moved it to ${basename(aside)}; a new file cannot be opened (${describeError(openError)}): keeping conversations in memory`,
        { always: true, backOff: true },
      )
      return false
    }
    this.fail(`${why}: moved it to ${basename(aside)} and started an empty store`, {
      always: true,
      retryNow: true,
    })
    return true
  }

  /** Renames the file (and its -wal) to <file>.corrupt-<time>; drops its -shm. Returns the new name. */
  private setAside(): string {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-')
    let aside = `${this.file}.corrupt-${stamp}`
    for (let n = 2; existsSync(aside); n++) aside = `${this.file}.corrupt-${stamp}-${n}`
    renameSync(this.file, aside)
    for (const side of SIDE_FILES) {
      const path = `${this.file}${side}`
      if (!existsSync(path)) continue
      if (side === '-wal') renameSync(path, `${aside}-wal`)
      else rmSync(path, { force: true })
    }
    return aside
  }

  /**
   * Logs (once per degraded spell, or always) and marks the store degraded. backOff: writes go to
   * memory for RETRY_MS; retryNow: the next write tries the file (a new one was just started).
   */
  private fail(line: string, opts: { always?: boolean; backOff?: boolean; retryNow?: boolean } = {}): void {
    if (!this.degraded || opts.always) this.options.logger.error(`conversation store: ${line}`)
    this.degraded = true
    if (opts.backOff) this.retryAt = this.now() + RETRY_MS
    else if (opts.retryNow) this.retryAt = this.now()
  }

  private closeDisk(): void {
    const disk = this.disk
    this.disk = null
    try {
      disk?.close()
    } catch {
      // closing a broken connection: nothing more to do
    }
  }
}
