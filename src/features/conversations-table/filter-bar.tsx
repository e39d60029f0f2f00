// The filter bar: Channel and Queue as always-visible checkbox lists (CONTRACT.md names them, and an
// option must be reachable without opening anything), the other fields as compact dropdowns, a
// "Handled by" segmented control and the search box. Every option reads "<value> <count>".
// Below 900px the whole bar folds behind a "Filters (N active)" button, closed at first (filters.css
// hides the body only at that width, so a wide screen always shows it and never shows the button);
// folded, the lists stay in the DOM with their labels.

import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { Conversation } from '../../api/conversation'
import { formatCount } from '../../lib/format'
import { computeFacets, type FacetOption } from './facets'
import {
  type ConversationFilters,
  FACET_FIELDS,
  type FacetField,
  type HandledBy,
  TIME_FIELDS,
} from './filters'
import './filters.css'

export const FIELD_LABEL: Record<FacetField, string> = {
  channels: 'Channel',
  queues: 'Queue',
  agents: 'Agent',
  directions: 'Direction',
  statuses: 'Status',
  dispositions: 'Disposition',
}

export const HANDLED_LABEL: Record<HandledBy, string> = {
  all: 'All',
  bot: 'Bot only',
  human: 'Reached a queue or agent',
}

export const SEARCH_LABEL = 'Search customer, ids, remarks'
/** accessible name of a long list's filter-as-you-type box */
export const FIND_LABEL = 'Find in list'

/** Lists longer than this get a filter-as-you-type box. */
const FIND_FROM = 8
const SEARCH_DEBOUNCE_MS = 250

export type FilterBarProps = {
  /** every conversation of the range (unfiltered): the options and counts come from them */
  conversations: readonly Conversation[]
  filters: ConversationFilters
  onChange: (next: ConversationFilters) => void
  /** false while personal data is hidden: the search then skips customer name, phone and e-mail */
  searchPersonal?: boolean
  /** the display time zone (IANA): what the day and hour filters mean */
  zone?: string
}

export function FilterBar({
  conversations,
  filters,
  onChange,
  searchPersonal = true,
  zone = 'UTC',
}: FilterBarProps) {
  const facets = useMemo(
    () => computeFacets(conversations, filters, { searchPersonal, zone }),
    [conversations, filters, searchPersonal, zone],
  )
  const setField = (field: FacetField, values: string[]) => onChange({ ...filters, [field]: values })
  const [open, setOpen] = useState(false)
  const bodyId = useId()
  const active = activeCount(filters)

  return (
    <div className="filter-fold" data-open={open}>
      <button
        type="button"
        className="filter-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="filter-toggle-title">Filters</span>
        <span className={`filter-toggle-count${active > 0 ? ' is-active' : ''}`}>({active} active)</span>
        <span aria-hidden="true" className="filter-toggle-caret">
          ▾
        </span>
      </button>
      <div className="filter-bar" id={bodyId}>
        <div className="filter-lists">
          <FacetList
            label={FIELD_LABEL.channels}
            options={facets.channels}
            selected={filters.channels}
            onChange={(v) => setField('channels', v)}
          />
          <FacetList
            label={FIELD_LABEL.queues}
            options={facets.queues}
            selected={filters.queues}
            onChange={(v) => setField('queues', v)}
            findPlaceholder="Find a queue…"
          />
        </div>
        <div className="filter-controls">
          <div className="filter-dropdowns">
            {(['agents', 'directions', 'statuses', 'dispositions'] as const).map((field) => (
              <FilterDropdown
                key={field}
                label={FIELD_LABEL[field]}
                options={facets[field]}
                selected={filters[field]}
                onChange={(v) => setField(field, v)}
              />
            ))}
          </div>
          <HandledByControl
            value={filters.handledBy}
            counts={facets.handled}
            onChange={(handledBy) => onChange({ ...filters, handledBy })}
          />
          <SearchBox value={filters.text} onChange={(text) => onChange({ ...filters, text })} />
        </div>
      </div>
    </div>
  )
}

/** How many filters are set: one per chosen value, plus Handled by and the search when set. */
function activeCount(f: ConversationFilters): number {
  const values = [...FACET_FIELDS, ...TIME_FIELDS].reduce((n, field) => n + f[field].length, 0)
  return values + (f.handledBy !== 'all' ? 1 : 0) + (f.text.trim() !== '' ? 1 : 0)
}

/** The selection with `value` added at the end or taken out (the URL keeps the order people chose). */
function toggled(selected: readonly string[], value: string): string[] {
  const trimmed = selected.map((v) => v.trim())
  return trimmed.includes(value) ? trimmed.filter((v) => v !== value) : [...trimmed, value]
}

type ListProps = {
  label: string
  options: FacetOption[]
  /** the field's current selection, in the order it was made */
  selected: readonly string[]
  onChange: (values: string[]) => void
  /** placeholder of the filter-as-you-type box (shown when the list is long) */
  findPlaceholder?: string
  /** focus the find box (or the first option) when mounted: used inside a dropdown */
  autoFocus?: boolean
}

/** A fieldset named `label` holding one checkbox per option, in a scroll area when long. */
export function FacetList({
  label,
  options,
  selected,
  onChange,
  findPlaceholder,
  autoFocus = false,
}: ListProps) {
  const [query, setQuery] = useState('')
  const selectedCount = options.reduce((n, o) => n + (o.selected ? 1 : 0), 0)
  const findable = options.length > FIND_FROM
  const q = query.trim().toLowerCase()
  // selected options stay in view whatever the query, so they can always be unticked
  const shown =
    findable && q !== ''
      ? options.filter(
          (o) => o.selected || o.label.toLowerCase().includes(q) || o.value.toLowerCase().includes(q),
        )
      : options

  return (
    <fieldset className="facet" aria-label={label}>
      <legend className="facet-legend">
        <span>{label}</span>
        {selectedCount > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            Clear <span className="visually-hidden">{label}</span>
          </button>
        )}
      </legend>
      {findable && (
        <input
          type="search"
          className="facet-find"
          // not "Find a queue": a label search for "Queue" must find only the filter itself
          aria-label={FIND_LABEL}
          placeholder={findPlaceholder ?? 'Find…'}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the dropdown was opened to pick from this list
          autoFocus={autoFocus}
        />
      )}
      <div className="facet-options">
        {options.length === 0 && <p className="facet-empty">None in this range</p>}
        {options.length > 0 && shown.length === 0 && (
          <p className="facet-empty">No {label.toLowerCase()} matches</p>
        )}
        {shown.map((o, i) => (
          <label key={o.value} className={`facet-option${o.count === 0 ? ' is-empty' : ''}`} title={o.label}>
            <input
              type="checkbox"
              checked={o.selected}
              onChange={() => onChange(toggled(selected, o.value))}
              // biome-ignore lint/a11y/noAutofocus: see above
              autoFocus={autoFocus && !findable && i === 0}
            />
            <span className="facet-value">{o.label}</span>{' '}
            <span className="facet-count">{formatCount(o.count)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/** A compact button that opens a FacetList in a popover. */
export function FilterDropdown({
  label,
  options,
  selected: selection,
  onChange,
}: Omit<ListProps, 'autoFocus'>) {
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const popoverId = useId()
  const selected = options.filter((o) => o.selected)

  useEffect(() => {
    const root = rootRef.current
    if (!open || !root) return
    const onPointerDown = (e: PointerEvent) => {
      if (!root.contains(e.target as Node)) setOpen(false)
    }
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      e.stopPropagation()
      setOpen(false)
      buttonRef.current?.focus()
    }
    // focus moving elsewhere (Tab past the list) closes it; clicks outside are the pointerdown's
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget instanceof Node && !root.contains(e.relatedTarget)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    root.addEventListener('keydown', onKeyDown)
    root.addEventListener('focusout', onFocusOut)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      root.removeEventListener('keydown', onKeyDown)
      root.removeEventListener('focusout', onFocusOut)
    }
  }, [open])

  const summary =
    selected.length === 1 ? selected[0]?.label : selected.length > 1 ? `${selected.length}` : null
  return (
    <div className="filter-dropdown" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={`dropdown-button${selected.length > 0 ? ' is-active' : ''}`}
        aria-expanded={open}
        aria-controls={popoverId}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        {summary !== null && <span className="dropdown-summary">: {summary}</span>}
        <span aria-hidden="true" className="dropdown-caret">
          ▾
        </span>
      </button>
      {open && (
        <div className="dropdown-popover" id={popoverId}>
          <FacetList label={label} options={options} selected={selection} onChange={onChange} autoFocus />
        </div>
      )}
    </div>
  )
}

function HandledByControl({
  value,
  counts,
  onChange,
}: {
  value: HandledBy
  counts: Record<HandledBy, number>
  onChange: (v: HandledBy) => void
}) {
  const name = useId()
  return (
    <div className="segmented" role="radiogroup" aria-label="Handled by">
      <span className="segmented-title" aria-hidden="true">
        Handled by
      </span>
      {(['all', 'bot', 'human'] as const).map((v) => (
        <label key={v} className={`segment${value === v ? ' is-checked' : ''}`}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          <span>{HANDLED_LABEL[v]}</span> <span className="facet-count">{formatCount(counts[v])}</span>
        </label>
      ))}
    </div>
  )
}

/** The search box: typing is debounced; Enter applies at once; Escape clears. */
function SearchBox({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const [draft, setDraft] = useState(value)
  const [seen, setSeen] = useState(value)
  const sent = useRef(value)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  // The URL changed from elsewhere (a chip, Clear all, Back): show it, unless it is what we just sent.
  if (value !== seen) {
    setSeen(value)
    if (value !== sent.current) setDraft(value)
  }
  useEffect(() => {
    // changed from elsewhere while a keystroke was pending: the pending one is outdated
    if (value !== sent.current) clearTimeout(timer.current)
    sent.current = value
  }, [value])
  useEffect(() => () => clearTimeout(timer.current), [])

  const commit = (text: string) => {
    clearTimeout(timer.current)
    if (text === sent.current) return
    sent.current = text
    onChange(text)
  }
  return (
    <input
      type="search"
      className="filter-search"
      aria-label={SEARCH_LABEL}
      placeholder={`${SEARCH_LABEL}…`}
      value={draft}
      onChange={(e) => {
        const text = e.target.value
        setDraft(text)
        clearTimeout(timer.current)
        timer.current = setTimeout(() => commit(text), SEARCH_DEBOUNCE_MS)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(draft)
        if (e.key === 'Escape' && draft !== '') {
          e.preventDefault()
          setDraft('')
          commit('')
        }
      }}
    />
  )
}
