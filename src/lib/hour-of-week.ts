// The hour of the week (Monday 00:00 = 0 … Sunday 23:00 = 167) of an instant in a time zone: the
// interval heat map's cells and the filter it drills into.
//
// Speed: mapping an instant to its weekday and hour with TZDate costs ~4 µs, 200 ms for 50,000 records.
// The mapping is constant over a 15-minute slot of UTC time (every zone's offset is a multiple of 15
// minutes today), so it is computed once per slot and zone and kept; a slot where it is not constant
// (a DST change inside it, an odd historical offset) is mapped record by record. See the report in
// interval-figures.test.ts for the measured time.

import { TZDate } from '@date-fns/tz'

export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const
export const DAYS_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const
export const HOURS_OF_WEEK = 7 * 24

const pad = (n: number) => String(n).padStart(2, '0')

/** `14:00–15:00` (the last hour ends at 24:00). */
export function hourSpan(hour: number): string {
  return `${pad(hour)}:00–${pad(hour + 1)}:00`
}

/** An hour of the week as the URL writes it: `Tue-14`. */
export function hourOfWeekParam(how: number): string {
  return `${DAYS_SHORT[Math.floor(how / 24)]}-${pad(how % 24)}`
}

const PARAM = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)-([01]\d|2[0-3])$/i

/** `Tue-14` (any case) → its hour of the week; null for anything else. */
export function parseHourOfWeek(param: string): number | null {
  const m = PARAM.exec(param.trim())
  if (m === null) return null
  const day = DAYS_SHORT.findIndex((d) => d.toLowerCase() === (m[1] as string).toLowerCase())
  return day * 24 + Number(m[2])
}

/** `Tue 14:00–15:00` */
export function hourOfWeekLabel(how: number): string {
  return `${DAYS_SHORT[Math.floor(how / 24)]} ${hourSpan(how % 24)}`
}

const SLOT_MS = 15 * 60_000
/** a slot whose weekday/hour is not constant: map each record on its own */
const MIXED = -1
/** slots remembered per zone before the zone's memory starts afresh (a month is ~3,000 slots) */
const MAX_SLOTS = 50_000

/** zone → (UTC 15-minute slot → day * 24 + hour, or MIXED) */
const slotsByZone = new Map<string, Map<number, number>>()

function hourOfWeekOf(d: TZDate, zone: string): number {
  const day = d.getDay()
  if (Number.isNaN(day)) throw new RangeError(`Unknown time zone: ${zone}`)
  return ((day + 6) % 7) * 24 + d.getHours()
}

/** The slot's hour of the week when it is the same all through the slot, else MIXED. */
function slotHourOfWeek(slot: number, zone: string): number {
  const start = new TZDate(slot * SLOT_MS, zone)
  const end = new TZDate(slot * SLOT_MS + SLOT_MS - 1, zone)
  const first = hourOfWeekOf(start, zone)
  // one offset at both ends (no change inside 15 minutes) and one hour at both ends: local time runs
  // straight through the slot, so every instant in it is in that hour
  return start.getTimezoneOffset() === end.getTimezoneOffset() && first === hourOfWeekOf(end, zone)
    ? first
    : MIXED
}

export function slotsOf(zone: string): Map<number, number> {
  let slots = slotsByZone.get(zone)
  if (slots === undefined || slots.size > MAX_SLOTS) {
    slots = new Map()
    slotsByZone.set(zone, slots)
  }
  return slots
}

export function hourOfWeekIn(slots: Map<number, number>, ms: number, zone: string): number {
  const slot = Math.floor(ms / SLOT_MS)
  let how = slots.get(slot)
  if (how === undefined) {
    how = slotHourOfWeek(slot, zone)
    slots.set(slot, how)
  }
  return how === MIXED ? hourOfWeekOf(new TZDate(ms, zone), zone) : how
}

/** The cell index (day * 24 + hour, Monday first) of an instant in `zone`. */
export function hourOfWeek(ms: number, zone: string): number {
  return hourOfWeekIn(slotsOf(zone), ms, zone)
}
