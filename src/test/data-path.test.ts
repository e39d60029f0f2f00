// @vitest-environment node
// The whole data path with exact ground truth: GET /api/conversations -> range service -> fetch engine
// -> page source (rate budget, retries, cache) -> a loopback SmartAssist that enforces the real API's
// rules, with the conversation store behind it. Time runs 60x faster for the server's clock and the
// fake's per-minute limit alike, so a real minute's budget passes in a second.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { conversationIdentity } from '../api/normalize'
import { startFakeUpstream } from '../mocks/fake-upstream'
import { createSyntheticSmartAssist } from '../mocks/synthetic-smartassist'
import { openStore } from '../server/store/store'
import { createLiveApp } from '../server/testing/live-app'
import { liveConfigFor, loadRange, scaledClock } from './scaled-smartassist'

const clock = scaledClock()

const WEEK_START = Date.parse('2024-11-18T00:00:00.000Z')
const WEEK_END = WEEK_START + 7 * 86_400_000 - 1
const DAY = 86_400_000
const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-data-'))
  closers.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function setup(perDay: number, fake: { faultRate?: number; perMinuteLimit?: number } = {}) {
  const upstream = await startFakeUpstream({ synthetic: { perDay }, clock: clock.now, ...fake })
  closers.push(upstream.close)
  const config = liveConfigFor(upstream.url)
  /** A server process: its own app (cache, budget) over the store in `dataDir`. */
  function server(dataDir = 'memory') {
    const store = openStore({ dataDir, logger: { info() {}, error() {} } })
    closers.push(() => store.close())
    // A generous virtual timeout: 30 s of scaled time would be half a real second on a busy CI machine.
    const { app } = createLiveApp(config, { clock, timeoutMs: 30 * 60_000, store })
    return {
      store,
      app,
      async load(start = WEEK_START, end = WEEK_END) {
        const loaded = await loadRange(app.fetch, start, end)
        expect(loaded.status).toBe(200)
        return loaded
      },
    }
  }
  const truth = (start = WEEK_START, end = WEEK_END) =>
    new Set(createSyntheticSmartAssist({ perDay }).listIdentities(start, end))
  return { upstream, server, truth }
}

const ids = (records: unknown[]) => new Set(records.map((r) => conversationIdentity(r)))

describe('the data path against a loopback SmartAssist', () => {
  it('a week of 14,000 is exact, bot-only sessions included; a second load costs nothing upstream', async () => {
    const { upstream, server, truth } = await setup(2000, { perMinuteLimit: 60 })
    const one = server()
    const first = await one.load()
    expect(first.last).toMatchObject({ type: 'done', count: truth().size })
    expect(first.records.length).toBe(truth().size)
    expect(ids(first.records)).toEqual(truth())
    expect(first.records.some((r) => (r as { conversationId?: string }).conversationId === undefined)).toBe(
      true,
    )
    // The server kept the account's budget: the fake never had to refuse for rate.
    expect(upstream.requests.filter((r) => r.status === 429)).toEqual([])
    expect(upstream.requests.length).toBeLessThanOrEqual(Math.ceil((1.15 * truth().size) / 100))

    const before = upstream.requests.length
    const second = await one.load()
    expect(ids(second.records)).toEqual(truth())
    expect(second.records.length).toBe(truth().size)
    expect(upstream.requests.length - before).toBe(0)
  }, 60_000)

  it('a restart with the same DATA_DIR serves a stored week with 0 upstream requests', async () => {
    const { upstream, server, truth } = await setup(2000)
    const dataDir = tempDataDir()
    const first = server(dataDir)
    expect(ids((await first.load()).records)).toEqual(truth())
    await first.store.close()
    const before = upstream.requests.length

    const restarted = server(dataDir)
    const again = await restarted.load()
    expect(again.records.length).toBe(truth().size)
    expect(ids(again.records)).toEqual(truth())
    expect(upstream.requests.length - before).toBe(0)
  }, 60_000)

  it('a week shifted by a day fetches only the new day', async () => {
    const { upstream, server, truth } = await setup(2000)
    const one = server()
    await one.load()
    const before = upstream.requests.length
    const shifted = await one.load(WEEK_START + DAY, WEEK_END + DAY)
    expect(ids(shifted.records)).toEqual(truth(WEEK_START + DAY, WEEK_END + DAY))
    const newDay = truth(WEEK_END + 1, WEEK_END + DAY).size
    expect(upstream.requests.length - before).toBeLessThanOrEqual(
      Math.ceil(1.15 * Math.ceil(newDay / 100)) + 3,
    )
  }, 60_000)

  it('two browsers asking for the same week at once share one fetch of each window', async () => {
    const { upstream, server, truth } = await setup(2000)
    const one = server()
    const [a, b] = await Promise.all([one.load(), one.load()])
    expect(ids(a.records)).toEqual(truth())
    expect(ids(b.records)).toEqual(truth())
    const asked = upstream.requests
      .filter((r) => r.status === 200)
      .map((r) => `${JSON.stringify(r.body)}|${r.query.offset}`)
    expect(new Set(asked).size).toBe(asked.length)
  }, 60_000)

  it('stays exact when 15% of upstream answers are 500 or 429', async () => {
    const { upstream, server, truth } = await setup(2000, { faultRate: 0.15 })
    const result = await server().load()
    expect(result.last?.type).toBe('done')
    expect(ids(result.records)).toEqual(truth())
    const faults = upstream.requests.filter((r) => r.status === 500 || r.status === 429).length
    expect(faults).toBeGreaterThan(10)
  }, 60_000)

  it('a busy week of 50,400 is exact', async () => {
    const { upstream, server, truth } = await setup(7200, { perMinuteLimit: 60 })
    const result = await server().load()
    expect(truth().size).toBeGreaterThan(45_000)
    expect(result.records.length).toBe(truth().size)
    expect(ids(result.records)).toEqual(truth())
    expect(upstream.requests.filter((r) => r.status === 429)).toEqual([])
  }, 120_000)

  it('a corrupt store file: the server starts, the range loads, /healthz says degraded', async () => {
    const { server, truth } = await setup(500)
    const dataDir = tempDataDir()
    writeFileSync(join(dataDir, 'conversations.sqlite'), 'this is not a database'.repeat(100))
    const one = server(dataDir)
    expect(one.store.health).toBe('degraded')
    expect(await (await one.app.fetch(new Request('http://localhost/healthz'))).json()).toEqual({
      ok: true,
      store: 'degraded',
    })
    expect(ids((await one.load()).records)).toEqual(truth())
  }, 60_000)
})
