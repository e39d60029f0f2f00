// The conversation table's columns: a module constant built once with the v9 column helper.
// Each column has a kind (time, duration, number, text, id, boolean) that decides its comparator and
// its cell format. Empty values (null in the row, undefined to the table) always sort last, ascending
// or descending: `sortUndefined: 'last'` for the stock sorted row model (it is applied before the
// direction is), and the same rule in the keyed sorted row model this table registers for speed.

import {
  type CellContext,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  type SortFn,
  type SortingState,
  tableFeatures,
} from '@tanstack/react-table'
import { formatDateTime, formatDuration } from '../../lib/format'
import { type ExportColumn, isoInZone } from './export-csv'
import { type ConversationRow, toRow } from './row-model'
import { type ColumnKind, compareValues, createKeyedSortedRowModel } from './sorted-row-model'

export type { ColumnKind }

/** Per-render facts the cells need; passed as the table's `meta`. */
export type ConversationsTableMeta = { zone: string; hidePersonal: boolean }

export type ConversationsColumnMeta = {
  label: string
  /** what a derived figure means (the header's tooltip) */
  description?: string
  kind: ColumnKind
  /** customer data: masked when hidePersonal is on, and then not sortable */
  personal: boolean
}

export const features = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
  sortedRowModel: createKeyedSortedRowModel((def) => (def as { meta?: ConversationsColumnMeta }).meta?.kind),
  tableMeta: {} as ConversationsTableMeta,
  columnMeta: {} as ConversationsColumnMeta,
})
export type Features = typeof features

export const MASK = '•••'

type CellValue = string | number | boolean | undefined
type Spec = {
  id: string
  label: string
  kind: ColumnKind
  get: (r: ConversationRow) => string | number | boolean | null
  size: number
  visible: boolean
  personal?: boolean
  description?: string
}

// Order here is the order on screen.
const SPECS = [
  { id: 'start', label: 'Start', kind: 'time', get: (r) => r.startTime, size: 180, visible: true },
  {
    id: 'duration',
    label: 'Duration',
    kind: 'duration',
    get: (r) => r.durationSec,
    size: 115,
    description: 'From the session start to the latest end time in the record',
    visible: true,
  },
  { id: 'channel', label: 'Channel', kind: 'text', get: (r) => r.channel, size: 140, visible: true },
  { id: 'direction', label: 'Direction', kind: 'text', get: (r) => r.direction, size: 100, visible: false },
  { id: 'queue', label: 'Queue', kind: 'text', get: (r) => r.queues, size: 160, visible: true },
  { id: 'agent', label: 'Agent', kind: 'text', get: (r) => r.agents, size: 170, visible: true },
  {
    id: 'finalStatus',
    label: 'Final status',
    kind: 'text',
    get: (r) => r.finalStatus,
    size: 150,
    visible: true,
  },
  {
    id: 'smartStatus',
    label: 'Smart status',
    kind: 'text',
    get: (r) => r.smartStatus,
    size: 140,
    visible: false,
  },
  { id: 'reason', label: 'Reason', kind: 'text', get: (r) => r.reason, size: 180, visible: false },
  {
    id: 'disconnectingEvent',
    label: 'Disconnecting event',
    kind: 'text',
    get: (r) => r.disconnectingEvent,
    size: 150,
    visible: false,
  },
  {
    id: 'disposition',
    label: 'Disposition',
    kind: 'text',
    get: (r) => r.dispositions,
    size: 160,
    visible: true,
  },
  {
    id: 'wait',
    label: 'Wait',
    kind: 'duration',
    get: (r) => r.waitSec,
    size: 80,
    description: 'From the first queue entry to the first agent accepting (empty when unknown)',
    visible: true,
  },
  {
    id: 'firstResponse',
    label: 'First response',
    kind: 'duration',
    get: (r) => r.firstResponseSec,
    size: 125,
    description: 'The first agent who accepted: from accepting to their first message',
    visible: false,
  },
  {
    id: 'handle',
    label: 'Handle time',
    kind: 'duration',
    get: (r) => r.handleSec,
    size: 130,
    description: 'Interaction (hold inside it) plus after-call work, over the agents who accepted',
    visible: true,
  },
  {
    id: 'hold',
    label: 'Hold time',
    kind: 'duration',
    get: (r) => r.holdSec,
    size: 105,
    description: 'Hold over the agents who accepted (part of their interaction)',
    visible: false,
  },
  {
    id: 'agentCount',
    label: 'Agents',
    kind: 'number',
    get: (r) => r.agentCount,
    size: 75,
    description: 'Distinct agents who accepted the conversation',
    visible: false,
  },
  {
    id: 'transfers',
    label: 'Transfers',
    kind: 'number',
    get: (r) => r.transfers,
    size: 90,
    description: 'Destinations (queues, direct agents) after the first',
    visible: false,
  },
  {
    id: 'consults',
    label: 'Consults',
    kind: 'number',
    get: (r) => r.consults,
    size: 85,
    description: 'Consulting agents and external numbers',
    visible: false,
  },
  {
    id: 'callback',
    label: 'Callback',
    kind: 'boolean',
    get: (r) => r.callback,
    size: 85,
    description: 'The customer opted for a callback in a queue',
    visible: false,
  },
  { id: 'voicemail', label: 'Voicemail', kind: 'boolean', get: (r) => r.voicemail, size: 90, visible: false },
  { id: 'csat', label: 'CSAT', kind: 'number', get: (r) => r.csat, size: 70, visible: false },
  { id: 'skills', label: 'Skills', kind: 'text', get: (r) => r.skills, size: 160, visible: false },
  {
    id: 'customer',
    label: 'Customer',
    kind: 'text',
    get: (r) => r.customerName ?? r.customerPhone ?? r.customerEmail,
    size: 170,
    visible: true,
    personal: true,
  },
  {
    id: 'customerPhone',
    label: 'Customer phone',
    // compared character by character, like an id: a phone number is not words
    kind: 'id',
    get: (r) => r.customerPhone,
    size: 140,
    visible: false,
    personal: true,
  },
  {
    id: 'customerEmail',
    label: 'Customer email',
    kind: 'text',
    get: (r) => r.customerEmail,
    size: 200,
    visible: false,
    personal: true,
  },
  {
    id: 'botOnly',
    label: 'Bot only',
    kind: 'boolean',
    get: (r) => r.botOnly,
    size: 80,
    description: 'Handled by the bot alone (never reached a queue or an agent)',
    visible: false,
  },
  {
    id: 'conversation',
    label: 'Conversation',
    kind: 'id',
    get: (r) => r.id,
    size: 290,
    description: 'conversationId, or the sessionId of a bot-only session',
    visible: true,
  },
  { id: 'sessionId', label: 'Session ID', kind: 'id', get: (r) => r.sessionId, size: 220, visible: false },
] as const satisfies readonly Spec[]

export type ColumnId = (typeof SPECS)[number]['id']

export const COLUMN_IDS: readonly ColumnId[] = SPECS.map((s) => s.id)

export const COLUMN_LABELS: Readonly<Record<ColumnId, string>> = Object.fromEntries(
  SPECS.map((s) => [s.id, s.label]),
) as Record<ColumnId, string>

/** The visible set a first-time user sees; everything else is in the column chooser. */
export const DEFAULT_VISIBILITY: Readonly<Record<ColumnId, boolean>> = Object.fromEntries(
  SPECS.map((s) => [s.id, s.visible]),
) as Record<ColumnId, boolean>

/** Newest first until the user picks another order. */
export const DEFAULT_SORTING: SortingState = [{ id: 'start', desc: true }]

export const MIN_COLUMN_WIDTH = 60
export const MAX_COLUMN_WIDTH = 800

// --- comparators: ascending only (a sorted row model flips them for descending) ------------------

type RowSortFn = SortFn<Features, ConversationRow>

const sortFnFor =
  (kind: ColumnKind): RowSortFn =>
  (a, b, id) =>
    compareValues(kind, a.getValue<CellValue>(id), b.getValue<CellValue>(id))

const SORT_FNS: Record<ColumnKind, RowSortFn> = {
  time: sortFnFor('number'),
  duration: sortFnFor('number'),
  number: sortFnFor('number'),
  text: sortFnFor('text'),
  id: sortFnFor('id'),
  boolean: sortFnFor('boolean'),
}

// --- cells ---------------------------------------------------------------------------------------

type Ctx = CellContext<Features, ConversationRow, CellValue>

function renderCell(kind: ColumnKind, personal: boolean, ctx: Ctx): string {
  const v = ctx.getValue()
  if (v === undefined) return ''
  const meta = ctx.table.options.meta
  if (personal && meta?.hidePersonal !== false) return MASK
  switch (kind) {
    case 'time':
      return formatDateTime(v as number, meta?.zone ?? 'UTC')
    case 'duration':
      return formatDuration(v as number)
    case 'boolean':
      return v ? 'Yes' : 'No'
    default:
      return String(v)
  }
}

const helper = createColumnHelper<Features, ConversationRow>()

function column(spec: Spec) {
  const { id, label, kind, get } = spec
  const personal = spec.personal === true
  return helper.accessor((r: ConversationRow): CellValue => get(r) ?? undefined, {
    id,
    header: label,
    cell: (ctx) => renderCell(kind, personal, ctx),
    sortFn: SORT_FNS[kind],
    sortUndefined: 'last',
    size: spec.size,
    minSize: MIN_COLUMN_WIDTH,
    maxSize: MAX_COLUMN_WIDTH,
    meta: { label, kind, personal, description: spec.description },
  })
}

/** Built once, at module load: the table never sees a new columns array. */
export const columns = helper.columns(SPECS.map(column))

export function isColumnId(id: string): id is ColumnId {
  return Object.hasOwn(COLUMN_LABELS, id)
}

export function isPersonalColumn(id: string): boolean {
  return SPECS.some((s) => s.id === id && 'personal' in s && s.personal)
}

const SPEC_BY_ID = new Map<string, Spec>(SPECS.map((s) => [s.id, s]))

/**
 * The table's columns, in the order given, as CSV columns: the export holds what the table shows.
 * Times are ISO 8601 with the display zone's offset, durations whole seconds.
 */
export function csvColumnsFor(ids: readonly string[]): ExportColumn[] {
  return ids.flatMap((id) => {
    const spec = SPEC_BY_ID.get(id)
    if (!spec) return []
    const header = spec.kind === 'duration' ? `${spec.label} (s)` : spec.label
    const value: ExportColumn['value'] = (c, { zone }) => {
      const v = spec.get(toRow(c))
      if (spec.kind === 'time') return isoInZone(typeof v === 'number' ? v : null, zone)
      if (spec.kind === 'duration') return typeof v === 'number' ? Math.round(v) : null
      return v
    }
    return [{ id, header, value }]
  })
}
