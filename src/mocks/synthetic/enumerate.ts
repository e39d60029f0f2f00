// Walks a window's records newest first, slot by slot, touching only counts and start seconds.
// Callers stop early once they have the page they need, so a page costs O(offset*limit + limit).

import { type Header, headerOf, startSecOf } from './header'
import { SLOT_MS, slotCount } from './volume'

/** return false to stop the walk */
export type Visit = (h: Header) => boolean

/** Records whose start lies in [startMs, endMs] (both inclusive), newest first; ties by index, descending. */
export function walkNewestFirst(
  seed: number,
  perDay: number,
  startMs: number,
  endMs: number,
  visit: Visit,
): void {
  const firstSec = Math.ceil(startMs / 1000)
  const lastSec = Math.floor(endMs / 1000)
  if (!(lastSec >= firstSec)) return
  const firstSlot = Math.floor((firstSec * 1000) / SLOT_MS)
  const lastSlot = Math.floor((lastSec * 1000) / SLOT_MS)
  const secs: number[] = []
  const order: number[] = []
  for (let slot = lastSlot; slot >= firstSlot; slot--) {
    const n = slotCount(seed, perDay, slot)
    if (n === 0) continue
    secs.length = 0
    order.length = 0
    for (let i = 0; i < n; i++) {
      secs.push(startSecOf(seed, slot, i))
      order.push(i)
    }
    order.sort((x, y) => (secs[y] ?? 0) - (secs[x] ?? 0) || y - x)
    for (const i of order) {
      const sec = secs[i] ?? 0
      if (sec < firstSec || sec > lastSec) continue
      if (!visit(headerOf(seed, slot, i, sec))) return
    }
  }
}
