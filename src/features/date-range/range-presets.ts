import { tz } from '@date-fns/tz'
import { addDays, startOfWeek } from 'date-fns'
import { calendarDays, type TimeRange } from './range-rules'

/** Quick ranges the picker offers. All day math happens in the display zone, never the browser's. */
export type PresetId = 'today' | 'yesterday' | 'last24h' | 'last7d' | 'thisWeek' | 'previousWeek'

export const PRESETS: readonly { id: PresetId; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'last24h', label: 'Last 24 hours' },
  { id: 'last7d', label: 'Last 7 days' },
  { id: 'thisWeek', label: 'This week' },
  { id: 'previousWeek', label: 'Previous week' },
]

const MINUTE = 60_000
const DAY_MS = 24 * 60 * MINUTE

/**
 * The range a preset names at `now` in `zone`.
 * - Today / Yesterday: that whole calendar day (23 or 25 hours on a daylight-saving change).
 * - Last 24 hours: 24 elapsed hours up to `now`, floored to the minute (so the URL stays readable).
 * - Last 7 days: today and the 6 calendar days before it (the page's default range).
 * - This week: Monday 00:00 to the end of today. Previous week: Monday to Sunday before that.
 */
export function presetRange(id: PresetId, now: number, zone: string): TimeRange {
  const inZone = { in: tz(zone) }
  switch (id) {
    case 'today':
      return calendarDays(now, now, zone)
    case 'yesterday': {
      const day = +addDays(now, -1, inZone)
      return calendarDays(day, day, zone)
    }
    case 'last24h': {
      const end = now - (now % MINUTE)
      return { start: end - DAY_MS, end }
    }
    case 'last7d':
      return calendarDays(+addDays(now, -6, inZone), now, zone)
    case 'thisWeek':
      return calendarDays(+startOfWeek(now, { weekStartsOn: 1, ...inZone }), now, zone)
    case 'previousWeek': {
      const monday = addDays(startOfWeek(now, { weekStartsOn: 1, ...inZone }), -7, inZone)
      return calendarDays(+monday, +addDays(monday, 6, inZone), zone)
    }
  }
}

/** The first preset that names exactly `range` (to highlight it), or null. */
export function matchingPreset(range: TimeRange | null, now: number, zone: string): PresetId | null {
  if (!range) return null
  for (const { id } of PRESETS) {
    const preset = presetRange(id, now, zone)
    if (preset.start === range.start && preset.end === range.end) return id
  }
  return null
}
