// A saved view's set-up: what a supervisor sees, without the data. It is read from the page (URL and
// table prefs) and written back two ways: into the page (Apply) and into a link (Copy link) that
// reproduces it for anyone, with or without the view saved.
//
// The link's extra parameters (the page reads them once, on load: view-link.ts):
//   preset=<PresetId>          a relative range (today, yesterday, last24h, last7d, thisWeek, previousWeek),
//                              computed when the link is opened; from/to are then left out
//   sort=-start,queue          the table's sort order (sort-param.ts: `-` = descending)
//   cols=start,channel,queue   the table's visible columns, in no particular order

import type { ColumnVisibilityState, SortingState } from '@tanstack/react-table'
import { DEFAULT_SERVICE_LEVEL_SEC, isServiceLevelSec } from '../../api/figures'
import { COLUMN_IDS, COLUMN_LABELS, type ColumnId, isColumnId } from '../conversations-table/columns'
import { FILTER_PARAMS, filtersFromParams, filtersToParams } from '../conversations-table/filter-url'
import { formatSortParam, parseSortParam } from '../conversations-table/sort-param'
import type { TablePrefs } from '../conversations-table/table-prefs'
import { matchingPreset, PRESETS, type PresetId, presetRange } from '../date-range/range-presets'
import { isValidTimeZone, type TimeRange } from '../date-range/range-rules'
import { rangeFromUrl, rangeToParams } from '../date-range/range-url'

export type ViewRange = { preset: PresetId } | { from: string; to: string | null }

export type ViewSetup = {
  /** the filter parameters (FILTER_PARAMS) as the URL writes them, in order */
  filters: [string, string][]
  /** a relative preset, or the absolute range as the URL writes it (yyyy-MM-dd or a zone-less date-time) */
  range: ViewRange
  /** IANA zone; null = the viewer's browser zone */
  tz: string | null
  /** service-level threshold in seconds; null = the default */
  sl: number | null
  compare: boolean
  /** the table's sort; null = leave the table's own */
  sort: SortingState | null
  /** the table's visible columns; null = leave the table's own */
  cols: ColumnId[] | null
}

export const PRESET_PARAM = 'preset'
export const SORT_PARAM = 'sort'
export const COLS_PARAM = 'cols'

/** Every parameter a view decides; applying a view replaces them all (an open drawer closes too). */
export const VIEW_PARAMS: readonly string[] = [
  ...FILTER_PARAMS,
  'from',
  'to',
  'tz',
  'sl',
  'compare',
  PRESET_PARAM,
  SORT_PARAM,
  COLS_PARAM,
  'conversation',
]

const HOUR = 3_600_000
const DAY = 24 * HOUR

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && PRESETS.some((p) => p.id === value)
}

export function presetLabel(id: PresetId): string {
  return PRESETS.find((p) => p.id === id)?.label ?? id
}

/**
 * The preset `range` was chosen as, if any. "Last 24 hours" moves with the clock, so a range of exactly
 * 24 hours, on the minute, ending within the last hour still counts as it (the page was set a while ago).
 */
export function presetOf(range: TimeRange, now: number, zone: string): PresetId | null {
  const exact = matchingPreset(range, now, zone)
  if (exact) return exact
  const last24h =
    range.end - range.start === DAY && range.end % 60_000 === 0 && range.end <= now && now - range.end < HOUR
  return last24h ? 'last24h' : null
}

/** Visible column ids, in the table's order. */
export function visibleColumns(visibility: ColumnVisibilityState): ColumnId[] {
  return COLUMN_IDS.filter((id) => visibility[id] === true)
}

/** Known column ids from a `cols` value (comma-separated) or a stored list; null when none is known. */
export function readColumns(value: unknown): ColumnId[] | null {
  const parts = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : null
  if (parts === null) return null
  const out: ColumnId[] = []
  for (const part of parts) {
    const id = typeof part === 'string' ? part.trim() : ''
    if (isColumnId(id) && !out.includes(id)) out.push(id)
  }
  return out.length > 0 ? out : null
}

export type CaptureResult = { ok: true; setup: ViewSetup } | { ok: false; error: string }

/** The page's current set-up: its URL (filters, range, zone, sl, compare) and the table's prefs. */
export function captureSetup(
  params: URLSearchParams,
  prefs: TablePrefs,
  now: number,
  browserZone: string,
): CaptureResult {
  const parsed = rangeFromUrl(params, now, browserZone)
  if (!parsed.ok) {
    return {
      ok: false,
      error: `The page's range is not valid (${parsed.problem}) Fix it before saving a view.`,
    }
  }
  const zone = parsed.zone
  const preset = presetOf(parsed.range, now, zone)
  let range: ViewRange
  if (preset) range = { preset }
  else {
    const written = rangeToParams(parsed.range, zone, new URLSearchParams())
    range = { from: written.get('from') ?? '', to: written.get('to') }
  }
  const filters = [...filtersToParams(filtersFromParams(params), new URLSearchParams()).entries()]
  const slRaw = params.get('sl')
  const slSec = slRaw === null || slRaw.trim() === '' ? Number.NaN : Number(slRaw)
  return {
    ok: true,
    setup: {
      filters,
      range,
      tz: zone,
      sl: isServiceLevelSec(slSec) && slSec !== DEFAULT_SERVICE_LEVEL_SEC ? slSec : null,
      compare: params.get('compare') === '1',
      sort: prefs.sorting.map((s) => ({ id: s.id, desc: s.desc })),
      cols: visibleColumns(prefs.visibility),
    },
  }
}

function zoneOf(setup: ViewSetup, browserZone: string): string {
  return setup.tz !== null && isValidTimeZone(setup.tz) ? setup.tz : browserZone
}

/** Range, zone, filters, sl and compare in URL order; `range` writes from/to or preset. */
function writeCommon(setup: ViewSetup, next: URLSearchParams, writeRange: (next: URLSearchParams) => void) {
  writeRange(next)
  if (setup.tz !== null) next.set('tz', setup.tz)
  for (const [name, value] of setup.filters) next.append(name, value)
  if (setup.sl !== null) next.set('sl', String(setup.sl))
  if (setup.compare) next.set('compare', '1')
}

/**
 * The page URL's parameters for `setup` at `now`: a preset becomes today's from/to. Parameters no view
 * decides are kept from `current`.
 */
export function setupToPageParams(
  setup: ViewSetup,
  current: URLSearchParams,
  now: number,
  browserZone: string,
): URLSearchParams {
  const next = new URLSearchParams(current)
  for (const name of VIEW_PARAMS) next.delete(name)
  const range = setup.range
  writeCommon(setup, next, (p) => {
    if ('preset' in range) {
      const zone = zoneOf(setup, browserZone)
      const written = rangeToParams(presetRange(range.preset, now, zone), zone, new URLSearchParams())
      for (const [name, value] of written) p.set(name, value)
    } else {
      p.set('from', range.from)
      if (range.to !== null) p.set('to', range.to)
    }
  })
  return next
}

/** The link's parameters: the page URL's, with `preset` for a relative range, and `sort` / `cols`. */
export function setupToLinkParams(setup: ViewSetup): URLSearchParams {
  const next = new URLSearchParams()
  const range = setup.range
  writeCommon(setup, next, (p) => {
    if ('preset' in range) p.set(PRESET_PARAM, range.preset)
    else {
      p.set('from', range.from)
      if (range.to !== null) p.set('to', range.to)
    }
  })
  if (setup.sort !== null) next.set(SORT_PARAM, formatSortParam(setup.sort))
  if (setup.cols !== null) next.set(COLS_PARAM, setup.cols.join(','))
  return next
}

/** `prefs` with the view's sort and visible columns (widths kept); the same object when nothing changes. */
export function prefsWithView(
  prefs: TablePrefs,
  view: { sort: SortingState | null; cols: readonly string[] | null },
): TablePrefs {
  const cols = view.cols === null ? null : readColumns([...view.cols])
  const visibility = cols
    ? Object.fromEntries(COLUMN_IDS.map((id) => [id, cols.includes(id)]))
    : prefs.visibility
  const sorting = view.sort ?? prefs.sorting
  const same =
    JSON.stringify(visibleColumns(visibility)) === JSON.stringify(visibleColumns(prefs.visibility)) &&
    formatSortParam(sorting) === formatSortParam(prefs.sorting)
  return same ? prefs : { ...prefs, visibility, sorting: sorting.map((s) => ({ ...s })) }
}

/**
 * A link's view parameters, resolved at `now`: `preset` becomes from/to; `preset`, `sort` and `cols`
 * leave the URL (the table keeps the sort and columns from then on, in its prefs). null when the link
 * has none of them.
 */
export function resolveViewLink(
  search: string,
  now: number,
  browserZone: string,
): { search: string; sort: SortingState | null; cols: ColumnId[] | null } | null {
  const params = new URLSearchParams(search)
  if (![PRESET_PARAM, SORT_PARAM, COLS_PARAM].some((name) => params.has(name))) return null
  const preset = params.get(PRESET_PARAM)?.trim()
  let next = new URLSearchParams(params)
  if (isPresetId(preset)) {
    const tzParam = params.get('tz')
    const zone = tzParam !== null && isValidTimeZone(tzParam) ? tzParam : browserZone
    // the range first, as the page writes it
    next = rangeToParams(presetRange(preset, now, zone), zone, new URLSearchParams())
    for (const [name, value] of params) if (name !== 'from' && name !== 'to') next.append(name, value)
  }
  const sort = parseSortParam(params.get(SORT_PARAM))
  const cols = readColumns(params.get(COLS_PARAM))
  next.delete(PRESET_PARAM)
  next.delete(SORT_PARAM)
  next.delete(COLS_PARAM)
  const query = next.toString()
  return { search: query ? `?${query}` : '', sort, cols }
}

const FILTER_LABELS: Record<string, string> = {
  channel: 'Channel',
  queue: 'Queue',
  agent: 'Agent',
  direction: 'Direction',
  status: 'Status',
  disposition: 'Disposition',
  handled: 'Handled by',
  q: 'Search',
}

/** One line saying what a view shows: "Last 7 days · Channel: Voice · UTC · Service level 30 s". */
export function describeSetup(setup: ViewSetup): string {
  const parts: string[] = []
  const range = setup.range
  if ('preset' in range) parts.push(presetLabel(range.preset))
  else {
    const show = (v: string) => v.replace('T', ' ')
    parts.push(
      range.to === null || range.to === range.from
        ? show(range.from)
        : `${show(range.from)} – ${show(range.to)}`,
    )
  }
  const grouped = new Map<string, string[]>()
  for (const [name, value] of setup.filters) grouped.set(name, [...(grouped.get(name) ?? []), value])
  if (grouped.size === 0) parts.push('No filters')
  for (const [name, values] of grouped) {
    const text = name === 'q' ? `“${values.join(' ')}”` : values.join(', ')
    parts.push(`${FILTER_LABELS[name] ?? name}: ${text}`)
  }
  if (setup.tz !== null) parts.push(setup.tz)
  if (setup.sl !== null) parts.push(`Service level ${setup.sl} s`)
  if (setup.compare) parts.push('Compared with the period before')
  return parts.join(' · ')
}

/** The table part: "9 columns · sorted by Start descending, Queue ascending". */
export function describeTable(setup: ViewSetup): string {
  const parts: string[] = []
  if (setup.cols !== null) parts.push(`${setup.cols.length} column${setup.cols.length === 1 ? '' : 's'}`)
  if (setup.sort !== null && setup.sort.length > 0) {
    const label = (id: string) => (isColumnId(id) ? COLUMN_LABELS[id] : id)
    parts.push(
      `sorted by ${setup.sort.map((s) => `${label(s.id)} ${s.desc ? 'descending' : 'ascending'}`).join(', ')}`,
    )
  }
  return parts.join(' · ')
}
