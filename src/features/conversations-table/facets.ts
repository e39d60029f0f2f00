// Facet counts: for each filter field, the values in the data with how many conversations each would
// give if picked, under every OTHER active filter (so picking Voice does not hide the other channels,
// but does narrow the queue counts). One pass over the conversations for all fields at once.

import type { Conversation } from '../../api/conversation'
import { agentKey, agentSegments, cleanText, queueKey, queueVisits } from '../../api/conversation-metrics'
import {
  type CompiledFilters,
  type ConversationFilters,
  compileFilters,
  FACET_FIELDS,
  type FacetField,
  type FilterOptions,
  indexAll,
  passesField,
  passesHandled,
  passesSearchAndTime,
} from './filters'

export type FacetOption = {
  /** what the filter (and the URL) holds: a queue or agent id, otherwise the value itself */
  value: string
  /** what people read: queue and agent names, otherwise the value */
  label: string
  /** conversations with this value that pass every other active filter */
  count: number
  selected: boolean
}

/** Conversations per "handled by" choice under every other filter (all = bot + human). */
export type HandledCounts = { all: number; bot: number; human: number }

export type Facets = Record<FacetField, FacetOption[]> & { handled: HandledCounts }

/** Display names for the id-valued fields (queues, agents), taken from the data. */
export type FacetLabels = { queues: Map<string, string>; agents: Map<string, string> }

const labelCache = new WeakMap<readonly Conversation[], FacetLabels>()

/** id -> name for queues and agents, from the data (the first name seen wins). */
export function facetLabels(conversations: readonly Conversation[]): FacetLabels {
  const hit = labelCache.get(conversations)
  if (hit) return hit
  const queues = new Map<string, string>()
  const agents = new Map<string, string>()
  for (const c of conversations) {
    for (const q of queueVisits(c)) {
      const key = queueKey(q)
      const name = cleanText(q.queueName)
      if (key && name && !queues.has(key)) queues.set(key, name)
    }
    for (const a of agentSegments(c)) {
      const key = agentKey(a)
      const name = cleanText(a.name)
      if (key && name && !agents.has(key)) agents.set(key, name)
    }
  }
  const labels = { queues: disambiguate(queues), agents: disambiguate(agents) }
  labelCache.set(conversations, labels)
  return labels
}

/** Two ids sharing a name (two "Billing" queues) would read as one option: add the id to both. */
function disambiguate(names: Map<string, string>): Map<string, string> {
  const seen = new Map<string, number>()
  for (const name of names.values()) seen.set(name, (seen.get(name) ?? 0) + 1)
  const out = new Map<string, string>()
  for (const [id, name] of names)
    out.set(id, (seen.get(name) ?? 0) > 1 && id !== name ? `${name} (${id})` : name)
  return out
}

export function labelFor(field: FacetField, value: string, labels: FacetLabels): string {
  if (field === 'queues') return labels.queues.get(value) ?? value
  if (field === 'agents') return labels.agents.get(value) ?? value
  return value
}

/**
 * Options per field, most frequent first (then by label). A value whose count under the other
 * filters is 0 is left out, unless it is selected: a selected value always stays listed (count 0),
 * also when the data does not have it at all (an unknown value from a link).
 */
export function computeFacets(
  conversations: readonly Conversation[],
  filters: ConversationFilters,
  opts: FilterOptions = {},
): Facets {
  const cf = compileFilters(filters, opts)
  const counts = {} as Record<FacetField, Map<string, number>>
  for (const field of FACET_FIELDS) counts[field] = new Map()

  let bot = 0
  let human = 0
  for (const ix of indexAll(conversations)) {
    if (!passesSearchAndTime(ix, cf)) continue
    // Which filters reject it: with none, it counts for every facet; with exactly one, it counts only
    // for that one (a facet ignores its own filter); with more, for none. "Handled by" is one of them.
    let failed: FacetField | 'handled' | null = passesHandled(ix, cf) ? null : 'handled'
    let failures = failed === null ? 0 : 1
    for (const field of cf.active) {
      if (failures > 1) break
      if (!passesField(ix, cf, field)) {
        failed = field
        failures++
      }
    }
    if (failures > 1) continue
    if (failed === null || failed === 'handled') {
      if (ix.botOnly) bot++
      else human++
    }
    if (failed === 'handled') continue
    if (failed !== null) tally(counts[failed], ix[failed])
    else for (const field of FACET_FIELDS) tally(counts[field], ix[field])
  }

  const labels = facetLabels(conversations)
  const facets = { handled: { all: bot + human, bot, human } } as Facets
  for (const field of FACET_FIELDS) facets[field] = toOptions(field, counts[field], cf, labels)
  return facets
}

function tally(map: Map<string, number>, values: readonly string[]): void {
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1)
}

function toOptions(
  field: FacetField,
  counts: Map<string, number>,
  cf: CompiledFilters,
  labels: FacetLabels,
): FacetOption[] {
  const selected = cf.sets[field] ?? new Set<string>()
  const options: FacetOption[] = []
  for (const [value, count] of counts)
    options.push({ value, label: labelFor(field, value, labels), count, selected: selected.has(value) })
  for (const value of selected)
    if (!counts.has(value))
      options.push({ value, label: labelFor(field, value, labels), count: 0, selected: true })
  return options.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
}
