// Pure window planning for the fetch engine: how many records a window is expected to hold, and which
// window to ask for next. Nothing here touches the network; the engine feeds it the record times it has.
//
// Facts it works with: a window yields at most 11 pages of 100, and requests are the scarce resource, so a
// window should hold about 1,000 records (every window costs ~0.5 request of slack in its last page).
// Windows end on a fixed UTC grid, and never run past a UTC midnight unless they span whole days, so that
// two overlapping ranges meet on the same windows and the server's cache answers the second one.

import type { TimeIndex } from './time-index'

export const SECOND = 1_000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export const PAGE_SIZE = 100
export const MAX_PAGES = 11 // offsets 0..10
export const WINDOW_CAPACITY = PAGE_SIZE * MAX_PAGES
/** Records a window is sized for: close to the 1,100 ceiling; an overflow is found with one or two pages. */
export const DEFAULT_TARGET = Number(process.env.TARGET ?? 1000)
/** The proxy allows end − start ≤ 7 days + 1 hour; a window never needs more than 7 days. */
export const MAX_WINDOW_MS = 7 * DAY

// Grid units: all divide a day, so window ends are aligned to UTC days and to each unit from the epoch.
const UNITS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60].map((m) => m * MINUTE)
/** A window's end is rounded down to a unit ≤ its length / SNAP_DIV: at most ~1/8 of it is given up. */
const SNAP_DIV = Number(process.env.SNAP_DIV ?? 8)

export type Interval = { start: number; end: number }

/** Predicted number of records with start ≤ time ≤ end, for parts of the range not fetched yet. */
export type CountModel = (start: number, end: number) => number

export type WindowPlan = Interval & {
  /** the predicted record count, null when nothing is known yet (cold start) */
  predicted: number | null
}

/** Records give zone-less `yyyy-MM-dd HH:mm:ss` (or with `T`); we always ask with offset 0, so they are UTC. */
export function parseUtcTimestamp(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]00:?00)?$/.exec(
    value.trim(),
  )
  if (!m) return null
  const [, y, mo, d, h, mi, s, ms] = m
  const t = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((ms ?? '0').padEnd(3, '0')),
  )
  return Number.isFinite(t) ? t : null
}

/** The request form the proxy expects: a UTC instant such as 2024-11-18T00:00:00.000Z. */
export function toUtcInstant(ms: number): string {
  return new Date(ms).toISOString()
}

export type ModelInput = {
  /** the sweep position: everything in [rangeStart, t] is fetched */
  t: number
  rangeStart: number
  index: TimeIndex
  /** the last complete window (it ends at t) */
  basis: Interval | null
}

export type Model = {
  count: CountModel
  /** longest window the model is trusted for (a sparse basis says little about hours far ahead) */
  maxLen: number
}

/** The best prediction available at t: yesterday's same hours when fetched, else the last window's trend. */
export function buildModel(input: ModelInput): Model | null {
  return seasonalModel(input) ?? trendModel(input)
}

/**
 * Contact centres repeat their day: the count of [a, b] is yesterday's count of [a − 1d, b − 1d], scaled
 * by how today compares with yesterday over the last hours (weekends, a busy Monday).
 */
function seasonalModel({ t, rangeStart, index }: ModelInput): Model | null {
  if (t - DAY < rangeStart) return null
  // Today vs yesterday since midnight. Only yesterday and today are read, so two ranges that both hold
  // yesterday plan today alike (the server's cache then answers the second). Before 1 a.m.: like yesterday.
  const midnight = Math.floor(t / DAY) * DAY
  const lookback = Math.max(0, t - Math.max(midnight, rangeStart + DAY))
  const compare = lookback >= HOUR
  const today = compare ? index.count(t - lookback, t) : 0
  const yesterday = compare ? index.count(t - lookback - DAY, t - DAY) : 0
  const scale = compare ? Math.min(10, Math.max(0.1, (today + 3) / (yesterday + 3))) : 1
  const recentRate = compare ? (today + 3) / lookback : (index.count(t - DAY, t) + 3) / DAY
  // A floor so an empty stretch yesterday does not promise an empty one today.
  const floorRate = 0.05 * recentRate
  const count: CountModel = (a, b) => {
    if (b < a) return 0
    const known = Math.min(b, t + DAY) // beyond a day ahead, yesterday is not fetched yet
    let n = a <= known ? scale * index.count(a - DAY, known - DAY) : 0
    if (b > known) n += recentRate * (b - Math.max(a, known))
    return n + floorRate * (b - a)
  }
  return { count, maxLen: MAX_WINDOW_MS }
}

/**
 * The last window's density, extrapolated with its trend (first third vs last third): business hours ramp
 * up and down. Rises are extrapolated fully (an overflow costs more than a short window), falls only half.
 */
function trendModel({ t, index, basis }: ModelInput): Model | null {
  if (!basis) return null
  const s = Math.max(basis.end - basis.start, SECOND)
  const n = index.count(basis.start, basis.end)
  if (s >= DAY) {
    // A day or more holds whole daily cycles: its average rate holds for the days ahead.
    const rate = (n + 2) / s
    return { count: (a, b) => rate * Math.max(0, b - a), maxLen: MAX_WINDOW_MS }
  }
  if (n < 60) {
    // Too few to see a shape: a flat rate with a small pseudo-count, and no more than 3× the basis ahead.
    const rate = (n + 2) / s
    return { count: (a, b) => rate * Math.max(0, b - a), maxLen: Math.max(3 * s, HOUR) }
  }
  const third = s / 3
  const first = index.count(basis.start, basis.start + third)
  const last = index.count(basis.end - third, basis.end)
  const base = (last + 1) / third
  const ratio = (last + 1) / (first + 1)
  const k = ratio >= 1 ? Math.log(Math.min(ratio, 4)) : 0.5 * Math.log(Math.max(ratio, 0.25))
  const perMs = k / ((2 * s) / 3)
  const rate = (u: number) => Math.min(3 * base, Math.max(0.4 * base, base * Math.exp(perMs * (u + s / 6))))
  const count: CountModel = (a, b) => integrate(rate, Math.max(0, a - t), Math.max(0, b - t))
  return { count, maxLen: n < 300 ? Math.max(3 * s, HOUR) : MAX_WINDOW_MS }
}

function integrate(rate: (u: number) => number, from: number, to: number): number {
  if (to <= from) return 0
  const steps = 16
  const h = (to - from) / steps
  let sum = 0
  for (let i = 0; i < steps; i++) sum += rate(from + (i + 0.5) * h)
  return sum * h
}

export type PlanInput = {
  /** where the next window starts: the range start or the previous window's end */
  t: number
  rangeEnd: number
  model: Model | null
  target?: number
  minWindowMs?: number
}

/** Chooses the next window: as long as the model allows (≈ target records), ending on the grid. */
export function planWindow({ t, rangeEnd, model, target = DEFAULT_TARGET, minWindowMs = MINUTE }: PlanInput): WindowPlan {
  const room = rangeEnd - t
  if (room <= minWindowMs) return { start: t, end: rangeEnd, predicted: model ? model.count(t, rangeEnd) : null }
  if (!model) {
    // Cold start: the rest of the first UTC day; its first page is the density probe.
    return { start: t, end: Math.min(nextMidnight(t), rangeEnd), predicted: null }
  }
  const predict = (x: number) => model.count(t, t + x)
  const cap = Math.min(MAX_WINDOW_MS, room, model.maxLen)
  if (cap >= room && predict(room) <= target * 1.05 && spansWholeDays(t, rangeEnd, room)) {
    return { start: t, end: rangeEnd, predicted: predict(room) }
  }
  const want = longestWithin(predict, target, minWindowMs, cap)
  const end = snapEnd(t, want, minWindowMs, rangeEnd)
  return { start: t, end, predicted: model.count(t, end) }
}

function nextMidnight(t: number): number {
  return Math.floor(t / DAY) * DAY + DAY
}

/** The tail of a range may be taken in one window when it does not cross a midnight or is days long. */
function spansWholeDays(t: number, end: number, room: number): boolean {
  return end <= nextMidnight(t) || room >= DAY
}

function longestWithin(predict: (x: number) => number, target: number, lo: number, hi: number): number {
  if (hi <= lo || predict(lo) > target) return Math.min(lo, hi)
  if (predict(hi) <= target) return hi
  let a = lo
  let b = hi
  while (b - a > SECOND) {
    const mid = (a + b) / 2
    if (predict(mid) <= target) a = mid
    else b = mid
  }
  return a
}

/**
 * Ends a window of about `want` ms on the grid. A window stops at the next UTC midnight unless it is a
 * day or longer (then it ends on a midnight): every range passes through every midnight, so ranges that
 * overlap meet again there. Within a day the end is the last multiple of the largest unit ≤ want/3 (at
 * least 2/3 of the wanted length is kept).
 */
export function snapEnd(t: number, want: number, minWindowMs: number, rangeEnd: number): number {
  const midnight = nextMidnight(t)
  let end: number
  if (t + want >= midnight) {
    end = want >= DAY ? Math.floor((t + want) / DAY) * DAY : midnight
  } else {
    let unit = minWindowMs
    for (const u of UNITS) if (u <= want / SNAP_DIV && u >= minWindowMs) unit = u
    end = Math.floor((t + want) / unit) * unit
    if (end <= t) end = (Math.floor(t / unit) + 1) * unit
  }
  return Math.min(end, rangeEnd)
}
