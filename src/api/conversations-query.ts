// One range = one query = one streamed GET /api/conversations (CONTRACT.md "Ranges"). The server runs
// the fetch engine and keeps what it fetched; the page reads the stream, normalizes the records once,
// and publishes rows as they arrive. Leaving the range aborts the request (the query's signal); Retry
// asks again for the same range, and the server answers what it already holds at once.

import { type QueryFunctionContext, queryOptions } from '@tanstack/react-query'
import { ApiError } from './api-error'
import { createRangeAccumulator, type RangeLoad } from './range-load'
import { requestRange } from './range-request'
import { CUT_MESSAGE, readRangeStream } from './range-stream'

export type { RangeLoad } from './range-load'

type Key = readonly ['conversations', number, number, number]

/** Rows appear as records arrive, but each re-render costs more as the set grows: publish less often then. */
export const publishEveryMs = (rows: number) => Math.max(200, rows / 40)

/**
 * Records that come before the server reports work left (a progress line with coveredMs < totalMs)
 * are what its store already holds, sent at wire speed: they are shown together, so a range the
 * server holds goes straight from "Loading…" to the count, without a progress phase. A stored part
 * that takes longer than this (a slow link) shows progress then. Each early render of 50,000 rows
 * costs the main thread ~0.6 s, so the hold is well above the ~4 s a stored busy week takes here.
 */
export const HOLD_STORED_MS = 15_000

/**
 * The whole range, normalized at the edge. `refreshedAt` > 0 is a Refresh: its own query, sent with
 * `Cache-Control: no-cache` (and so is a Retry of it), so the server fetches the range again.
 */
export function conversationsQuery(start: number, end: number, refreshedAt = 0) {
  return queryOptions({
    queryKey: ['conversations', start, end, refreshedAt] as Key,
    queryFn: loadRange,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10 * 60_000,
  })
}

async function loadRange(ctx: QueryFunctionContext<Key>): Promise<RangeLoad> {
  const [, start, end, refreshedAt] = ctx.queryKey
  const { signal } = ctx
  // A Retry, or coming back to a range whose load was cut off: its rows stay on screen until this
  // answer has as many (the server sends what it holds first, so that is quick).
  const previous = ctx.client.getQueryData<RangeLoad>(ctx.queryKey)
  const shownBefore = previous?.conversations.length ?? 0
  const acc = createRangeAccumulator(start, end)

  const publisher = createPublisher(
    () => {
      if (signal.aborted || acc.rows < shownBefore) return
      ctx.client.setQueryData(ctx.queryKey, acc.snapshot())
    },
    () => acc.rows,
  )

  try {
    const body = await requestRange(start, end, { noCache: refreshedAt > 0, signal })
    for await (const event of readRangeStream(body)) {
      if (event.type === 'error') {
        // Everything received stays visible (or what was shown before, when that is more); the
        // notice says what went wrong and offers Retry.
        if (!signal.aborted && acc.rows >= shownBefore) ctx.client.setQueryData(ctx.queryKey, acc.snapshot())
        throw new ApiError(
          event.status,
          event.error,
          event.retryAfterSeconds === undefined ? {} : { retryAfterSec: event.retryAfterSeconds },
        )
      }
      if (event.type === 'progress' && event.coveredMs < event.totalMs) publisher.release()
      acc.apply(event)
      if (event.type === 'done') {
        if (event.count !== acc.rows) {
          if (!signal.aborted) ctx.client.setQueryData(ctx.queryKey, { ...acc.snapshot(), complete: false })
          throw new ApiError(
            502,
            `The dashboard server counted ${event.count.toLocaleString('en-US')} records but sent ${acc.rows.toLocaleString('en-US')}; press Retry, and check the server log if it persists.`,
          )
        }
        return acc.snapshot()
      }
      publisher.changed()
    }
    // readRangeStream always ends with done or error; this is only reached if it ever does not.
    throw new ApiError(0, CUT_MESSAGE)
  } finally {
    publisher.stop()
  }
}

/**
 * When rows go to React: not before the server reports work left or HOLD_STORED_MS after the first
 * event (a stored range arrives whole), then at most every publishEveryMs, the last change included.
 */
function createPublisher(publish: () => void, rows: () => number) {
  let holdUntil: number | undefined
  let released = false
  let last = Number.NEGATIVE_INFINITY
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    timer = undefined
    last = Date.now()
    publish()
  }
  return {
    /** the server is fetching: every change is worth showing from now on */
    release() {
      if (released) return
      released = true
      clearTimeout(timer)
      timer = undefined
    },
    changed() {
      const now = Date.now()
      holdUntil ??= now + HOLD_STORED_MS
      const at = Math.max(released ? now : holdUntil, last + publishEveryMs(rows()))
      if (at <= now) {
        clearTimeout(timer)
        flush()
      } else timer ??= setTimeout(flush, at - now)
    },
    stop() {
      clearTimeout(timer)
    },
  }
}
