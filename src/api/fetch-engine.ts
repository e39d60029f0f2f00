// Fetches every conversation of a date range through the proxy, spending as few requests as it can.
//
// One sweep from start to end. Each window is sized from the density the previous one showed (≈ 950
// records, under the 1,100 a window can page through) and ends on a fixed UTC grid, so an overlapping range
// asks for the same windows and the server's cache answers them. A window's pages are fetched until a short
// one; if its first pages already show it will not fit, or its 11th page is full, it is given up and the
// sweep retries from the same point with a smaller window sized from what those pages showed (their records
// are kept). Decisions depend only on the data, never on timing, so the same range always asks for the same
// windows. No retries here (the server already retried): a failure stops new work and returns what is done.

import { isAbortError } from './api-error'
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
  DEFAULT_TARGET,
  type Interval,
  MAX_PAGES,
  MINUTE,
  type Observation,
  PAGE_SIZE,
  parseUtcTimestamp,
  planWindow,
  projectCount,
  shouldAbandon,
  toUtcInstant,
} from './window-plan'

export type { OverflowWindow, RangeState } from './range-state'

export type PageRequest = { startDate: string; endDate: string; offset: number; limit: number }
export type PostPage = (req: PageRequest, signal: AbortSignal) => Promise<{ data: unknown[] }>

export type RangeProgress = {
  coveredMs: number
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
  /** the state of an earlier result: fetch only what it is missing */
  resume?: RangeState
  /** records a window is sized for (default 950) */
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
  /** windows holding more than the API can page through, with the count obtained */
  overflow: OverflowWindow[]
  /** windows whose request failed; empty when complete */
  failed: FailedWindow[]
  /** the part of the range not fetched yet: the failed windows and what follows them */
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

type Outcome = 'complete' | 'overflow' | 'abandon' | 'failed'

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
  aborted.catch(() => {}) // observed below; avoid an unhandled rejection when nothing awaits it

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

  const addRecords = (data: readonly unknown[]): { summary: PageSummary; fresh: unknown[] } => {
    const summary: PageSummary = { count: data.length, times: [], ids: [] }
    const fresh: unknown[] = []
    for (const raw of data) {
      const id = opts.identity(raw) ?? `raw:${JSON.stringify(raw)}`
      summary.ids.push(id)
      const t = opts.recordTime(raw)
      if (t !== null) summary.times.push(t)
      if (!state.records.has(id)) {
        state.records.set(id, raw)
        fresh.push(raw)
      }
    }
    return { summary, fresh }
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
          const { summary, fresh } = addRecords(Array.isArray(res?.data) ? res.data : [])
          win.pages[offset] = summary
          report(fresh)
        },
        (error: unknown) => {
          if (controller.signal.aborted) return
          // A late failure of a page no longer needed (its window is settled) changes nothing.
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

  /** Pages one window until it is settled; requests stay deterministic: they depend on page contents only. */
  const runWindow = async (win: WindowProgress): Promise<Outcome> => {
    const pending = new Set<number>()
    for (;;) {
      const prefix = fullPrefix(win)
      const settled = settle(win, prefix, minWindowMs)
      if (settled) return settled
      if (failure) {
        if (inflight.size === 0) return 'failed'
        await waitForAny()
        continue
      }
      const frontier = prefix.length
      const eager = eagerLimit(win, prefix)
      for (let o = frontier; o < MAX_PAGES && inflight.size < concurrency; o++) {
        if (win.pages[o] !== undefined || pending.has(o)) continue
        if (o > frontier && o >= eager) break
        issue(win, o, pending)
      }
      if (inflight.size === 0) throw new Error('fetchRange: nothing to wait for (engine bug)')
      await waitForAny()
    }
  }

  try {
    while (!state.done) {
      const win = state.current ?? startWindow(state, target, minWindowMs)
      state.current = win
      const outcome = await runWindow(win)
      if (outcome === 'failed') break
      const times = fullPrefix(win).flatMap((p) => p.times)
      const obs: Observation = { start: win.start, end: win.end, times, complete: outcome === 'complete' }
      state.current = null
      // A page that failed but is not needed (past a short page, or of a window given up) stops nothing.
      if (failure?.window === win) failure = null
      if (outcome === 'complete' || (outcome === 'overflow' && !splittable(win, minWindowMs))) {
        if (outcome === 'overflow') {
          const ids = new Set(fullPrefix(win).flatMap((p) => p.ids))
          state.overflow.push({ start: win.start, end: win.end, count: ids.size })
        }
        state.basis = obs
        state.retry = null
        state.cursor = win.end
        if (win.end >= state.end) state.done = true
        report([])
      } else {
        state.retry = obs // too full: plan again from the same point, smaller
      }
    }
    // Let the requests still in flight land (their records are kept) before handing the state back.
    while (inflight.size > 0) await waitForAny()
  } catch (error) {
    controller.abort(error)
    throw error
  } finally {
    outer?.removeEventListener('abort', onAbort)
  }
  if (controller.signal.aborted) throw abortReason(controller.signal)

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

function startWindow(state: RangeState, target: number, minWindowMs: number): WindowProgress {
  const plan = planWindow({
    t: state.cursor,
    rangeEnd: state.end,
    basis: state.basis,
    retry: state.retry,
    target,
    minWindowMs,
  })
  let end = plan.end
  // Safety net: a retry must make progress even if the grid rounds it back up to the window given up.
  if (state.retry && end >= state.retry.end) end = Math.min(state.retry.end, state.cursor + minWindowMs)
  return { start: plan.start, end, predicted: plan.predicted, pages: [] }
}

/** Full pages from offset 0 on, up to the first page not known; a short page ends the prefix too. */
function fullPrefix(win: WindowProgress): PageSummary[] {
  const out: PageSummary[] = []
  for (let o = 0; o < MAX_PAGES; o++) {
    const p = win.pages[o]
    if (!p) break
    out.push(p)
    if (p.count < PAGE_SIZE) break
  }
  return out
}

function splittable(win: Interval, minWindowMs: number): boolean {
  return win.end - win.start > minWindowMs
}

function settle(win: WindowProgress, prefix: PageSummary[], minWindowMs: number): Outcome | null {
  const last = prefix[prefix.length - 1]
  if (last && last.count < PAGE_SIZE) return 'complete'
  if (prefix.length === MAX_PAGES) return 'overflow'
  if (prefix.length > 0 && splittable(win, minWindowMs)) {
    const projected = projectCount(
      win,
      prefix.map((p) => p.times),
    )
    if (shouldAbandon(projected, prefix.length)) return 'abandon'
  }
  return null
}

/**
 * Pages below this offset are requested without waiting for the one before: the window is expected to
 * hold at least that many full pages. Page 0 always goes alone, since it can show the window is too full.
 */
function eagerLimit(win: WindowProgress, prefix: PageSummary[]): number {
  if (prefix.length === 0) return 0
  const projected = projectCount(
    win,
    prefix.map((p) => p.times),
  )
  // The smaller of prediction and projection: a page asked for needlessly is a request wasted.
  const expected = win.predicted === null ? projected : Math.min(projected, win.predicted)
  if (expected > MAX_PAGES * PAGE_SIZE) return prefix.length + 1
  return Math.min(MAX_PAGES, Math.floor((0.85 * expected) / PAGE_SIZE))
}

function abortReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason
  if (isAbortError(reason)) return reason
  if (reason instanceof Error) return reason
  return new DOMException('The fetch was aborted', 'AbortError')
}
