// @vitest-environment node
// The whole data path with exact ground truth: fetch engine -> proxy (live mode: rate budget, retries,
// cache) -> a loopback SmartAssist that enforces the real API's rules. Time runs 60x faster for the
// server's clock and the fake's per-minute limit alike, so a real minute's budget passes in a second.
import { afterEach, describe, expect, it } from 'vitest'
import { createPostPage } from '../api/calldetails-client'
import { fetchRange, recordStartTime } from '../api/fetch-engine'
import { conversationIdentity } from '../api/normalize'
import { DEFAULT_ACCOUNT_ID, startFakeUpstream } from '../mocks/fake-upstream'
import { createSyntheticSmartAssist } from '../mocks/synthetic-smartassist'
import type { Clock } from '../server/clock'
import type { LiveConfig } from '../server/config'
import { createLiveApp } from '../server/testing/live-app'

const SPEED = 60
const scaledClock: Clock = {
  now: () => Date.now() * SPEED,
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms / SPEED)
      signal?.addEventListener('abort', () => {
        clearTimeout(timer)
        reject(signal.reason)
      })
    }),
}

const WEEK_START = Date.parse('2024-11-18T00:00:00.000Z')
const WEEK_END = WEEK_START + 7 * 86_400_000 - 1
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

async function setup(perDay: number, fake: { faultRate?: number; perMinuteLimit?: number } = {}) {
  const upstream = await startFakeUpstream({ synthetic: { perDay }, clock: scaledClock.now, ...fake })
  closers.push(upstream.close)
  const config: LiveConfig = {
    mode: 'live',
    host: upstream.url,
    accountId: DEFAULT_ACCOUNT_ID,
    iId: 'st-synthetic-stream',
    credential: { kind: 'jwt', token: 'header.payload.signature' },
    rateLimitPerMinute: 60,
  }
  // A generous virtual timeout: 30 s of scaled time would be half a real second on a busy CI machine.
  const { app } = createLiveApp(config, { clock: scaledClock, timeoutMs: 30 * 60_000 })
  const postPage = createPostPage({
    fetch: async (input, init) => app.fetch(new Request(new URL(String(input), 'http://localhost'), init)),
  })
  const load = () =>
    fetchRange({
      start: WEEK_START,
      end: WEEK_END,
      postPage,
      recordTime: recordStartTime,
      identity: conversationIdentity,
    })
  const truth = new Set(createSyntheticSmartAssist({ perDay }).listIdentities(WEEK_START, WEEK_END))
  return { upstream, load, truth }
}

const ids = (records: unknown[]) => new Set(records.map((r) => conversationIdentity(r)))

describe('the data path against a loopback SmartAssist', () => {
  it('returns exactly the true set for a week of 14,000, bot-only sessions included; a second load costs nothing upstream', async () => {
    const { upstream, load, truth } = await setup(2000, { perMinuteLimit: 60 })
    const first = await load()
    expect(first.complete).toBe(true)
    expect(first.records.length).toBe(truth.size)
    expect(ids(first.records)).toEqual(truth)
    expect(first.records.some((r) => (r as { conversationId?: string }).conversationId === undefined)).toBe(
      true,
    )
    // The server kept the account's budget: the fake never had to refuse for rate.
    expect(upstream.requests.filter((r) => r.status === 429)).toEqual([])
    expect(upstream.requests.length).toBeLessThanOrEqual(Math.ceil((1.15 * truth.size) / 100))

    const before = upstream.requests.length
    const second = await load()
    expect(ids(second.records)).toEqual(truth)
    expect(upstream.requests.length - before).toBe(0)
  }, 60_000)

  it('stays exact when 15% of upstream answers are 500 or 429', async () => {
    const { upstream, load, truth } = await setup(2000, { faultRate: 0.15 })
    const result = await load()
    expect(result.complete).toBe(true)
    expect(ids(result.records)).toEqual(truth)
    const faults = upstream.requests.filter((r) => r.status === 500 || r.status === 429).length
    expect(faults).toBeGreaterThan(10)
  }, 60_000)

  it('returns exactly the true set for a busy week of 50,400', async () => {
    const { upstream, load, truth } = await setup(7200, { perMinuteLimit: 60 })
    const result = await load()
    expect(truth.size).toBeGreaterThan(45_000)
    expect(result.records.length).toBe(truth.size)
    expect(ids(result.records)).toEqual(truth)
    expect(upstream.requests.filter((r) => r.status === 429)).toEqual([])
  }, 120_000)
})
