import { tz } from '@date-fns/tz'
import { addDays, endOfDay, startOfDay } from 'date-fns'
import { MAX_RANGE_MS } from '../../lib/calldetails-limits'

/** A range of instants, both ends inclusive (epoch ms). */
export type TimeRange = { start: number; end: number }

const zoneValidity = new Map<string, boolean>()

/** Whether Intl knows the zone; remembered (a DateTimeFormat costs ~1 ms, asked on every URL change). */
export function isValidTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone)
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone })
      valid = true
    } catch {
      valid = false
    }
    if (zoneValidity.size < 1_000) zoneValidity.set(zone, valid)
  }
  return valid
}

export function rangeProblem(range: TimeRange): string | null {
  if (!Number.isFinite(range.start) || !Number.isFinite(range.end)) return 'The range has an unreadable date.'
  if (range.end < range.start) return 'The range ends before it starts.'
  if (range.end - range.start > MAX_RANGE_MS) return 'SmartAssist allows at most 7 days per range.'
  return null
}

/** Whole calendar days in the display zone: 00:00 of the first to 23:59:59.999 of the last. */
export function calendarDays(firstDay: number, lastDay: number, zone: string): TimeRange {
  const inZone = { in: tz(zone) }
  return { start: +startOfDay(firstDay, inZone), end: +endOfDay(lastDay, inZone) }
}

/** The first 7 days from `start` (calendar days in the zone) — the nearest valid range for one too long. */
export function firstSevenDays(start: number, zone: string): TimeRange {
  return { start, end: +addDays(start, 7, { in: tz(zone) }) - 1 }
}
