// Benchmark of the fetch engine (npm run bench:fetch): for weeks of 1,000 / 14,000 / 50,400 conversations
// from the synthetic SmartAssist (src/mocks), driven in-process through its request handler, it prints the
// requests made against the minimum ceil(N/100), the wall time here, and how long a real account would take
// at 60 requests a minute (virtual time: the server's sliding-window queue, 1 s per upstream answer).
// A second run over the same week shifted by one day shows how many of its requests the server's cache
// would answer (identical window + offset).
//
//   npx tsx scripts/bench-fetch.ts [seed]

import { conversationIdentity } from '../src/api/normalize'
import { createSyntheticSmartAssist } from '../src/mocks/synthetic-smartassist'
import {
  type FetchRangeOptions,
  fetchRange,
  type PageRequest,
  type PostPage,
  recordStartTime,
} from '../src/server/engine/fetch-engine'
import { PageError } from '../src/server/engine/page-error'

const DAY = 86_400_000
const RATE_PER_MIN = 60
const LATENCY_MS = 1_000
const WEEKS = [1_000, 14_000, 50_400]
const seed = Number(process.argv[2] ?? 20241118)
// Monday 2024-11-18 00:00 UTC, a whole week (end inclusive).
const START = Date.UTC(2024, 10, 18)
const END = START + 7 * DAY - 1

const keyOf = (r: PageRequest) => `${r.startDate}|${r.endDate}|${r.offset}|${r.limit}`

function syntheticPostPage(perDay: number, keys: string[]): PostPage {
  const sa = createSyntheticSmartAssist({ seed, perDay })
  return async (req) => {
    keys.push(keyOf(req))
    const body = { startDate: req.startDate, endDate: req.endDate, timeZoneOffset: 0 }
    const res = sa.handle({ offset: req.offset, limit: req.limit, body })
    if (res.status !== 200) throw new PageError(res.status, JSON.stringify(res.body))
    return res.body as { data: unknown[] }
  }
}

/**
 * Runs fetchRange in virtual time: each request waits for the server's sliding-window queue (60 starts in
 * any 60 s), then takes LATENCY_MS. Timers resolve in time order once the engine has nothing else to do.
 */
async function virtualMinutes(opts: FetchRangeOptions): Promise<number> {
  let now = 0
  const starts: number[] = []
  const timers: { at: number; fire: () => void }[] = []
  const inner = opts.postPage
  const postPage: PostPage = (req, signal) => {
    const earliest = starts.length >= RATE_PER_MIN ? (starts[starts.length - RATE_PER_MIN] ?? 0) + 60_000 : 0
    const start = Math.max(now, earliest)
    starts.push(start)
    return new Promise((resolve, reject) => {
      timers.push({ at: start + LATENCY_MS, fire: () => inner(req, signal).then(resolve, reject) })
    })
  }
  let settled = false
  const run = fetchRange({ ...opts, postPage }).finally(() => {
    settled = true
  })
  while (!settled) {
    await new Promise((r) => setImmediate(r))
    if (settled) break
    timers.sort((a, b) => a.at - b.at)
    const next = timers.shift()
    if (!next) break
    now = next.at
    next.fire()
  }
  await run
  return now / 60_000
}

type Row = Record<string, string | number>

async function benchWeek(total: number): Promise<Row> {
  const perDay = total / 7
  const truth = new Set(createSyntheticSmartAssist({ seed, perDay }).listIdentities(START, END))
  const base = { recordTime: recordStartTime, identity: conversationIdentity }

  const keys: string[] = []
  const t0 = performance.now()
  const res = await fetchRange({ ...base, start: START, end: END, postPage: syntheticPostPage(perDay, keys) })
  const wallMs = performance.now() - t0
  const exact =
    res.records.length === truth.size && res.records.every((r) => truth.has(conversationIdentity(r) ?? ''))

  const minutes = await virtualMinutes({
    ...base,
    start: START,
    end: END,
    postPage: syntheticPostPage(perDay, []),
  })

  // The same week shifted by one day: requests identical to the first run's would come from the cache.
  const shiftedKeys: string[] = []
  await fetchRange({
    ...base,
    start: START + DAY,
    end: END + DAY,
    postPage: syntheticPostPage(perDay, shiftedKeys),
  })
  const seen = new Set(keys)
  const reused = shiftedKeys.filter((k) => seen.has(k)).length

  const minimum = Math.ceil(truth.size / 100)
  return {
    'N (week)': truth.size,
    requests: res.requests,
    'ceil(N/100)': minimum,
    ratio: (res.requests / minimum).toFixed(3),
    windows: new Set(keys.map((k) => k.split('|').slice(0, 2).join('|'))).size,
    'all ids': exact ? 'yes' : 'NO',
    overflow: res.overflow.length,
    'wall ms': Math.round(wallMs),
    'min @60/min': minutes.toFixed(1),
    'shifted: cached': `${reused}/${shiftedKeys.length}`,
  }
}

const rows: Row[] = []
for (const total of WEEKS) rows.push(await benchWeek(total))

const cols = Object.keys(rows[0] ?? {})
const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)))
const line = (cells: string[]) => cells.map((c, i) => c.padStart(width[i] ?? 0)).join('  ')
console.log(
  `fetch engine over the synthetic SmartAssist (seed ${seed}), week of ${new Date(START).toISOString().slice(0, 10)}`,
)
console.log(line(cols))
for (const r of rows) console.log(line(cols.map((c) => String(r[c]))))
console.log(
  `ratio = requests / ceil(N/100) (target ≤ 1.15). min @60/min: virtual time for a real account, the server's queue letting ${RATE_PER_MIN} requests start in any 60 s, ${LATENCY_MS / 1000} s per answer, 3 in flight.`,
)
console.log(
  'shifted: cached = requests of the week shifted by one day that repeat a window+offset already asked (a cache hit).',
)
