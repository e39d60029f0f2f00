// Pure decisions inside one window: what its pages so far say about its size, which pages to ask for, and
// what to do when it overflows.
//
// A window needs exactly its pages 0..⌊n/100⌋ (the last one short). So the first page asked for is the one
// the prediction says is the short one: when it comes back short, n is known and the rest go out in
// parallel, none wasted; when it is full, the next probe goes higher (a full page 10 = overflow, found for
// a request or two instead of eleven); when it is empty, lower. Probes aim a little low, since a full page
// is never wasted while an empty one is.

import {
  type CountModel,
  type Interval,
  MAX_PAGES,
  MINUTE,
  PAGE_SIZE,
  SECOND,
  WINDOW_CAPACITY,
} from './window-plan'

export type PageInfo = {
  count: number
  /** start times of its records that have one */
  times: number[]
  /** earliest and latest of them (Infinity / -Infinity when none) */
  min: number
  max: number
}

/** How the API orders a window's records, learned from the pages (the samples differ). */
export type RecordOrder = 'newest-first' | 'oldest-first' | 'unsorted'

type Pages = readonly (PageInfo | undefined)[]

export type Knowledge = {
  /** index of the highest full page, -1 when none */
  topFull: number
  /** the window holds at least this many */
  lower: number
  /** at most this many, when a page above the full ones came back short or empty */
  upper: number | null
  /** the exact count, once the short page is known */
  exact: number | null
  /** index of the short page when the count is exact */
  shortIndex: number | null
  /** page 10 came back full: the window holds more than it can page through */
  overflow: boolean
}

export function knowledge(pages: Pages): Knowledge {
  let topFull = -1
  for (let i = 0; i < MAX_PAGES; i++) if ((pages[i]?.count ?? 0) >= PAGE_SIZE) topFull = i
  // The short page that counts is the first one above every full page (a short page below a full one
  // means the data grew in between; the higher evidence wins).
  let firstShort: number | null = null
  for (let i = topFull + 1; i < MAX_PAGES; i++) {
    const p = pages[i]
    if (p !== undefined && p.count < PAGE_SIZE) {
      firstShort = i
      break
    }
  }
  const lower = PAGE_SIZE * (topFull + 1)
  let exact: number | null = null
  let upper: number | null = null
  if (firstShort !== null) {
    const c = pages[firstShort]?.count ?? 0
    upper = PAGE_SIZE * firstShort + c
    if (c > 0 || firstShort === topFull + 1) exact = upper
  }
  return {
    topFull,
    lower,
    upper,
    exact,
    shortIndex: exact === null ? null : firstShort,
    overflow: topFull === MAX_PAGES - 1,
  }
}

export function isComplete(k: Knowledge, pages: Pages): boolean {
  if (k.shortIndex === null) return false
  for (let i = 0; i <= k.shortIndex; i++) if (pages[i] === undefined) return false
  return true
}

/** Learns the order from two full pages of one window: later pages older = newest first. */
export function learnOrder(pages: Pages): RecordOrder | null {
  const full: PageInfo[] = []
  for (const p of pages) if (p && p.count >= PAGE_SIZE && Number.isFinite(p.min)) full.push(p)
  for (let a = 0; a < full.length; a++) {
    for (let b = a + 1; b < full.length; b++) {
      const lo = full[a]
      const hi = full[b]
      if (!lo || !hi) continue
      if (lo.min === lo.max && hi.min === hi.max && lo.min === hi.min) continue // one second: no telling
      if (hi.max <= lo.min) return 'newest-first'
      if (hi.min >= lo.max) return 'oldest-first'
      return 'unsorted'
    }
  }
  return null
}

/**
 * Expected count of a window from its highest full page: the records up to that page sit at one end
 * (which one, the order says); the rest of the window holds what the model predicts there, scaled by how
 * the model did on the part seen. Without a model, the page's own density. Unsorted: the prior.
 */
export function estimateCount(
  win: Interval,
  pages: Pages,
  k: Knowledge,
  order: RecordOrder | null,
  model: CountModel | null,
  prior: number | null,
): number | null {
  if (k.exact !== null) return k.exact
  const bound = (n: number) => Math.min(k.upper ?? Number.POSITIVE_INFINITY, Math.max(k.lower, n))
  const top = k.topFull >= 0 ? pages[k.topFull] : undefined
  // An empty page above the full ones discredits predictions and projections: search up from the bottom.
  if (k.upper !== null) return null
  if (!top || !Number.isFinite(top.min)) return prior === null ? null : bound(prior)
  let side: 'start' | 'end' | null = null
  if (order === 'oldest-first') side = 'start'
  else if (order === 'newest-first') side = 'end'
  else if (order === null && k.topFull === 0) {
    // Page 0 hugs one end of the window whichever way it is sorted.
    side = win.end - top.min < top.max - win.start ? 'end' : 'start'
  }
  // Unsorted: the pages say only how many there are at least. Once that passes the prediction, expect
  // about twice what is seen, so the probes climb geometrically instead of page by page.
  if (side === null) return bound(prior !== null && prior > k.lower ? prior : 2 * k.lower)
  return bound(project(win, top, side, k.lower, model))
}

function project(
  win: Interval,
  top: PageInfo,
  side: 'start' | 'end',
  seen: number,
  model: CountModel | null,
) {
  // The part of the window the pages so far cover, and the part they do not.
  const [coveredA, coveredB, restA, restB] =
    side === 'start' ? [win.start, top.max, top.max, win.end] : [top.min, win.end, win.start, top.min]
  if (model) {
    const scale = Math.min(50, Math.max(0.05, seen / Math.max(model(coveredA, coveredB), 1)))
    return seen + model(restA, restB) * scale
  }
  const rate = top.count / Math.max(top.max - top.min, SECOND)
  return seen + rate * Math.max(0, restB - restA)
}

/** Aim probes low: a full page is needed anyway, an empty one is a request wasted. */
const PROBE_AIM = 0.8
/** Below this estimate an overflow is unlikely enough to fetch pages below a full one alongside a probe. */
const FILL_BELOW = 700

/**
 * Offsets to request now (at most `slots`). One probe at a time looks for the short page; pages below a
 * full one are needed too and go out alongside once an overflow is ruled out or unlikely (an overflow
 * makes every page of the window a request spent for nothing).
 */
export function nextOffsets(
  k: Knowledge,
  pages: Pages,
  pending: ReadonlySet<number>,
  estimate: number | null,
  slots: number,
  certain = false,
): number[] {
  if (slots <= 0 || k.overflow) return []
  const out: number[] = []
  const free = (i: number) => pages[i] === undefined && !pending.has(i)
  if (k.shortIndex !== null) {
    for (let i = 0; i <= k.shortIndex && out.length < slots; i++) if (free(i)) out.push(i)
    return out
  }
  const lo = k.topFull + 1
  const hi = k.upper !== null ? Math.min(MAX_PAGES - 1, Math.floor(k.upper / PAGE_SIZE) - 1) : MAX_PAGES - 1
  let probing = false
  for (const i of pending) if (i >= lo) probing = true
  if (!probing && lo <= hi) {
    let p = lo
    if (estimate !== null) {
      const aim = certain ? 1 : PROBE_AIM
      p = estimate > WINDOW_CAPACITY * 1.05 ? hi : Math.floor((aim * estimate) / PAGE_SIZE)
      p = Math.min(hi, Math.max(lo, p))
    }
    for (let i = p; i >= lo; i--) {
      if (free(i)) {
        out.push(i)
        break
      }
    }
  }
  const overflowUnlikely = certain || k.upper !== null || (estimate !== null && estimate <= FILL_BELOW)
  if (overflowUnlikely) for (let i = 0; i < lo && out.length < slots; i++) if (free(i)) out.push(i)
  return out.slice(0, slots)
}

export type SplitPlan = Interval & {
  /** records it holds: 1,000 + those of page 10 inside it (ties at its edge aside) */
  predicted: number
  /** the part at the window's far end: fetched now, the sweep resumes before it */
  island: boolean
}

/**
 * After an overflow of a sorted window, the pages tell exactly where 1,100 records end: oldest first,
 * [start, just before page 10's latest] holds at most 1,099 of them; newest first, [just after page 10's
 * earliest, end] does. That part is the next window, a full one, at no cost in guesses.
 */
export function splitOverflow(
  win: Interval,
  pages: Pages,
  order: RecordOrder | null,
  minWindowMs: number,
): SplitPlan | null {
  const last = pages[MAX_PAGES - 1]
  if (!last || last.count < PAGE_SIZE || !Number.isFinite(last.min)) return null
  const seen = PAGE_SIZE * (MAX_PAGES - 1)
  const grid = Math.min(MINUTE, minWindowMs)
  if (order === 'oldest-first') {
    const end = Math.floor((last.max - 1) / grid) * grid
    if (end - win.start < minWindowMs) return null
    return {
      start: win.start,
      end,
      predicted: seen + last.times.filter((t) => t <= end).length,
      island: false,
    }
  }
  if (order === 'newest-first') {
    const start = Math.ceil((last.min + 1) / grid) * grid
    if (win.end - start < minWindowMs) return null
    return {
      start,
      end: win.end,
      predicted: seen + last.times.filter((t) => t >= start).length,
      island: true,
    }
  }
  return null
}

/**
 * The model for retrying a window that overflowed when its order gives no exact split. Unsorted pages are
 * a sample of the whole window, so where their times fall says where its records are (a burst shows);
 * at least 1,100 are there, so the count is scaled up, with a margin. No times: the model, scaled alike.
 */
export function retryModel(win: Interval, pages: Pages, model: CountModel | null): CountModel {
  const sample = pages.flatMap((p) => p?.times ?? []).sort((a, b) => a - b)
  const total = 1.25 * Math.max(WINDOW_CAPACITY, knowledge(pages).lower)
  if (sample.length >= PAGE_SIZE) {
    const within = (a: number, b: number) => upperBound(sample, b) - upperBound(sample, a - 1)
    return (a, b) => (total * (within(a, b) + 0.5)) / sample.length
  }
  if (model) {
    const factor = Math.min(50, Math.max(1.25, total / Math.max(model(win.start, win.end), 1)))
    return (a, b) => factor * model(a, b)
  }
  const rate = total / Math.max(win.end - win.start, SECOND)
  return (a, b) => rate * Math.max(0, b - a)
}

/** Count of sorted values ≤ x. */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] ?? 0) <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}
