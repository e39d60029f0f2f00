// `npm run bench:filters [perDay]`: filters, facet counts and exports over a busy week (50,400
// synthetic conversations). Prints figures; it asserts nothing.

import { CSV_COLUMNS, conversationsToCsv } from '../src/features/conversations-table/export-csv'
import { conversationsToJson } from '../src/features/conversations-table/export-json'
import { computeFacets } from '../src/features/conversations-table/facets'
import {
  applyFilters,
  type ConversationFilters,
  EMPTY_FILTERS,
} from '../src/features/conversations-table/filters'
import { numberArg, syntheticWeek, time } from './bench-util'

const conversations = syntheticWeek(numberArg(7200))

const queueId =
  conversations.flatMap((c) => c.destinations).find((d) => d.kind === 'queue')?.queueId ?? 'none'
const f = (more: Partial<ConversationFilters>): ConversationFilters => ({ ...EMPTY_FILTERS, ...more })
console.log(`${conversations.length.toLocaleString('en-US')} conversations (node ${process.version})`)
// the first call builds the per-conversation index (WeakMap); later calls reuse it
await time(
  'applyFilters channel=Voice (first call indexes)',
  20,
  () => applyFilters(conversations, f({ channels: ['Voice'] })).length,
)
await time(
  'applyFilters channel=Voice & queue',
  20,
  () => applyFilters(conversations, f({ channels: ['Voice'], queues: [queueId] })).length,
)
await time(
  'applyFilters handled=human & status=CLOSED',
  20,
  () => applyFilters(conversations, f({ handledBy: 'human', statuses: ['CLOSED'] })).length,
)
await time('applyFilters text "refund"', 20, () => applyFilters(conversations, f({ text: 'refund' })).length)
await time('applyFilters text "555"', 20, () => applyFilters(conversations, f({ text: '555' })).length)
await time('computeFacets (no filter)', 20, () => computeFacets(conversations, EMPTY_FILTERS).channels.length)
await time(
  'computeFacets channel=Voice & queue & text',
  20,
  () => computeFacets(conversations, f({ channels: ['Voice'], queues: [queueId], text: 'a' })).queues.length,
)
await time(
  'CSV export, default columns',
  2,
  () => conversationsToCsv(conversations, CSV_COLUMNS, { zone: 'Asia/Kolkata' }).length,
)
await time(
  'CSV export, personal data hidden',
  2,
  () => conversationsToCsv(conversations, CSV_COLUMNS, { zone: 'UTC', hidePersonal: true }).length,
)
await time('JSON export (raw records)', 2, () => conversationsToJson(conversations).length)
await time(
  'JSON export, personal data hidden',
  2,
  () => conversationsToJson(conversations, { hidePersonal: true }).length,
)
