// A free check that a response's zone-less times are in the zone that was asked for (api-notes.md):
// each sessionId is a MongoDB ObjectId whose first 8 hex digits are its creation time in UTC seconds,
// the session's start. When most records' sessionStartTime sits a whole number of hours or half-hours
// away from it, the times were written in another zone than the one they are read in.

import type { Conversation } from './conversation'

const MS_PER_MIN = 60_000
/** a difference this small (clock skew, rounding) agrees */
const AGREE_MS = 2 * MS_PER_MIN
/** how far a difference may sit from a multiple of 30 minutes */
const TOLERANCE_MS = 2 * MS_PER_MIN
const STEP_MIN = 30
/** zones run from UTC-12 to UTC+14; anything further is not a zone mix-up */
const MAX_SHIFT_MIN = 14 * 60
/** the fewest records with a valid ObjectId that can say anything */
export const MIN_RECORDS = 5
/** the share of those records that must be shifted by the same amount */
export const MIN_SHARE = 0.8

/** 24 characters, the first 8 hex: the samples mask an id's last digits (`673b2973…d0fxxxx`) */
const OBJECT_ID = /^[0-9a-f]{8}[0-9a-z]{16}$/i

/** creation time (epoch ms) of an ObjectId, else null */
function objectIdMs(id: string | null): number | null {
  if (id === null || !OBJECT_ID.test(id)) return null
  return Number.parseInt(id.slice(0, 8), 16) * 1000
}

/**
 * The shift in minutes (sessionStartTime − sessionId creation time, a non-zero multiple of 30) that
 * at least MIN_SHARE of the records with a valid ObjectId and a start time share, when there are at
 * least MIN_RECORDS of them; null when the times agree, disagree in no common way, or there are too
 * few to say. Records whose difference is under 2 minutes agree; ones off by an amount that is no
 * multiple of 30 minutes (±2) count against any shift.
 */
export function detectTimeShift(
  conversations: readonly Pick<Conversation, 'sessionId' | 'sessionStartTime'>[],
): number | null {
  let valid = 0
  const votes = new Map<number, number>()
  for (const c of conversations) {
    const created = objectIdMs(c.sessionId)
    const start = c.sessionStartTime
    if (created === null || start === null || !Number.isFinite(start)) continue
    valid++
    const diff = start - created
    if (Math.abs(diff) < AGREE_MS) continue
    const steps = Math.round(diff / (STEP_MIN * MS_PER_MIN))
    const shiftMin = steps * STEP_MIN
    if (Math.abs(diff - shiftMin * MS_PER_MIN) > TOLERANCE_MS) continue
    if (shiftMin === 0 || Math.abs(shiftMin) > MAX_SHIFT_MIN) continue
    votes.set(shiftMin, (votes.get(shiftMin) ?? 0) + 1)
  }
  if (valid < MIN_RECORDS) return null
  for (const [shiftMin, n] of votes) if (n >= MIN_SHARE * valid) return shiftMin
  return null
}

/** "+5:30", "-4:00" */
export function formatShift(shiftMin: number): string {
  const abs = Math.abs(shiftMin)
  const h = Math.floor(abs / 60)
  const m = abs % 60
  return `${shiftMin < 0 ? '-' : '+'}${h}:${m < 10 ? '0' : ''}${m}`
}

/** The warning people read, or null when there is nothing to say. */
export function timeShiftWarning(
  conversations: readonly Pick<Conversation, 'sessionId' | 'sessionStartTime'>[],
): string | null {
  const shift = detectTimeShift(conversations)
  if (shift === null) return null
  return `times look shifted by ${formatShift(shift)} (sessionId creation times vs sessionStartTime); check the time zone the API was asked for`
}
