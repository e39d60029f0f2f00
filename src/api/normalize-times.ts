// Timestamps in call-details responses. Zone-less ones ("2024-11-18 17:18:03", "2024-11-18T17:18:03.5",
// even "2023-01-10 2:25:54" as the API page shows) are local times of the request's timeZoneOffset;
// ones ending in Z or an explicit offset are absolute. Hand-parsed, not Date.parse: Date.parse reads
// zone-less date-times in the runtime's zone, and this runs on every time of 50,000 records.

const TIME_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

const MS_PER_MIN = 60_000

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0)
}

/**
 * Epoch ms of an API time as found in a record (text, or a number of epoch ms / s), or null when it is
 * not one. `offsetMin` follows getTimezoneOffset's sign (India -330, New York 300): UTC = local + offset.
 */
export function parseApiTime(value: unknown, offsetMin: number): number | null {
  if (typeof value === 'string') return parseTimeText(value, offsetMin)
  return typeof value === 'number' ? epochFromNumber(value) : null
}

/** parseApiTime for text. */
export function parseTimeText(text: string, offsetMin: number): number | null {
  const fast = parseCommonForm(text, offsetMin)
  if (fast !== undefined) return fast
  const m = TIME_RE.exec(text.trim())
  if (m === null) return epochFromDigits(text)
  const zone = m[8]
  let zoneMin: number | null = null
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '')
    zoneMin = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'))
  } else if (zone !== undefined) {
    zoneMin = 0
  }
  return compose(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    m[4] === undefined ? 0 : Number(m[4]),
    m[5] === undefined ? 0 : Number(m[5]),
    m[6] === undefined ? 0 : Number(m[6]),
    // fraction of a second: its first three digits are the millis (".8" = 800 ms)
    m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0')),
    zoneMin,
    offsetMin,
  )
}

/** Checks the fields and applies the zone: the explicit one (minutes east of UTC), else the request's offset. */
function compose(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  zoneMin: number | null,
  offsetMin: number,
): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  if (hour > 23 || minute > 59 || second > 59) return null
  if (zoneMin !== null && Math.abs(zoneMin) > 18 * 60) return null
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  return zoneMin === null ? local + offsetMin * MS_PER_MIN : local - zoneMin * MS_PER_MIN
}

const digitAt = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : Number.NaN
}
const pair = (s: string, i: number) => digitAt(s, i) * 10 + digitAt(s, i + 1)

/**
 * Fast path for what the API sends nearly always, "yyyy-MM-ddTHH:mm:ss" with optional millis and Z.
 * undefined = not this form (the regex decides); null = this form but not a real time.
 */
function parseCommonForm(s: string, offsetMin: number): number | null | undefined {
  const n = s.length
  if (n < 19 || s[4] !== '-' || s[7] !== '-' || s[13] !== ':' || s[16] !== ':') return undefined
  if (s[10] !== 'T' && s[10] !== ' ') return undefined
  const year = pair(s, 0) * 100 + pair(s, 2)
  const month = pair(s, 5)
  const day = pair(s, 8)
  const hour = pair(s, 11)
  const minute = pair(s, 14)
  const second = pair(s, 17)
  // NaN anywhere (a non-digit) fails every comparison: let the regex decide
  if (!(year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0)) return undefined
  let i = 19
  let ms = 0
  if (s[i] === '.') {
    let scale = 100
    for (i++; i < n && digitAt(s, i) >= 0; i++, scale /= 10) if (scale >= 1) ms += digitAt(s, i) * scale
  }
  let zoneMin: number | null = null
  if (i === n - 1 && (s[i] === 'Z' || s[i] === 'z')) zoneMin = 0
  else if (i !== n) return undefined
  return compose(year, month, day, hour, minute, second, ms, zoneMin, offsetMin)
}

/** A time sent as a number: epoch ms, or epoch seconds when too small to be ms after 1973. */
export function epochFromNumber(n: number): number | null {
  if (!Number.isFinite(n)) return null
  return Math.abs(n) >= 1e11 ? n : n * 1000
}

function epochFromDigits(text: string): number | null {
  const t = text.trim()
  return /^\d{9,13}$/.test(t) ? epochFromNumber(Number(t)) : null
}

/**
 * Creation time (epoch ms) of a MongoDB ObjectId such as a sessionId: its first 8 hex digits are UTC
 * seconds. A free check that a response's zone-less times are in the zone that was asked for.
 */
export function objectIdTime(id: unknown): number | null {
  if (typeof id !== 'string' || !/^[0-9a-f]{8}/i.test(id)) return null
  return Number.parseInt(id.slice(0, 8), 16) * 1000
}
