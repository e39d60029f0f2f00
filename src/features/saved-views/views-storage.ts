// Saved views, kept in this browser's localStorage under a versioned key. Reading tolerates anything
// (no storage, corrupt JSON, another version's or another app's shape): what cannot be used is dropped,
// one view at a time, and never throws. Writing says why it failed (storage full or unavailable).

import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { isServiceLevelSec } from '../../api/figures'
import { FILTER_PARAMS } from '../conversations-table/filter-url'
import { readSorting } from '../conversations-table/table-prefs'
import { isValidTimeZone } from '../date-range/range-rules'
import { isPresetId, readColumns, type ViewRange, type ViewSetup } from './view-setup'

export const VIEWS_KEY = 'calldetails.savedViews.v1'
export const VIEWS_VERSION = 1
export const MAX_NAME_LENGTH = 80

export type SavedView = ViewSetup & { id: string; name: string; savedAt: number }

type Stored = { version: typeof VIEWS_VERSION; views: SavedView[] }

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const RANGE_VALUE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?$/

function readRange(v: unknown): ViewRange | null {
  if (!isRecord(v)) return null
  if ('preset' in v) return isPresetId(v.preset) ? { preset: v.preset } : null
  if (typeof v.from !== 'string' || !RANGE_VALUE.test(v.from)) return null
  const to = typeof v.to === 'string' && RANGE_VALUE.test(v.to) ? v.to : null
  return { from: v.from, to }
}

function readFilters(v: unknown): [string, string][] {
  if (!Array.isArray(v)) return []
  const out: [string, string][] = []
  for (const pair of v) {
    if (!Array.isArray(pair) || pair.length !== 2) continue
    const [name, value] = pair
    if (typeof name !== 'string' || typeof value !== 'string' || !FILTER_PARAMS.includes(name)) continue
    out.push([name, value])
  }
  return out
}

/** One stored view, or null when it has no usable id, name or range. */
export function readView(v: unknown): SavedView | null {
  if (!isRecord(v)) return null
  if (typeof v.id !== 'string' || v.id === '') return null
  if (typeof v.name !== 'string' || v.name.trim() === '') return null
  const range = readRange(v.range)
  if (range === null) return null
  const sort = readSorting(v.sort)
  return {
    id: v.id,
    name: v.name.trim().slice(0, MAX_NAME_LENGTH),
    savedAt: typeof v.savedAt === 'number' && Number.isFinite(v.savedAt) ? v.savedAt : 0,
    filters: readFilters(v.filters),
    range,
    tz: typeof v.tz === 'string' && isValidTimeZone(v.tz) ? v.tz : null,
    sl: typeof v.sl === 'number' && isServiceLevelSec(v.sl) ? v.sl : null,
    compare: v.compare === true,
    sort: sort && sort.length > 0 ? sort : null,
    cols: readColumns(v.cols),
  }
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase()

/** The views in a stored value (the raw string); [] for anything that is not this version's. */
export function parseViews(raw: string | null): SavedView[] {
  if (!raw) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return []
  }
  if (!isRecord(parsed) || parsed.version !== VIEWS_VERSION || !Array.isArray(parsed.views)) return []
  const out: SavedView[] = []
  for (const item of parsed.views) {
    const view = readView(item)
    if (view && !out.some((o) => o.id === view.id || sameName(o.name, view.name))) out.push(view)
  }
  return out
}

export function serializeViews(views: readonly SavedView[]): string {
  const stored: Stored = { version: VIEWS_VERSION, views: [...views] }
  return JSON.stringify(stored)
}

// --- names -----------------------------------------------------------------------------------------

/** What is wrong with `name` for a view (other than `exceptId`), or null. */
export function nameProblem(views: readonly SavedView[], name: string, exceptId?: string): string | null {
  const trimmed = name.trim()
  if (trimmed === '') return 'Give the view a name.'
  if (trimmed.length > MAX_NAME_LENGTH) return `A name can have at most ${MAX_NAME_LENGTH} characters.`
  const other = views.find((v) => v.id !== exceptId && sameName(v.name, trimmed))
  if (other) return `A view named “${other.name}” already exists: choose another name.`
  return null
}

// --- changes (pure) --------------------------------------------------------------------------------

export type Change = { ok: true; views: SavedView[] } | { ok: false; error: string }

export function addView(
  views: readonly SavedView[],
  name: string,
  setup: ViewSetup,
  id: string,
  now: number,
): Change {
  const problem = nameProblem(views, name)
  if (problem) return { ok: false, error: problem }
  return { ok: true, views: [...views, { ...setup, id, name: name.trim(), savedAt: now }] }
}

export function renameView(views: readonly SavedView[], id: string, name: string): Change {
  if (!views.some((v) => v.id === id)) return { ok: false, error: 'That view no longer exists.' }
  const problem = nameProblem(views, name, id)
  if (problem) return { ok: false, error: problem }
  return { ok: true, views: views.map((v) => (v.id === id ? { ...v, name: name.trim() } : v)) }
}

export function deleteView(views: readonly SavedView[], id: string): Change {
  return { ok: true, views: views.filter((v) => v.id !== id) }
}

// --- the browser's storage -------------------------------------------------------------------------

export const STORAGE_UNAVAILABLE =
  'This browser does not let the dashboard keep data (private mode or blocked site data): views cannot be saved.'
export const STORAGE_FULL =
  "This browser's storage for the dashboard is full: the change was not saved. Delete a view, or clear other site data."

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null // access can throw (privacy settings, sandboxed frames)
  }
}

export function readStoredRaw(): string | null {
  try {
    return storage()?.getItem(VIEWS_KEY) ?? null
  } catch {
    return null
  }
}

export function loadViews(): SavedView[] {
  return parseViews(readStoredRaw())
}

function isQuotaError(e: unknown): boolean {
  if (!(e instanceof DOMException) && !(e instanceof Error)) return false
  const code = (e as { code?: unknown }).code
  return (
    e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014
  )
}

/** Writes the views; null on success, else what went wrong in words. */
export function storeViews(views: readonly SavedView[]): string | null {
  const store = storage()
  if (!store) return STORAGE_UNAVAILABLE
  try {
    store.setItem(VIEWS_KEY, serializeViews(views))
  } catch (e) {
    return isQuotaError(e) ? STORAGE_FULL : STORAGE_UNAVAILABLE
  }
  notify()
  return null
}

/** Whether views can be kept here at all (storage exists and takes a write). */
export function storageProblem(): string | null {
  const store = storage()
  if (!store) return STORAGE_UNAVAILABLE
  try {
    const probe = `${VIEWS_KEY}.probe`
    store.setItem(probe, '1')
    store.removeItem(probe)
    return null
  } catch (e) {
    return isQuotaError(e) ? STORAGE_FULL : STORAGE_UNAVAILABLE
  }
}

// --- a hook over the stored views (this tab's changes and other tabs') ------------------------------

const listeners = new Set<() => void>()

function notify() {
  for (const listener of listeners) listener()
}

function subscribe(onChange: () => void) {
  listeners.add(onChange)
  const onStorage = (e: StorageEvent) => {
    if (e.key === VIEWS_KEY || e.key === null) onChange()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(onChange)
    window.removeEventListener('storage', onStorage)
  }
}

function newId(): string {
  try {
    if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  } catch {
    // randomUUID needs a secure context
  }
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

export type UseSavedViews = {
  views: SavedView[]
  /** each returns null when done, else the error to show */
  save(name: string, setup: ViewSetup): string | null
  rename(id: string, name: string): string | null
  remove(id: string): string | null
}

export function useSavedViews(): UseSavedViews {
  const raw = useSyncExternalStore(subscribe, readStoredRaw, () => null)
  const views = useMemo(() => parseViews(raw), [raw])
  // every change starts from what is stored now (another tab may have changed it)
  const commit = useCallback((change: (current: SavedView[]) => Change): string | null => {
    const result = change(loadViews())
    return result.ok ? storeViews(result.views) : result.error
  }, [])
  const save = useCallback(
    (name: string, setup: ViewSetup) => commit((cur) => addView(cur, name, setup, newId(), Date.now())),
    [commit],
  )
  const rename = useCallback(
    (id: string, name: string) => commit((cur) => renameView(cur, id, name)),
    [commit],
  )
  const remove = useCallback((id: string) => commit((cur) => deleteView(cur, id)), [commit])
  return { views, save, rename, remove }
}
