// A small in-process stand-in for POST /api/calldetails over a known set of records, for the fetch engine's
// tests and benchmark. It enforces the real rules (limit ≤ 100, offset ≤ 10 pages, inclusive bounds, the
// 7-day rule) and can answer newest-first, oldest-first or unsorted, shuffle within a page, fail pages with
// the proxy's 502, and take time (so aborts can be tested).

import { checkRequest } from '../../mocks/api-rules'
import type { PageRequest, PostPage } from './fetch-engine'
import { PageError } from './page-error'
import { HOUR, MINUTE, SECOND } from './window-plan'

export type FakeRecord = { sessionId: string; conversationId?: string; sessionStartTime: string }

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function formatZoneless(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

// Relative load by UTC hour: quiet nights, busy business hours, a lunch dip (as contact centres run).
const HOURLY = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.8, 1.4, 1.9, 2.1, 2.0, 1.7, 1.9, 2.0, 1.9, 1.7, 1.3, 0.9, 0.7, 0.55,
  0.45, 0.3, 0.2,
]

export type WeekOptions = {
  seed: number
  /** first instant (a UTC midnight) */
  start: number
  days?: number
  total: number
  /** share of bot-only sessions (no conversationId) */
  botShare?: number
  /** records placed on exact whole-hour and whole-minute seconds, where windows meet */
  edgeRecords?: number
}

/** A ground-truth set of `total` records with a realistic daily shape; weekends (days 5, 6) at 40 %. */
export function generateRecords(opts: WeekOptions): FakeRecord[] {
  const rand = seededRandom(opts.seed)
  const days = opts.days ?? 7
  const minutes = days * 1440
  const cdf: number[] = []
  let acc = 0
  for (let m = 0; m < minutes; m++) {
    const day = Math.floor(m / 1440)
    const hour = Math.floor((m % 1440) / 60)
    acc += (HOURLY[hour] ?? 1) * (day % 7 >= 5 ? 0.4 : 1)
    cdf.push(acc)
  }
  const times: number[] = []
  const edge = Math.min(opts.edgeRecords ?? 0, opts.total)
  for (let i = 0; i < opts.total - edge; i++) {
    const u = rand() * acc
    let lo = 0
    let hi = minutes - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cdf[mid] ?? 0) < u) lo = mid + 1
      else hi = mid
    }
    times.push(opts.start + lo * MINUTE + Math.floor(rand() * 60) * SECOND)
  }
  // Clusters sharing one second on grid points: whole hours and whole minutes.
  for (let i = 0; i < edge; ) {
    const onHour = rand() < 0.5
    const at = onHour
      ? opts.start + Math.floor(rand() * days * 24) * HOUR
      : opts.start + Math.floor(rand() * minutes) * MINUTE
    const size = 2 + Math.floor(rand() * 5)
    for (let k = 0; k < size && i < edge; k++, i++) times.push(at)
  }
  const botShare = opts.botShare ?? 0.2
  return times.map((t, i) => {
    const sessionId = `s-${opts.seed}-${i}`
    const rec: FakeRecord = { sessionId, sessionStartTime: formatZoneless(t) }
    if (rand() >= botShare) rec.conversationId = `c-${opts.seed}-${i}`
    return rec
  })
}

export function fakeIdentity(raw: unknown): string | null {
  const r = raw as Partial<FakeRecord> | null
  return r?.conversationId ?? r?.sessionId ?? null
}

export type FakeOrder = 'newest-first' | 'oldest-first' | 'unsorted'

export type FakeOptions = {
  records: readonly FakeRecord[]
  recordTime: (raw: unknown) => number | null
  order?: FakeOrder
  /** shuffle the records inside each page (the set per page stays the same) */
  shuffleWithinPage?: boolean
  /** probability that a request fails with the proxy's 502 */
  failRate?: number
  seed?: number
  /** ms each answer takes (real timers); 0 = answer at once */
  latencyMs?: number
}

export type FakeCall = {
  key: string
  offset: number
  start: number
  end: number
  ok: boolean
  returned: number
}

export type FakeCalldetails = {
  postPage: PostPage
  calls: FakeCall[]
  /** successful (window, offset) keys */
  answered(): Set<string>
  inFlightPeak(): number
}

export function requestKey(req: PageRequest): string {
  return `${req.startDate}|${req.endDate}|${req.offset}|${req.limit}`
}

export function createFakeCalldetails(opts: FakeOptions): FakeCalldetails {
  const rand = seededRandom(opts.seed ?? 1)
  const order = opts.order ?? 'newest-first'
  // Oldest first, ties by id: a stable order, so pages never overlap or skip.
  const sorted = opts.records
    .map((r) => ({ r, t: opts.recordTime(r) ?? 0, id: fakeIdentity(r) ?? '' }))
    .sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const times = sorted.map((x) => x.t)
  const calls: FakeCall[] = []
  let inFlight = 0
  let peak = 0

  const lowerBound = (t: number) => {
    let lo = 0
    let hi = times.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((times[mid] ?? 0) < t) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  const answer = (req: PageRequest): unknown[] => {
    // The real API's rules, as the synthetic SmartAssist enforces them.
    const rules = checkRequest(req.offset, req.limit, {
      startDate: req.startDate,
      endDate: req.endDate,
      timeZoneOffset: 0,
    })
    if (!rules.ok) throw new PageError(400, rules.message)
    const start = Date.parse(req.startDate)
    const end = Date.parse(req.endDate)
    // Inclusive at both ends.
    let window = sorted.slice(lowerBound(start), lowerBound(end + 1))
    if (order === 'newest-first') window = window.reverse()
    else if (order === 'unsorted') window = stableShuffle(window, `${req.startDate}|${req.endDate}`)
    const page = window.slice(req.offset * req.limit, (req.offset + 1) * req.limit).map((x) => x.r)
    if (opts.shuffleWithinPage) shuffleInPlace(page, rand)
    return page
  }

  const postPage: PostPage = async (req, signal) => {
    signal.throwIfAborted()
    inFlight++
    peak = Math.max(peak, inFlight)
    const key = requestKey(req)
    const start = Date.parse(req.startDate)
    const end = Date.parse(req.endDate)
    const call: FakeCall = { key, offset: req.offset, start, end, ok: false, returned: 0 }
    calls.push(call)
    try {
      if (opts.latencyMs) await sleep(opts.latencyMs, signal)
      else await Promise.resolve()
      if (opts.failRate && rand() < opts.failRate)
        throw new PageError(502, 'SmartAssist failed (502): retry in a minute.', { upstreamStatus: 502 })
      const data = answer(req)
      call.ok = true
      call.returned = data.length
      return { numResults: data.length, data }
    } finally {
      inFlight--
    }
  }

  return {
    postPage,
    calls,
    answered: () => new Set(calls.filter((c) => c.ok).map((c) => c.key)),
    inFlightPeak: () => peak,
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })
}

function shuffleInPlace<T>(items: T[], rand: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    const a = items[i] as T
    items[i] = items[j] as T
    items[j] = a
  }
}

/** The same permutation every time the same window is asked for, so pages stay disjoint. */
function stableShuffle<T>(items: T[], key: string): T[] {
  let h = 2166136261
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619)
  const out = items.slice()
  shuffleInPlace(out, seededRandom(h))
  return out
}
