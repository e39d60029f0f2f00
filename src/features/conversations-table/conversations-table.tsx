// The conversation table: TanStack Table v9 (sorting, visibility, sizing/resizing) over compact rows,
// rows virtualized with TanStack Virtual inside a real <table role="grid"> (padding rows above and
// below the rendered window keep the header sticky and the columns aligned).

import type {
  ColumnSizingState,
  ColumnVisibilityState,
  Header,
  SortingState,
  Updater,
} from '@tanstack/react-table'
import { useTable } from '@tanstack/react-table'
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual'
import {
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import type { Conversation } from '../../api/conversation'
import { ColumnChooser } from './column-chooser'
import {
  COLUMN_LABELS,
  type ConversationsColumnMeta,
  columns,
  DEFAULT_VISIBILITY,
  type Features,
  features,
  isColumnId,
  isPersonalColumn,
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
} from './columns'
import { type ConversationRow, rowsFor } from './row-model'
import { loadPrefs, savePrefs } from './table-prefs'
import './conversations-table.css'

export type ConversationsTableProps = {
  /** the rows shown: every one of them is in `all` */
  conversations: Conversation[]
  /**
   * Every loaded conversation, when `conversations` is a filtered part of them (default: the same).
   * The table builds its rows and sort keys over these once and shows the ones in `conversations`, so a
   * filter change costs one pass over the sorted rows rather than a rebuild (~100 ms at 50,000).
   */
  all?: Conversation[]
  /** newer rows are on their way (the page defers the table's render): marked aria-busy meanwhile */
  behind?: boolean
  /** IANA zone the times are shown in */
  zone: string
  /** customer name / phone / email cells show ••• (and those columns do not sort) */
  hidePersonal: boolean
  /** Conversation.id of the highlighted row (aria-selected) */
  selectedId: string | null
  /** rows that just arrived (a live refresh): marked for a moment */
  newIds?: ReadonlySet<string>
  /** a row was clicked, or Enter / Space pressed on the active row */
  onSelect(id: string): void
  /** controlled sort order (e.g. from the URL); omit to let the table keep (and remember) its own */
  sorting?: SortingState
  /** every sort change, controlled or not */
  onSortingChange?(sorting: SortingState): void
  /** extra toolbar controls that act on the rows as shown (filtered and sorted), e.g. Export */
  renderToolbar?(sorted: Conversation[], visibleColumnIds: string[]): ReactNode
  /** shown in the body when there are no conversations (e.g. with a "Clear filters" button) */
  emptyMessage?: ReactNode
}

/** Fixed geometry the virtualizer counts with; conversations-table.css sets the same heights. */
export const ROW_HEIGHT = 32
export const HEADER_HEIGHT = 36
/** Rendered rows never exceed this, whatever the viewport (overscan is trimmed first). */
export const MAX_RENDERED_ROWS = 96
const OVERSCAN = 12
const RESIZE_STEP = 16

const getRowId = (r: ConversationRow) => r.id

function rangeExtractor(range: Range): number[] {
  const indexes = defaultRangeExtractor(range)
  if (indexes.length <= MAX_RENDERED_ROWS) return indexes
  const first = Math.max(0, range.startIndex - 2)
  return indexes.filter((i) => i >= first).slice(0, MAX_RENDERED_ROWS)
}

function resolve<T>(updater: Updater<T>, old: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(old) : updater
}

function metaOf(header: { column: { columnDef: { meta?: unknown } } }): ConversationsColumnMeta | undefined {
  return header.column.columnDef.meta as ConversationsColumnMeta | undefined
}

/** durations and counts align right; times read better left-aligned, like text */
const isNumeric = (meta: ConversationsColumnMeta | undefined) =>
  meta?.kind === 'duration' || meta?.kind === 'number'

export function ConversationsTable(props: ConversationsTableProps) {
  const { conversations, zone, hidePersonal, selectedId, onSelect, emptyMessage, newIds } = props
  const controlledSorting = props.sorting
  const onSortingChangeProp = props.onSortingChange
  // A new array of all rows (a page arrived) costs TanStack ~100 ms at 50,000 rows to rebuild its row
  // model: deferred, so typing and clicks elsewhere are answered first.
  const shownConversations = useDeferredValue(conversations)
  const shownAll = useDeferredValue(props.all ?? conversations)
  const data = useMemo(() => rowsFor(shownAll), [shownAll])

  const [initial] = useState(loadPrefs)
  const [ownSorting, setOwnSorting] = useState<SortingState>(initial.sorting)
  const [visibility, setVisibility] = useState<ColumnVisibilityState>(initial.visibility)
  const [sizing, setSizing] = useState<ColumnSizingState>(initial.sizing)
  const sorting = controlledSorting ?? ownSorting
  // while personal data is hidden its columns do not sort: their order would give it away
  const effectiveSorting = useMemo(
    () => (hidePersonal ? sorting.filter((s) => !isPersonalColumn(s.id)) : sorting),
    [sorting, hidePersonal],
  )

  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const next = resolve(updater, effectiveSorting).filter((s) => isColumnId(s.id))
      if (controlledSorting === undefined) setOwnSorting(next)
      onSortingChangeProp?.(next)
    },
    [effectiveSorting, controlledSorting, onSortingChangeProp],
  )

  const meta = useMemo(() => ({ zone, hidePersonal }), [zone, hidePersonal])
  const table = useTable({
    features,
    columns,
    data,
    getRowId,
    meta,
    state: { sorting: effectiveSorting, columnVisibility: visibility, columnSizing: sizing },
    onSortingChange,
    onColumnVisibilityChange: setVisibility,
    onColumnSizingChange: setSizing,
    columnResizeMode: 'onChange',
    // every column sorts ascending first, then flips; a plain click on another column replaces the
    // order, Shift+click adds to it
    sortDescFirst: false,
    enableSortingRemoval: false,
  })

  const resizing = table.state.columnResizing.isResizingColumn !== false
  useEffect(() => {
    if (!resizing) savePrefs({ visibility, sizing, sorting })
  }, [visibility, sizing, sorting, resizing])

  const sortedAll = table.getRowModel().rows
  const rows = useMemo(() => {
    if (shownConversations === shownAll) return sortedAll
    const shown = new Set<ConversationRow>(rowsFor(shownConversations))
    return sortedAll.filter((r) => shown.has(r.original))
  }, [sortedAll, shownConversations, shownAll])
  const byId = useMemo(() => new Map(shownConversations.map((c) => [c.id, c])), [shownConversations])
  const sortedConversations = useMemo(() => rows.flatMap((r) => byId.get(r.id) ?? []), [rows, byId])
  const leafColumns = table.getVisibleLeafColumns()
  const headers = table.getHeaderGroups()[0]?.headers ?? []

  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    rangeExtractor,
    // React 19 batches the updates anyway; flushSync from inside effects only warns
    useFlushSync: false,
  })
  useKeepRowsInView(scrollRef, rows)
  const items = virtualizer.getVirtualItems()
  const firstItem = items[0]
  const lastItem = items[items.length - 1]
  const padTop = firstItem ? firstItem.start - HEADER_HEIGHT : 0
  const padBottom = lastItem ? virtualizer.getTotalSize() - lastItem.end : 0

  // --- selection and the keyboard cursor (the active row) ---------------------------------------
  const baseId = useId()
  const rowDomId = (index: number) => `${baseId}-row-${index}`
  const [activeId, setActiveId] = useState<string | null>(null)
  const indexOf = useCallback(
    (id: string | null) => (id === null ? -1 : rows.findIndex((r) => r.id === id)),
    [rows],
  )
  const activeIndex = useMemo(() => indexOf(activeId), [indexOf, activeId])
  const selectedIndex = useMemo(() => indexOf(selectedId), [indexOf, selectedId])
  const isRendered = (index: number) => index >= 0 && items.some((i) => i.index === index)

  // a row newly selected (or found once its page arrives) is brought into view; one that only moved
  // because rows arrived around it stays where useKeepRowsInView keeps it
  const scrolledTo = useRef<string | null>(null)
  useEffect(() => {
    if (selectedId === null) scrolledTo.current = null
    if (selectedIndex < 0 || scrolledTo.current === selectedId) return
    scrolledTo.current = selectedId
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, selectedId, virtualizer])
  const selectedIndexRef = useRef(selectedIndex)
  selectedIndexRef.current = selectedIndex
  // a new order starts at the top, unless the selected row is being kept in view
  const shownSorting = useRef(effectiveSorting)
  useEffect(() => {
    if (shownSorting.current === effectiveSorting) return
    shownSorting.current = effectiveSorting
    if (selectedIndexRef.current < 0) virtualizer.scrollToOffset(0)
  }, [effectiveSorting, virtualizer])

  const moveTo = (index: number) => {
    if (rows.length === 0) return
    const i = Math.min(rows.length - 1, Math.max(0, index))
    setActiveId((rows[i] as (typeof rows)[number]).id)
    virtualizer.scrollToIndex(i, { align: 'auto' })
  }

  const firstVisibleIndex = () => virtualizer.range?.startIndex ?? firstItem?.index ?? 0

  const onGridFocus = (e: FocusEvent<HTMLTableElement>) => {
    if (e.target !== e.currentTarget || rows.length === 0) return
    if (activeIndex >= 0 && isRendered(activeIndex)) return
    const start = isRendered(selectedIndex) ? selectedIndex : firstVisibleIndex()
    setActiveId(rows[start]?.id ?? null)
  }

  const onGridKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (e.target !== e.currentTarget || rows.length === 0) return
    const current = activeIndex >= 0 ? activeIndex : firstVisibleIndex()
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 2)
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activeIndex >= 0 ? current + 1 : current)
        break
      case 'ArrowUp':
        moveTo(activeIndex >= 0 ? current - 1 : current)
        break
      case 'PageDown':
        moveTo(current + page)
        break
      case 'PageUp':
        moveTo(current - page)
        break
      case 'Home':
        moveTo(0)
        break
      case 'End':
        moveTo(rows.length - 1)
        break
      case 'Enter':
      case ' ': {
        const row = rows[current]
        if (!row) return
        setActiveId(row.id)
        onSelect(row.id)
        break
      }
      default:
        return
    }
    e.preventDefault()
  }

  const chooserColumns = table.getAllLeafColumns().map((c) => ({
    id: c.id,
    label: COLUMN_LABELS[c.id as keyof typeof COLUMN_LABELS] ?? c.id,
    visible: c.getIsVisible(),
    toggle: (v: boolean) => c.toggleVisibility(v),
  }))
  const resetColumns = () => {
    setVisibility({ ...DEFAULT_VISIBILITY })
    setSizing({})
  }

  const colCount = Math.max(1, leafColumns.length)
  const empty = rows.length === 0

  return (
    <div className="ct">
      <div className="ct-toolbar">
        <span className="muted ct-hint">Shift+click a header to sort by more than one column</span>
        <ColumnChooser columns={chooserColumns} onReset={resetColumns} />
        {props.renderToolbar?.(
          sortedConversations,
          leafColumns.map((c) => c.id),
        )}
      </div>
      <div className="table-wrap ct-scroll" ref={scrollRef}>
        <table
          className="data ct-table"
          // a <table role="grid"> is the ARIA data-grid pattern: layout and header semantics stay
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: see above
          role="grid"
          aria-label="Conversations"
          aria-rowcount={rows.length + 1}
          aria-colcount={leafColumns.length}
          aria-busy={props.behind || shownConversations !== conversations || undefined}
          // the grid takes focus; arrow keys move the active row (announced via activedescendant)
          tabIndex={0}
          aria-activedescendant={isRendered(activeIndex) ? rowDomId(activeIndex) : undefined}
          onFocus={onGridFocus}
          onKeyDown={onGridKeyDown}
          style={{ width: table.getTotalSize() }}
        >
          <colgroup>
            {leafColumns.map((c) => (
              <col key={c.id} style={{ width: c.getSize() }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {headers.map((h, i) => (
                <HeaderCell
                  key={h.id}
                  labelId={`${baseId}-label-${h.column.id}`}
                  header={h}
                  colIndex={i + 1}
                  sortable={h.column.getCanSort() && !(hidePersonal && metaOf(h)?.personal)}
                  multi={effectiveSorting.length > 1}
                  onResizeBy={(delta) =>
                    table.setColumnSizing((old) => ({
                      ...old,
                      [h.column.id]: Math.min(
                        MAX_COLUMN_WIDTH,
                        Math.max(MIN_COLUMN_WIDTH, h.column.getSize() + delta),
                      ),
                    }))
                  }
                  render={<table.FlexRender header={h} />}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {empty && (
              <tr className="ct-empty-row">
                <td colSpan={colCount} className="ct-empty">
                  {emptyMessage ?? 'No conversations to show.'}
                </td>
              </tr>
            )}
            <PadRow height={padTop} colSpan={colCount} />
            {items.map((item) => {
              const row = rows[item.index]
              if (!row) return null
              const selected = row.id === selectedId
              const active = item.index === activeIndex
              return (
                <tr
                  key={row.id}
                  id={rowDomId(item.index)}
                  data-row-id={row.id}
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  data-new={newIds?.has(row.id) || undefined}
                  className={active ? 'is-active' : undefined}
                  onClick={() => {
                    setActiveId(row.id)
                    onSelect(row.id)
                  }}
                >
                  {row.getVisibleCells().map((cell) => {
                    const m = cell.column.columnDef.meta as ConversationsColumnMeta | undefined
                    const titled = m && (m.kind === 'text' || m.kind === 'id') && !m.personal
                    const value = titled ? cell.getValue() : undefined
                    return (
                      <td
                        key={cell.id}
                        className={isNumeric(m) ? 'num' : undefined}
                        title={typeof value === 'string' ? value : undefined}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    )
                  })}
                </tr>
              )
            })}
            <PadRow height={padBottom} colSpan={colCount} />
          </tbody>
        </table>
      </div>
    </div>
  )
}

type HeaderCellProps = {
  /** the header is named by its label alone (not by the resize handle inside it) */
  labelId: string
  header: Header<Features, ConversationRow, unknown>
  colIndex: number
  sortable: boolean
  multi: boolean
  onResizeBy(delta: number): void
  render: ReactNode
}

/** The virtualizer's spacer for the rows not rendered above or below the window (none at 0 px). */
function PadRow({ height, colSpan }: { height: number; colSpan: number }) {
  if (height <= 0) return null
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row, nothing in it takes focus
    <tr className="ct-pad" aria-hidden="true">
      <td colSpan={colSpan} style={{ height }} />
    </tr>
  )
}

function HeaderCell({ labelId, header, colIndex, sortable, multi, onResizeBy, render }: HeaderCellProps) {
  const { column } = header
  const meta = metaOf(header)
  const dir = sortable ? column.getIsSorted() : false
  const sortIndex = dir ? column.getSortIndex() : -1
  const resizeHandler = header.getResizeHandler()
  const size = header.getSize()
  return (
    <th
      scope="col"
      aria-colindex={colIndex}
      aria-sort={
        sortable ? (dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none') : undefined
      }
      className={
        [isNumeric(meta) ? 'num' : '', column.getIsResizing() ? 'is-resizing' : ''].join(' ').trim() ||
        undefined
      }
      style={{ width: size }}
    >
      {sortable ? (
        <button
          type="button"
          className="ct-sort"
          onClick={column.getToggleSortingHandler()}
          title={`${meta?.description ? `${meta.description}. ` : ''}Shift+click adds a further sort.`}
        >
          <span className="ct-label" id={labelId}>
            {render}
          </span>
          <span className="ct-sort-icon" aria-hidden="true">
            {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
            {dir && multi ? <sup>{sortIndex + 1}</sup> : null}
          </span>
        </button>
      ) : (
        <span className="ct-sort ct-nosort">
          <span className="ct-label" id={labelId}>
            {render}
          </span>
        </span>
      )}{' '}
      {column.getCanResize() && (
        // a focusable separator is the ARIA window-splitter pattern: arrow keys resize
        // biome-ignore lint/a11y/useSemanticElements: <hr> cannot be a focusable, draggable handle
        <span
          role="separator"
          aria-orientation="vertical"
          // the header's name is its label plus this one: keep it short (CONTRACT.md's labels stay unique)
          aria-label="Resize column"
          aria-valuenow={Math.round(size)}
          aria-valuemin={MIN_COLUMN_WIDTH}
          aria-valuemax={MAX_COLUMN_WIDTH}
          tabIndex={0}
          className="ct-resizer"
          onMouseDown={resizeHandler}
          onTouchStart={resizeHandler}
          onDoubleClick={() => column.resetSize()}
          onClick={(e) => e.stopPropagation()}
          onKeyDown={(e) => {
            if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
              e.preventDefault()
              onResizeBy(e.key === 'ArrowLeft' ? -RESIZE_STEP : RESIZE_STEP)
            }
          }}
        />
      )}
    </th>
  )
}

/**
 * Rows arriving above the ones in view (a live refresh, newest first) must not push what the reader
 * is looking at down the table: before paint, the scroll position moves by as many rows as the top
 * row in view moved. A row that is gone (filtered out) leaves the position as it was.
 */
function useKeepRowsInView(scrollRef: RefObject<HTMLDivElement | null>, rows: readonly { id: string }[]) {
  const shown = useRef(rows)
  useLayoutEffect(() => {
    const before = shown.current
    shown.current = rows
    const box = scrollRef.current
    if (box === null || before === rows || box.scrollTop <= 0) return
    const top = Math.floor(box.scrollTop / ROW_HEIGHT)
    const id = before[top]?.id
    if (id === undefined || rows[top]?.id === id) return
    const now = rows.findIndex((r) => r.id === id)
    if (now >= 0) box.scrollTop += (now - top) * ROW_HEIGHT
  }, [rows, scrollRef])
}
