import { tz } from '@date-fns/tz'
import { addDays, format, isValid, parseISO } from 'date-fns'
import { calendarDays, firstSevenDays, isValidTimeZone, rangeProblem, type TimeRange } from './range-rules'

export type RangeFromUrl =
  | { ok: true; range: TimeRange; zone: string }
  | { ok: false; zone: string; problem: string; suggestion: TimeRange }

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

// CONTRACT.md: a day (yyyy-MM-dd) or an ISO date-time; date-fns would also take `2024-11`, weeks, etc.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i

/** One URL value: a day (whole day in the zone) or an ISO date-time (zone-less = the display zone). */
function parseBound(value: string, zone: string, edge: 'start' | 'end'): number | null {
  const text = value.trim()
  if (!DATE_ONLY.test(text) && !DATE_TIME.test(text)) return null
  const parsed = parseISO(text.replace(' ', 'T'), { in: tz(zone) })
  if (!isValid(parsed)) return null
  if (!DATE_ONLY.test(text)) return +parsed
  const day = calendarDays(+parsed, +parsed, zone)
  return edge === 'start' ? day.start : day.end
}

/** The last 7 calendar days up to today, in the display zone. */
export function defaultRange(now: number, zone: string): TimeRange {
  return calendarDays(+addDays(now, -6, { in: tz(zone) }), now, zone)
}

/** Reads `from`, `to` and `tz` (CONTRACT.md, page URL state). Never throws. */
export function rangeFromUrl(params: URLSearchParams, now: number, browserZone: string): RangeFromUrl {
  const tzParam = params.get('tz')
  if (tzParam !== null && !isValidTimeZone(tzParam)) {
    return {
      ok: false,
      zone: browserZone,
      problem: `"${tzParam}" is not a time zone this browser knows (use an IANA name such as America/New_York).`,
      suggestion: defaultRange(now, browserZone),
    }
  }
  const zone = tzParam ?? browserZone
  const from = params.get('from')
  const to = params.get('to')
  if (from === null && to === null) return { ok: true, range: defaultRange(now, zone), zone }
  if (from === null) {
    return {
      ok: false,
      zone,
      problem: 'The link has `to` without `from`.',
      suggestion: defaultRange(now, zone),
    }
  }

  const start = parseBound(from, zone, 'start')
  // `from` alone is that one day, whether it names the day or a moment in it.
  const end =
    to === null ? (start === null ? null : calendarDays(start, start, zone).end) : parseBound(to, zone, 'end')
  if (start === null || end === null) {
    const bad = start === null ? from : to
    return {
      ok: false,
      zone,
      problem: `"${bad}" is not a date (use yyyy-MM-dd or an ISO date-time).`,
      suggestion: start === null ? defaultRange(now, zone) : calendarDays(start, start, zone),
    }
  }
  const range = { start, end }
  const problem = rangeProblem(range)
  if (problem === null) return { ok: true, range, zone }
  if (end < start) {
    // A reversed link is most likely two dates in the wrong order: swap the days they name.
    const swapped = {
      start: parseBound(to ?? from, zone, 'start') ?? end,
      end: parseBound(from, zone, 'end') ?? start,
    }
    return {
      ok: false,
      zone,
      problem,
      suggestion: rangeProblem(swapped) ? firstSevenDays(swapped.start, zone) : swapped,
    }
  }
  return { ok: false, zone, problem, suggestion: firstSevenDays(start, zone) }
}

/** Writes a range back as the shortest faithful parameters: whole days as yyyy-MM-dd. */
export function rangeToParams(range: TimeRange, zone: string, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params)
  const inZone = { in: tz(zone) }
  const whole = calendarDays(range.start, range.end, zone)
  const isWholeDays = whole.start === range.start && whole.end === range.end
  const day = (ms: number) => format(ms, 'yyyy-MM-dd', inZone)
  const dateTime = (ms: number) =>
    format(ms, ms % 1000 ? "yyyy-MM-dd'T'HH:mm:ss.SSS" : "yyyy-MM-dd'T'HH:mm:ss", inZone)
  const fromValue = isWholeDays ? day(range.start) : dateTime(range.start)
  const toValue = isWholeDays ? day(range.end) : dateTime(range.end)
  next.set('from', fromValue)
  if (isWholeDays && fromValue === toValue) next.delete('to')
  else next.set('to', toValue)
  return next
}
