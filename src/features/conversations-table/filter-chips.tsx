// Active filters as removable chips, "Clear all", and the empty result's helper.

import { useMemo } from 'react'
import type { Conversation } from '../../api/conversation'
import { hourOfWeekLabel, parseHourOfWeek } from '../../lib/hour-of-week'
import { facetLabels, labelFor } from './facets'
import { FIELD_LABEL, HANDLED_LABEL } from './filter-bar'
import { type ConversationFilters, EMPTY_FILTERS, FACET_FIELDS, hasActiveFilters } from './filters'
import './filters.css'

export type FilterChipsProps = {
  filters: ConversationFilters
  onChange: (next: ConversationFilters) => void
  /** the range's conversations: queue and agent chips show names rather than ids */
  conversations?: readonly Conversation[]
}

type Chip = { key: string; label: string; remove: () => ConversationFilters }

const NO_CONVERSATIONS: readonly Conversation[] = []

export function FilterChips({ filters, onChange, conversations = NO_CONVERSATIONS }: FilterChipsProps) {
  const labels = useMemo(() => facetLabels(conversations), [conversations])
  if (!hasActiveFilters(filters)) return null

  const chips: Chip[] = []
  for (const field of FACET_FIELDS) {
    for (const value of filters[field]) {
      chips.push({
        key: `${field}:${value}`,
        label: `${FIELD_LABEL[field]}: ${labelFor(field, value, labels)}`,
        remove: () => ({ ...filters, [field]: filters[field].filter((v) => v !== value) }),
      })
    }
  }
  const time = [
    ...filters.days.map((value) => ({ field: 'days' as const, value, label: `Day: ${value}` })),
    ...filters.hours.map((value) => {
      const how = parseHourOfWeek(value)
      return { field: 'hours' as const, value, label: `Hour: ${how === null ? value : hourOfWeekLabel(how)}` }
    }),
  ]
  for (const { field, value, label } of time)
    chips.push({
      key: `${field}:${value}`,
      label,
      remove: () => ({ ...filters, [field]: filters[field].filter((v) => v !== value) }),
    })
  if (filters.handledBy !== 'all')
    chips.push({
      key: 'handled',
      label: `Handled by: ${HANDLED_LABEL[filters.handledBy]}`,
      remove: () => ({ ...filters, handledBy: 'all' }),
    })
  if (filters.text.trim() !== '')
    chips.push({
      key: 'text',
      label: `Search: ${filters.text.trim()}`,
      remove: () => ({ ...filters, text: '' }),
    })

  return (
    <div className="filter-chips">
      <ul aria-label="Active filters">
        {chips.map((chip) => (
          <li key={chip.key} className="chip">
            <span className="chip-label">{chip.label}</span>
            {/* named by its text, not aria-label: a label search for "Channel" must find the filter */}
            <button
              type="button"
              className="chip-remove"
              title={`Remove ${chip.label}`}
              onClick={() => onChange(chip.remove())}
            >
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">Remove {chip.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={() => onChange(EMPTY_FILTERS)}>
        Clear all
      </button>
    </div>
  )
}

/** What the table shows when the filters leave nothing. */
export function NoMatches({ onClear }: { onClear: () => void }) {
  return (
    <div className="no-matches">
      <p>No conversation matches these filters.</p>
      <button type="button" onClick={onClear}>
        Clear filters
      </button>
    </div>
  )
}
