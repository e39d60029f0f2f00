// `npm run bench:synthetic [perDay]`: how fast the synthetic SmartAssist answers, in process and over
// HTTP. Prints figures; it asserts nothing.

import { startFakeUpstream } from '../src/mocks/fake-upstream'
import { CATALOG, createGenerator } from '../src/mocks/synthetic/generator'
import { createSyntheticSmartAssist } from '../src/mocks/synthetic-smartassist'
import { measure, numberArg, report, time, WEEK_MS, WEEK_START } from './bench-util'

const perDay = numberArg(7200)
const body = (extra: Record<string, unknown> = {}) => ({
  startDate: new Date(WEEK_START).toISOString(),
  endDate: new Date(WEEK_START + WEEK_MS).toISOString(),
  timeZoneOffset: 0,
  ...extra,
})

const api = createSyntheticSmartAssist({ perDay })
console.log(`synthetic SmartAssist, perDay=${perDay}, 7-day window, limit 100 (node ${process.version})`)
await time('page offset=0', 200, () => api.handle({ offset: 0, limit: 100, body: body() }))
await time('page offset=10 (records 1,001-1,100)', 200, () =>
  api.handle({ offset: 10, limit: 100, body: body() }),
)
await time('page offset=0, timeZoneOffset -330', 200, () =>
  api.handle({ offset: 0, limit: 100, body: body({ timeZoneOffset: -330 }) }),
)
await time('page offset=10, channels [voice]', 50, () =>
  api.handle({ offset: 10, limit: 100, body: body({ channels: ['voice'] }) }),
)
// Queue filters: an id outside the catalogue matches nothing; the least used queue (Spanish Support)
// needs most of the week for offset 10, and by email (which seldom reaches it) the whole week.
const spanish = CATALOG.queues.find((q) => q.name === 'Spanish Support')?.id ?? ''
await time('queues [unknown id] (empty page)', 20, () =>
  api.handle({ offset: 0, limit: 100, body: body({ queues: ['no-such-queue'] }) }),
)
await time('queues [Spanish Support], offset 0', 20, () =>
  api.handle({ offset: 0, limit: 100, body: body({ queues: [spanish] }) }),
)
await time('queues [Spanish Support], offset 10', 20, () =>
  api.handle({ offset: 10, limit: 100, body: body({ queues: [spanish] }) }),
)
await time('queues [Spanish Support], channels [email]', 20, () =>
  api.handle({ offset: 0, limit: 100, body: body({ queues: [spanish], channels: ['email'] }) }),
)
const gen = createGenerator({ perDay })
const weekHeaders = gen.headers(WEEK_START, WEEK_START + WEEK_MS)
await time('queueMask of every record in the week (a filter at most)', 20, () =>
  weekHeaders.reduce((n, h) => n + (gen.queueMask(h) === 0 ? 0 : 1), 0),
)
await time(
  'listIdentities (whole week; records in the week)',
  10,
  () => api.listIdentities(WEEK_START, WEEK_START + WEEK_MS).length,
)

const upstream = await startFakeUpstream({ synthetic: { perDay } })
const postAt = (offset: number, b: unknown) =>
  fetch(`${upstream.url}${upstream.path}?offset=${offset}&limit=100`, {
    method: 'POST',
    headers: { auth: 'x', accountId: 'synthetic-account', iId: 'st', 'content-type': 'application/json' },
    body: JSON.stringify(b),
  }).then((r) => r.arrayBuffer())
report('fake upstream over HTTP, page offset=0', await measure(100, () => postAt(0, body())))
// What a small request waits while 20 queue-filtered ones arrive with it (one event loop serves all).
const oneMinute = { ...body(), endDate: new Date(WEEK_START + 60_000).toISOString() }
for (const [label, offset, queues] of [
  ['unknown id', 0, ['no-such-queue']],
  ['Spanish Support', 10, [spanish]],
] as const) {
  const waits: number[] = []
  for (let k = 0; k < 6; k++) {
    const crowd = Array.from({ length: 20 }, () => postAt(offset, body({ queues })))
    const t = performance.now()
    await postAt(0, oneMinute)
    waits.push(performance.now() - t)
    await Promise.all(crowd)
  }
  const median = [...waits.slice(1)].sort((a, b) => a - b)[2] ?? Number.NaN
  console.log(
    `HTTP: a 1-minute page sent with 20 × queues [${label}], offset ${offset}: median wait ${median.toFixed(1)} ms`,
  )
}
await upstream.close()
