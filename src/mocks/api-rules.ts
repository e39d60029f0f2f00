// The call-details API's request rules, as the synthetic SmartAssist enforces them.
// Pure: (offset, limit, body) -> a validated query or a 400 message.

import { MAX_LIMIT, MAX_OFFSET, MAX_RANGE_MS } from '../lib/calldetails-limits'

export const SELECTABLE_FIELDS = ['skills', 'customerinfo', 'userleveltags', 'sessionleveltags'] as const
export type SelectableField = (typeof SELECTABLE_FIELDS)[number]

export type CallDetailsQuery = {
  offset: number
  limit: number
  /** UTC instants (ms), both inclusive */
  startMs: number
  endMs: number
  /** minutes, JS getTimezoneOffset sign (India = -330) */
  timeZoneOffset: number
  channels: string[] | null
  queues: string[] | null
  /** null = not sent: every part is included */
  selectedFields: SelectableField[] | null
}

export type RuleResult = { ok: true; query: CallDetailsQuery } | { ok: false; message: string }

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/

/**
 * A date as the API accepts it: a UTC instant ("2024-11-18T00:00:00.000Z", or with an offset), or
 * a zone-less "yyyy-MM-dd HH:mm:ss" / bare "yyyy-MM-dd" read in the zone of `tzOffsetMin`.
 * A bare date is the whole day: its start for startDate, its last millisecond for endDate.
 */
export function parseApiDate(value: string, tzOffsetMin: number, edge: 'start' | 'end'): number | null {
  const v = value.trim()
  if (INSTANT.test(v)) {
    const ms = Date.parse(v)
    return Number.isFinite(ms) ? ms : null
  }
  const m = LOCAL.exec(v)
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((p) => (p === undefined ? undefined : Number(p)))
  if (y === undefined || mo === undefined || d === undefined) return null
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000)
  const wall = Date.UTC(y, mo - 1, d, h ?? 0, mi ?? 0, s ?? 0, ms)
  // Reject dates that Date.UTC silently rolls over (2024-02-30, 25:00).
  const check = new Date(wall)
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null
  if ((h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59) return null
  const dayEnd = h === undefined && edge === 'end' ? 86_400_000 - 1 : 0
  return wall + dayEnd + tzOffsetMin * 60_000
}

function stringArray(body: Record<string, unknown>, key: string): string[] | null | 'bad' {
  const v = body[key]
  if (v === undefined || v === null) return null
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return 'bad'
  return v
}

function isIntIn(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max
}

export function checkRequest(offset: number, limit: number, body: unknown): RuleResult {
  const fail = (message: string): RuleResult => ({ ok: false, message })
  if (!isIntIn(limit, 1, MAX_LIMIT)) return fail(`limit must be an integer from 1 to ${MAX_LIMIT}`)
  if (!isIntIn(offset, 0, MAX_OFFSET))
    return fail(`offset must be an integer from 0 to ${MAX_OFFSET} (it counts pages)`)
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('request body must be a JSON object')
  const b = body as Record<string, unknown>
  const tz = b.timeZoneOffset ?? 0
  if (typeof tz !== 'number' || !Number.isFinite(tz) || Math.abs(tz) > 16 * 60) {
    return fail('timeZoneOffset must be a number of minutes (e.g. -330, 300)')
  }
  if (typeof b.startDate !== 'string' || typeof b.endDate !== 'string') {
    return fail('startDate and endDate are required strings')
  }
  const startMs = parseApiDate(b.startDate, tz, 'start')
  const endMs = parseApiDate(b.endDate, tz, 'end')
  if (startMs === null) return fail(`startDate is not a valid date: ${b.startDate}`)
  if (endMs === null) return fail(`endDate is not a valid date: ${b.endDate}`)
  if (endMs < startMs) return fail('endDate is before startDate')
  if (endMs - startMs > MAX_RANGE_MS) return fail('The days range cannot be more than seven days')
  const channels = stringArray(b, 'channels')
  const queues = stringArray(b, 'queues')
  const selected = stringArray(b, 'selectedFields')
  if (channels === 'bad') return fail('channels must be an array of strings')
  if (queues === 'bad') return fail('queues must be an array of strings')
  if (selected === 'bad') return fail('selectedFields must be an array of strings')
  // Unknown names in selectedFields are ignored, as unknown body fields are.
  const selectedFields =
    selected === null
      ? null
      : SELECTABLE_FIELDS.filter((f) => selected.some((s) => s.toLowerCase() === f.toLowerCase()))
  return {
    ok: true,
    query: {
      offset,
      limit,
      startMs,
      endMs,
      timeZoneOffset: tz,
      channels: channels && channels.length > 0 ? channels : null,
      queues: queues && queues.length > 0 ? queues : null,
      selectedFields,
    },
  }
}
