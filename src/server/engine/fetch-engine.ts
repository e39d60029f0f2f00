// Fetches every conversation of a date range through the proxy, spending as few requests as it can.
//
// One sweep from start to end. Each window is sized to hold about 1,000 records: from yesterday's same
// hours once fetched (contact centres repeat their day), else from the last window's density and trend
// (density-model.ts). Windows end on a fixed UTC grid and at every UTC midnight (window-plan.ts), so an
// overlapping range asks for the same windows and the server's cache answers them. In a window the first
// page asked for is the predicted short one (page-plan.ts): an overflow (page 10 full) costs a request or
// two, and once the count is known the other pages go out in parallel. An overflowing window's page 10
// shows where 1,100 records end: that part, a full window, comes next (sweep.ts). Decisions depend on the
// data only, never on timing: the same range always asks for the same windows. No retries here (the
// server already retried): a failure stops new work, lets requests in flight land, and returns what is
// done with a state that a Retry passes back to fetch only the rest.

import { isAbortError } from '../../api/api-error'
import type { Model } from './density-model'
import { estimateCount, isComplete, knowledge, learnOrder, nextOffsets } from './page-plan'
import {
  coveredMs,
  createRangeState,
  missingIntervals,
  type OverflowWindow,
  type PageSummary,
  type RangeState,
  totalMs,
  type WindowProgress,
} from './range-state'
import { modelAt, nextWindow, settleWindow } from './sweep'
import {
  DEFAULT_TARGET,
  type Interval,
  MINUTE,
  PAGE_SIZE,
  parseUtcTimestamp,
  toUtcInstant,
} from './window-plan'

export type { OverflowWindow, RangeState } from './range-state'

export type PageRequest = { startDate: string; endDate: string; offset: number; limit: number }
export type PostPage = (req: PageRequest, signal: AbortSignal) => Promise<{ data: unknown[] }>

export type RangeProgress = {
  /** ms of the range complete so far; equals totalMs at the end */
  coveredMs: number
  /** end − start + 1 (both ends inclusive) */
  totalMs: number
  /** distinct records so far */
  records: number
  requests: number
  /** records first seen in the page just received */
  newRecords: unknown[]
}

export type FetchRangeOptions = {
  /** epoch ms, inclusive */
  start: number
  end: number
  postPage: PostPage
  signal?: AbortSignal
  /** requests in flight at most (default 3: a browser holds 6 connections per origin) */
  concurrency?: number
  recordTime: (raw: unknown) => number | null
  identity: (raw: unknown) => string | null
  onProgress?: (p: RangeProgress) => void
  /** the state of an earlier result: fetch only what it is missing (start/end are taken from it) */
  resume?: RangeState
  /** records a window is sized for (default 1,000) */
  target?: number
  /** the smallest window; one that still overflows is reported in `overflow` (default one minute) */
  minWindowMs?: number
}

export type FailedWindow = Interval & { error: unknown }

export type RangeResult = {
  /** distinct raw records (by conversationId, else sessionId) */
  records: unknown[]
  /** requests made for this range, over every run */
  requests: number
  /** windows holding more than the API can page through, with the count obtained: never a silent cut */
  overflow: OverflowWindow[]
  /** windows whose request failed; empty when complete */
  failed: FailedWindow[]
  /** the part of the range not fetched yet: the failed window and what follows it */
  missing: Interval[]
  complete: boolean
  /** pass back as `resume` to fetch only what is missing */
  state: RangeState
}

/** sessionStartTime as UTC ms (we always ask with timeZoneOffset 0). */
export function recordStartTime(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null) return null
  return parseUtcTimestamp((raw as { sessionStartTime?: unknown }).sessionStartTime)
}

type Outcome = 'complete' | 'overflow' | 'failed'
type Failure = { window: WindowProgress; error: unknown }

export async function fetchRange(opts: FetchRangeOptions): Promise<RangeResult> {
  const outer = opts.signal
  outer?.throwIfAborted()
  const state = opts.resume ?? createRangeState(opts.start, opts.end)
  if (state.end < state.start) throw new RangeError('fetchRange: end is before start')
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 3))
  const sweep = { target: opts.target ?? DEFAULT_TARGET, minWindowMs: opts.minWindowMs ?? MINUTE }

  // Our own controller: aborting it cancels every request in flight.
  const controller = new AbortController()
  const onAbort = () => controller.abort(outer?.reason)
  outer?.addEventListener('abort', onAbort, { once: true })
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(abortReason(controller.signal)), { once: true })
  })
  aborted.catch(() => {}) // raced below; this only keeps it from counting as unhandled

  const inflight = new Set<Promise<void>>()
  const run: { failure: Failure | null } = { failure: null }

  const report = (newRecords: unknown[]) =>
    opts.onProgress?.({
      coveredMs: coveredMs(state),
      totalMs: totalMs(state),
      records: state.records.size,
      requests: state.requests,
      newRecords,
    })

  const issue = (win: WindowProgress, offset: number, pending: Set<number>) => {
    state.requests++
    pending.add(offset)
    const req: PageRequest = {
      startDate: toUtcInstant(win.start),
      endDate: toUtcInstant(win.end),
      offset,
      limit: PAGE_SIZE,
    }
    const p: Promise<void> = opts
      .postPage(req, controller.signal)
      .then(
        (res) => {
          if (controller.signal.aborted) return
          const { page, fresh } = addPage(state, opts, Array.isArray(res?.data) ? res.data : [])
          win.pages[offset] = page
          report(fresh)
        },
        (error: unknown) => {
          if (controller.signal.aborted) return
          // A late failure for a window already settled changes nothing.
          if (state.current === win && !run.failure) run.failure = { window: win, error }
        },
      )
      .finally(() => {
        pending.delete(offset)
        inflight.delete(p)
      })
    inflight.add(p)
  }

  const waitForAny = () => Promise.race([aborted, ...inflight])

  /** Pages one window until its count is known and its pages are in, or page 10 is full. */
  const runWindow = async (win: WindowProgress, model: Model | null): Promise<Outcome> => {
    const pending = new Set<number>()
    for (;;) {
      const k = knowledge(win.pages)
      if (k.overflow) return 'overflow'
      if (isComplete(k, win.pages)) return 'complete'
      if (run.failure) {
        // Stop starting work; let what is in flight land.
        if (inflight.size === 0) return 'failed'
        await waitForAny()
        continue
      }
      state.order ??= learnOrder(win.pages)
      const estimate = estimateCount(win, win.pages, k, state.order, model?.count ?? null, win.predicted)
      const slots = concurrency - inflight.size
      for (const o of nextOffsets(k, win.pages, pending, estimate, slots, win.certain)) issue(win, o, pending)
      if (inflight.size === 0) throw new Error('fetchRange: no page to ask for (engine bug)')
      await waitForAny()
    }
  }

  try {
    while (!state.done) {
      const model = modelAt(state)
      const win = nextWindow(state, model, sweep)
      state.current = win
      const outcome = await runWindow(win, model)
      if (outcome === 'failed') break
      // A failed page that turned out not to be needed (past the short page) stops nothing.
      if (run.failure?.window === win) run.failure = null
      settleWindow(state, win, outcome, model, sweep.minWindowMs)
      report([])
    }
    // Let requests still in flight land (their records are kept) before handing the state back.
    while (inflight.size > 0) await waitForAny()
  } catch (error) {
    controller.abort(error)
    throw error
  } finally {
    outer?.removeEventListener('abort', onAbort)
  }

  const { failure } = run
  return {
    records: Array.from(state.records.values()),
    requests: state.requests,
    overflow: [...state.overflow],
    failed: failure ? [{ start: failure.window.start, end: failure.window.end, error: failure.error }] : [],
    missing: missingIntervals(state),
    complete: state.done,
    state,
  }
}

/** Records a page: distinct records into the state, and what the page says about the window. */
function addPage(
  state: RangeState,
  opts: Pick<FetchRangeOptions, 'identity' | 'recordTime'>,
  data: readonly unknown[],
): { page: PageSummary; fresh: unknown[] } {
  const page: PageSummary = {
    count: data.length,
    times: [],
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    ids: [],
  }
  const fresh: unknown[] = []
  for (const raw of data) {
    // A record with neither id is kept too, keyed by its content (so the same one twice counts once).
    const id = opts.identity(raw) ?? `raw:${JSON.stringify(raw)}`
    page.ids.push(id)
    const t = opts.recordTime(raw)
    if (t !== null) {
      page.times.push(t)
      page.min = Math.min(page.min, t)
      page.max = Math.max(page.max, t)
    }
    if (!state.records.has(id)) {
      state.records.set(id, raw)
      if (t !== null) state.index.add(t)
      fresh.push(raw)
    }
  }
  return { page, fresh }
}

function abortReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason
  if (isAbortError(reason) || reason instanceof Error) return reason
  return new DOMException('The fetch was aborted', 'AbortError')
}
