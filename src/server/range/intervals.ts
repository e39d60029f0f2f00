// Interval arithmetic for ranges (epoch ms, inclusive at both ends) and the store's freshness rule.
import type { CoveredInterval, Interval } from '../store/store'

/** An interval fetched this long after it ended is settled: its data no longer changes. */
export const SETTLED_AFTER_MS = 30 * 60_000
/** An interval fetched less than SETTLED_AFTER_MS after it ended is served this long, then fetched again. */
export const RECENT_TTL_MS = 60_000

/** The parts of a held interval that may be served as they are at `now`. */
export type Freshness = (iv: CoveredInterval, now: number) => Interval[]

/**
 * CONTRACT.md "Conversation store": the part that had ended 30 minutes before it was fetched is
 * settled and stands; the rest (recent when fetched) stands for a minute.
 */
export const freshParts: Freshness = (iv, now) => {
  if (now - iv.fetchedAt <= RECENT_TTL_MS) return [{ start: iv.start, end: iv.end }]
  const settledEnd = Math.min(iv.end, iv.fetchedAt - SETTLED_AFTER_MS)
  return settledEnd >= iv.start ? [{ start: iv.start, end: settledEnd }] : []
}

/** `range` minus the (sorted, non-overlapping) `parts`. */
export function subtract(range: Interval, parts: readonly Interval[]): Interval[] {
  const gaps: Interval[] = []
  let from = range.start
  for (const part of [...parts].sort((a, b) => a.start - b.start)) {
    if (part.end < from || part.start > range.end) continue
    if (part.start > from) gaps.push({ start: from, end: part.start - 1 })
    from = Math.max(from, part.end + 1)
  }
  if (from <= range.end) gaps.push({ start: from, end: range.end })
  return gaps
}
