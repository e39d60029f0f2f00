// Prints how fast the synthetic SmartAssist answers. Run: npx tsx src/mocks/bench-synthetic.ts [perDay]
// A benchmark prints figures; it asserts nothing.

import { startFakeUpstream } from './fake-upstream'
import { createSyntheticSmartAssist } from './synthetic-smartassist'

const perDay = Number(process.argv[2] ?? 7200)
const start = Date.parse('2024-11-18T00:00:00Z')
const body = (extra: Record<string, unknown> = {}) => ({
  startDate: new Date(start).toISOString(),
  endDate: new Date(start + 7 * 86_400_000).toISOString(),
  timeZoneOffset: 0,
  ...extra,
})

function time(label: string, runs: number, fn: () => unknown): void {
  const first = performance.now()
  fn()
  const cold = performance.now() - first
  const samples: number[] = []
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now()
    fn()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(samples.length / 2)] ?? Number.NaN
  const p95 = samples[Math.floor(samples.length * 0.95)] ?? Number.NaN
  console.log(
    `${label.padEnd(58)} cold ${cold.toFixed(2)} ms  median ${median.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms`,
  )
}

const api = createSyntheticSmartAssist({ perDay })
console.log(`synthetic SmartAssist, perDay=${perDay}, 7-day window, limit 100 (node ${process.version})`)
time('page offset=0', 200, () => api.handle({ offset: 0, limit: 100, body: body() }))
time('page offset=10 (records 1,001-1,100)', 200, () => api.handle({ offset: 10, limit: 100, body: body() }))
time('page offset=0, timeZoneOffset -330', 200, () =>
  api.handle({ offset: 0, limit: 100, body: body({ timeZoneOffset: -330 }) }),
)
time('page offset=10, channels [voice]', 50, () =>
  api.handle({ offset: 10, limit: 100, body: body({ channels: ['voice'] }) }),
)
let n = 0
time('listIdentities (whole week)', 10, () => {
  n = api.listIdentities(start, start + 7 * 86_400_000).length
})
console.log(`  (${n.toLocaleString('en-US')} records in the week)`)

const upstream = await startFakeUpstream({ synthetic: { perDay } })
const post = () =>
  fetch(`${upstream.url}${upstream.path}?offset=0&limit=100`, {
    method: 'POST',
    headers: { auth: 'x', accountId: 'synthetic-account', iId: 'st', 'content-type': 'application/json' },
    body: JSON.stringify(body()),
  }).then((r) => r.arrayBuffer())
await post()
const samples: number[] = []
for (let k = 0; k < 100; k++) {
  const t0 = performance.now()
  await post()
  samples.push(performance.now() - t0)
}
samples.sort((a, b) => a - b)
console.log(
  `${'fake upstream over HTTP, page offset=0'.padEnd(58)} median ${(samples[50] ?? 0).toFixed(2)} ms  p95 ${(samples[95] ?? 0).toFixed(2)} ms`,
)
await upstream.close()
