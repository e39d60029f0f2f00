// The interval view's numbers (issue 9 item 4): volume, abandon rate and average speed of answer per
// hour of day × day of week in the display time zone, so a supervisor sees when the queue breaks.
//
// Bases as in src/api/figures.ts (CONTRACT.md "Numbers"), per cell: records are every record that
// started in that hour (bot-only included); abandon rate = abandoned ÷ (offered + abandoned without a
// queue); speed of answer = mean wait of answered, queued conversations with a known wait. A record
// counts in the hour its session started (sessionStartTime), whatever happened later; one without a
// start time is in no cell and is counted apart (`noStart`), never dropped silently.
//
// Hours are wall-clock hours in the zone, so across a DST change a Sunday holds 23 or 25 hours: the
// repeated 01:00 hour of a fall-back night adds to the one cell, the skipped 02:00 of a spring-forward
// night holds nothing. A range longer than a week adds its weeks up: each cell is a total. Mapping
// instants to cells: src/lib/hour-of-week.ts.

import type { Conversation } from '../../api/conversation'
import { waitSec } from '../../api/conversation-metrics'
import { outcomeOf } from '../../api/conversation-outcome'
import type { Mean, Ratio } from '../../api/figures'
import { hourOfWeekIn, hourOfWeekLabel, slotsOf } from '../../lib/hour-of-week'

export type IntervalCell = {
  /** 0 = Monday … 6 = Sunday */
  day: number
  /** 0 … 23, wall-clock hour in the zone */
  hour: number
  /** every record that started in this hour, bot-only included */
  records: number
  /** offered conversations (queued, inbound, not open) */
  offered: number
  /** abandoned in a queue + USER ABANDONED without a queue */
  abandoned: number
  abandonedNoQueue: number
  /** abandoned ÷ (offered + abandoned without a queue) */
  abandonRate: Ratio
  /** mean wait of answered, queued conversations with a known wait */
  speedOfAnswer: Mean
  /** answered, queued conversations without a known wait: left out of the mean */
  unknownWaits: number
}

export type IntervalFigures = {
  /** 7 × 24 cells, Monday 00:00 first, row by row: cells[day * 24 + hour] */
  cells: IntervalCell[]
  /** every record given */
  records: number
  /** records without a sessionStartTime: in no cell */
  noStart: number
}

type Acc = {
  records: number
  offered: number
  abandoned: number
  abandonedNoQueue: number
  waitSum: number
  waits: number
  unknownWaits: number
}

/** Volume, abandon rate and speed of answer per weekday × hour in `zone` (IANA). */
export function intervalFigures(conversations: readonly Conversation[], zone: string): IntervalFigures {
  const acc: Acc[] = Array.from({ length: 7 * 24 }, () => ({
    records: 0,
    offered: 0,
    abandoned: 0,
    abandonedNoQueue: 0,
    waitSum: 0,
    waits: 0,
    unknownWaits: 0,
  }))
  let noStart = 0
  const slots = slotsOf(zone)
  for (const c of conversations) {
    const t = c.sessionStartTime
    if (t === null || !Number.isFinite(t)) {
      noStart++
      continue
    }
    const a = acc[hourOfWeekIn(slots, t, zone)] as Acc
    a.records++
    const o = outcomeOf(c)
    if (o.botOnly) continue
    if (o.offered) a.offered++
    if (o.abandoned) a.abandoned++
    if (o.abandonedNoQueue) a.abandonedNoQueue++
    if (o.answered && o.queued) {
      const wait = waitSec(c)
      if (wait === null || !Number.isFinite(wait)) a.unknownWaits++
      else {
        a.waitSum += wait
        a.waits++
      }
    }
  }
  const cells = acc.map((a, i): IntervalCell => {
    const whole = a.offered + a.abandonedNoQueue
    return {
      day: Math.floor(i / 24),
      hour: i % 24,
      records: a.records,
      offered: a.offered,
      abandoned: a.abandoned,
      abandonedNoQueue: a.abandonedNoQueue,
      abandonRate: { value: whole > 0 ? a.abandoned / whole : null, part: a.abandoned, whole },
      speedOfAnswer: { value: a.waits > 0 ? a.waitSum / a.waits : null, sum: a.waitSum, n: a.waits },
      unknownWaits: a.unknownWaits,
    }
  })
  return { cells, records: conversations.length, noStart }
}

/** The least offered an hour needs to be named the worst for abandons (1 of 1 is not a pattern). */
export const MIN_OFFERED_FOR_WORST = 10

export type IntervalHighlights = {
  /** the hour with the most records (the earliest in the week on a tie); null when none has any */
  busiest: IntervalCell | null
  /**
   * the hour with the highest abandon rate among those with at least `minWhole` in its basis (more
   * abandoned, then earlier, on a tie); null when no hour abandoned anything
   */
  worstAbandon: IntervalCell | null
  /** MIN_OFFERED_FOR_WORST, or 1 when no hour reaches it */
  minWhole: number
  /** Σ the abandon rate's basis over the hours: 0 when nothing was offered (nothing could be abandoned) */
  abandonBasis: number
}

/** The busiest hour and the hour with the worst abandon rate, for the one-line summary. */
export function intervalHighlights(cells: readonly IntervalCell[]): IntervalHighlights {
  let busiest: IntervalCell | null = null
  for (const c of cells) if (c.records > 0 && (busiest === null || c.records > busiest.records)) busiest = c
  const minWhole = cells.some((c) => c.abandonRate.whole >= MIN_OFFERED_FOR_WORST) ? MIN_OFFERED_FOR_WORST : 1
  let worst: IntervalCell | null = null
  for (const c of cells) {
    const r = c.abandonRate
    if (r.value === null || r.part === 0 || r.whole < minWhole) continue
    const w = worst?.abandonRate
    if (w === undefined || w.value === null || r.value > w.value || (r.value === w.value && r.part > w.part))
      worst = c
  }
  const abandonBasis = cells.reduce((sum, c) => sum + c.abandonRate.whole, 0)
  return { busiest, worstAbandon: worst, minWhole, abandonBasis }
}

/** `Tue 14:00–15:00` */
export function cellLabel(cell: Pick<IntervalCell, 'day' | 'hour'>): string {
  return hourOfWeekLabel(cell.day * 24 + cell.hour)
}
