// A small sortable table of figures (one row per queue, per agent…): TanStack Table v9 for the sort
// state and order, a plain <table> for the markup. The first column names the row; when `onPick` is
// given it is a button (click, Enter or Space) that filters the page to that row.

import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from '@tanstack/react-table'
import { type ReactNode, useMemo, useState } from 'react'
import './figures-table.css'

export type FigureColumn<R> = {
  id: string
  header: string
  /** what the figure means: the header's tooltip and its accessible description */
  description?: string
  /** the sort value; null sorts last either way */
  value: (row: R) => number | string | null
  /** what the cell shows (default: the value, counts with separators) */
  format?: (row: R) => ReactNode
}

type Props<R> = {
  /** accessible name of the table (and its caption) */
  name: string
  caption?: ReactNode
  rows: readonly R[]
  /** the naming column first */
  columns: readonly FigureColumn<R>[]
  rowKey: (row: R) => string
  /** the initial order, e.g. [{ id: 'offered', desc: true }] */
  initialSort: SortingState
  /** filter the page to this row (or lift that filter: the button is a toggle); rows for which `canPick` is false are not buttons */
  onPick?: (row: R) => void
  canPick?: (row: R) => boolean
  /** the keys the page is filtered to (their rows are marked) */
  pickedKeys?: readonly string[]
  emptyMessage?: string
}

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() })
type Row = Record<string, unknown>
const helper = createColumnHelper<typeof features, Row>()
const integer = new Intl.NumberFormat('en-US')

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' })
}

export function FiguresTable<R>({
  name,
  caption,
  rows,
  columns,
  rowKey,
  initialSort,
  onPick,
  canPick = () => true,
  pickedKeys = [],
  emptyMessage = 'Nothing to show',
}: Props<R>) {
  const [sorting, setSorting] = useState<SortingState>(initialSort)
  const defs = useMemo(
    () =>
      helper.columns(
        columns.map((col, index) =>
          helper.accessor((r) => col.value(r as unknown as R) ?? undefined, {
            id: col.id,
            header: col.header,
            sortUndefined: 'last',
            sortDescFirst: index > 0,
            sortFn: (a, b, id) => compare(a.getValue(id), b.getValue(id)),
            meta: col,
          }),
        ),
      ),
    [columns],
  )
  const data = useMemo(() => rows as unknown as Row[], [rows])
  const table = useTable({
    features,
    columns: defs,
    data,
    getRowId: (r) => rowKey(r as unknown as R),
    state: { sorting },
    onSortingChange: setSorting,
    enableSortingRemoval: false,
    enableMultiSort: false,
  })
  const picked = new Set(pickedKeys)
  const headers = table.getHeaderGroups()[0]?.headers ?? []
  const sorted = table.getRowModel().rows

  return (
    <div className="figures-table-wrap">
      <table className="figures-table" aria-label={name}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {headers.map((h) => {
              const col = h.column.columnDef.meta as FigureColumn<R>
              const dir = h.column.getIsSorted()
              return (
                <th
                  key={h.id}
                  scope="col"
                  aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                  title={col.description}
                >
                  <button type="button" onClick={h.column.getToggleSortingHandler()}>
                    {col.header}
                    <span aria-hidden="true" className="sort-mark">
                      {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                    </span>
                  </button>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && (
            <tr>
              <td colSpan={headers.length} className="muted">
                {emptyMessage}
              </td>
            </tr>
          )}
          {sorted.map((row) => {
            const r = row.original as unknown as R
            const key = rowKey(r)
            return (
              <tr key={row.id} data-picked={picked.has(key) || undefined}>
                {row.getAllCells().map((cell, i) => {
                  const col = cell.column.columnDef.meta as FigureColumn<R>
                  const shown = col.format ? col.format(r) : defaultFormat(cell.getValue())
                  if (i > 0) return <td key={cell.id}>{shown}</td>
                  return (
                    <th key={cell.id} scope="row">
                      {onPick && canPick(r) ? (
                        <button
                          type="button"
                          className="pick"
                          aria-pressed={picked.has(key)}
                          title={picked.has(key) ? 'Remove this filter' : 'Filter the page to this row'}
                          onClick={() => onPick(r)}
                        >
                          {shown}
                        </button>
                      ) : (
                        shown
                      )}
                    </th>
                  )
                })}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function defaultFormat(v: unknown): ReactNode {
  if (v === undefined || v === null) return '—'
  return typeof v === 'number' ? integer.format(v) : String(v)
}
