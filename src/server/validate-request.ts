import { MAX_LIMIT, MAX_OFFSET, MAX_RANGE_MS } from '../lib/calldetails-limits'
// Validation of `POST /api/calldetails?offset&limit` (CONTRACT.md, "The proxy" and "Time").
// Anything wrong answers 400 before an upstream request is spent.

export const SELECTABLE_FIELDS = ['customerinfo', 'sessionleveltags', 'skills', 'userleveltags'] as const
export type SelectableField = (typeof SELECTABLE_FIELDS)[number]

/** What reaches SmartAssist: UTC instants with offset 0, arrays deduplicated and sorted. */
export type ForwardBody = {
  startDate: string
  endDate: string
  timeZoneOffset: 0
  channels?: string[]
  queues?: string[]
  selectedFields: SelectableField[]
}

export type CallDetailsQuery = { offset: number; limit: number; body: ForwardBody }

export type Validation = { ok: true; query: CallDetailsQuery } | { ok: false; error: string }

const HOUR_MS = 3_600_000
// getTimezoneOffset's range: UTC+14 (-840) to UTC-12 (720).
const MIN_TZ_OFFSET = -840
const MAX_TZ_OFFSET = 720

const DATE_FORMS =
  'Use a UTC instant like "2024-11-18T00:00:00.000Z", or "2024-11-18 00:00:00" / "2024-11-18" with timeZoneOffset in minutes'

class InvalidRequest extends Error {}

function integerParam(
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new InvalidRequest(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`)
  }
  return Number(raw)
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/**
 * A date string as an epoch-ms instant. Zoned forms (Z, +05:30) stand as they are; zone-less ones
 * are local to `timeZoneOffset` (getTimezoneOffset sign: UTC = local + offset). A bare date is the
 * whole day: its first millisecond as a start, its last as an end.
 */
export function parseDate(value: string, timeZoneOffset: number, edge: 'start' | 'end'): number | undefined {
  const m = DATE_TIME.exec(value.trim())
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, frac, zone] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h ?? 0)
  const minute = Number(mi ?? 0)
  const second = Number(s ?? 0)
  const ms = Number((frac ?? '').slice(0, 3).padEnd(3, '0'))
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined

  let local = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  if (h === undefined && edge === 'end') local += 24 * HOUR_MS - 1
  if (!zone) return local + timeZoneOffset * 60_000
  if (zone.toUpperCase() === 'Z') return local
  const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  const zoneHours = Number(zm?.[2])
  const zoneMinutes = Number(zm?.[3] ?? 0)
  if (!zm || zoneHours > 14 || zoneMinutes > 59) return undefined
  // +05:30 is ahead of UTC: subtract it to get UTC.
  return local - (zm[1] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000
}

function optionalStringArray(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new InvalidRequest(`${name} must be an array of strings, e.g. ["a", "b"]`)
  }
  // Sorted and deduplicated: the same question asked in another order shares the cache entry.
  return [...new Set(value as string[])].sort()
}

function selectedFields(body: Record<string, unknown>): SelectableField[] {
  const requested = optionalStringArray(body, 'selectedFields')
  if (requested === undefined) return [...SELECTABLE_FIELDS]
  const fields = requested.map((f) => f.toLowerCase())
  const unknown = fields.filter((f) => !(SELECTABLE_FIELDS as readonly string[]).includes(f))
  if (unknown.length) {
    throw new InvalidRequest(
      `selectedFields may only contain ${SELECTABLE_FIELDS.join(', ')} (got ${unknown.map((f) => `"${f}"`).join(', ')})`,
    )
  }
  return [...new Set(fields)].sort() as SelectableField[]
}

function timeZoneOffsetOf(body: Record<string, unknown>): number {
  const value = body.timeZoneOffset
  if (value === undefined || value === null) return 0
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < MIN_TZ_OFFSET ||
    value > MAX_TZ_OFFSET
  ) {
    throw new InvalidRequest(
      `timeZoneOffset must be a whole number of minutes from ${MIN_TZ_OFFSET} to ${MAX_TZ_OFFSET}, ` +
        `with getTimezoneOffset's sign (New York 300, India -330); got ${JSON.stringify(value)}`,
    )
  }
  return value
}

function dateField(
  body: Record<string, unknown>,
  name: string,
  offset: number,
  edge: 'start' | 'end',
): number {
  const value = body[name]
  if (value === undefined || value === null || value === '')
    throw new InvalidRequest(`${name} is required. ${DATE_FORMS}.`)
  if (typeof value !== 'string') throw new InvalidRequest(`${name} must be a string. ${DATE_FORMS}.`)
  const instant = parseDate(value, offset, edge)
  if (instant === undefined)
    throw new InvalidRequest(`${name} "${value}" is not a date we can read. ${DATE_FORMS}.`)
  return instant
}

function formatSpan(ms: number): string {
  const hours = Math.ceil(ms / HOUR_MS)
  return `${Math.floor(hours / 24)} days ${hours % 24} h`
}

function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '')
    throw new InvalidRequest('The request body is empty: send JSON like {"startDate": ..., "endDate": ...}')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new InvalidRequest(
      'The request body is not valid JSON: send JSON like {"startDate": ..., "endDate": ...}',
    )
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidRequest('The request body must be a JSON object like {"startDate": ..., "endDate": ...}')
  }
  return body as Record<string, unknown>
}

export function validateCallDetailsRequest(
  params: { offset?: string | undefined; limit?: string | undefined },
  bodyText: string,
): Validation {
  try {
    const offset = integerParam(params.offset, 'offset (pages to skip)', 0, 0, MAX_OFFSET)
    const limit = integerParam(params.limit, 'limit (records per page)', MAX_LIMIT, 1, MAX_LIMIT)
    const body = parseBody(bodyText)
    const tz = timeZoneOffsetOf(body)
    const start = dateField(body, 'startDate', tz, 'start')
    const end = dateField(body, 'endDate', tz, 'end')
    if (end < start) {
      throw new InvalidRequest(
        `endDate (${new Date(end).toISOString()}) is before startDate (${new Date(start).toISOString()}): swap them.`,
      )
    }
    if (end - start > MAX_RANGE_MS) {
      throw new InvalidRequest(
        `The range spans ${formatSpan(end - start)}; SmartAssist allows at most 7 days per request. Pick a shorter range.`,
      )
    }
    const channels = optionalStringArray(body, 'channels')
    const queues = optionalStringArray(body, 'queues')
    // Only known fields are copied: unknown ones are dropped, never forwarded.
    const forward: ForwardBody = {
      startDate: new Date(start).toISOString(),
      endDate: new Date(end).toISOString(),
      timeZoneOffset: 0,
      ...(channels && { channels }),
      ...(queues && { queues }),
      selectedFields: selectedFields(body),
    }
    return { ok: true, query: { offset, limit, body: forward } }
  } catch (error) {
    if (error instanceof InvalidRequest) return { ok: false, error: error.message }
    throw error
  }
}
