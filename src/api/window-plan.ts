// Pure window planning for the fetch engine: which window to ask for next, and what the pages seen so far
// say about a window's size. Nothing here touches the network; the engine feeds it record times.
//
// Facts it works with: one window yields at most 11 pages of 100; a request is the scarce resource, so a
// window should hold about 1,000 records (every window costs ~0.5 request of slack in its last page, and an
// overflowing one costs all its pages again). Windows end on a fixed UTC grid so that overlapping ranges ask
// for the same windows and the server's cache answers them.

export const SECOND = 1_000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export const PAGE_SIZE = 100
export const MAX_PAGES = 11 // offsets 0..10
export const WINDOW_CAPACITY = PAGE_SIZE * MAX_PAGES
/** Aim for this many records per window: close to the 1,100 ceiling, far enough to absorb a misprediction. */
export const DEFAULT_TARGET = 950
/** The proxy allows end − start ≤ 7 days + 1 hour; a window never needs more than 7 days. */
export const MAX_WINDOW_MS = 7 * DAY

// Grid units (all divide a day, so every window end is aligned to UTC days and to each unit from the epoch).
const UNITS_MIN = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 360, 720, 1440]
const UNITS = UNITS_MIN.map((m) => m * MINUTE)

export type Interval = { start: number; end: number }

/** What is known about one window: its bounds and the times of records fetched for it. */
export type Observation = Interval & {
  times: readonly number[]
  /** true when every record of the window is known (a short page was seen) */
  complete: boolean
}

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

function countIn(times: readonly number[], from: number, to: number): number {
  let n = 0
  for (const t of times) if (t >= from && t <= to) n++
  return n
}

type CountModel = (lengthMs: number) => number

/**
 * Predicts the count of [w.end, w.end + x] from a complete window w: the density of its last third,
 * extrapolated with the trend between its first and last thirds (business hours ramp up and down smoothly).
 * Rises are extrapolated fully (an overflow costs a window's pages again), falls only half.
 */
function modelFromComplete(w: Observation): CountModel {
  const s = Math.max(w.end - w.start, SECOND)
  const n = countIn(w.times, w.start, w.end)
  if (n < 60) {
    // Too few to see a shape: a flat rate with a small pseudo-count so an empty window still grows the next.
    const rate = (n + 2) / s
    return (x) => rate * x
  }
  const third = s / 3
  const first = countIn(w.times, w.start, w.start + third)
  const last = countIn(w.times, w.end - third, w.end)
  const base = (last + 1) / third
  const ratio = (last + 1) / (first + 1)
  const k = ratio >= 1 ? Math.log(Math.min(ratio, 4)) : 0.5 * Math.log(Math.max(ratio, 0.25))
  const perMs = k / ((2 * s) / 3)
  const lo = base * 0.4
  const hi = base * 3
  const rate = (u: number) => Math.min(hi, Math.max(lo, base * Math.exp(perMs * (u + s / 6))))
  return (x) => integrate(rate, x)
}

function integrate(rate: (u: number) => number, x: number): number {
  const steps = 24
  const h = x / steps
  let sum = 0
  for (let i = 0; i < steps; i++) sum += rate((i + 0.5) * h)
  return sum * h
}

/**
 * Density seen in a window that had to be given up (too full): its pages, when the API sorts by time, are a
 * contiguous block at one end; min..max of that block gives the local density whichever end it is.
 */
function modelFromPartial(w: Observation): CountModel {
  const s = Math.max(w.end - w.start, SECOND)
  const n = w.times.length
  if (n === 0) return () => 0
  const covered = coveredSpan(w, w.times)
  const rate = Math.max(n / covered, n / s)
  return (x) => rate * x
}

function coveredSpan(w: Interval, times: readonly number[]): number {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const t of times) {
    if (t < min) min = t
    if (t > max) max = t
  }
  // Sorted newest-first, the block hugs w.end; oldest-first, w.start; unsorted, it spans the window.
  const span = Math.min(Math.max(max - w.start, 0), Math.max(w.end - min, 0))
  return Math.max(span, SECOND)
}

/**
 * Projects a window's total count from its first pages (all full, in offset order): records seen plus the
 * density at the frontier (the latest two pages) times the part of the window not yet covered.
 * Unsorted answers cover the whole window at once, so the projection stays at what was seen: the engine
 * then simply pages on (and meets an overflow at page 11 if the window is too full).
 */
export function projectCount(w: Interval, pages: readonly (readonly number[])[]): number {
  const all = pages.flat()
  const n = pages.reduce((sum, p) => sum + p.length, 0)
  if (all.length === 0) return n
  const s = Math.max(w.end - w.start, SECOND)
  const covered = Math.min(coveredSpan(w, all), s)
  const frontier = pages.slice(-2).flat()
  let fmin = Number.POSITIVE_INFINITY
  let fmax = Number.NEGATIVE_INFINITY
  for (const t of frontier) {
    if (t < fmin) fmin = t
    if (t > fmax) fmax = t
  }
  const frontierRate = frontier.length / Math.max(fmax - fmin, SECOND)
  return n + frontierRate * (s - covered)
}

/** Give a window up early when its pages show it will not fit; the bar is higher on one page's evidence. */
export function shouldAbandon(projected: number, fullPages: number): boolean {
  return projected > WINDOW_CAPACITY * (fullPages <= 1 ? 1.3 : 1.15)
}

export type PlanInput = {
  /** where the next window starts: the range start or the previous window's end */
  t: number
  rangeEnd: number
  /** the last complete window (normally the one ending at t) */
  basis: Observation | null
  /** a window starting at t that was given up: its density, and the next try must be smaller */
  retry: Observation | null
  target?: number
  minWindowMs?: number
}

/** Chooses the next window: as long as the prediction allows (≈ target records), ending on the grid. */
export function planWindow(input: PlanInput): WindowPlan {
  const { t, rangeEnd, basis, retry } = input
  const target = input.target ?? DEFAULT_TARGET
  const minWindow = input.minWindowMs ?? MINUTE
  const room = rangeEnd - t
  if (room <= minWindow) return { start: t, end: rangeEnd, predicted: null }

  const models: CountModel[] = []
  if (basis) models.push(modelFromComplete(basis))
  if (retry) models.push(modelFromPartial(retry))
  if (models.length === 0) {
    // Cold start: the rest of the first UTC day. Canonical for ranges that start at midnight UTC, and its
    // first page is the density probe.
    const dayEnd = Math.floor(t / DAY) * DAY + DAY
    return { start: t, end: Math.min(dayEnd, rangeEnd), predicted: null }
  }
  // Conservative: the larger of the predictions.
  const predict = (x: number) => models.reduce((m, f) => Math.max(m, f(x)), 0)

  const cap = Math.min(MAX_WINDOW_MS, room, retry ? 0.75 * (retry.end - retry.start) : room)
  if (cap >= room && predict(room) <= target * 1.05) {
    return { start: t, end: rangeEnd, predicted: predict(room) }
  }
  const want = longestWithin(predict, target, minWindow, cap)
  const end = snapEnd(t, want, minWindow, rangeEnd)
  return { start: t, end, predicted: predict(end - t) }
}

function longestWithin(predict: CountModel, target: number, lo: number, hi: number): number {
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
 * Ends a window of about `want` ms on the grid: the largest unit ≤ want/3 (so at least 2/3 of the wanted
 * length is kept), at the last multiple of that unit within reach. Two ranges that overlap then meet on the
 * same window ends, and every window is aligned to whole UTC minutes, hours or days.
 */
export function snapEnd(t: number, want: number, minWindow: number, rangeEnd: number): number {
  let unit = Math.max(minWindow, UNITS[0] ?? MINUTE)
  for (const u of UNITS) if (u <= want / 3 && u >= minWindow) unit = u
  let end = Math.floor((t + want) / unit) * unit
  if (end <= t) end = (Math.floor(t / unit) + 1) * unit
  return Math.min(end, rangeEnd)
}
