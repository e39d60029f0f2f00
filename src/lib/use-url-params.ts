import { useCallback, useMemo, useSyncExternalStore } from 'react'

// The page's state lives in the URL (bookmarkable, shareable); history entries make back/forward work.
const listeners = new Set<() => void>()

function subscribe(onChange: () => void) {
  listeners.add(onChange)
  window.addEventListener('popstate', onChange)
  return () => {
    listeners.delete(onChange)
    window.removeEventListener('popstate', onChange)
  }
}

const snapshot = () => window.location.search

export function useUrlParams(): [
  URLSearchParams,
  (next: URLSearchParams, mode?: 'push' | 'replace') => void,
] {
  const search = useSyncExternalStore(subscribe, snapshot)
  const setParams = useCallback((next: URLSearchParams, mode: 'push' | 'replace' = 'push') => {
    const query = next.toString()
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`
    if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return
    if (mode === 'push') window.history.pushState(null, '', url)
    else window.history.replaceState(null, '', url)
    for (const listener of listeners) listener()
  }, [])
  const params = useMemo(() => new URLSearchParams(search), [search])
  return [params, setParams]
}
