// What the table remembers between visits: column visibility, widths and sort order, in localStorage.
// Reading tolerates anything (no storage, corrupt JSON, old or foreign shapes): what cannot be used is
// dropped and the defaults fill in.

import type { ColumnSizingState, ColumnVisibilityState, SortingState } from '@tanstack/react-table'
import {
  DEFAULT_SORTING,
  DEFAULT_VISIBILITY,
  isColumnId,
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
} from './columns'

export const PREFS_KEY = 'calldetails.table.v1'

export type TablePrefs = {
  visibility: ColumnVisibilityState
  sizing: ColumnSizingState
  sorting: SortingState
}

export function defaultPrefs(): TablePrefs {
  return {
    visibility: { ...DEFAULT_VISIBILITY },
    sizing: {},
    sorting: DEFAULT_SORTING.map((s) => ({ ...s })),
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Visibility over the defaults: a column added later starts with its default. */
function readVisibility(v: unknown): ColumnVisibilityState {
  const out: ColumnVisibilityState = { ...DEFAULT_VISIBILITY }
  if (!isRecord(v)) return out
  for (const [id, shown] of Object.entries(v))
    if (isColumnId(id) && typeof shown === 'boolean') out[id] = shown
  // a table with no column at all is no use: fall back to the defaults
  return Object.values(out).some(Boolean) ? out : { ...DEFAULT_VISIBILITY }
}

function readSizing(v: unknown): ColumnSizingState {
  const out: ColumnSizingState = {}
  if (!isRecord(v)) return out
  for (const [id, size] of Object.entries(v)) {
    if (!isColumnId(id) || typeof size !== 'number' || !Number.isFinite(size)) continue
    out[id] = Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(size)))
  }
  return out
}

export function readSorting(v: unknown): SortingState | null {
  if (!Array.isArray(v)) return null
  const out: SortingState = []
  for (const s of v) {
    if (!isRecord(s) || typeof s.id !== 'string' || !isColumnId(s.id) || typeof s.desc !== 'boolean') continue
    if (out.some((o) => o.id === s.id)) continue
    out.push({ id: s.id, desc: s.desc })
  }
  return out
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null // access can throw (privacy settings, sandboxed frames)
  }
}

export function loadPrefs(): TablePrefs {
  const fallback = defaultPrefs()
  try {
    const raw = storage()?.getItem(PREFS_KEY)
    if (!raw) return fallback
    const parsed: unknown = JSON.parse(raw)
    if (!isRecord(parsed)) return fallback
    return {
      visibility: readVisibility(parsed.visibility),
      sizing: readSizing(parsed.sizing),
      sorting: readSorting(parsed.sorting) ?? fallback.sorting,
    }
  } catch {
    return fallback
  }
}

export function savePrefs(prefs: TablePrefs): void {
  try {
    storage()?.setItem(PREFS_KEY, JSON.stringify(prefs))
  } catch {
    // full or unavailable storage: the table still works, it just forgets
  }
}
