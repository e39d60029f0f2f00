// Client-side filters over the normalized conversations: pure functions, no React.
// AND across fields, OR within one field. Each conversation's facet values (and, on the first search,
// its search text) are worked out once and remembered in WeakMaps, so re-filtering 50,000
// conversations costs a few milliseconds.

import { TZDate } from '@date-fns/tz'
import { channelCategory, dispositionCategories } from '../../api/categories'
import type { Conversation } from '../../api/conversation'
import { distinctTexts, queueKeys, respondingAgents, segmentOf } from '../../api/conversation-metrics'
import { hourOfWeekIn, parseHourOfWeek, slotsOf } from '../../lib/hour-of-week'

export type HandledBy = 'all' | 'bot' | 'human'

export type ConversationFilters = {
  /** channel names as the data has them, trimmed (Voice, Web/Mobile Client) */
  channels: string[]
  /** queue keys: ids, a queue entry without an id is known by its name (queueKey) */
  queues: string[]
  /** responding agents' keys: ids, else names, else e-mails (agentKey) */
  agents: string[]
  directions: string[]
  /** finalStatus values */
  statuses: string[]
  dispositions: string[]
  /** bot = bot-only sessions, human = reached a queue or an agent */
  handledBy: HandledBy
  /** case-insensitive substring over customer name/phone/email, ids, remarks and agent notes */
  text: string
  /** calendar days (yyyy-MM-dd) in the display zone the session started on (a Daily volume bar) */
  days: string[]
  /** hours of the week (`Tue-14`) in the display zone the session started in (a heat map cell) */
  hours: string[]
}

/** The multi-valued fields; each has a facet (values with counts) in facets.ts. */
export const FACET_FIELDS = [
  'channels',
  'queues',
  'agents',
  'directions',
  'statuses',
  'dispositions',
] as const
export type FacetField = (typeof FACET_FIELDS)[number]

export const EMPTY_FILTERS: ConversationFilters = Object.freeze({
  channels: [],
  queues: [],
  agents: [],
  directions: [],
  statuses: [],
  dispositions: [],
  handledBy: 'all',
  text: '',
  days: [],
  hours: [],
}) as ConversationFilters

/** The fields that select by when a session started, in the display zone. */
export const TIME_FIELDS = ['days', 'hours'] as const
export type TimeField = (typeof TIME_FIELDS)[number]

export function hasActiveFilters(f: ConversationFilters): boolean {
  return (
    FACET_FIELDS.some((field) => f[field].length > 0) ||
    TIME_FIELDS.some((field) => f[field].length > 0) ||
    f.handledBy !== 'all' ||
    f.text.trim() !== ''
  )
}

/** What one conversation offers each filter; computed once per conversation object. */
export type IndexedConversation = {
  channels: readonly string[]
  queues: readonly string[]
  agents: readonly string[]
  directions: readonly string[]
  statuses: readonly string[]
  dispositions: readonly string[]
  botOnly: boolean
  /** the conversation, for the search text (built on the first search, see searchTextOf) */
  conversation: Conversation
  search?: SearchText
}

/** What the search box looks at, lower-cased; built on the first search, then remembered. */
export type SearchText = {
  /** ids, remarks and agent notes, fields separated by \n */
  text: string
  /** customer name, phone and email */
  personal: string
  /** the customer's phone digits only, so "+1 (321) 555-0100" finds +13215550100 */
  phoneDigits: string
}

const cache = new WeakMap<Conversation, IndexedConversation>()

function notesOf(c: Conversation): string[] {
  const notes: string[] = []
  for (const d of c.destinations) {
    const agent = segmentOf(d)
    if (agent?.agentNotes) notes.push(agent.agentNotes)
    if (d.kind === 'queue') for (const n of d.nonRespondingAgents) if (n.agentNotes) notes.push(n.agentNotes)
  }
  return notes
}

export function indexConversation(c: Conversation): IndexedConversation {
  const hit = cache.get(c)
  if (hit) return hit
  const indexed: IndexedConversation = {
    channels: [channelCategory(c)],
    queues: queueKeys(c),
    agents: respondingAgents(c),
    directions: distinctTexts([c.direction]),
    statuses: distinctTexts([c.finalStatus]),
    dispositions: dispositionCategories(c),
    botOnly: c.botOnly,
    conversation: c,
  }
  cache.set(c, indexed)
  return indexed
}

function buildSearchText(c: Conversation): SearchText {
  return {
    text: [c.conversationId, c.sessionId, c.dispositionRemarks, ...notesOf(c)]
      .filter(Boolean)
      .join('\n')
      .toLowerCase(),
    personal: [c.customer.name, c.customer.phone, c.customer.email].filter(Boolean).join('\n').toLowerCase(),
    phoneDigits: c.customer.phone?.replace(/\D/g, '') ?? '',
  }
}

/** The search text of an indexed conversation, built on first use and kept on the index entry. */
export function searchTextOf(ix: IndexedConversation): SearchText {
  if (ix.search === undefined) ix.search = buildSearchText(ix.conversation)
  return ix.search
}

const listCache = new WeakMap<readonly Conversation[], IndexedConversation[]>()

/** The index of every conversation of an array, remembered per array (the loaded list is not mutated). */
export function indexAll(conversations: readonly Conversation[]): IndexedConversation[] {
  const hit = listCache.get(conversations)
  // the length check guards against an array that was appended to in place
  if (hit !== undefined && hit.length === conversations.length) return hit
  const all = conversations.map(indexConversation)
  listCache.set(conversations, all)
  return all
}

export type FilterOptions = {
  /**
   * Whether the search box looks at customer name, phone and email (default true). Pass false while
   * personal data is hidden, so the search cannot be used to probe for a number that is not shown.
   */
  searchPersonal?: boolean
  /** the display time zone (IANA) the day and hour filters mean; default UTC */
  zone?: string
}

/** A compiled filter: per facet field a Set (null = not active), plus handledBy and the search. */
export type CompiledFilters = {
  sets: Record<FacetField, Set<string> | null>
  /** the facet fields with a selection */
  active: FacetField[]
  handledBy: HandledBy
  matchesText: ((ix: IndexedConversation) => boolean) | null
  /** whether the session's start passes the day and hour filters; null when neither is active */
  matchesTime: ((start: number | null) => boolean) | null
}

const PHONE_QUERY = /^[+\d\s().-]+$/

export function compileFilters(f: ConversationFilters, opts: FilterOptions = {}): CompiledFilters {
  const sets = {} as Record<FacetField, Set<string> | null>
  for (const field of FACET_FIELDS) {
    const values = f[field].map((v) => v.trim()).filter(Boolean)
    // a field with only blank values selected is still active: it matches nothing
    sets[field] = f[field].length === 0 ? null : new Set(values)
  }
  const q = f.text.trim().toLowerCase()
  const personal = opts.searchPersonal !== false
  let matchesText: CompiledFilters['matchesText'] = null
  if (q !== '') {
    const digits = PHONE_QUERY.test(q) ? q.replace(/\D/g, '') : ''
    const byDigits = personal && digits.length >= 3
    matchesText = (ix) => {
      const st = searchTextOf(ix)
      return (
        st.text.includes(q) ||
        (personal && st.personal.includes(q)) ||
        (byDigits && st.phoneDigits.includes(digits))
      )
    }
  }
  const active = FACET_FIELDS.filter((field) => sets[field] !== null)
  return {
    sets,
    active,
    handledBy: f.handledBy,
    matchesText,
    matchesTime: compileTime(f, opts.zone ?? 'UTC'),
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** [first, last] instant of a yyyy-MM-dd day in `zone` (23 or 25 hours on a DST day); null if unreadable. */
function dayInZone(day: string, zone: string): [number, number] | null {
  const m = DAY.exec(day.trim())
  if (m === null) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])]
  const start = new TZDate(y, mo, d, zone)
  // a date that rolls over (2024-02-30) is not that day
  if (start.getFullYear() !== y || start.getMonth() !== mo || start.getDate() !== d) return null
  return [+start, +new TZDate(y, mo, d + 1, zone) - 1]
}

/** Days are OR-ed, hours are OR-ed, and the two AND-ed; an unreadable value matches nothing. */
function compileTime(f: ConversationFilters, zone: string): CompiledFilters['matchesTime'] {
  if (f.days.length === 0 && f.hours.length === 0) return null
  const days = f.days.map((d) => dayInZone(d, zone)).filter((d): d is [number, number] => d !== null)
  const hours = new Set(f.hours.map(parseHourOfWeek).filter((h): h is number => h !== null))
  const slots = slotsOf(zone)
  return (start) => {
    if (start === null) return false
    if (f.days.length > 0 && !days.some(([a, b]) => start >= a && start <= b)) return false
    return f.hours.length === 0 || hours.has(hourOfWeekIn(slots, start, zone))
  }
}

function anyIn(values: readonly string[], wanted: Set<string>): boolean {
  for (const v of values) if (wanted.has(v)) return true
  return false
}

/** Whether the "handled by" choice lets the conversation through. */
export function passesHandled(ix: IndexedConversation, cf: CompiledFilters): boolean {
  return cf.handledBy === 'all' || (cf.handledBy === 'bot') === ix.botOnly
}

/** Whether the search and the day and hour filters let the conversation through. */
export function passesSearchAndTime(ix: IndexedConversation, cf: CompiledFilters): boolean {
  return (
    (cf.matchesText === null || cf.matchesText(ix)) &&
    (cf.matchesTime === null || cf.matchesTime(ix.conversation.sessionStartTime))
  )
}

/** Whether one facet field lets the conversation through (true when the field is not active). */
export function passesField(ix: IndexedConversation, cf: CompiledFilters, field: FacetField): boolean {
  const wanted = cf.sets[field]
  return wanted === null || anyIn(ix[field], wanted)
}

function passesAll(ix: IndexedConversation, cf: CompiledFilters): boolean {
  if (!passesHandled(ix, cf) || !passesSearchAndTime(ix, cf)) return false
  for (const field of cf.active) if (!anyIn(ix[field], cf.sets[field] as Set<string>)) return false
  return true
}

export function matches(c: Conversation, cf: CompiledFilters): boolean {
  return passesAll(indexConversation(c), cf)
}

/** The conversations that pass every filter, in their original order (read-only: may be the input). */
export function applyFilters(
  conversations: readonly Conversation[],
  filters: ConversationFilters,
  opts: FilterOptions = {},
): Conversation[] {
  // no filter: the same array, so that what is keyed on it (the table's rows) knows nothing changed
  if (!hasActiveFilters(filters)) return conversations as Conversation[]
  const cf = compileFilters(filters, opts)
  const index = indexAll(conversations)
  const out: Conversation[] = []
  for (let i = 0; i < index.length; i++)
    if (passesAll(index[i] as IndexedConversation, cf)) out.push(conversations[i] as Conversation)
  return out
}
