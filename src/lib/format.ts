import { tz } from '@date-fns/tz'
import { format } from 'date-fns'

const integer = new Intl.NumberFormat('en-US')

export function formatCount(n: number): string {
  return integer.format(n)
}

/** `1 conversation`, `1,234 conversations` — the status wording CONTRACT.md promises. */
export function pluralize(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

export function formatDateTime(ms: number | null, zone: string, pattern = 'yyyy-MM-dd HH:mm:ss'): string {
  if (ms === null || !Number.isFinite(ms)) return ''
  return format(ms, pattern, { in: tz(zone) })
}

/** Seconds as h:mm:ss or m:ss; empty for absent values. */
export function formatDuration(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return ''
  const total = Math.round(Math.abs(sec))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return `${sec < 0 ? '-' : ''}${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}
