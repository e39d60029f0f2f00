// A link's view parameters (`preset`, `sort`, `cols`: view-setup.ts) are read once, when the page
// loads, before React's first render and before main.tsx starts loading the URL's range:
// - `preset` becomes that preset's from/to now, in the link's zone;
// - `sort` and `cols` are written into the table's prefs, which the table reads when it mounts;
// then the three leave the URL (replaced, not a new history entry), so a later change of range or sort
// is not undone by a stale parameter on reload.

import { useSyncExternalStore } from 'react'
import { browserTimeZone } from '../../lib/format'
import { loadPrefs, savePrefs } from '../conversations-table/table-prefs'
import { prefsWithView, resolveViewLink } from './view-setup'

/** Applies the current URL's view parameters; true when the URL had some. */
export function applyViewLink(now = Date.now()): boolean {
  if (typeof window === 'undefined') return false
  const resolved = resolveViewLink(window.location.search, now, browserTimeZone())
  if (resolved === null) return false
  const prefs = loadPrefs()
  const next = prefsWithView(prefs, resolved)
  if (next !== prefs) savePrefs(next)
  const url = `${window.location.pathname}${resolved.search}${window.location.hash}`
  window.history.replaceState(window.history.state, '', url)
  return true
}

// --- the table's prefs replaced while the page is open (Apply) -------------------------------------
// The table reads its prefs when it mounts; after a view writes new ones the page remounts the part that
// holds the table, keyed on this number.

let generation = 0
const listeners = new Set<() => void>()

export function tablePrefsReplaced(): void {
  generation += 1
  for (const listener of listeners) listener()
}

function subscribe(onChange: () => void) {
  listeners.add(onChange)
  return () => {
    listeners.delete(onChange)
  }
}

const snapshot = () => generation

/** Changes each time a view replaced the table's sort or columns: a `key` for what holds the table. */
export function useTablePrefsGeneration(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot)
}
