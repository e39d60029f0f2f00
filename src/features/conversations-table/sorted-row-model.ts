// A sorted row model for the v9 `sortedRowModel` feature slot, built for 50,000 rows.
//
// The stock createSortedRowModel() calls each column's sortFn with two rows per comparison (four
// getValue() look-ups each time); on 50,400 rows that costs 40-90 ms for a number column and ~200 ms
// for an id column. Here every sorted column is turned once into a Float64Array of sort keys (numbers
// as they are, text as its rank under the locale collator, NaN for empty), cached per row array and
// column, and the comparator only reads typed arrays. The order is the same as the columns' sortFns
// with `sortUndefined: 'last'` under the stock model (the tests compare the two): ascending by the
// kind's comparator, descending its reverse, empty values last in both directions, ties in the
// incoming order.

import type { Row, RowData, RowModel, Table, TableFeatures } from '@tanstack/react-table'

export type ColumnKind = 'time' | 'duration' | 'number' | 'text' | 'id' | 'boolean'

/** Locale-aware, case- and accent-insensitive, digits by value ("Queue 2" before "Queue 10"). */
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

type SortValue = string | number | boolean | null | undefined

function isEmpty(v: SortValue): v is null | undefined {
  return v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))
}

/** Ascending comparison of two values of one kind; empty values after everything. */
export function compareValues(kind: ColumnKind, a: SortValue, b: SortValue): number {
  const ea = isEmpty(a)
  const eb = isEmpty(b)
  if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1
  if (kind === 'text') return collator.compare(String(a), String(b))
  if (kind === 'id') return ordinal(String(a), String(b))
  if (kind === 'boolean') return a === b ? 0 : a ? 1 : -1
  return (a as number) - (b as number)
}

/** Ranks of the distinct strings; strings equal under the comparator share a rank. */
function rankStrings(values: SortValue[], compare: (a: string, b: string) => number): Float64Array {
  const distinct = new Map<string, number>()
  for (const v of values) if (!isEmpty(v)) distinct.set(String(v), 0)
  const sorted = [...distinct.keys()].sort(compare)
  let rank = 0
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i] as string
    if (i > 0 && compare(sorted[i - 1] as string, s) !== 0) rank++
    distinct.set(s, rank)
  }
  const keys = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    keys[i] = isEmpty(v) ? Number.NaN : (distinct.get(String(v)) as number)
  }
  return keys
}

/** Sort keys of one column over one row array: numbers ascending as compareValues orders them, NaN = empty. */
export function sortKeys(kind: ColumnKind, values: SortValue[]): Float64Array {
  if (kind === 'text') return rankStrings(values, collator.compare)
  if (kind === 'id') return rankStrings(values, ordinal)
  const keys = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    keys[i] = isEmpty(v) ? Number.NaN : kind === 'boolean' ? (v ? 1 : 0) : Number(v)
  }
  return keys
}

type Entry = { keys: Float64Array; desc: boolean }

function compareIndexes(entries: Entry[], i: number, j: number): number {
  for (let k = 0; k < entries.length; k++) {
    const { keys, desc } = entries[k] as Entry
    const a = keys[i] as number
    const b = keys[j] as number
    if (a === b) continue
    const aEmpty = Number.isNaN(a)
    const bEmpty = Number.isNaN(b)
    if (aEmpty || bEmpty) {
      if (aEmpty && bEmpty) continue
      return aEmpty ? 1 : -1
    }
    return desc ? b - a : a - b
  }
  return i - j
}

/**
 * `sortedRowModel: createKeyedSortedRowModel(kindOf)`: kindOf names each column's kind (columns
 * without one sort as text). Honours sorting state, multi-sort, enableSorting / manualSorting.
 * Flat rows only (this table has no sub-rows).
 */
export function createKeyedSortedRowModel<TFeatures extends TableFeatures, TData extends RowData>(
  kindOf: (columnDef: unknown) => ColumnKind | undefined,
): (table: Table<TFeatures, TData>) => () => RowModel<TFeatures, TData> {
  return (table) => {
    const keyCache = new WeakMap<readonly Row<TFeatures, TData>[], Map<string, Float64Array>>()
    let lastSorting: unknown
    let lastPre: RowModel<TFeatures, TData> | undefined
    let lastResult: RowModel<TFeatures, TData> | undefined

    const keysFor = (
      rows: Row<TFeatures, TData>[],
      columnId: string,
      accessor: (row: TData, index: number) => unknown,
      kind: ColumnKind,
    ) => {
      let byColumn = keyCache.get(rows)
      if (byColumn === undefined) {
        byColumn = new Map()
        keyCache.set(rows, byColumn)
      }
      let keys = byColumn.get(columnId)
      if (keys === undefined) {
        const values = new Array<SortValue>(rows.length)
        // the accessor directly: getValue() would fill every row's value cache for this column
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i] as Row<TFeatures, TData>
          values[i] = accessor(row.original, row.index) as SortValue
        }
        keys = sortKeys(kind, values)
        byColumn.set(columnId, keys)
      }
      return keys
    }

    return () => {
      const pre = table.getPreSortedRowModel()
      const sorting = (table.atoms as { sorting?: { get(): { id: string; desc: boolean }[] } }).sorting?.get()
      if (lastResult !== undefined && pre === lastPre && sorting === lastSorting) return lastResult
      lastPre = pre
      lastSorting = sorting
      const entries: Entry[] = []
      for (const s of sorting ?? []) {
        const column = table.getColumn(s.id) as
          | {
              getCanSort?: () => boolean
              columnDef: unknown
              accessorFn?: (row: TData, index: number) => unknown
            }
          | undefined
        if (!column?.accessorFn || column.getCanSort?.() === false) continue
        const keys = keysFor(pre.rows, s.id, column.accessorFn, kindOf(column.columnDef) ?? 'text')
        entries.push({ keys, desc: s.desc })
      }
      if (entries.length === 0 || pre.rows.length < 2) {
        lastResult = pre
        return pre
      }
      const order = new Array<number>(pre.rows.length)
      for (let i = 0; i < order.length; i++) order[i] = i
      order.sort((i, j) => compareIndexes(entries, i, j))
      const rows = new Array<Row<TFeatures, TData>>(order.length)
      for (let i = 0; i < order.length; i++) rows[i] = pre.rows[order[i] as number] as Row<TFeatures, TData>
      lastResult = { rows, flatRows: rows, rowsById: pre.rowsById }
      return lastResult
    }
  }
}
