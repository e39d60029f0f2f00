// `npm run bench:instances`: CONTRACT.md "Several instances" measured. A 14,000-conversation week
// (2,000/day, 2024-11-18..24 UTC) asked from every instance at the same moment, through the API only
// (GET /api/conversations, no page, no build), for 1 instance alone (no Redis), 2 instances on one
// Redis and 4 instances on one Redis, against a loopback fake SmartAssist. Per configuration: upstream
// requests, their ratio to ceil(N/100), requests fetched twice (the same body + offset more than once),
// 429s, the most requests in any sliding 60 s, the wall time until every instance's stream said done,
// whether every instance counted exactly N, and peak RSS. SAMPLES samples each (fresh Redis, fake and
// servers every time), printed min–max.
//
// The budget is scaled so the bench takes minutes: SMARTASSIST_RATE_LIMIT=600 on every instance (the
// same number everywhere: with Redis the instances share it), and the fake answers 429 beyond 600 in a
// sliding minute as SmartAssist would. "virt min @60" is what the upstream requests cost at the real
// 60 a minute (requests ÷ 60, in minutes). Everything listens on 127.0.0.1.
import { execFileSync } from 'node:child_process'
import { cpus } from 'node:os'
import { type FakeUpstream, startFakeUpstream } from '../src/mocks/fake-upstream'
import { createSyntheticSmartAssist } from '../src/mocks/synthetic-smartassist'
import {
  cleanupProcesses,
  freePort,
  listening,
  peakRssBytes,
  REPO,
  type Started,
  startServer,
  stop,
  workDir,
} from '../src/server/testing/process'
import { type RedisServer, startRedis } from '../src/server/testing/redis-server'
import { WEEK_MS, WEEK_START } from './bench-util'

const PER_DAY = 2000
const PAGE_SIZE = 100
const RATE_LIMIT = 600
const SAMPLES = 3
/** A stream that has not said done by then fails the bench. */
const STREAM_TIMEOUT_MS = 5 * 60_000
const WEEK_END = WEEK_START + WEEK_MS - 1

type Config = { label: string; instances: number; redis: boolean }
const CONFIGS: Config[] = [
  { label: '1 instance, no Redis', instances: 1, redis: false },
  { label: '2 instances, 1 Redis', instances: 2, redis: true },
  { label: '4 instances, 1 Redis', instances: 4, redis: true },
]

type Instance = { base: string; server: Started }
type StreamResult = { doneMs: number; count: number | undefined; records: number; error?: string }
type Sample = {
  requests: number
  twice: number
  tooMany: number
  maxPerMinute: number
  wallMs: number
  exact: boolean
  counts: string
  rssBytes: number
  redisRssBytes: number
}

async function startInstance(fake: FakeUpstream, redis: RedisServer | undefined): Promise<Instance> {
  const port = await freePort()
  // the API only: a working directory with a page in dist/, so no build is needed
  const server = startServer(workDir(), {
    HOST: '127.0.0.1',
    PORT: String(port),
    DASHBOARD_SKIP_DOTENV: '1',
    SMARTASSIST_HOST: fake.url,
    SMARTASSIST_ACCOUNT_ID: 'synthetic-account',
    SMARTASSIST_IID: 'bench-instances',
    SMARTASSIST_JWT: 'bench.jwt.x',
    SMARTASSIST_RATE_LIMIT: String(RATE_LIMIT),
    SMARTASSIST_SYNC_DAYS: '0',
    DATA_DIR: 'memory',
    ...(redis ? { REDIS_URL: redis.url } : {}),
  })
  const url = await listening(server)
  // The port is ours: a server that found it taken would not have said it listens there.
  if (url !== `http://127.0.0.1:${port}`)
    throw new Error(`asked for 127.0.0.1:${port}, the server says ${url}`)
  return { base: url, server }
}

/**
 * Reads the week's stream from one instance as it arrives: when its done line came (ms after `t0`),
 * the count it said and how many records it sent. Rejects when it does not finish in time.
 */
async function streamWeek(i: Instance, name: string, t0: number): Promise<StreamResult> {
  const url = `${i.base}/api/conversations?start=${new Date(WEEK_START).toISOString()}&end=${new Date(WEEK_END).toISOString()}`
  const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
  try {
    const res = await fetch(url, { signal })
    if (res.status !== 200 || !res.body) throw new Error(`${name}: HTTP ${res.status}: ${await res.text()}`)
    const decoder = new TextDecoder()
    let buffered = ''
    let records = 0
    let doneMs: number | undefined
    let count: number | undefined
    let error: string | undefined
    const line = (text: string) => {
      if (!text) return
      const event = JSON.parse(text) as { type: string; records?: unknown[]; count?: number; error?: string }
      if (event.type === 'records') records += event.records?.length ?? 0
      else if (event.type === 'done') {
        doneMs = performance.now() - t0
        count = event.count
      } else if (event.type === 'error') error = `${event.error}`
    }
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true })
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const l of lines) line(l)
    }
    line(buffered + decoder.decode())
    if (doneMs === undefined)
      throw new Error(`${name}: the stream ended without a done line${error ? ` (error: ${error})` : ''}`)
    return { doneMs, count, records, error }
  } catch (e) {
    if (signal.aborted)
      throw new Error(`${name}: the stream did not say done within ${STREAM_TIMEOUT_MS / 60_000} min`)
    throw e
  }
}

/** The most timestamps in any window (t - 60 s, t]. */
function maxInSlidingMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  let i = 0
  for (let j = 0; j < sorted.length; j++) {
    while ((sorted[j] as number) - (sorted[i] as number) >= 60_000) i++
    best = Math.max(best, j - i + 1)
  }
  return best
}

/** One key per upstream page request: the same key twice is a window fetched twice. */
const keyOf = (r: FakeUpstream['requests'][number]) => `${JSON.stringify(r.body)}@${r.query.offset}`

async function sample(config: Config, n: number): Promise<Sample> {
  let fake: FakeUpstream | undefined
  let redis: RedisServer | undefined
  const instances: Instance[] = []
  try {
    fake = await startFakeUpstream({ synthetic: { perDay: PER_DAY }, perMinuteLimit: RATE_LIMIT })
    if (config.redis) redis = await startRedis()
    // One after another: 4 servers compiling through tsx at once on 2 cores start slowly.
    for (let k = 0; k < config.instances; k++) instances.push(await startInstance(fake, redis))
    fake.reset()
    const t0 = performance.now()
    const results = await Promise.all(instances.map((i, k) => streamWeek(i, `instance ${k + 1}`, t0)))
    const requests = [...fake.requests]
    const keys = requests.map(keyOf)
    return {
      requests: requests.length,
      twice: keys.length - new Set(keys).size,
      tooMany: requests.filter((r) => r.status === 429).length,
      maxPerMinute: maxInSlidingMinute(requests.map((r) => r.at)),
      wallMs: Math.max(...results.map((r) => r.doneMs)),
      exact: results.every((r) => r.count === n && r.records === n && r.error === undefined),
      counts: results
        .map((r) => (r.count === n && r.records === n ? '=' : `${r.count}/${r.records}`))
        .join(' '),
      rssBytes: instances.reduce((sum, i) => sum + peakRssBytes(i.server.pid), 0),
      redisRssBytes: redis ? peakRssBytes(redis.pid) : 0,
    }
  } finally {
    await Promise.allSettled(instances.map((i) => stop(i.server)))
    await redis?.stop()
    await fake?.close()
  }
}

const int = (x: number) => x.toLocaleString('en-US')
const span = (xs: number[], f: (x: number) => string) => {
  const lo = f(Math.min(...xs))
  const hi = f(Math.max(...xs))
  return lo === hi ? lo : `${lo}–${hi}`
}

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: REPO,
      encoding: 'utf8',
    }).trim()
    return dirty ? `${sha} (+ uncommitted changes)` : sha
  } catch {
    return 'unknown'
  }
}

const n = createSyntheticSmartAssist({ perDay: PER_DAY }).listIdentities(WEEK_START, WEEK_END).length
const pages = Math.ceil(n / PAGE_SIZE)
console.log(
  `bench:instances — commit ${commit()}, node ${process.version}, ${cpus().length} cores\n` +
    `week 2024-11-18..24 UTC, N = ${int(n)} (${int(PER_DAY)}/day), ceil(N/100) = ${int(pages)}; ` +
    `SMARTASSIST_RATE_LIMIT=${RATE_LIMIT} on every instance (fake upstream: 429 beyond ${RATE_LIMIT}/min); ` +
    `${SAMPLES} samples each, min–max`,
)

// Ctrl-C or a SIGTERM: the servers and Redis run in their own process groups, so stop them here.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`\n${signal}: stopping every process started here`)
    cleanupProcesses().finally(() => process.exit(130))
  })

const rows: string[][] = []
try {
  for (const config of CONFIGS) {
    const samples: Sample[] = []
    for (let k = 0; k < SAMPLES; k++) {
      const s = await sample(config, n)
      console.log(
        `  ${config.label}, sample ${k + 1}: ${s.requests} requests, ${s.twice} twice, ${s.tooMany}×429, ` +
          `${(s.wallMs / 1000).toFixed(2)} s, counts ${s.counts}`,
      )
      samples.push(s)
    }
    const of = <K extends keyof Sample>(key: K) => samples.map((s) => s[key] as number)
    rows.push([
      config.label,
      span(of('requests'), int),
      span(
        of('requests').map((r) => r / pages),
        (x) => x.toFixed(2),
      ),
      span(of('twice'), int),
      span(of('tooMany'), int),
      span(of('maxPerMinute'), int),
      span(
        of('requests').map((r) => r / 60),
        (x) => x.toFixed(1),
      ),
      span(of('wallMs'), (x) => (x / 1000).toFixed(2)),
      samples.every((s) => s.exact)
        ? `exact ×${config.instances}`
        : `NOT EXACT (${samples.map((s) => s.counts).join('; ')})`,
      span(of('rssBytes'), (x) => (x / 2 ** 20).toFixed(0)),
      config.redis ? span(of('redisRssBytes'), (x) => (x / 2 ** 20).toFixed(0)) : '',
    ])
  }
} finally {
  await cleanupProcesses()
}

const head = [
  'configuration',
  'upstream req',
  'ratio',
  'twice',
  '429',
  'max/60 s',
  'virt min @60',
  'all done s',
  'count == N',
  'RSS MB (sum)',
  'Redis RSS MB',
]
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
const line = (r: string[]) =>
  r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
console.log()
console.log(line(head))
for (const r of rows) console.log(line(r))
