// Fetches every conversation of a date range through the proxy, spending as few requests as it can.
//
// One sweep from start to end. Each window is sized to hold about 1,000 records: from yesterday's same
// hours when fetched (contact centres repeat their day), else from the last window's density and trend.
// Windows end on a fixed UTC grid, so an overlapping range asks for the same windows and the server's
// cache answers them. In a window the first page asked for is the predicted short one (page-plan.ts): an
// overflow (page 10 full) costs one or two requests, and once the count is known the rest go out in
// parallel. An overflowing window is retried from the same start, smaller, sized from what its pages
// showed (their records are kept). Decisions depend on the data only, never on timing: the same range
// always asks for the same windows. No retries here (the server already retried): a failure stops new
// work, lets requests in flight land, and returns what is done with a state to resume from.

import { isAbortError } from './api-error'
import { estimateCount, isComplete, knowledge, learnOrder, nextOffsets, retryModel } from './page-plan'
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
import {
  buildModel,
  DEFAULT_TARGET,
  type Interval,
  MINUTE,
  type Model,
  PAGE_SIZE,
  parseUtcTimestamp,
  planWindow,
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

export async function fetchRange(opts: FetchRangeOptions): Promise<RangeResult> {
  const outer = opts.signal
  outer?.throwIfAborted()
  const state = opts.resume ?? createRangeState(opts.start, opts.end)
  if (state.end < state.start) throw new RangeError('fetchRange: end is before start')
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 3))
  const minWindowMs = opts.minWindowMs ?? MINUTE
  const target = opts.target ?? DEFAULT_TARGET

  // Our own controller: aborting it cancels every request in flight.
  const controller = new AbortController()
  const onAbort = () => controller.abort(outer?.reason)
  outer?.addEventListener('abort', onAbort, { once: true })
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(abortReason(controller.signal)), { once: true })
  })
  aborted.catch(() => {}) // raced below; this only keeps it from counting as unhandled

  const inflight = new Set<Promise<void>>()
  let failure: { window: WindowProgress; error: unknown } | null = null

  const report = (newRecords: unknown[]) =>
    opts.onProgress?.({
      coveredMs: coveredMs(state),
      totalMs: totalMs(state),
      records: state.records.size,
      requests: state.requests,
      newRecords,
    })

  const addPage = (data: readonly unknown[]): { page: PageSummary; fresh: unknown[] } => {
    const page: PageSummary = {
      count: data.length,
      min: Number.POSITIVE_INFINITY,
      max: Number.NEGATIVE_INFINITY,
      ids: [],
    }
    const fresh: unknown[] = []
    for (const raw of data) {
      const id = opts.identity(raw) ?? `raw:${JSON.stringify(raw)}`
      page.ids.push(id)
      const t = opts.recordTime(raw)
      if (t !== null) {
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
          const { page, fresh } = addPage(Array.isArray(res?.data) ? res.data : [])
          win.pages[offset] = page
          report(fresh)
        },
        (error: unknown) => {
          if (controller.signal.aborted) return
          // A late failure for a window already settled changes nothing.
          if (state.current === win && !failure) failure = { window: win, error }
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
      if (failure) {
        if (inflight.size === 0) return 'failed'
        await waitForAny()
        continue
      }
      state.order ??= learnOrder(win.pages)
      const estimate = estimateCount(win, win.pages, k, state.order, model?.count ?? null, win.predicted)
      for (const o of nextOffsets(k, win.pages, pending, estimate, concurrency - inflight.size)) {
        issue(win, o, pending)
      }
      if (inflight.size === 0) throw new Error('fetchRange: no page to ask for (engine bug)')
      await waitForAny()
    }
  }

  try {
    while (!state.done) {
      const base = buildModel({
        t: state.cursor,
        rangeStart: state.start,
        index: state.index,
        basis: state.basis,
      })
      const model = withRetry(base, state.retry)
      const win = state.current ?? startWindow(state, model, target, minWindowMs)
      state.current = win
      const outcome = await runWindow(win, model)
      if (outcome === 'failed') break
      state.current = null
      // A page that failed but is not needed (past the short page) stops nothing.
      if (failure?.window === win) failure = null
      if (outcome === 'overflow' && win.end - win.start > minWindowMs) {
        // Too full: plan again from the same point, smaller, sized from where its pages put 1,100 records.
        state.order ??= learnOrder(win.pages)
        state.retry = {
          start: win.start,
          end: win.end,
          model: retryModel(win, win.pages, state.order, model?.count ?? null),
        }
        continue
      }
      if (outcome === 'overflow') {
        const ids = new Set(win.pages.flatMap((p) => p?.ids ?? []))
        state.overflow.push({ start: win.start, end: win.end, count: ids.size })
      }
      state.basis = { start: win.start, end: win.end }
      state.retry = null
      state.cursor = win.end
      if (win.end >= state.end) state.done = true
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

function withRetry(base: Model | null, retry: RangeState['retry']): Model | null {
  if (!retry) return base
  // A retry must be smaller than the window that overflowed, whatever the model says.
  const maxLen = Math.min(base?.maxLen ?? Number.POSITIVE_INFINITY, 0.75 * (retry.end - retry.start))
  return { count: retry.model, maxLen }
}

function startWindow(
  state: RangeState,
  model: Model | null,
  target: number,
  minWindowMs: number,
): WindowProgress {
  const plan = planWindow({ t: state.cursor, rangeEnd: state.end, model, target, minWindowMs })
  let end = plan.end
  // Safety net: a retry always makes progress, even if the grid rounds it back up.
  if (state.retry && end >= state.retry.end) end = Math.min(state.retry.end, state.cursor + minWindowMs)
  return { start: plan.start, end, predicted: plan.predicted, pages: [] }
}

function abortReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason
  if (isAbortError(reason) || reason instanceof Error) return reason
  return new DOMException('The fetch was aborted', 'AbortError')
}
