// `npm run bench:range`: the built app in live mode against a loopback fake SmartAssist, per week of
// 1,000 / 14,000 / 50,400 conversations: a cold load (upstream requests, first rows, count, bytes on
// the wire, server peak RSS), a warm load, a load after a restart (same DATA_DIR) and a range shifted
// by a day. `tsx scripts/bench-range.ts [perDay…]` measures only the given weeks (perDay = N / 7).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium } from '@playwright/test'
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
} from '../src/server/testing/process'
import { WEEK_MS, WEEK_START } from './bench-util'
import { resolveChromium } from './chromium-path.mjs'

const DAY_MS = 86_400_000
const PAGE_SIZE = 100
const SAMPLES = 3
const WEEK = '/?from=2024-11-18&to=2024-11-24&tz=UTC'
const SHIFTED = '/?from=2024-11-19&to=2024-11-25&tz=UTC'
const COUNT_TEXT = /^[\d,]+ conversations?$/

type Load = { firstRowsMs: number; countMs: number; count: string; wireBytes: number }

const MARKS = `(() => {
  const marks = (window.__marks = {})
  const check = () => {
    const now = performance.now()
    if (marks.firstRows === undefined && document.querySelector('[aria-label="Conversations"] tbody tr[data-row-id]'))
      marks.firstRows = now
    if (marks.count === undefined) {
      for (const el of document.querySelectorAll('[role="status"]'))
        if (${COUNT_TEXT}.test((el.textContent || '').trim())) marks.count = now
    }
    if (marks.count === undefined || marks.firstRows === undefined) setTimeout(check, 5)
  }
  check()
})()`

/** One page load in a fresh browser context: time to the first data row and to the final count. */
async function load(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  try {
    const page = await context.newPage()
    // tsx compiles in-page callbacks with esbuild's keepNames helper; give the page that helper.
    await page.addInitScript('window.__name = (f) => f')
    // Timed in the page, from navigation start: the first data row, then the final count.
    await page.addInitScript(MARKS)
    // Bytes on the wire (encoded body) of every /api/conversations response.
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    const ids = new Set<string>()
    let wireBytes = 0
    cdp.on('Network.responseReceived', (e) => {
      if (new URL(e.response.url).pathname.startsWith('/api/conversations')) ids.add(e.requestId)
    })
    // Summed per chunk: the page may abort the stream after its `done` line (loadingFailed, no total).
    cdp.on('Network.dataReceived', (e) => {
      if (ids.has(e.requestId)) wireBytes += e.encodedDataLength
    })
    await page.goto(url)
    const status = page.getByRole('status').filter({ hasText: COUNT_TEXT })
    await status.waitFor({ timeout: 600_000 })
    // Functions, not strings: a string predicate is evaluated with eval, which the page's CSP refuses.
    type Marks = { firstRows?: number; count?: number }
    const marksOf = () => (window as unknown as { __marks?: Marks }).__marks
    await page.waitForFunction(() => {
      const m = (window as unknown as { __marks?: Marks }).__marks
      return m?.count !== undefined && m.firstRows !== undefined
    })
    const marks = (await page.evaluate(marksOf)) as { firstRows?: number; count: number }
    const count = ((await status.textContent()) ?? '').trim()
    // The response has ended once the count shows; give the last chunks a moment to arrive.
    await page.waitForTimeout(200)
    const firstRowsMs = marks.firstRows ?? Number.NaN
    const countMs = marks.count
    return { firstRowsMs, countMs, count, wireBytes }
  } finally {
    await context.close()
  }
}

async function start(port: number, fake: FakeUpstream, dataDir: string): Promise<Started> {
  const server = startServer(REPO, {
    HOST: '127.0.0.1',
    PORT: String(port),
    DASHBOARD_SKIP_DOTENV: '1',
    SMARTASSIST_HOST: fake.url,
    SMARTASSIST_ACCOUNT_ID: 'synthetic-account',
    SMARTASSIST_IID: 'bench',
    SMARTASSIST_JWT: 'bench.jwt.x',
    SMARTASSIST_RATE_LIMIT: '100000',
    SMARTASSIST_SYNC_DAYS: '0',
    DATA_DIR: dataDir,
  })
  await listening(server)
  return server
}

const s = (ms: number) => (ms / 1000).toFixed(2)
const range = (xs: number[]) => `${s(Math.min(...xs))}–${s(Math.max(...xs))}`
const int = (n: number) => n.toLocaleString('en-US')

async function bench(browser: Browser, perDay: number): Promise<void> {
  const api = createSyntheticSmartAssist({ perDay })
  const n = api.listIdentities(WEEK_START, WEEK_START + WEEK_MS - 1).length
  const day25 = api.listIdentities(WEEK_START + WEEK_MS, WEEK_START + WEEK_MS + DAY_MS - 1).length
  const fake = await startFakeUpstream({ synthetic: { perDay } })
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-range-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const rows: string[][] = []
  let server: Started | undefined
  try {
    // Cold: an empty DATA_DIR, a fresh server.
    server = await start(port, fake, dataDir)
    fake.reset()
    const cold = await load(browser, base + WEEK)
    const coldRequests = fake.requests.length
    const rss = peakRssBytes(server.pid)
    const pages = Math.ceil(n / PAGE_SIZE)
    rows.push([
      'cold',
      int(coldRequests),
      int(pages),
      (coldRequests / pages).toFixed(2),
      (coldRequests / 60).toFixed(1),
      s(cold.firstRowsMs),
      s(cold.countMs),
      (cold.wireBytes / 1e6).toFixed(2),
      (rss / 2 ** 20).toFixed(0),
      cold.count,
    ])

    // Warm: the same range again, server still up.
    fake.reset()
    const warm: Load[] = []
    for (let i = 0; i < SAMPLES; i++) warm.push(await load(browser, base + WEEK))
    rows.push([
      `warm ×${SAMPLES}`,
      int(fake.requests.length),
      '',
      '',
      '',
      range(warm.map((l) => l.firstRowsMs)),
      range(warm.map((l) => l.countMs)),
      (Math.max(...warm.map((l) => l.wireBytes)) / 1e6).toFixed(2),
      '',
      warm[0]?.count ?? '',
    ])

    // After a restart: SIGTERM, start again on the same DATA_DIR, one load per restart.
    fake.reset()
    const restarted: Load[] = []
    for (let i = 0; i < SAMPLES; i++) {
      await stop(server)
      server = await start(port, fake, dataDir)
      restarted.push(await load(browser, base + WEEK))
    }
    rows.push([
      `restart ×${SAMPLES}`,
      int(fake.requests.length),
      '',
      '',
      '',
      range(restarted.map((l) => l.firstRowsMs)),
      range(restarted.map((l) => l.countMs)),
      (Math.max(...restarted.map((l) => l.wireBytes)) / 1e6).toFixed(2),
      (peakRssBytes(server.pid) / 2 ** 20).toFixed(0),
      restarted[0]?.count ?? '',
    ])

    // Shifted by a day: only 2024-11-25 should go upstream.
    fake.reset()
    const shifted = await load(browser, base + SHIFTED)
    const dayPages = Math.ceil(day25 / PAGE_SIZE)
    rows.push([
      'shift +1 day',
      int(fake.requests.length),
      int(dayPages),
      (fake.requests.length / dayPages).toFixed(2),
      (fake.requests.length / 60).toFixed(1),
      s(shifted.firstRowsMs),
      s(shifted.countMs),
      (shifted.wireBytes / 1e6).toFixed(2),
      (peakRssBytes(server.pid) / 2 ** 20).toFixed(0),
      shifted.count,
    ])
  } finally {
    if (server) await stop(server)
    await fake.close()
    rmSync(dataDir, { recursive: true, force: true })
  }

  const head = [
    'phase',
    'upstream req',
    'ceil(N/100)',
    'ratio',
    'virt min @60',
    'first rows s',
    'count s',
    'wire MB',
    'RSS MB',
    'status',
  ]
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
  console.log(
    `\nbench:range — week 2024-11-18..24 UTC, N = ${int(n)} (${int(perDay)}/day); 2024-11-25 holds ${int(day25)}`,
  )
  console.log(line(head))
  for (const r of rows) console.log(line(r))
}

const perDays = process.argv.slice(2).map(Number)
const browser = await chromium.launch({
  executablePath: resolveChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
})
try {
  for (const perDay of perDays.length > 0 ? perDays : [143, 2000, 7200]) await bench(browser, perDay)
} finally {
  await browser.close()
  await cleanupProcesses()
}
