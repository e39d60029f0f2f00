// Response time formats. Zone-less times are wall-clock in the zone of the request's
// timeZoneOffset (JS getTimezoneOffset sign: India = -330, so local = UTC + 5:30).

let cachedDay = Number.NaN
let cachedPrefix = ''

const two = (n: number) => (n < 10 ? `0${n}` : String(n))

/** "yyyy-MM-ddTHH:mm:ss" (the samples' zone-less form) for a UTC second, shifted into the zone. */
export function zoneless(sec: number, tzOffsetMin: number): string {
  const local = sec - Math.round(tzOffsetMin * 60)
  const day = Math.floor(local / 86400)
  // Records cluster in time, so the date part is almost always the previous call's.
  if (day !== cachedDay) {
    cachedDay = day
    cachedPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11)
  }
  const s = local - day * 86400
  return `${cachedPrefix}${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
}

/** "yyyy-MM-ddTHH:mm:ss.SSSZ": UTC regardless of timeZoneOffset (callback times). */
export function utcZ(ms: number): string {
  return new Date(ms).toISOString()
}
