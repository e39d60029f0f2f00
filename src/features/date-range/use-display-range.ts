import { useCallback, useMemo, useState } from 'react'
import { browserTimeZone } from '../../lib/format'
import { useUrlParams } from '../../lib/use-url-params'
import { isValidTimeZone, type TimeRange } from './range-rules'
import { rangeFromUrl, rangeToParams } from './range-url'

/** The range and display zone the URL names, and the ways to change them (each a history entry). */
export function useDisplayRange() {
  const [params, setParams] = useUrlParams()
  // "now" is fixed per page view so the default range does not drift while the page is open.
  const [now] = useState(() => Date.now())
  const parsed = useMemo(() => rangeFromUrl(params, now, browserTimeZone()), [params, now])

  const setRange = useCallback(
    (range: TimeRange) => {
      const next = rangeToParams(range, parsed.zone, params)
      // A link with an unknown zone was shown in the browser's zone: keep the URL saying so.
      if (!isValidTimeZone(next.get('tz') ?? parsed.zone)) next.delete('tz')
      setParams(next)
    },
    [params, parsed.zone, setParams],
  )
  const setZone = useCallback(
    (zone: string) => {
      const next = new URLSearchParams(params)
      next.set('tz', zone)
      setParams(next)
    },
    [params, setParams],
  )
  return { parsed, setRange, setZone }
}
