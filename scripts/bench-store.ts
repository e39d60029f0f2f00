// `npm run bench:store [perDay]`: the conversation store with a busy week of the synthetic
// SmartAssist (perDay 7,200: about 50,400 records of ~1.6 KB). Puts it in batches of about one
// density-sized window (1,000 records), reads it all back, and prints ms, file size and RSS for the
// SQLite file and for DATA_DIR=memory, plus what compressing each record would cost. Prints figures;
// it asserts nothing. Figures move a lot with the machine's load: compare runs on a quiet machine.

import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { createSyntheticSmartAssist } from '../src/mocks/synthetic-smartassist'
import {
  type ConversationStore,
  type Interval,
  openStore,
  STORE_FILE,
  type StoredRecord,
} from '../src/server/store/store'

const perDay = Number(process.argv[2] ?? 7200)
/** Monday 2024-11-18, UTC: the week the other benchmarks measure too. */
const WEEK_START = Date.parse('2024-11-18T00:00:00Z')
const HOUR = 3_600_000
const WEEK: Interval = { start: WEEK_START, end: WEEK_START + 7 * 24 * HOUR - 1 }
const BATCH = 1000

// A full GC before each RSS reading, so the figure is what is held, not garbage not yet collected.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const rss = () => {
  gc()
  return process.memoryUsage().rss
}
const line = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`)

async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now()
  const result = await fn()
  return { ms: performance.now() - t0, result }
}

/** A record to put, kept as JSON text until its batch is put (so the heap holds the week once, compactly). */
type Pending = { id: string; startMs: number; json: string }

/** The week as the API gives it: hour windows, pages of 100, identity = conversationId ?? sessionId. */
function syntheticWeek(): Pending[] {
  const api = createSyntheticSmartAssist({ perDay })
  const byId = new Map<string, Pending>()
  for (let start = WEEK.start; start <= WEEK.end; start += HOUR) {
    const body = {
      startDate: new Date(start).toISOString(),
      endDate: new Date(start + HOUR - 1).toISOString(),
      timeZoneOffset: 0,
    }
    for (let offset = 0; offset <= 10; offset++) {
      const page = api.handle({ offset, limit: 100, body }).body as { data: Record<string, unknown>[] }
      for (const raw of page.data) {
        const id = String(raw.conversationId ?? raw.sessionId)
        byId.set(id, { id, startMs: Date.parse(`${raw.sessionStartTime}Z`), json: JSON.stringify(raw) })
      }
      if (page.data.length < 100) break
    }
  }
  return [...byId.values()]
}

async function readBack(store: ConversationStore): Promise<number> {
  let n = 0
  for await (const batch of store.records(WEEK)) n += batch.length
  return n
}

async function readBackJson(store: ConversationStore): Promise<number> {
  let n = 0
  for await (const batch of store.recordsJson(WEEK)) n += batch.length
  return n
}

/** Puts the records in batches; returns the ms spent in put() (making each batch's objects is not counted). */
async function putAll(store: ConversationStore, records: Pending[], batch: number): Promise<number> {
  let ms = 0
  for (let i = 0; i < records.length; i += batch) {
    const objects: StoredRecord[] = records
      .slice(i, i + batch)
      .map((r) => ({ id: r.id, startMs: r.startMs, raw: JSON.parse(r.json) }))
    const t0 = performance.now()
    await store.put(objects)
    ms += performance.now() - t0
  }
  return ms
}

const logger = { info: () => {}, error: (l: string) => console.error(l) }

console.log(`conversation store, perDay=${perDay}, one week (node ${process.version})`)
const gen = await timed(syntheticWeek)
const records = gen.result
const jsonBytes = records.reduce((sum, r) => sum + Buffer.byteLength(r.json), 0)
line('records (synthetic SmartAssist, hour windows)', `${records.length.toLocaleString('en-US')}`)
line('average record, JSON', `${Math.round(jsonBytes / records.length)} bytes (${mb(jsonBytes)} in all)`)
line('RSS holding the records to put (as JSON text)', mb(rss()))
console.log()

// --- SQLite -------------------------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'bench-store-'))
const file = join(dir, STORE_FILE)
const fileSize = () =>
  ['', '-wal'].reduce((sum, side) => {
    try {
      return sum + statSync(`${file}${side}`).size
    } catch {
      return sum
    }
  }, 0)
try {
  const rss0 = rss()
  let store = openStore({ dataDir: dir, logger })
  const put = await putAll(store, records, BATCH)
  line(`SQLite put, new file, batches of ${BATCH}`, `${put.toFixed(0)} ms`)
  const marks = await timed(async () => {
    for (let start = WEEK.start; start <= WEEK.end; start += 3 * HOUR) {
      await store.markCovered({ start, end: start + 3 * HOUR - 1 }, Date.now())
    }
  })
  line('SQLite markCovered, 56 windows', `${marks.ms.toFixed(1)} ms`)
  const reput = await putAll(store, records, BATCH)
  line('SQLite put again (refresh: every record replaced)', `${reput.toFixed(0)} ms`)
  const count = await timed(() => store.count(WEEK))
  line('SQLite count(week)', `${count.ms.toFixed(1)} ms (${count.result.toLocaleString('en-US')})`)
  const read = await timed(() => readBack(store))
  line('SQLite records(week), parsed', `${read.ms.toFixed(0)} ms (${read.result.toLocaleString('en-US')})`)
  const readJson = await timed(() => readBackJson(store))
  line('SQLite recordsJson(week), JSON text', `${readJson.ms.toFixed(0)} ms`)
  const rss1 = rss()
  line('RSS with the file open, after put and read (change)', `${mb(rss1)} (${mb(rss1 - rss0)})`)
  await store.close()
  line('file size after close (checkpointed)', mb(fileSize()))

  store = openStore({ dataDir: dir, logger })
  const reopened = await timed(() => readBack(store))
  line(
    'SQLite reopened, records(week), parsed',
    `${reopened.ms.toFixed(0)} ms (${reopened.result.toLocaleString('en-US')})`,
  )
  await store.close()

  rmSync(dir, { recursive: true, force: true })
  store = openStore({ dataDir: dir, logger })
  const small = await putAll(store, records, 100)
  line('SQLite put, new file, batches of 100 (one page each)', `${small.toFixed(0)} ms`)
  await store.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
console.log()

// --- memory -------------------------------------------------------------------------------------
{
  const rss0 = rss()
  const store = openStore({ dataDir: 'memory', logger })
  const put = await putAll(store, records, BATCH)
  line(`memory put, batches of ${BATCH}`, `${put.toFixed(0)} ms`)
  const read = await timed(() => readBack(store))
  line('memory records(week), parsed', `${read.ms.toFixed(0)} ms (${read.result.toLocaleString('en-US')})`)
  const readJson = await timed(() => readBackJson(store))
  line('memory recordsJson(week), JSON text', `${readJson.ms.toFixed(0)} ms`)
  const rss1 = rss()
  line('RSS holding the week in memory (change)', `${mb(rss1)} (${mb(rss1 - rss0)})`)
  await store.close()
}
console.log()

// --- what compressing each record would cost (why the store keeps JSON text) -------------------------
{
  const sample = records.slice(0, 10_000).map((r) => r.json)
  const bytes = sample.reduce((sum, s) => sum + Buffer.byteLength(s), 0)
  const parse = await timed(() => {
    for (const s of sample) JSON.parse(s)
  })
  const deflate = await timed(() => sample.map((s) => deflateRawSync(s)))
  const packed = deflate.result.reduce((sum, b) => sum + b.length, 0)
  const inflate = await timed(() => {
    for (const b of deflate.result) JSON.parse(inflateRawSync(b).toString())
  })
  const per = (ms: number) => `${((ms * 1000) / sample.length).toFixed(1)} µs/record`
  line(
    '10,000 records as JSON text: parse',
    `${per(parse.ms)}, ${Math.round(bytes / sample.length)} bytes each`,
  )
  line('deflated one by one: deflate', per(deflate.ms))
  line(
    'deflated one by one: inflate + parse',
    `${per(inflate.ms)}, ${Math.round(packed / sample.length)} bytes each`,
  )
}
