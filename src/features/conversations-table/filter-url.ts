// The filters live in the page URL (CONTRACT.md, page URL state): `channel` and `queue` are
// repeatable, as are `agent`, `direction`, `status`, `disposition`, `day` (yyyy-MM-dd) and `hour`
// (`Tue-14`, an hour of the week); `handled=bot|human` (absent = all) and `q` for the search. Other
// parameters (from, to, tz, conversation, ...) are left alone.

import { useCallback, useMemo } from 'react'
import { useUrlParams } from '../../lib/use-url-params'
import {
  type ConversationFilters,
  EMPTY_FILTERS,
  type FacetField,
  type HandledBy,
  type TimeField,
} from './filters'

export type ListField = FacetField | TimeField

/** URL parameter name per repeatable filter field. */
export const PARAM_OF: Record<ListField, string> = {
  channels: 'channel',
  queues: 'queue',
  agents: 'agent',
  directions: 'direction',
  statuses: 'status',
  dispositions: 'disposition',
  days: 'day',
  hours: 'hour',
}
const FIELDS = Object.keys(PARAM_OF) as ListField[]
export const FILTER_PARAMS: readonly string[] = [...Object.values(PARAM_OF), 'handled', 'q']

function values(params: URLSearchParams, name: string): string[] {
  const out: string[] = []
  for (const raw of params.getAll(name)) {
    const v = raw.trim()
    if (v !== '' && !out.includes(v)) out.push(v)
  }
  return out
}

/** Reads the filters from the URL. Never throws; unknown values are kept (they match nothing). */
export function filtersFromParams(params: URLSearchParams): ConversationFilters {
  const handled = params.get('handled')?.trim().toLowerCase()
  const handledBy: HandledBy = handled === 'bot' || handled === 'human' ? handled : 'all'
  const filters: ConversationFilters = { ...EMPTY_FILTERS, handledBy, text: params.get('q') ?? '' }
  for (const field of FIELDS) filters[field] = values(params, PARAM_OF[field])
  return filters
}

/** A copy of `params` with the filter parameters replaced by `filters`'s; every other one kept. */
export function filtersToParams(filters: ConversationFilters, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params)
  for (const name of FILTER_PARAMS) next.delete(name)
  for (const field of FIELDS) {
    const seen = new Set<string>()
    for (const raw of filters[field]) {
      const v = raw.trim()
      if (v === '' || seen.has(v)) continue
      seen.add(v)
      next.append(PARAM_OF[field], v)
    }
  }
  if (filters.handledBy !== 'all') next.set('handled', filters.handledBy)
  // the search is kept as typed (a trailing space is the start of the next word), blank = none
  if (filters.text.trim() !== '') next.set('q', filters.text)
  return next
}

/** The filter part of the URL as one string: equal strings mean equal filters. */
function filterKey(params: URLSearchParams): string {
  return JSON.stringify(filtersFromParams(params))
}

export type UseConversationFilters = {
  filters: ConversationFilters
  /**
   * Writes the filters to the URL. A change of the search text alone replaces the current history
   * entry (typing does not fill the history), except the first character of a new search, so Back
   * undoes a search as a whole; every other change is a new entry (Back undoes it).
   */
  setFilters: (next: ConversationFilters) => void
  clearFilters: () => void
  /**
   * Click to drill: filters the page to exactly this value of the field, or, when that is the
   * field's whole selection already, lifts it. The other fields are kept.
   */
  drill: (field: ListField, value: string) => void
}

/** Whether the field's selection is exactly this value (what a drill mark shows as pressed). */
export function isDrilledTo(filters: ConversationFilters, field: ListField, value: string): boolean {
  const selected = filters[field]
  return selected.length === 1 && selected[0] === value
}

/** The filters the URL names, and the ways to change them. */
export function useConversationFilters(): UseConversationFilters {
  const [params, setParams] = useUrlParams()
  const key = filterKey(params)
  // stable identity while only other parameters change (opening the drawer must not re-filter)
  const filters = useMemo(() => JSON.parse(key) as ConversationFilters, [key])

  const setFilters = useCallback(
    (next: ConversationFilters) => {
      // read the URL as it is now: several changes may land before the next render
      const current = new URLSearchParams(window.location.search)
      const prev = filtersFromParams(current)
      const onlyText = FIELDS.every((f) => sameList(prev[f], next[f])) && prev.handledBy === next.handledBy
      const mode = onlyText && prev.text.trim() !== '' ? 'replace' : 'push'
      setParams(filtersToParams(next, current), mode)
    },
    [setParams],
  )
  const clearFilters = useCallback(() => setFilters(EMPTY_FILTERS), [setFilters])
  const drill = useCallback(
    (field: ListField, value: string) => {
      const current = filtersFromParams(new URLSearchParams(window.location.search))
      setFilters({ ...current, [field]: isDrilledTo(current, field, value) ? [] : [value] })
    },
    [setFilters],
  )
  return { filters, setFilters, clearFilters, drill }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
