// CSV export: RFC 4180 text (CRLF line ends; a field holding a quote, comma, CR or LF is quoted, its
// quotes doubled) that is safe to open in a spreadsheet.
//
// Formula injection: a text cell beginning with =, +, -, @, tab or CR is prefixed with ' so a
// spreadsheet shows it as text instead of running it. JS numbers (durations, which may be negative)
// are written as plain numbers: a number cannot carry a formula. Numbers that arrive as text (a phone
// number "+1321…") are text and get the prefix, which also keeps their leading + and zeros.

import { tzOffset } from '@date-fns/tz'
import type { Conversation } from '../../api/conversation'
import {
  agentNames,
  distinctTexts,
  durationSec,
  handleSec,
  holdSec,
  queueNames,
  waitSec,
} from '../../api/conversation-metrics'
import { maskConversation } from '../../api/privacy-mask'

export type CsvCell = string | number | boolean | null
export type CsvColumn = { id: string; header: string }

const NEEDS_QUOTES = /[",\r\n]/
const FORMULA_START = /^[=+\-@\t\r]/

/** One field as written to the file: neutralised against formulas, then quoted when needed. */
export function csvField(value: CsvCell | undefined): string {
  let text: string
  if (value === null || value === undefined) text = ''
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : ''
  else if (typeof value === 'boolean') text = value ? 'true' : 'false'
  else text = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A header line, then one line per row (cells picked by column id); every line ends with CRLF. */
export function toCsv(rows: readonly Record<string, CsvCell>[], columns: readonly CsvColumn[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c.id])).join(','))
  return `${lines.join('\r\n')}\r\n`
}

const QUARTER_HOUR = 900_000
const offsets = new Map<string, Map<number, number>>()

/**
 * The zone's UTC offset in minutes at `ms`. Offsets change on quarter-hour boundaries, so one look-up
 * per zone and quarter hour serves every time inside it (a week's export asks about 700 times, not
 * 100,000: date-fns's zoned format costs ~15 µs a call).
 */
function offsetMin(ms: number, zone: string): number {
  let byQuarter = offsets.get(zone)
  if (byQuarter === undefined) {
    if (offsets.size > 20) offsets.clear()
    byQuarter = new Map()
    offsets.set(zone, byQuarter)
  }
  const quarter = Math.floor(ms / QUARTER_HOUR)
  let off = byQuarter.get(quarter)
  if (off === undefined) {
    if (byQuarter.size > 50_000) byQuarter.clear()
    off = tzOffset(zone, new Date(quarter * QUARTER_HOUR))
    byQuarter.set(quarter, off)
  }
  return off
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** An instant as ISO 8601 with the display zone's offset: 2024-11-18T17:18:03+05:30. */
export function isoInZone(ms: number | null, zone: string): string | null {
  if (ms === null || !Number.isFinite(ms)) return null
  const off = offsetMin(ms, zone)
  if (!Number.isFinite(off)) return null
  const wall = new Date(Math.floor(ms / 1000) * 1000 + off * 60_000)
  const abs = Math.abs(off)
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    `${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}

export type ExportContext = { zone: string }

/** A column of the export: the integrator may pass the table's visible columns (value(c) suffices). */
export type ExportColumn = {
  id: string
  header: string
  value: (c: Conversation, ctx: ExportContext) => CsvCell
}

/** A list in one cell: its values joined with "; ", empty for none. */
const listCell = (values: readonly string[]): string | null =>
  values.length === 0 ? null : values.join('; ')

/** Time-derived seconds are written whole. */
const wholeSec = (sec: number | null): number | null => (sec === null ? null : Math.round(sec))

/** The default export columns over Conversation fields, so export works without the table. */
export const CSV_COLUMNS: readonly ExportColumn[] = [
  { id: 'start', header: 'Start', value: (c, { zone }) => isoInZone(c.sessionStartTime, zone) },
  { id: 'end', header: 'End', value: (c, { zone }) => isoInZone(c.endTime, zone) },
  { id: 'durationSec', header: 'Duration (s)', value: (c) => wholeSec(durationSec(c)) },
  { id: 'channel', header: 'Channel', value: (c) => c.channel },
  { id: 'direction', header: 'Direction', value: (c) => c.direction },
  { id: 'queues', header: 'Queues', value: (c) => listCell(queueNames(c)) },
  { id: 'agents', header: 'Agents', value: (c) => listCell(agentNames(c)) },
  { id: 'finalStatus', header: 'Final status', value: (c) => c.finalStatus },
  { id: 'smartStatus', header: 'Smart status', value: (c) => c.smartStatus },
  { id: 'reason', header: 'Reason', value: (c) => c.reason },
  { id: 'dispositions', header: 'Dispositions', value: (c) => listCell(distinctTexts(c.dispositions)) },
  { id: 'waitSec', header: 'Wait (s)', value: (c) => wholeSec(waitSec(c)) },
  { id: 'handleSec', header: 'Handle (s)', value: (c) => wholeSec(handleSec(c)) },
  { id: 'holdSec', header: 'Hold (s)', value: holdSec },
  { id: 'customerName', header: 'Customer name', value: (c) => c.customer.name },
  { id: 'customerPhone', header: 'Customer phone', value: (c) => c.customer.phone },
  { id: 'customerEmail', header: 'Customer email', value: (c) => c.customer.email },
  { id: 'botOnly', header: 'Bot only', value: (c) => c.botOnly },
  { id: 'conversationId', header: 'Conversation ID', value: (c) => c.conversationId },
  { id: 'sessionId', header: 'Session ID', value: (c) => c.sessionId },
]

export type CsvExportOptions = {
  zone: string
  /** mask the customer's data first (the "Hide personal data" switch) */
  hidePersonal?: boolean
}

/** The conversations (already filtered and sorted) as CSV text, one column per export column. */
export function conversationsToCsv(
  conversations: readonly Conversation[],
  columns: readonly ExportColumn[],
  opts: CsvExportOptions,
): string {
  const ctx: ExportContext = { zone: opts.zone }
  const rows = conversations.map((original) => {
    const c = opts.hidePersonal ? maskConversation(original) : original
    const row: Record<string, CsvCell> = {}
    for (const col of columns) row[col.id] = col.value(c, ctx)
    return row
  })
  return toCsv(rows, columns)
}
