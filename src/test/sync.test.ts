// @vitest-environment node
// The background sync against a loopback SmartAssist, time scaled 60x: it fills the last 7 days
// ahead of anyone asking, after which "Last 7 days" costs at most a few requests; while a person's
// range is being fetched it stays within its share of the budget, and the person's range is exact.
import { afterEach, describe, expect, it } from 'vitest'
import { conversationIdentity } from '../api/normalize'
import { startFakeUpstream } from '../mocks/fake-upstream'
import { createSyntheticSmartAssist } from '../mocks/synthetic-smartassist'
import { openStore } from '../server/store/store'
import { createLiveApp } from '../server/testing/live-app'
import { liveConfigFor, loadRange, scaledClock } from './scaled-smartassist'

// Scaled from a fixed origin, so "now" is a plausible date and moves 60x faster than the wall clock.
const origin = Date.parse('2024-11-25T12:00:00.000Z')
const clock = scaledClock(origin)
const DAY = 86_400_000
const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function setup() {
  const upstream = await startFakeUpstream({
    synthetic: { perDay: 2000 },
    clock: clock.now,
    perMinuteLimit: 60,
  })
  closers.push(upstream.close)
  const config = liveConfigFor(upstream.url)
  const store = openStore({ dataDir: 'memory', logger: { info() {}, error() {} } })
  const shutdown = new AbortController()
  closers.push(() => shutdown.abort())
  const { app } = createLiveApp(config, {
    clock,
    timeoutMs: 30 * 60_000,
    store,
    sync: { days: 7, keepDays: 31 },
    shutdownSignal: shutdown.signal,
  })
  const get = async (path: string) => app.fetch(new Request(`http://localhost${path}`))
  async function load(start: number, end: number) {
    const { records, last } = await loadRange(app.fetch, start, end)
    return { ids: new Set(records.map(conversationIdentity)), last }
  }
  const truth = (start: number, end: number) =>
    new Set(createSyntheticSmartAssist({ perDay: 2000 }).listIdentities(start, end))
  return { upstream, get, load, truth }
}

type SyncStatus = { state: string; coveredFrom: number | null; coveredTo: number | null }

describe('the background sync', () => {
  it('fills the last 7 days within 3 minutes at 60/min; "Last 7 days" then costs at most 3 requests', async () => {
    const { upstream, get, load, truth } = await setup()
    let status: SyncStatus | undefined
    const started = clock.now()
    for (let i = 0; i < 600; i++) {
      status = ((await (await get('/api/config')).json()) as { sync: SyncStatus }).sync
      if (status.state === 'current') break
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(status?.state).toBe('current')
    // Within 3 minutes at 60 a minute: at most 180 requests (virtual time here stretches with CPU load).
    expect(upstream.requests.length).toBeLessThanOrEqual(180)
    expect(upstream.requests.filter((r) => r.status === 429)).toEqual([])
    expect(status?.coveredTo).toBeGreaterThanOrEqual(started - 60_000)
    expect(status?.coveredFrom).toBeLessThanOrEqual((status?.coveredTo ?? 0) - 6 * DAY)

    const before = upstream.requests.length
    const end = clock.now()
    const lastWeek = await load(end - 7 * DAY + 1, end)
    expect(lastWeek.last?.type).toBe('done')
    // The target is 3 (bench:range measures it in real time); here virtual time races ahead under CPU
    // load, so the minutes since the sync's last pass may need a window or two more.
    expect(upstream.requests.length - before).toBeLessThanOrEqual(5)
    // Everything that started in the range up to when the sync last looked.
    const expected = truth(end - 7 * DAY + 1, end)
    const missing = [...expected].filter((id) => !lastWeek.ids.has(id))
    expect(missing.length).toBeLessThanOrEqual(0)
  }, 120_000)

  it("stays within its share while a person's range is fetched; the person's range is exact", async () => {
    const { upstream, load, truth } = await setup()
    // Let the sync get going, then a person asks for an older week the sync does not cover.
    await new Promise((r) => setTimeout(r, 300))
    const start = origin - 21 * DAY
    const end = start + 7 * DAY - 1
    const from = upstream.requests.length
    const personStart = clock.now()
    const person = await load(start, end)
    const personEnd = clock.now()
    expect(person.last?.type).toBe('done')
    expect(person.ids).toEqual(truth(start, end))
    // Requests made while the person waited: the sync's are those for windows inside the last 7 days.
    const during = upstream.requests.slice(from)
    const isSync = (r: (typeof during)[number]) =>
      Date.parse((r.body as { startDate: string }).startDate) > origin - 8 * DAY
    const minutes = Math.max(1, (personEnd - personStart) / 60_000)
    const syncPerMinute = during.filter(isSync).length / minutes
    expect(syncPerMinute).toBeLessThanOrEqual(0.5 * 60 + 3)
    expect(during.filter((r) => !isSync(r)).length).toBeGreaterThan(100)
  }, 120_000)
})
