import { describe, expect, it } from 'vitest'
import type { Rec } from '../test-helpers'
import { QUEUES } from './catalog'
import { createGenerator } from './generator'

const T0 = Date.parse('2024-11-17T00:00:00Z') // Sunday: a full week with its weekend
const DAY = 86_400_000

/** The queue mask as the built record shows it: bit q when a QueueEntry carries QUEUES[q].id. */
function maskOfRecord(rec: Rec): number {
  const dest = Array.isArray(rec.destinations) ? (rec.destinations as Rec[]) : []
  let mask = 0
  for (const d of dest) {
    if (d.destinationType !== 'QueueEntry') continue
    const q = QUEUES.findIndex((queue) => queue.id === d.queueId)
    expect(q, `queueId ${String(d.queueId)} is in the catalogue`).toBeGreaterThanOrEqual(0)
    mask |= 1 << q
  }
  return mask
}

const bitCount = (mask: number) => mask.toString(2).replace(/0/g, '').length

describe('queueMask (the queues of a record without building it)', () => {
  it.each([
    { seed: 20241118, perDay: 700, days: 7 },
    { seed: 7, perDay: 700, days: 7 },
    { seed: -5, perDay: 2000, days: 3 },
    { seed: 99, perDay: 7200, days: 1 },
  ])(
    'equals the queues of the built record, for every record (seed $seed, perDay $perDay, $days days)',
    ({ seed, perDay, days }) => {
      const gen = createGenerator({ seed, perDay })
      const headers = gen.headers(T0, T0 + days * DAY - 1)
      const bits = new Map<number, number>()
      for (const h of headers) {
        const mask = gen.queueMask(h)
        const built = maskOfRecord(gen.record(h, -330) as Rec)
        if (mask !== built) expect({ header: h, mask }).toEqual({ header: h, mask: built })
        bits.set(bitCount(mask), (bits.get(bitCount(mask)) ?? 0) + 1)
      }
      // The comparison reached every shape: no queue (bot-only, transient, direct), one, and the
      // transfers through two and three queues (the ones that replay a whole queue entry).
      expect(headers.length).toBeGreaterThan(1000)
      expect(bits.get(0)).toBeGreaterThan(0)
      expect(bits.get(1)).toBeGreaterThan(0)
      expect(bits.get(2)).toBeGreaterThan(0)
      expect(bits.get(3)).toBeGreaterThan(0)
    },
  )

  it('is the same for the same header whatever was asked before (a pure function)', () => {
    const gen = createGenerator()
    const headers = gen.headers(T0 + 10 * 3_600_000, T0 + 11 * 3_600_000)
    const first = headers.map((h) => gen.queueMask(h))
    const again = [...headers].reverse().map((h) => gen.queueMask(h))
    expect(again.reverse()).toEqual(first)
    expect(
      createGenerator()
        .headers(T0 + 10 * 3_600_000, T0 + 11 * 3_600_000)
        .map(gen.queueMask),
    ).toEqual(first)
  })
})
