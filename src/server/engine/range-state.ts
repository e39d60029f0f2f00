// The fetch engine's memory of one date range: what is done, the window in progress, the records so far.
// A result hands it back so a Retry can continue exactly where the failure stopped (fetchRange({resume})).

import type { PageInfo, RecordOrder } from './page-plan'
import { TimeIndex } from './time-index'
import type { CountModel, Interval } from './window-plan'

export type PageSummary = PageInfo & {
  /** identities of its records, to count what an overflowing window yielded */
  ids: string[]
}

export type WindowProgress = Interval & {
  predicted: number | null
  /** the prediction is a count read off an overflowing window's pages, not a guess */
  certain: boolean
  /** a full window split off the far end of an overflowing one: it completes ahead of the cursor */
  island: boolean
  /** by offset; undefined = not fetched (yet, or its request failed) */
  pages: (PageSummary | undefined)[]
}

export type OverflowWindow = Interval & {
  /** distinct records obtained from the window; it holds more than the API can page through */
  count: number
}

export type RangeState = {
  readonly start: number
  readonly end: number
  /** everything in [start, cursor] is complete */
  cursor: number
  /** complete too, beyond the cursor: islands split off overflowing windows (the sweep jumps over it) */
  ahead: Interval | null
  done: boolean
  /** the window being paged through (kept across a failure, so a retry asks only for its missing pages) */
  current: WindowProgress | null
  /** the last complete window: the next window is sized from it */
  basis: Interval | null
  /** an unsorted window at `cursor` that overflowed: the next one is sized from it, and smaller */
  retry: (Interval & { model: CountModel }) | null
  /** how the API orders records, once two pages of one window have shown it */
  order: RecordOrder | null
  /** distinct raw records by identity */
  records: Map<string, unknown>
  /** their start times */
  index: TimeIndex
  overflow: OverflowWindow[]
  /** requests made for this range, over every run */
  requests: number
}

export function createRangeState(start: number, end: number): RangeState {
  return {
    start,
    end,
    cursor: start,
    ahead: null,
    done: false,
    current: null,
    basis: null,
    retry: null,
    order: null,
    records: new Map(),
    index: new TimeIndex(),
    overflow: [],
    requests: 0,
  }
}

/** The part of the range not complete yet (empty when done). */
export function missingIntervals(state: RangeState): Interval[] {
  if (state.done) return []
  const { ahead } = state
  if (!ahead) return [{ start: state.cursor, end: state.end }]
  const out = [{ start: state.cursor, end: ahead.start }]
  if (ahead.end < state.end) out.push({ start: ahead.end, end: state.end })
  return out
}

/** The range is inclusive at both ends: [start, end] spans end − start + 1 ms. */
export function totalMs(state: RangeState): number {
  return state.end - state.start + 1
}

export function coveredMs(state: RangeState): number {
  if (state.done) return totalMs(state)
  const island = state.ahead ? state.ahead.end - state.ahead.start : 0
  return state.cursor - state.start + island
}
