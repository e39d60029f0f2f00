// The "Hide personal data" switch. What it masks, and how, is src/api/privacy-mask.ts.

import { useCallback, useSyncExternalStore } from 'react'

// The choice is the viewer's, kept in this browser (not in the URL: a shared link shows what the
// receiver chooses to see).
const STORAGE_KEY = 'smartassist-dashboard.hidePersonalData'
const listeners = new Set<() => void>()

function readStored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === '1'
  } catch {
    return false
  }
}

function subscribe(onChange: () => void) {
  listeners.add(onChange)
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY) onChange()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(onChange)
    window.removeEventListener('storage', onStorage)
  }
}

let fallback = false

/** [hidden, setHidden]: the "Hide personal data" switch, remembered in localStorage. */
export function useHidePersonalData(): [boolean, (hidden: boolean) => void] {
  const hidden = useSyncExternalStore(
    subscribe,
    () => readStored() || fallback,
    () => false,
  )
  const setHidden = useCallback((next: boolean) => {
    fallback = next
    try {
      if (next) window.localStorage.setItem(STORAGE_KEY, '1')
      else window.localStorage.removeItem(STORAGE_KEY)
    } catch {
      // storage unavailable (private mode): the choice lasts for this page view
    }
    for (const l of listeners) l()
  }, [])
  return [hidden, setHidden]
}
