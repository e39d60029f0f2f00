import { TZDate, tz } from '@date-fns/tz'
import { differenceInCalendarDays } from 'date-fns'
import { formatDateTime } from '../../lib/format'
import { calendarDays, type TimeRange } from './range-rules'

/** SmartAssist's limit in calendar days (CONTRACT.md, the 7-day rule). */
export const MAX_DAYS = 7
/** react-day-picker's range `max` counts nights (days between), not calendar days: 7 days = 6 nights. */
export const MAX_NIGHTS = MAX_DAYS - 1

/** The end-of-day time the "To" input shows; it stands for 23:59:59.999. */
export const END_OF_DAY_TIME = '23:59'

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?$/

function parseTime(text: string): { hours: number; minutes: number } | null {
  const match = TIME.exec(text.trim())
  if (!match) return null
  return { hours: Number(match[1]), minutes: Number(match[2]) }
}

/** `HH:mm` of an instant in the zone. */
export function timeOfDay(ms: number, zone: string): string {
  return formatDateTime(ms, zone, 'HH:mm')
}

/** Calendar days from `a` to `b` in the zone (b − a; 0 for the same day). */
export function dayDifference(b: number | Date, a: number | Date, zone: string): number {
  return differenceInCalendarDays(b, a, { in: tz(zone) })
}

/**
 * The instants a picked range names: `fromTime` on the first day, `toTime` on the last day.
 * An empty or unreadable `fromTime` means 00:00; an empty one, or `23:59`, for `toTime` means the end of the
 * last day (23:59:59.999), so whole days stay whole. Any other `toTime` is that minute's first instant.
 */
export function rangeWithTimes(
  firstDay: number,
  lastDay: number,
  fromTime: string,
  toTime: string,
  zone: string,
): TimeRange {
  const days = calendarDays(firstDay, lastDay, zone)
  const at = (dayMs: number, time: { hours: number; minutes: number }) => {
    const day = new TZDate(dayMs, zone)
    return +new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), time.hours, time.minutes, zone)
  }
  const from = parseTime(fromTime)
  const to = parseTime(toTime)
  const toIsEndOfDay = !to || (to.hours === 23 && to.minutes === 59)
  return {
    start: from ? at(days.start, from) : days.start,
    end: toIsEndOfDay ? days.end : at(days.end, to),
  }
}

/** Whether the range is whole calendar days in the zone (00:00 of the first to the end of the last). */
export function isWholeDays(range: TimeRange, zone: string): boolean {
  const whole = calendarDays(range.start, range.end, zone)
  return whole.start === range.start && whole.end === range.end
}

/**
 * A short label: `Nov 12 – Nov 18, 2024`, `Nov 12, 2024`, `Dec 30, 2024 – Jan 2, 2025`, and with times
 * `Nov 12, 09:00 – Nov 13, 17:30, 2024` or `Nov 12, 2024, 09:00 – 17:30`.
 */
export function formatRangeLabel(range: TimeRange, zone: string): string {
  const f = (ms: number, pattern: string) => formatDateTime(ms, zone, pattern)
  const sameYear = f(range.start, 'yyyy') === f(range.end, 'yyyy')
  const sameDay = dayDifference(range.end, range.start, zone) === 0
  if (isWholeDays(range, zone)) {
    if (sameDay) return f(range.start, 'MMM d, yyyy')
    if (sameYear) return `${f(range.start, 'MMM d')} – ${f(range.end, 'MMM d, yyyy')}`
    return `${f(range.start, 'MMM d, yyyy')} – ${f(range.end, 'MMM d, yyyy')}`
  }
  if (sameDay) return `${f(range.start, 'MMM d, yyyy, HH:mm')} – ${f(range.end, 'HH:mm')}`
  if (sameYear) return `${f(range.start, 'MMM d, HH:mm')} – ${f(range.end, 'MMM d, HH:mm, yyyy')}`
  return `${f(range.start, 'MMM d, yyyy, HH:mm')} – ${f(range.end, 'MMM d, yyyy, HH:mm')}`
}
