// Benchmark: normalize a busy week (50,000 records) made from the sample records with fresh ids.
// Run: npx tsx src/api/normalize-bench.ts [records]
// Prints figures; it asserts nothing.

import older from './fixtures/sample-response.json' with { type: 'json' }
import newer from './fixtures/sample-response-newer.json' with { type: 'json' }
import { normalizeResponse } from './normalize'

const total = Number(process.argv[2] ?? 50_000)
const samples: unknown[] = [...older.data, ...newer.data]

function makePages(): unknown[] {
  const pages: unknown[] = []
  for (let start = 0; start < total; start += 100) {
    const data: unknown[] = []
    for (let i = start; i < Math.min(start + 100, total); i++) {
      const rec = structuredClone(samples[i % samples.length]) as Record<string, unknown>
      if (rec.conversationId !== undefined) rec.conversationId = `c-bench-${i}`
      rec.sessionId = `${(0x673b2973 + i).toString(16)}bfc7023ab2f0${String(i).padStart(4, '0')}`
      data.push(rec)
    }
    pages.push({ numResults: data.length, data })
  }
  return pages
}

const pages = makePages()
const runs: number[] = []
let conversations = 0
let warnings = 0
for (let run = 0; run < 7; run++) {
  const t0 = performance.now()
  conversations = 0
  warnings = 0
  for (const page of pages) {
    const out = normalizeResponse(page, { timeZoneOffset: -330 })
    conversations += out.conversations.length
    warnings += out.warnings.length
  }
  runs.push(performance.now() - t0)
}
const sorted = [...runs].sort((a, b) => a - b)
const fmt = (ms: number | undefined) => `${(ms ?? Number.NaN).toFixed(0)} ms`
console.log(`normalized ${conversations} records in ${pages.length} pages, ${warnings} warnings`)
console.log(
  `first run ${fmt(runs[0])}, median ${fmt(sorted[3])}, best ${fmt(sorted[0])} (7 runs, Node ${process.version})`,
)
