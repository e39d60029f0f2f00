import { type QueryKey, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { LIVE_EVERY_MS, loadRecent, mergeRecent, recentPart } from '../api/live-refresh'
import type { RangeLoad } from '../api/range-load'
import type { TimeRange } from '../features/date-range/range-rules'

/** How long rows that arrived with a refresh stay marked. */
const NEW_FOR_MS = 8_000

export type LiveRange = {
  /** the range reaches now and is loaded: it refreshes itself */
  live: boolean
  paused: boolean
  setPaused(paused: boolean): void
  /** when the last refresh landed (epoch ms) */
  updatedAt: number | null
  /** ids that arrived with the last refresh, for a moment */
  newIds: ReadonlySet<string>
  /** the last refresh's failure, if it failed (the next one tries again) */
  error: string | null
}

const NONE: ReadonlySet<string> = new Set()

/**
 * Every minute while `complete` and the range ends now or later: the recent part, merged into the
 * range's query data (the same array object for rows that did not change, so table scroll, sort,
 * selection and the open drawer stay as they are).
 */
export function useLiveRange(range: TimeRange, queryKey: QueryKey, complete: boolean): LiveRange {
  // the ends, not the object: every URL change (a drawer, a filter) parses a new range object, and
  // restarting the minute on each would put the next refresh off for as long as people keep clicking
  const { start, end } = range
  const client = useQueryClient()
  const [paused, setPaused] = useState(false)
  const [updatedAt, setUpdatedAt] = useState<number | null>(null)
  const [newIds, setNewIds] = useState<ReadonlySet<string>>(NONE)
  const [error, setError] = useState<string | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const live = complete && end >= now
  const keyRef = useRef(queryKey)
  keyRef.current = queryKey

  useEffect(() => {
    if (!live || paused) return
    const controller = new AbortController()
    let busy = false
    let unmark: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      setNow(Date.now())
      if (busy) return
      busy = true
      const at = Date.now()
      const part = recentPart({ start, end }, at)
      try {
        const recent = await loadRecent(part.start, part.end, controller.signal)
        const current = client.getQueryData<RangeLoad>(keyRef.current)
        if (!current || controller.signal.aborted) return
        const merged = mergeRecent(current, recent, at)
        client.setQueryData(keyRef.current, merged.load)
        setUpdatedAt(at)
        setError(null)
        setNewIds(merged.added.size > 0 ? merged.added : NONE)
        clearTimeout(unmark)
        unmark = setTimeout(() => setNewIds(NONE), NEW_FOR_MS)
      } catch (e) {
        if (!controller.signal.aborted) setError((e as Error).message)
      } finally {
        busy = false
      }
    }
    const timer = setInterval(() => void tick(), LIVE_EVERY_MS)
    return () => {
      controller.abort()
      clearInterval(timer)
      clearTimeout(unmark)
    }
  }, [live, paused, start, end, client])

  return { live, paused, setPaused, updatedAt, newIds, error }
}
