// Live ranges (a range that reaches now): every minute the page asks the server for the recent part
// only and merges it into what it holds, by record identity. The server's store serves what is
// settled and fetches again only the windows that are not (CONTRACT.md "Conversation store"), so the
// budget pays for the last minutes, not the week.
import { ApiError } from './api-error'
import type { Conversation } from './conversation'
import { createRangeAccumulator, type RangeLoad } from './range-load'
import { requestRange } from './range-request'
import { readRangeStream } from './range-stream'

/** How far back a live refresh looks: late fields (dispositions, CSAT) land within it. */
export const LIVE_LOOKBACK_MS = 2 * 3_600_000
export const LIVE_EVERY_MS = 60_000

/** The recent part of a live range: [max(start, now − lookback), end]. */
export function recentPart(
  range: { start: number; end: number },
  now: number,
): { start: number; end: number } {
  return { start: Math.max(range.start, now - LIVE_LOOKBACK_MS), end: range.end }
}

/** The whole of [start, end], normalized; throws ApiError when the stream says error. */
export async function loadRecent(start: number, end: number, signal: AbortSignal): Promise<Conversation[]> {
  const acc = createRangeAccumulator(start, end)
  for await (const event of readRangeStream(await requestRange(start, end, { signal }))) {
    if (event.type === 'error') throw new ApiError(event.status, event.error)
    acc.apply(event)
    if (event.type === 'done') return acc.snapshot().conversations
  }
  throw new ApiError(0, 'The refresh ended early.')
}

/**
 * `recent` replaces what `load` holds of the same records and adds the rest; returns the merged load
 * and the ids that are new (to mark them for a moment).
 */
export function mergeRecent(
  load: RangeLoad,
  recent: readonly Conversation[],
  at: number,
): { load: RangeLoad; added: Set<string> } {
  const known = new Set(load.conversations.map((c) => c.id))
  const fresh = new Set(recent.map((c) => c.id))
  const added = new Set([...fresh].filter((id) => !known.has(id)))
  const conversations = [...load.conversations.filter((c) => !fresh.has(c.id)), ...recent]
  return { load: { ...load, conversations, fetchedAt: at }, added }
}
