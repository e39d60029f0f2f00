import { MAX_LIMIT, MAX_OFFSET } from '../../lib/calldetails-limits'
// Pure window planning for the fetch engine: which window to ask for next, from a density model
// (density-model.ts). Nothing here touches the network.
//
// Facts it works with: a window yields at most 11 pages of 100, and requests are the scarce resource, so a
// window should hold about 1,000 records (every window costs ~0.5 request of slack in its last page).
// Windows end on a fixed UTC grid, and never run past a UTC midnight unless they span whole days, so that
// two overlapping ranges meet on the same windows and the server's cache answers the second one.

import type { Model } from './density-model'
import type { TimeIndex } from './time-index'

export const SECOND = 1_000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export const PAGE_SIZE = MAX_LIMIT
export const MAX_PAGES = MAX_OFFSET + 1
export const WINDOW_CAPACITY = PAGE_SIZE * MAX_PAGES
/** Records a window is sized for: close to the 1,100 ceiling; an overflow is found with one or two pages. */
export const DEFAULT_TARGET = 1_000
/** The proxy allows end − start ≤ 7 days + 1 hour; a window never needs more than 7 days. */
export const MAX_WINDOW_MS = 7 * DAY

// Grid units: all divide a day, so window ends are aligned to UTC days and to each unit from the epoch.
const UNITS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60].map((m) => m * MINUTE)
/** A window's end is rounded down to the coarsest unit ≤ 1/8 of its length whose rounding gives up ≤ 5% of
 * the target: hours at night, minutes at the peak. */
const SNAP_DIV = 8
const SNAP_LOSS = 0.05

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
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]00:?00)?$/.exec(
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

export type PlanInput = {
  /** where the next window starts: the range start or the previous window's end */
  t: number
  rangeEnd: number
  model: Model | null
  target?: number
  minWindowMs?: number
}

/** Chooses the next window: as long as the model allows (≈ target records), ending on the grid. */
export function planWindow({
  t,
  rangeEnd,
  model,
  target = DEFAULT_TARGET,
  minWindowMs = MINUTE,
}: PlanInput): WindowPlan {
  const room = rangeEnd - t
  if (room <= minWindowMs)
    return { start: t, end: rangeEnd, predicted: model ? model.count(t, rangeEnd) : null }
  if (!model) {
    // Cold start: the rest of the first UTC day; its first page is the density probe.
    return { start: t, end: Math.min(nextMidnight(t), rangeEnd), predicted: null }
  }
  const predict = (x: number) => model.count(t, t + x)
  const cap = Math.min(MAX_WINDOW_MS, room, model.maxLen)
  if (cap >= room && predict(room) <= target * 1.05 && spansWholeDays(t, rangeEnd)) {
    return { start: t, end: rangeEnd, predicted: predict(room) }
  }
  const want = longestWithin(predict, target, minWindowMs, cap)
  // Round down to a unit that gives up at most ~5% of the target (coarser at night, finer at the peak).
  const lost = (end: number) => model.count(end, t + want)
  const end = snapEnd(t, want, minWindowMs, rangeEnd, (e) => lost(e) <= SNAP_LOSS * target)
  return { start: t, end, predicted: model.count(t, end) }
}

/**
 * Plans backward from an island fetched ahead (newest-first answers give the far end of a window first):
 * with nothing known before the cursor, the island's first hours are the best guess for the hours just
 * before it. Returns a window ending at the island; it is an island itself unless it reaches the cursor.
 */
export function planBackward({
  t,
  ahead,
  index,
  target = DEFAULT_TARGET,
  minWindowMs = MINUTE,
}: {
  t: number
  ahead: Interval
  index: TimeIndex
  target?: number
  minWindowMs?: number
}): WindowPlan & { island: boolean } {
  const horizon = ahead.start
  const probe = Math.max(Math.min((ahead.end - ahead.start) / 3, 3 * HOUR), minWindowMs)
  const rate = (index.count(horizon, horizon + probe) + 1) / probe
  const room = horizon - t
  if (rate * room <= target * 1.05 || room <= 2 * minWindowMs) {
    return { start: t, end: horizon, predicted: rate * room, island: false }
  }
  const want = Math.max(minWindowMs, target / rate)
  let unit = minWindowMs
  for (const u of UNITS)
    if (u <= want / SNAP_DIV && u >= minWindowMs && rate * u <= SNAP_LOSS * target) unit = u
  const start = Math.ceil((horizon - want) / unit) * unit
  if (start <= t + minWindowMs) return { start: t, end: horizon, predicted: rate * room, island: false }
  return { start, end: horizon, predicted: rate * (horizon - start), island: true }
}

function nextMidnight(t: number): number {
  return Math.floor(t / DAY) * DAY + DAY
}

/** The tail of a range may be taken in one window when it does not cross a midnight or starts at one. */
function spansWholeDays(t: number, end: number): boolean {
  return end <= nextMidnight(t) || t % DAY === 0
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
 * Ends a window of about `want` ms on the grid. A window stops at the next UTC midnight, or spans whole
 * days from a midnight: every range passes through every midnight (but inside whole-day windows), so
 * ranges that overlap meet again there. Within a day the end is the last multiple of the coarsest
 * acceptable unit.
 */
export function snapEnd(
  t: number,
  want: number,
  minWindowMs: number,
  rangeEnd: number,
  acceptable: (end: number) => boolean = () => true,
): number {
  const midnight = nextMidnight(t)
  if (t + want >= midnight) {
    // Whole days only from a midnight: a window that starts within a day ends at its midnight.
    const days = t % DAY === 0 ? Math.floor(want / DAY) : 1
    return Math.min(t - (t % DAY) + Math.max(1, days) * DAY, rangeEnd)
  }
  let end = Math.floor((t + want) / minWindowMs) * minWindowMs
  // The coarsest unit (≤ 1 h, ≤ 1/SNAP_DIV of the length) whose rounding the caller accepts.
  for (const u of UNITS) {
    if (u > want / SNAP_DIV || u < minWindowMs) continue
    const e = Math.floor((t + want) / u) * u
    if (e > t && acceptable(e)) end = e
  }
  if (end <= t) end = (Math.floor(t / minWindowMs) + 1) * minWindowMs
  return Math.min(end, rangeEnd)
}
