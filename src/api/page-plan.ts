// Pure decisions inside one window: what its pages so far say about its size, and which pages to ask for.
//
// A window needs exactly its pages 0..⌊n/100⌋ (the last one short). So the first page asked for is the one
// the prediction says is the short one: when it comes back short, n is known and the rest go out in
// parallel, none wasted; when it is full, the next probe goes higher (a full page 10 = overflow, found for
// one or two requests instead of eleven); when it is empty, lower. Probes aim a little low, since a full
// page is never wasted while an empty one is.

import {
  type CountModel,
  type Interval,
  MAX_PAGES,
  PAGE_SIZE,
  SECOND,
  WINDOW_CAPACITY,
} from './window-plan'

export type PageInfo = {
  count: number
  /** earliest and latest start time in the page (Infinity / -Infinity when none has one) */
  min: number
  max: number
}

/** How the API orders a window's records, learned from the pages (the samples differ). */
export type RecordOrder = 'newest-first' | 'oldest-first' | 'unsorted'

export type Knowledge = {
  /** index of the highest full page, -1 when none */
  topFull: number
  /** the window holds at least this many */
  lower: number
  /** at most this many, when a page above the full ones came back empty */
  upper: number | null
  /** the exact count, once the short page is known */
  exact: number | null
  /** index of the short page when the count is exact */
  shortIndex: number | null
  /** page 10 came back full: the window holds more than it can page through */
  overflow: boolean
}

export function knowledge(pages: readonly (PageInfo | undefined)[]): Knowledge {
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

export function isComplete(k: Knowledge, pages: readonly (PageInfo | undefined)[]): boolean {
  if (k.shortIndex === null) return false
  for (let i = 0; i <= k.shortIndex; i++) if (pages[i] === undefined) return false
  return true
}

/** Learns the order from two full pages of one window: later pages older = newest first. */
export function learnOrder(pages: readonly (PageInfo | undefined)[]): RecordOrder | null {
  const full = pages
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: PageInfo; i: number } => (x.p?.count ?? 0) >= PAGE_SIZE && x.p !== undefined)
    .filter((x) => Number.isFinite(x.p.min))
  for (let a = 0; a < full.length; a++) {
    for (let b = a + 1; b < full.length; b++) {
      const lo = full[a]?.p
      const hi = full[b]?.p
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
  pages: readonly (PageInfo | undefined)[],
  k: Knowledge,
  order: RecordOrder | null,
  model: CountModel | null,
  prior: number | null,
): number | null {
  if (k.exact !== null) return k.exact
  const bound = (n: number) => Math.min(k.upper ?? Number.POSITIVE_INFINITY, Math.max(k.lower, n))
  const top = k.topFull >= 0 ? pages[k.topFull] : undefined
  // An empty page under the predicted count discredits the prediction: search upward from the bottom.
  if (prior !== null && k.upper !== null && prior > k.upper) prior = null
  if (!top || !Number.isFinite(top.min)) return prior === null ? null : bound(prior)
  let side: 'start' | 'end' | null = null
  if (order === 'oldest-first') side = 'start'
  else if (order === 'newest-first') side = 'end'
  else if (order === null && k.topFull === 0) {
    // Page 0 hugs one end of the window whichever way it is sorted.
    side = win.end - top.min < top.max - win.start ? 'end' : 'start'
  }
  if (side === null) return prior === null ? bound(k.lower) : bound(prior)
  const projected = project(win, top, side, k.lower, model)
  // An empty page under the projection discredits it too: search upward from the top full page.
  return k.upper !== null && projected > k.upper ? null : bound(projected)
}

function project(
  win: Interval,
  top: PageInfo,
  side: 'start' | 'end',
  seen: number,
  model: CountModel | null,
): number {
  // The part of the window the pages so far cover, and the part they do not.
  const [coveredA, coveredB, restA, restB] =
    side === 'start'
      ? [win.start, top.max, top.max, win.end]
      : [top.min, win.end, win.start, top.min]
  let rest: number
  if (model) {
    const predictedSeen = Math.max(model(coveredA, coveredB), 1)
    const scale = Math.min(5, Math.max(0.2, seen / predictedSeen))
    rest = model(restA, restB) * scale
  } else {
    const rate = top.count / Math.max(top.max - top.min, SECOND)
    rest = rate * Math.max(0, restB - restA)
  }
  return seen + rest
}

/** Aim probes slightly low: a full page is needed anyway, an empty one is a request wasted. */
const PROBE_AIM = Number(process.env.AIM ?? 0.9)

/**
 * Offsets to request now (at most `slots`). One probe at a time looks for the short page; pages below a
 * full one are needed too and go out alongside when an overflow is ruled out or unlikely.
 */
export function nextOffsets(
  k: Knowledge,
  pages: readonly (PageInfo | undefined)[],
  pending: ReadonlySet<number>,
  estimate: number | null,
  slots: number,
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
      p = estimate > WINDOW_CAPACITY * 1.05 ? hi : Math.floor((PROBE_AIM * estimate) / PAGE_SIZE)
      p = Math.min(hi, Math.max(lo, p))
    }
    for (let i = p; i >= lo; i--) {
      if (free(i)) {
        out.push(i)
        break
      }
    }
  }
  const overflowUnlikely = k.upper !== null || (estimate !== null && estimate <= WINDOW_CAPACITY - 100)
  if (overflowUnlikely) for (let i = 0; i < lo && out.length < slots; i++) if (free(i)) out.push(i)
  return out.slice(0, slots)
}

/**
 * The model for retrying a window that overflowed (page 10 full), from the same start: the pages show
 * where 1,100 records lie, so the model is rescaled to match there (or, without a model, their density).
 */
export function retryModel(
  win: Interval,
  pages: readonly (PageInfo | undefined)[],
  order: RecordOrder | null,
  model: CountModel | null,
): CountModel {
  const k = knowledge(pages)
  const top = k.topFull >= 0 ? pages[k.topFull] : undefined
  const seen = Math.max(k.lower, WINDOW_CAPACITY)
  let region: Interval = win
  if (top && Number.isFinite(top.min)) {
    if (order === 'oldest-first') region = { start: win.start, end: top.max }
    else if (order === 'newest-first') region = { start: top.min, end: win.end }
  }
  const sorted = region !== win
  if (model) {
    const predicted = Math.max(model(region.start, region.end), 1)
    // Unsorted pages only say "at least 1,100 somewhere in the window": shrink by a margin at least.
    const factor = Math.min(50, Math.max(sorted ? 0.5 : 1.25, seen / predicted))
    return (a, b) => factor * model(a, b)
  }
  const span = Math.max(region.end - region.start, SECOND)
  let rate = (seen / span) * (sorted ? 1 : 1.25)
  const first = pages[0]
  const mode = process.env.COLD ?? 'a'
  if (sorted && first && Number.isFinite(first.min) && mode !== 'a') {
    const hug = order === 'oldest-first' ? first.max - win.start : win.end - first.min
    const rate0 = first.count / Math.max(hug, SECOND)
    rate = mode === 'b' ? Math.min(rate, rate0) : Math.sqrt(rate * Math.min(rate, rate0))
  }
  return (a, b) => rate * Math.max(0, b - a)
}
