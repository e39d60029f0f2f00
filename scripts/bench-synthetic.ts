// `npm run bench:synthetic [perDay]`: how fast the synthetic SmartAssist answers, in process and over
// HTTP. Prints figures; it asserts nothing.

import { startFakeUpstream } from '../src/mocks/fake-upstream'
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
await time(
  'listIdentities (whole week; records in the week)',
  10,
  () => api.listIdentities(WEEK_START, WEEK_START + WEEK_MS).length,
)

const upstream = await startFakeUpstream({ synthetic: { perDay } })
const post = () =>
  fetch(`${upstream.url}${upstream.path}?offset=0&limit=100`, {
    method: 'POST',
    headers: { auth: 'x', accountId: 'synthetic-account', iId: 'st', 'content-type': 'application/json' },
    body: JSON.stringify(body()),
  }).then((r) => r.arrayBuffer())
report('fake upstream over HTTP, page offset=0', await measure(100, post))
await upstream.close()
