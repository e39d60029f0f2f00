// CONTRACT.md "Several instances", with real processes: two `npm start` (the real entry) on one
// redis-server and a loopback fake SmartAssist. Each test starts its own Redis with no persistence.
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeUpstream, startFakeUpstream } from '../mocks/fake-upstream'
import { createSyntheticSmartAssist } from '../mocks/synthetic-smartassist'
import { loadRange } from '../test/scaled-smartassist'
import {
  cleanupProcesses,
  freePort,
  listening,
  onCleanup,
  type Started,
  startServer,
  stop,
  workDir,
} from './testing/process'
import { type RedisServer, startRedis } from './testing/redis-server'

afterEach(cleanupProcesses)

const PER_DAY = 300
const DAY = 86_400_000
const WEEK_START = Date.UTC(2024, 10, 18)
const WEEK_END = WEEK_START + 7 * DAY - 1

type Instance = { base: string; server: Started }

async function setUp(options: { perMinuteLimit?: number } = {}) {
  const redis = await startRedis()
  onCleanup(() => redis.stop())
  const fake = await startFakeUpstream({ synthetic: { perDay: PER_DAY } })
  onCleanup(() => fake.close())
  return { redis, fake, ...options }
}

async function instance(redis: RedisServer, fake: FakeUpstream, env: Record<string, string> = {}) {
  const port = await freePort()
  // a working directory of its own with a page in dist/: the tests run before (or without) a build
  const server = startServer(workDir(), {
    HOST: '127.0.0.1',
    PORT: String(port),
    DASHBOARD_SKIP_DOTENV: '1',
    SMARTASSIST_HOST: fake.url,
    SMARTASSIST_ACCOUNT_ID: 'synthetic-account',
    SMARTASSIST_IID: 'instances',
    SMARTASSIST_JWT: 'instances.jwt.x',
    SMARTASSIST_RATE_LIMIT: '100000',
    SMARTASSIST_SYNC_DAYS: '0',
    DATA_DIR: 'memory',
    REDIS_URL: redis.url,
    ...env,
  })
  await listening(server)
  return { base: `http://127.0.0.1:${port}`, server } satisfies Instance
}

const week = (i: Instance) =>
  loadRange((req) => fetch(req.url.replace('http://localhost', i.base)), WEEK_START, WEEK_END)
const health = async (i: Instance) =>
  (await (await fetch(`${i.base}/healthz`)).json()) as Record<string, unknown>
const trueCount = createSyntheticSmartAssist({ perDay: PER_DAY }).listIdentities(WEEK_START, WEEK_END).length
/** One key per upstream page request: the same key twice is a window fetched twice. */
const keyOf = (r: FakeUpstream['requests'][number]) => `${JSON.stringify(r.body)}@${r.query.offset}`

describe('several instances on one Redis', () => {
  it('share one rate budget: 10 requests over two instances, at most 5 upstream in any minute, all answered', async () => {
    const { redis, fake } = await setUp()
    const env = { SMARTASSIST_RATE_LIMIT: '5' }
    const [a, b] = [await instance(redis, fake, env), await instance(redis, fake, env)]
    fake.reset()
    const post = (i: Instance, day: number) =>
      fetch(`${i.base}/api/calldetails?offset=0&limit=10`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          startDate: new Date(WEEK_START + day * 3_600_000).toISOString(),
          endDate: new Date(WEEK_START + day * 3_600_000 + 59_999).toISOString(),
          timeZoneOffset: 0,
        }),
      })
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i % 2 ? b : a, i)))
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200))
    const times = fake.requests.map((r) => r.at).sort((x, y) => x - y)
    expect(times).toHaveLength(10)
    for (let i = 0; i + 5 < times.length; i++)
      expect((times[i + 5] as number) - (times[i] as number), `request ${i + 6}`).toBeGreaterThanOrEqual(
        59_000,
      )
  }, 120_000)

  it('a week loaded through one instance is served by the other with no upstream request', async () => {
    const { redis, fake } = await setUp()
    const [a, b] = [await instance(redis, fake), await instance(redis, fake)]
    const first = await week(a)
    expect(first.last).toMatchObject({ type: 'done', count: trueCount })
    fake.reset()
    const second = await week(b)
    expect(second.last).toMatchObject({ type: 'done', count: trueCount })
    expect(fake.requests).toHaveLength(0)
  }, 60_000)

  it('asked for the same week at the same moment, they fetch each window once', async () => {
    const { redis, fake } = await setUp()
    const [a, b] = [await instance(redis, fake), await instance(redis, fake)]
    fake.reset()
    const [ra, rb] = await Promise.all([week(a), week(b)])
    expect(ra.last).toMatchObject({ type: 'done', count: trueCount })
    expect(rb.last).toMatchObject({ type: 'done', count: trueCount })
    const keys = fake.requests.map(keyOf)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.length).toBeLessThanOrEqual(Math.ceil(1.15 * Math.ceil(trueCount / 100)) + 7)
  }, 60_000)

  it('Redis gone during a load: both finish with exact counts, /healthz says so; back: shared again', async () => {
    const { redis, fake } = await setUp()
    const [a, b] = [await instance(redis, fake), await instance(redis, fake)]
    expect(await health(a)).toEqual({ ok: true })
    const loads = Promise.all([week(a), week(b)])
    await redis.kill()
    const [ra, rb] = await loads
    expect(ra.last).toMatchObject({ type: 'done', count: trueCount })
    expect(rb.last).toMatchObject({ type: 'done', count: trueCount })
    expect(new Set(ra.records.map((r) => JSON.stringify(r))).size).toBe(trueCount)
    await expect.poll(() => health(a), { timeout: 5_000 }).toEqual({ ok: true, redis: 'unreachable' })
    await expect.poll(() => health(b), { timeout: 5_000 }).toEqual({ ok: true, redis: 'unreachable' })
    await redis.startAgain()
    await expect.poll(() => health(a), { timeout: 10_000 }).toEqual({ ok: true })
    await expect.poll(() => health(b), { timeout: 10_000 }).toEqual({ ok: true })
  }, 90_000)

  it('one instance runs the sync; when it stops, the other takes over within a minute', async () => {
    const { redis, fake } = await setUp()
    const env = { SMARTASSIST_SYNC_DAYS: '1' }
    const a = await instance(redis, fake, env)
    const b = await instance(redis, fake, env)
    const leads = (i: Instance) => i.server.output().includes('this instance runs the sync')
    await expect.poll(() => leads(a) || leads(b), { timeout: 30_000 }).toBe(true)
    expect(leads(a) && leads(b)).toBe(false)
    // the sync's first pass, by one instance only: no window fetched twice
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${a.base}/api/config`)).json()) as { sync: { state: string } }).sync.state,
        {
          timeout: 60_000,
        },
      )
      .toBe('current')
    const keys = fake.requests.map(keyOf)
    expect(new Set(keys).size).toBe(keys.length)
    const [leader, other] = leads(a) ? [a, b] : [b, a]
    leader.server.child.kill('SIGKILL')
    const stoppedAt = Date.now()
    await expect.poll(() => leads(other), { timeout: 60_000, interval: 500 }).toBe(true)
    expect(Date.now() - stoppedAt).toBeLessThan(60_000)
    await stop(other.server)
  }, 150_000)
})
