// `npm run bench:normalize [records]`: normalize a busy week (50,000 records) made from the sample
// records with fresh ids. Prints figures; it asserts nothing.

import older from '../src/api/fixtures/sample-response.json' with { type: 'json' }
import newer from '../src/api/fixtures/sample-response-newer.json' with { type: 'json' }
import { normalizeResponse } from '../src/api/normalize'
import { measure, numberArg } from './bench-util'

const total = numberArg(50_000)
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
const t = await measure(6, () => {
  let conversations = 0
  let warnings = 0
  for (const page of pages) {
    const out = normalizeResponse(page, { timeZoneOffset: -330 })
    conversations += out.conversations.length
    warnings += out.warnings.length
  }
  return { conversations, warnings }
})
const fmt = (ms: number) => `${ms.toFixed(0)} ms`
console.log(
  `normalized ${t.result.conversations} records in ${pages.length} pages, ${t.result.warnings} warnings`,
)
console.log(
  `first run ${fmt(t.first)}, median ${fmt(t.median)}, best ${fmt(t.best)} (6 runs after the first, Node ${process.version})`,
)
