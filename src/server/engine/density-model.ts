// How many records a stretch of time not fetched yet will hold, from the records fetched so far: the
// density model the window planner sizes windows with. Pure; the engine feeds it the record times.

import type { TimeIndex } from './time-index'
import { type CountModel, DAY, HOUR, type Interval, MAX_WINDOW_MS, SECOND } from './window-plan'

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

/** The best prediction available at t: yesterday's same hours where fetched, else the last window's trend. */
export function buildModel(input: ModelInput): Model | null {
  const trend = trendModel(input)
  return seasonalModel(input, trend) ?? trend
}

/**
 * Contact centres repeat their day: the count of [a, b] is yesterday's count of [a − 1d, b − 1d], scaled
 * by how today compares with yesterday since midnight (weekends, a busy Monday). Hours whose yesterday
 * lies before the range (its first day) are left to `before`, the trend.
 */
function seasonalModel({ t, rangeStart, index }: ModelInput, before: Model | null): Model | null {
  const from = rangeStart + DAY // the first instant whose yesterday is fetched
  if (from > t && !before) return null
  // Only yesterday and today are read, so two ranges that both hold yesterday plan today alike (and the
  // server's cache answers the second). Before 1 a.m.: like yesterday.
  const midnight = Math.floor(t / DAY) * DAY
  const lookback = Math.max(0, t - Math.max(midnight, from))
  const compare = lookback >= HOUR
  const today = compare ? index.count(t - lookback, t) : 0
  const yesterday = compare ? index.count(t - lookback - DAY, t - DAY) : 0
  const scale = compare ? Math.min(10, Math.max(0.1, (today + 3) / (yesterday + 3))) : 1
  const past = Math.max(t - Math.max(t - DAY, rangeStart), HOUR)
  const recentRate = compare ? (today + 3) / lookback : (index.count(t - past, t) + 3) / past
  // A floor so an empty stretch yesterday does not promise an empty one today.
  const floorRate = 0.05 * recentRate
  // More than a day ahead, yesterday is not fetched yet: assume the busiest day seen (weekdays run
  // ~2.5× weekends, so a quiet Sunday must not promise a quiet Monday).
  let busiest = recentRate * DAY
  for (let d = t - DAY; d >= rangeStart; d -= DAY) busiest = Math.max(busiest, index.count(d, d + DAY))
  const count: CountModel = (a, b) => {
    if (b < a) return 0
    let n = 0
    if (a < from && before) n += before.count(a, Math.min(b, from))
    const lo = Math.max(a, from)
    const known = Math.min(b, t + DAY)
    if (lo <= known) n += scale * index.count(lo - DAY, known - DAY) + floorRate * (known - lo)
    if (b > known) n += (busiest / DAY) * (b - Math.max(a, known))
    return n
  }
  return { count, maxLen: from > t && before ? before.maxLen : MAX_WINDOW_MS }
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
