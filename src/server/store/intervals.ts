// Covered-interval bookkeeping as pure functions over sorted, non-overlapping lists of inclusive
// [start, end] integer-ms intervals, each with the time it was fetched. Both store implementations
// use these, so their bookkeeping cannot differ.

import type { CoveredInterval, Interval } from './store'

/** A usable interval: finite bounds, start <= end. */
export function isNonEmpty(iv: Interval): boolean {
  return Number.isFinite(iv.start) && Number.isFinite(iv.end) && iv.start <= iv.end
}

/**
 * `list` with [iv.start, iv.end] added as fetched at `fetchedAt`. Where iv overlaps a part of the
 * list, that part keeps the later fetchedAt; parts outside iv keep theirs. Parts that touch or
 * overlap and have the same fetchedAt become one. `list` must be sorted and non-overlapping; it may
 * be just the parts that touch or overlap [iv.start - 1, iv.end + 1] (the others cannot change).
 */
export function addCovered(
  list: readonly CoveredInterval[],
  iv: Interval,
  fetchedAt: number,
): CoveredInterval[] {
  if (!isNonEmpty(iv) || !Number.isFinite(fetchedAt)) return list.slice()
  const out: CoveredInterval[] = []
  let cursor = iv.start // first ms of iv not yet emitted
  let placed = false
  const placeRest = () => {
    if (!placed && cursor <= iv.end) out.push({ start: cursor, end: iv.end, fetchedAt })
    placed = true
  }
  for (const s of list) {
    if (s.end < iv.start || s.start > iv.end) {
      if (s.start > iv.end) placeRest()
      out.push({ ...s })
      continue
    }
    if (s.start < iv.start) out.push({ start: s.start, end: iv.start - 1, fetchedAt: s.fetchedAt })
    if (cursor < s.start) out.push({ start: cursor, end: s.start - 1, fetchedAt })
    const innerEnd = Math.min(s.end, iv.end)
    out.push({
      start: Math.max(s.start, iv.start),
      end: innerEnd,
      fetchedAt: Math.max(s.fetchedAt, fetchedAt),
    })
    cursor = innerEnd + 1
    if (s.end > iv.end) out.push({ start: iv.end + 1, end: s.end, fetchedAt: s.fetchedAt })
  }
  placeRest()
  return mergeTouching(out)
}

/** Joins neighbours that touch or overlap and share a fetchedAt; input sorted by start. */
function mergeTouching(sorted: CoveredInterval[]): CoveredInterval[] {
  const out: CoveredInterval[] = []
  for (const s of sorted) {
    const last = out[out.length - 1]
    if (last && last.fetchedAt === s.fetchedAt && s.start <= last.end + 1)
      last.end = Math.max(last.end, s.end)
    else out.push({ ...s })
  }
  return out
}

/** The parts of `list` inside `range`, clipped to it. */
export function clipCovered(list: readonly CoveredInterval[], range: Interval): CoveredInterval[] {
  if (!isNonEmpty(range)) return []
  const out: CoveredInterval[] = []
  for (const s of list) {
    if (s.end < range.start || s.start > range.end) continue
    out.push({
      start: Math.max(s.start, range.start),
      end: Math.min(s.end, range.end),
      fetchedAt: s.fetchedAt,
    })
  }
  return out
}

/** `list` without anything before `before`: intervals ending before it go, one across it is cut. */
export function pruneCovered(list: readonly CoveredInterval[], before: number): CoveredInterval[] {
  const out: CoveredInterval[] = []
  for (const s of list) {
    if (s.end < before) continue
    out.push({ start: Math.max(s.start, before), end: s.end, fetchedAt: s.fetchedAt })
  }
  return out
}

/** The union of two covered lists, each part keeping the later fetchedAt (as markCovered would). */
export function unionCovered(
  a: readonly CoveredInterval[],
  b: readonly CoveredInterval[],
): CoveredInterval[] {
  let out = a.slice()
  for (const s of b) out = addCovered(out, s, s.fetchedAt)
  return out
}
