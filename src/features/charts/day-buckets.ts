import { tz } from '@date-fns/tz'
import { addDays, format, startOfDay } from 'date-fns'
import type { Conversation } from '../../api/conversation'

export type DayBucket = {
  /** yyyy-MM-dd in the display zone */
  day: string
  /** the day's first and last instant (a DST day is 23 or 25 hours long) */
  start: number
  end: number
  count: number
  botOnly: number
}

/** Records no day holds: without a start time, or starting outside the range. */
export type Unplaced = { noStart: number; outside: number }

/**
 * Conversations per calendar day of the display zone, every day of the range listed (zero days too).
 * A conversation without a start time (or one outside the range) counts in no day: `unplaced` says
 * how many, so the chart's total can be checked against the count.
 */
export function countByDay(
  conversations: readonly Conversation[],
  range: { start: number; end: number },
  zone: string,
  unplaced: Unplaced = { noStart: 0, outside: 0 },
): DayBucket[] {
  const inZone = { in: tz(zone) }
  const buckets: DayBucket[] = []
  for (let day = startOfDay(range.start, inZone); +day <= range.end && buckets.length < 31; ) {
    const next = addDays(day, 1, inZone)
    buckets.push({
      day: format(day, 'yyyy-MM-dd', inZone),
      start: +day,
      end: +next - 1,
      count: 0,
      botOnly: 0,
    })
    day = next
  }
  for (const c of conversations) {
    const t = c.sessionStartTime
    if (t === null) {
      unplaced.noStart++
      continue
    }
    const bucket = findBucket(buckets, t)
    if (!bucket) {
      unplaced.outside++
      continue
    }
    bucket.count++
    if (c.botOnly) bucket.botOnly++
  }
  return buckets
}

function findBucket(buckets: DayBucket[], t: number): DayBucket | undefined {
  let lo = 0
  let hi = buckets.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const b = buckets[mid] as DayBucket
    if (t < b.start) hi = mid - 1
    else if (t > b.end) lo = mid + 1
    else return b
  }
  return undefined
}
