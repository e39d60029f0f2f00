// A store that cannot be opened, read or written never stops the dashboard: nothing throws, one
// line is logged, a damaged file is moved aside, and health says 'degraded' until a write reaches
// the file again (CONTRACT.md "Conversation store").

import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { RETRY_MS } from './resilient-store'
import { type ConversationStore, openStore, STORE_FILE } from './store'
import { EVERYTHING, idsOf, isOneLine, rec, recordingLogger, recs, tempDirs } from './test-helpers'

const dirs = tempDirs()
const opened: ConversationStore[] = []
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close()
  dirs.cleanup()
})

const T0 = Date.parse('2025-03-04T05:06:07.089Z')
const STAMP = '2025-03-04T05-06-07-089Z'

function setup(prepare: (dataDir: string, file: string) => void, extra: { maxBytes?: number } = {}) {
  const dataDir = dirs.make()
  const file = join(dataDir, STORE_FILE)
  prepare(dataDir, file)
  const logger = recordingLogger()
  const clock = { t: T0 }
  const store = openStore({ dataDir, logger, now: () => clock.t, ...extra })
  opened.push(store)
  return { dataDir, file, logger, clock, store }
}

const garbage = Buffer.from('this is not a database, just some text that got here somehow\n'.repeat(200))

describe('a damaged file', () => {
  it('is moved aside with its -wal, and the store starts empty in a new file', async () => {
    const { dataDir, file, logger, store } = setup((_, file) => {
      writeFileSync(file, garbage)
      writeFileSync(`${file}-wal`, 'stale wal')
      writeFileSync(`${file}-shm`, 'stale shm')
    })
    const aside = `${file}.corrupt-${STAMP}`
    expect(readFileSync(aside)).toEqual(garbage)
    expect(readFileSync(`${aside}-wal`, 'utf8')).toBe('stale wal')
    expect(readdirSync(dataDir).sort()).toEqual(
      [
        STORE_FILE,
        `${STORE_FILE}-shm`,
        `${STORE_FILE}-wal`,
        `${STORE_FILE}.corrupt-${STAMP}`,
        `${STORE_FILE}.corrupt-${STAMP}-wal`,
      ].sort(),
    )
    expect(logger.errors).toHaveLength(1)
    expect(logger.errors[0]).toContain(`moved it to ${STORE_FILE}.corrupt-${STAMP}`)
    expect(logger.errors.every(isOneLine)).toBe(true)
    expect(await store.count(EVERYTHING)).toBe(0)
    expect(await store.covered(EVERYTHING)).toEqual([])
  })

  it('leaves the store degraded until the first write to the new file, then ok', async () => {
    const { file, logger, store, dataDir } = setup((_, file) => writeFileSync(file, garbage))
    expect(store.health).toBe('degraded')
    await store.put([rec('a', 1)])
    expect(store.health).toBe('ok')
    expect(logger.infos).toHaveLength(1)
    expect(logger.infos[0]).toContain('in use again')
    await store.close()
    const again = openStore({ dataDir, logger: recordingLogger() })
    opened.push(again)
    expect(await idsOf(again)).toEqual(['a'])
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('is set aside when random bytes replace it', async () => {
    const { file, store } = setup((_, file) =>
      writeFileSync(file, Buffer.from(Array.from({ length: 9000 }, (_, i) => (i * 7919) % 251))),
    )
    expect(existsSync(`${file}.corrupt-${STAMP}`)).toBe(true)
    await store.put([rec('a', 1)])
    expect(await idsOf(store)).toEqual(['a'])
  })

  it('found damaged while reading is moved aside, and nothing throws', async () => {
    const dataDir = dirs.make()
    const file = join(dataDir, STORE_FILE)
    const first = openStore({ dataDir, logger: recordingLogger() })
    await first.put(recs(3000, 1_000_000, 'r', 1500))
    await first.markCovered({ start: 1_000_000, end: 4_000_000 }, 1)
    await first.close()
    // Overwrite the second half of the file (b-tree pages of records and index) with garbage.
    const bytes = readFileSync(file)
    for (let i = Math.floor(bytes.length / 2); i < bytes.length; i++) bytes[i] = (i * 131) % 256
    writeFileSync(file, bytes)

    const logger = recordingLogger()
    const store = openStore({ dataDir, logger, now: () => T0 })
    opened.push(store)
    await idsOf(store) // reads until the damage shows
    await store.count(EVERYTHING)
    expect(store.health).toBe('degraded')
    expect(existsSync(`${file}.corrupt-${STAMP}`)).toBe(true)
    expect(logger.errors).toHaveLength(1)
    expect(logger.errors.every(isOneLine)).toBe(true)
    // what the damaged file claimed is no longer claimed: the range will be fetched again
    expect(await store.covered(EVERYTHING)).toEqual([])
    expect(await store.count(EVERYTHING)).toBe(0)
    await store.put([rec('a', 1)])
    expect(store.health).toBe('ok')
    expect(await idsOf(store)).toEqual(['a'])
  })
})

describe('a record whose text was damaged inside a readable file', () => {
  it('is left out of records() instead of throwing', async () => {
    const dataDir = dirs.make()
    const first = openStore({ dataDir, logger: recordingLogger() })
    await first.put([rec('a', 1), rec('b', 2), rec('c', 3)])
    await first.close()
    const db = new Database(join(dataDir, STORE_FILE))
    db.prepare('UPDATE records SET raw = \'{"conversationId": "b", tru\' WHERE id = \'b\'').run()
    db.close()
    const store = openStore({ dataDir, logger: recordingLogger() })
    opened.push(store)
    expect(await idsOf(store)).toEqual(['a', 'c'])
  })
})

describe('a file that cannot be reached', () => {
  it('(a directory in its place) leaves the store in memory, degraded, until a later write can open it', async () => {
    const { file, logger, clock, store, dataDir } = setup((_, file) => mkdirSync(file))
    expect(store.health).toBe('degraded')
    expect(logger.errors).toHaveLength(1)
    expect(logger.errors[0]).toContain('cannot open')
    expect(logger.errors.every(isOneLine)).toBe(true)

    await store.put(recs(5, 0))
    await store.markCovered({ start: 0, end: 4999 }, 1)
    expect(await idsOf(store)).toHaveLength(5)
    expect(await store.count(EVERYTHING)).toBe(5)
    expect(await store.covered(EVERYTHING)).toEqual([{ start: 0, end: 4999, fetchedAt: 1 }])

    rmdirSync(file) // the operator fixes it
    clock.t += RETRY_MS - 1
    await store.put([rec('x', 10_000)])
    expect(store.health).toBe('degraded') // not tried again yet
    clock.t += 1
    await store.put([rec('y', 11_000)])
    expect(store.health).toBe('ok')
    expect(logger.errors).toHaveLength(1)
    expect(logger.infos).toEqual([expect.stringContaining('wrote the 6 conversation(s) held in memory')])
    await store.close()

    const again = openStore({ dataDir, logger: recordingLogger() })
    opened.push(again)
    expect(await again.count(EVERYTHING)).toBe(7)
    expect(await again.covered(EVERYTHING)).toEqual([{ start: 0, end: 4999, fetchedAt: 1 }])
  })

  it('(DATA_DIR is a file) leaves the store in memory, degraded', async () => {
    const parent = dirs.make()
    const dataDir = join(parent, 'not-a-folder')
    writeFileSync(dataDir, 'x')
    const logger = recordingLogger()
    const store = openStore({ dataDir, logger })
    opened.push(store)
    expect(store.health).toBe('degraded')
    await store.put([rec('a', 1)])
    expect(await idsOf(store)).toEqual(['a'])
    expect(logger.errors).toHaveLength(1)
  })

  it.skipIf(process.getuid?.() === 0)(
    '(no permission to read it) leaves the store in memory, degraded',
    async () => {
      const { store, logger } = setup((dataDir, file) => {
        const first = openStore({ dataDir, logger: recordingLogger() })
        first.put([rec('a', 1)])
        first.close()
        chmodSync(file, 0o000)
      })
      expect(store.health).toBe('degraded')
      expect(logger.errors).toEqual([expect.stringContaining('cannot open')])
      await store.put([rec('b', 2)])
      expect(await idsOf(store)).toEqual(['b'])
    },
  )

  it('logs that conversations held in memory are lost when it closes before the file can be opened', async () => {
    const { logger, store } = setup((_, file) => mkdirSync(file))
    await store.put(recs(3, 0))
    await store.close()
    expect(logger.errors).toHaveLength(2)
    expect(logger.errors[1]).toContain('3 conversation(s) held in memory could not be written')
    expect(logger.errors.every(isOneLine)).toBe(true)
  })
})

describe('a full disk', () => {
  // maxBytes caps the file as a full disk would: about 350 records of 1.5 KB fit in 640 KiB.
  const full = () => setup(() => {}, { maxBytes: 640 * 1024 })
  const A = recs(200, 1_000_000, 'a', 1500) // starts 1,000,000 .. 1,199,000
  const B = recs(200, 2_000_000, 'b', 1500) // starts 2,000,000 .. 2,199,000

  it('holds what cannot be written in memory, loses nothing from view and logs once', async () => {
    const { logger, store } = full()
    await store.put(A)
    await store.markCovered({ start: 1_000_000, end: 1_199_999 }, 1)
    expect(store.health).toBe('ok')

    await store.put(B) // does not fit
    expect(store.health).toBe('degraded')
    await store.markCovered({ start: 2_000_000, end: 2_199_999 }, 2)
    await store.put([rec('a-00000', 1_000_000, { disposition: 'late' })]) // update of a record in the file
    await store.put(recs(50, 3_000_000, 'c', 1500))

    expect(logger.errors).toHaveLength(1)
    expect(logger.errors[0]).toMatch(/cannot write .*(full|SQLITE_FULL)/)
    expect(logger.errors.every(isOneLine)).toBe(true)
    expect(await store.count(EVERYTHING)).toBe(450)
    expect(await store.count({ start: 1_000_000, end: 1_000_000 })).toBe(1)
    const ids = await idsOf(store)
    expect(ids).toHaveLength(450)
    expect(new Set(ids).size).toBe(450)
    expect(ids.slice(0, 2)).toEqual(['a-00000', 'a-00001'])
    const [first] = (await (async () => {
      for await (const b of store.records({ start: 1_000_000, end: 1_000_000 })) return b
      return []
    })()) as { disposition?: string }[]
    expect(first?.disposition).toBe('late')
    expect(await store.covered(EVERYTHING)).toEqual([
      { start: 1_000_000, end: 1_199_999, fetchedAt: 1 },
      { start: 2_000_000, end: 2_199_999, fetchedAt: 2 },
    ])
  })

  it('writes what memory holds to the file once there is room again, and is ok again', async () => {
    const { logger, clock, store, dataDir } = full()
    await store.put(A)
    await store.put(B) // does not fit: held in memory
    await store.markCovered({ start: 2_000_000, end: 2_199_999 }, 2)
    expect(store.health).toBe('degraded')

    await store.prune(1_500_000) // frees the file's pages of A (keep days)
    clock.t += RETRY_MS
    await store.put(recs(10, 3_000_000, 'c', 1500))
    expect(store.health).toBe('ok')
    expect(logger.infos).toEqual([expect.stringContaining('wrote the 200 conversation(s) held in memory')])
    await store.close()

    const again = openStore({ dataDir, logger: recordingLogger() })
    opened.push(again)
    expect(await again.count(EVERYTHING)).toBe(210)
    expect(await again.covered(EVERYTHING)).toEqual([{ start: 2_000_000, end: 2_199_999, fetchedAt: 2 }])
  })
})

describe('a closed store', () => {
  it('answers empty and ignores writes, and closes twice without throwing', async () => {
    const { store } = setup(() => {})
    await store.put([rec('a', 1)])
    await store.close()
    await store.close()
    await store.put([rec('b', 2)])
    await store.markCovered({ start: 0, end: 9 }, 1)
    await store.prune(5)
    expect(await idsOf(store)).toEqual([])
    expect(await store.count(EVERYTHING)).toBe(0)
    expect(await store.covered(EVERYTHING)).toEqual([])
  })
})

describe('DATA_DIR=memory', () => {
  it('is ok and writes nothing to disk', async () => {
    const logger = recordingLogger()
    const store = openStore({ dataDir: 'memory', logger })
    opened.push(store)
    await store.put([rec('a', 1)])
    expect(store.health).toBe('ok')
    expect(existsSync('memory')).toBe(false)
    expect(logger.errors).toEqual([])
  })
})
