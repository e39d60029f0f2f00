import { useCallback } from 'react'
import type { TimeRange } from '../features/date-range/range-rules'
import { useUrlParams } from '../lib/use-url-params'

export const COMPARE_PARAM = 'compare'

/**
 * The period of the same length just before `range` (epoch ms, both ends inclusive). Across a
 * daylight-saving change it is the same number of hours, so its days may start an hour off.
 */
export function previousRange(range: TimeRange): TimeRange {
  const length = range.end - range.start + 1
  return { ...range, start: range.start - length, end: range.start - 1 }
}

/** Compare with the previous period: `compare=1` in the URL. */
export function useCompare(): [boolean, (on: boolean) => void] {
  const [params, setParams] = useUrlParams()
  const on = params.get(COMPARE_PARAM) === '1'
  const set = useCallback(
    (next: boolean) => {
      const updated = new URLSearchParams(window.location.search)
      if (next) updated.set(COMPARE_PARAM, '1')
      else updated.delete(COMPARE_PARAM)
      setParams(updated)
    },
    [setParams],
  )
  return [on, set]
}
