import { useCallback, useMemo } from 'react'
import { DEFAULT_SERVICE_LEVEL_SEC, isServiceLevelSec, SERVICE_LEVEL_RULE } from '../api/figures'
import { useUrlParams } from '../lib/use-url-params'

export const SERVICE_LEVEL_PARAM = 'sl'

/** The URL's `sl`: its seconds, or the default with what was wrong with it. */
export function serviceLevelFromUrl(params: URLSearchParams): { sec: number; problem: string | null } {
  const raw = params.get(SERVICE_LEVEL_PARAM)
  if (raw === null) return { sec: DEFAULT_SERVICE_LEVEL_SEC, problem: null }
  const sec = Number(raw)
  if (raw.trim() !== '' && isServiceLevelSec(sec)) return { sec, problem: null }
  return {
    sec: DEFAULT_SERVICE_LEVEL_SEC,
    problem: `"sl=${raw}" in the link is not used: ${SERVICE_LEVEL_RULE.toLowerCase()}; ${DEFAULT_SERVICE_LEVEL_SEC} s is used.`,
  }
}

/** T for the service level, kept in the URL (`sl`; the default is left out of the URL). */
export function useServiceLevel() {
  const [params, setParams] = useUrlParams()
  const { sec, problem } = serviceLevelFromUrl(params)
  const setSec = useCallback(
    (next: number) => {
      const updated = new URLSearchParams(window.location.search)
      if (next === DEFAULT_SERVICE_LEVEL_SEC) updated.delete(SERVICE_LEVEL_PARAM)
      else updated.set(SERVICE_LEVEL_PARAM, String(next))
      // typing 3, 30 should not leave a history entry per keystroke
      setParams(updated, 'replace')
    },
    [setParams],
  )
  return useMemo(() => ({ sec, problem, setSec }), [sec, problem, setSec])
}
