// The sweep over a range, window after window: which window comes next, and what a settled window does to
// the range's state. No I/O; fetch-engine.ts pages the windows.

import { buildModel, type Model } from './density-model'
import { learnOrder, retryModel, splitOverflow } from './page-plan'
import type { RangeState, WindowProgress } from './range-state'
import { planBackward, planWindow } from './window-plan'

export type SweepOptions = { target: number; minWindowMs: number }

/** The model at the cursor (a retry after an unsorted overflow must also be smaller than that window). */
export function modelAt(state: RangeState): Model | null {
  const base = buildModel({
    t: state.cursor,
    rangeStart: state.start,
    index: state.index,
    basis: state.basis,
  })
  const { retry } = state
  if (!retry) return base
  const maxLen = Math.min(base?.maxLen ?? Number.POSITIVE_INFINITY, 0.75 * (retry.end - retry.start))
  return { count: retry.model, maxLen }
}

/** The window to page next: the one in progress (a resumed run), or a new one. */
export function nextWindow(state: RangeState, model: Model | null, opts: SweepOptions): WindowProgress {
  if (state.current) return state.current
  const { target, minWindowMs } = opts
  if (state.ahead && !state.basis && !state.retry) {
    // Nothing known before the cursor, an island fetched ahead: work backward from it.
    const plan = planBackward({
      t: state.cursor,
      ahead: state.ahead,
      index: state.index,
      target,
      minWindowMs,
    })
    return { ...plan, certain: false, pages: [] }
  }
  // Up to the island already fetched ahead, if any.
  const horizon = state.ahead ? state.ahead.start : state.end
  const plan = planWindow({ t: state.cursor, rangeEnd: horizon, model, target, minWindowMs })
  let end = plan.end
  // Safety net: a retry always makes progress, even if the grid rounds it back up.
  if (state.retry && end >= state.retry.end) end = Math.min(state.retry.end, state.cursor + minWindowMs)
  return { start: plan.start, end, predicted: plan.predicted, certain: false, island: false, pages: [] }
}

/** Applies a window that completed or overflowed to the state: cursor, islands, overflow list, retry. */
export function settleWindow(
  state: RangeState,
  win: WindowProgress,
  outcome: 'complete' | 'overflow',
  model: Model | null,
  minWindowMs: number,
): void {
  state.current = null
  if (outcome === 'overflow' && win.end - win.start > minWindowMs) {
    state.order ??= learnOrder(win.pages)
    const split = splitOverflow(win, win.pages, state.order, minWindowMs)
    // Sorted: the pages say exactly which part holds ≤ 1,099 records; that part is next. (An island can
    // only give way to a smaller island at its far end: the sweep comes from the other side.)
    if (split && (split.island || !win.island)) {
      state.retry = null
      state.current = { ...split, certain: true, pages: [] }
      return
    }
    if (!win.island) {
      // Unsorted: plan again from the same point, smaller. Its records so far are kept.
      state.retry = {
        start: win.start,
        end: win.end,
        model: retryModel(win, win.pages, model?.count ?? null),
      }
      return
    }
  }
  if (outcome === 'overflow') {
    // One minute (or an island whose data grew meanwhile) that still holds more: say so, never cut. The
    // count is what we hold of it: its pages, and any a wider window brought before it was split.
    const ids = new Set(win.pages.flatMap((p) => p?.ids ?? []))
    const count = Math.max(ids.size, state.index.count(win.start, win.end))
    state.overflow.push({ start: win.start, end: win.end, count })
  }
  if (win.island) {
    state.ahead = { start: win.start, end: state.ahead?.end ?? win.end }
    return
  }
  state.basis = { start: win.start, end: win.end }
  state.retry = null
  state.cursor = win.end
  if (state.ahead && state.cursor >= state.ahead.start) {
    // Caught up with the island: jump over it.
    state.basis = state.ahead
    state.cursor = state.ahead.end
    state.ahead = null
  }
  if (state.cursor >= state.end) state.done = true
}
