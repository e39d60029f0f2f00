// The table's sort order as a URL parameter, for a page that wants it bookmarkable:
// `sort=-start,queue` = start descending, then queue ascending. Unknown columns are dropped.

import type { SortingState } from '@tanstack/react-table'
import { isColumnId } from './columns'

export function formatSortParam(sorting: SortingState): string {
  return sorting.map((s) => `${s.desc ? '-' : ''}${s.id}`).join(',')
}

/** null when the parameter is absent or names no known column (then the table's own order applies). */
export function parseSortParam(value: string | null | undefined): SortingState | null {
  if (value === null || value === undefined) return null
  const out: SortingState = []
  for (const part of value.split(',')) {
    const t = part.trim()
    const desc = t.startsWith('-')
    const id = desc ? t.slice(1) : t.startsWith('+') ? t.slice(1) : t
    if (isColumnId(id) && !out.some((s) => s.id === id)) out.push({ id, desc })
  }
  return out.length > 0 || value.trim() === '' ? out : null
}
