// Benchmark: filters and facet counts over a busy week (50,400 synthetic conversations).
// Run: npx tsx src/features/conversations-table/filters-bench.ts [perDay]
// Prints figures; it asserts nothing.

import { normalizeResponse } from '../../api/normalize'
import { createGenerator } from '../../mocks/synthetic/generator'
import { CSV_COLUMNS, conversationsToCsv } from './export-csv'
import { conversationsToJson } from './export-json'
import { computeFacets } from './facets'
import { applyFilters, type ConversationFilters, EMPTY_FILTERS } from './filters'

const perDay = Number(process.argv[2] ?? 7200)
const start = Date.parse('2024-11-18T00:00:00Z')
const records = createGenerator({ perDay }).records(start, start + 7 * 86_400_000 - 1)
const conversations = normalizeResponse(
  { numResults: records.length, data: records },
  { timeZoneOffset: 0 },
).conversations

function time(label: string, runs: number, fn: () => number): void {
  const t0 = performance.now()
  const n = fn()
  const cold = performance.now() - t0
  const samples: number[] = []
  for (let k = 0; k < runs; k++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(samples.length / 2)] ?? Number.NaN
  console.log(
    `${label.padEnd(52)} first ${cold.toFixed(1).padStart(6)} ms  median ${median.toFixed(2).padStart(6)} ms  (${n.toLocaleString('en-US')})`,
  )
}

const queueId =
  conversations.flatMap((c) => c.destinations).find((d) => d.kind === 'queue')?.queueId ?? 'none'
const f = (more: Partial<ConversationFilters>): ConversationFilters => ({ ...EMPTY_FILTERS, ...more })
console.log(`${conversations.length.toLocaleString('en-US')} conversations (node ${process.version})`)
// the first call builds the per-conversation index (WeakMap); later calls reuse it
time(
  'applyFilters channel=Voice (first call indexes)',
  20,
  () => applyFilters(conversations, f({ channels: ['Voice'] })).length,
)
time(
  'applyFilters channel=Voice & queue',
  20,
  () => applyFilters(conversations, f({ channels: ['Voice'], queues: [queueId] })).length,
)
time(
  'applyFilters handled=human & status=CLOSED',
  20,
  () => applyFilters(conversations, f({ handledBy: 'human', statuses: ['CLOSED'] })).length,
)
time('applyFilters text "refund"', 20, () => applyFilters(conversations, f({ text: 'refund' })).length)
time('applyFilters text "555"', 20, () => applyFilters(conversations, f({ text: '555' })).length)
time('computeFacets (no filter)', 20, () => computeFacets(conversations, EMPTY_FILTERS).channels.length)
time(
  'computeFacets channel=Voice & queue & text',
  20,
  () => computeFacets(conversations, f({ channels: ['Voice'], queues: [queueId], text: 'a' })).queues.length,
)
time(
  'CSV export, default columns',
  2,
  () => conversationsToCsv(conversations, CSV_COLUMNS, { zone: 'Asia/Kolkata' }).length,
)
time(
  'CSV export, personal data hidden',
  2,
  () => conversationsToCsv(conversations, CSV_COLUMNS, { zone: 'UTC', hidePersonal: true }).length,
)
time('JSON export (raw records)', 2, () => conversationsToJson(conversations).length)
time(
  'JSON export, personal data hidden',
  2,
  () => conversationsToJson(conversations, { hidePersonal: true }).length,
)
