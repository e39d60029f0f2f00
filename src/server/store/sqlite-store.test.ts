// The SQLite store's file: where it is, who may read it, and that it outlives the process.

import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore, STORE_FILE } from './store'
import { EVERYTHING, idsOf, readAll, rec, recordingLogger, recs, tempDirs } from './test-helpers'

const dirs = tempDirs()
afterEach(() => dirs.cleanup())

const modeOf = (path: string) => statSync(path).mode & 0o777

describe('the SQLite store file', () => {
  it('creates DATA_DIR with mode 0700 and the file, its -wal and -shm with mode 0600', async () => {
    const dataDir = join(dirs.make(), 'nested', '.data')
    const store = openStore({ dataDir, logger: recordingLogger() })
    await store.put(recs(10, 0))
    const file = join(dataDir, STORE_FILE)
    expect(modeOf(dataDir)).toBe(0o700)
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      expect(existsSync(path)).toBe(true)
      expect(modeOf(path)).toBe(0o600)
    }
    await store.close()
  })

  it('tightens an existing file readable by others to 0600', async () => {
    const dataDir = dirs.make()
    const file = join(dataDir, STORE_FILE)
    const first = openStore({ dataDir, logger: recordingLogger() })
    await first.put(recs(3, 0))
    await first.close()
    chmodSync(file, 0o644)
    const again = openStore({ dataDir, logger: recordingLogger() })
    expect(modeOf(file)).toBe(0o600)
    expect(await again.count(EVERYTHING)).toBe(3)
    await again.close()
  })

  it('keeps records and covered intervals across a restart', async () => {
    const dataDir = dirs.make()
    const first = openStore({ dataDir, logger: recordingLogger() })
    await first.put(recs(1500, 1_000_000))
    await first.put([rec('r-00007', 1_007_000, { disposition: 'Resolved' })])
    await first.markCovered({ start: 1_000_000, end: 1_499_999 }, 10)
    await first.markCovered({ start: 1_500_000, end: 2_499_999 }, 20)
    const before = await readAll(first)
    await first.close()

    const logger = recordingLogger()
    const again = openStore({ dataDir, logger })
    expect(await readAll(again)).toEqual(before)
    expect(await again.count(EVERYTHING)).toBe(1500)
    expect((await readAll(again, { start: 1_007_000, end: 1_007_000 }))[0]).toMatchObject({
      disposition: 'Resolved',
    })
    expect(await again.covered(EVERYTHING)).toEqual([
      { start: 1_000_000, end: 1_499_999, fetchedAt: 10 },
      { start: 1_500_000, end: 2_499_999, fetchedAt: 20 },
    ])
    expect(again.health).toBe('ok')
    expect(logger.errors).toEqual([])
    await again.close()
  })

  it('keeps what was put even when the process ends without close()', async () => {
    const dataDir = dirs.make()
    const first = openStore({ dataDir, logger: recordingLogger() })
    await first.put(recs(5, 0))
    await first.markCovered({ start: 0, end: 4999 }, 1)
    // no close: a second connection sees the committed WAL, as a restarted process would
    const again = openStore({ dataDir, logger: recordingLogger() })
    expect(await idsOf(again)).toHaveLength(5)
    expect(await again.covered(EVERYTHING)).toEqual([{ start: 0, end: 4999, fetchedAt: 1 }])
    await again.close()
    await first.close()
  })

  it('is a WAL-mode SQLite database holding each record as JSON text', async () => {
    const dataDir = dirs.make()
    const store = openStore({ dataDir, logger: recordingLogger() })
    await store.put([rec('a', 1)])
    await store.close()
    const db = new Database(join(dataDir, STORE_FILE), { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    const row = db.prepare('SELECT id, start_ms, raw FROM records').get() as {
      id: string
      start_ms: number
      raw: string
    }
    expect(row.id).toBe('a')
    expect(row.start_ms).toBe(1)
    expect(JSON.parse(row.raw)).toMatchObject({ conversationId: 'a' })
    db.close()
  })

  it('opens a file another SQLite program left without our tables as a fresh store beside it', async () => {
    const dataDir = dirs.make()
    const file = join(dataDir, STORE_FILE)
    const foreign = new Database(file)
    foreign.exec('CREATE TABLE records (something_else TEXT)')
    foreign.close()
    const logger = recordingLogger()
    const store = openStore({ dataDir, logger, now: () => Date.parse('2025-01-02T03:04:05.678Z') })
    expect(existsSync(`${file}.corrupt-2025-01-02T03-04-05-678Z`)).toBe(true)
    await store.put([rec('a', 1)])
    expect(await idsOf(store)).toEqual(['a'])
    await store.close()
  })

  it('writes nothing but the file and its -wal/-shm into DATA_DIR', async () => {
    const dataDir = dirs.make()
    const store = openStore({ dataDir, logger: recordingLogger() })
    await store.put(recs(3, 0))
    writeFileSync(join(dataDir, 'unrelated.txt'), 'x')
    await store.close()
    const { readdirSync } = await import('node:fs')
    expect(readdirSync(dataDir).sort()).toEqual([STORE_FILE, 'unrelated.txt'])
  })
})
