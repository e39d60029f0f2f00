// How many sessions start in each one-minute UTC slot: a Poisson draw around a mean that follows a
// weekly shape (busy business hours, quiet nights and weekends), scaled so a week averages perDay/day.

import { hash4, unit } from './hash'

export const SLOT_MS = 60_000
const HOURS_PER_WEEK = 168

// Relative load by UTC hour on a weekday; nights are quiet, 09-17 busy, a lunch dip at 12.
const WEEKDAY_HOURS = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.8, 1.4, 1.9, 2.1, 2.0, 1.7, 1.9, 2.0, 1.9, 1.7, 1.3, 0.9, 0.7, 0.55,
  0.45, 0.3, 0.2,
] as const
const WEEKEND_FACTOR = 0.4

/** weight per hour of the week (0 = Sunday 00:00 UTC), normalised to mean 1 */
const HOUR_OF_WEEK_WEIGHT: readonly number[] = (() => {
  const raw: number[] = []
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const day = Math.floor(h / 24)
    const base = WEEKDAY_HOURS[h % 24] ?? 1
    raw.push(day === 0 || day === 6 ? base * WEEKEND_FACTOR : base)
  }
  const mean = raw.reduce((s, w) => s + w, 0) / HOURS_PER_WEEK
  return raw.map((w) => w / mean)
})()

/** load factor (mean 1 over a week) of the hour containing `slot` */
export function loadFactor(slot: number): number {
  const hour = Math.floor(slot / 60)
  // 1970-01-01 was a Thursday: shift so hour-of-week 0 is Sunday 00:00.
  const how = (((hour + 4 * 24) % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK
  return HOUR_OF_WEEK_WEIGHT[how] ?? 1
}

/** Number of sessions starting in `slot` (a pure function of seed, perDay and slot). */
export function slotCount(seed: number, perDay: number, slot: number): number {
  const mean = (perDay / 1440) * loadFactor(slot)
  if (mean <= 0) return 0
  const r = unit(hash4(seed, slot, 0x7fffffff, 1))
  if (mean < 40) {
    // Inverse-CDF Poisson: cheap for the small means a minute holds.
    let p = Math.exp(-mean)
    let cdf = p
    let k = 0
    while (r > cdf && k < 1000) {
      k++
      p *= mean / k
      cdf += p
    }
    return k
  }
  // Large means: normal approximation (Box-Muller from a second hash).
  const r2 = unit(hash4(seed, slot, 0x7fffffff, 2)) || 1e-12
  const z = Math.sqrt(-2 * Math.log(r2)) * Math.cos(2 * Math.PI * r)
  return Math.max(0, Math.round(mean + z * Math.sqrt(mean)))
}
