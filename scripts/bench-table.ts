// `npm run bench:table`: the built app on a busy week (50,400 synthetic conversations) in Chromium.
// Prints time to first rows and to the full load, sort, filter, a 10,000-row scroll, DOM rows, JS heap.
import { type ChildProcess, spawn } from 'node:child_process'
import { chromium } from '@playwright/test'
import { resolveChromium } from './chromium-path.mjs'

const PORT = 4188
const BASE = `http://127.0.0.1:${PORT}`
const RANGE = '/?from=2024-11-11&to=2024-11-17&tz=UTC'

async function startServer(): Promise<ChildProcess> {
  // tsx's CLI directly, so that killing this child stops the server (npx would leave it orphaned).
  const server = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/server/start.ts'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      SMARTASSIST_DEMO_PER_DAY: '7200',
      DASHBOARD_SKIP_DOTENV: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return server
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  server.kill()
  throw new Error('the server did not start (run `npm run build` first)')
}

const server = await startServer()
const browser = await chromium.launch({
  executablePath: resolveChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--enable-precise-memory-info'],
})
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  // tsx compiles the in-page callbacks with esbuild's keepNames helper; give the page that helper.
  await page.addInitScript('window.__name = (f) => f')
  const t0 = Date.now()
  await page.goto(BASE + RANGE)
  const grid = page.getByRole('grid', { name: 'Conversations' })
  await grid.locator('tbody tr[data-row-id]').first().waitFor({ timeout: 120_000 })
  const firstRows = Date.now() - t0
  await page
    .getByRole('status')
    .filter({ hasText: /^[\d,]+ conversations$/ })
    .waitFor({ timeout: 300_000 })
  const loaded = Date.now() - t0
  const count = await page.getByRole('status').textContent()

  // Sort: click the Duration header's button, wait until the first row's id changes.
  const sortMs = await page.evaluate(async () => {
    const firstId = () =>
      document
        .querySelector('[aria-label="Conversations"] tbody tr[data-row-id]')
        ?.getAttribute('data-row-id')
    const before = firstId()
    const th = [...document.querySelectorAll('[aria-label="Conversations"] th')].find((h) =>
      h.textContent?.startsWith('Duration'),
    )
    const start = performance.now()
    th?.querySelector('button')?.click()
    while (firstId() === before && performance.now() - start < 10_000)
      await new Promise(requestAnimationFrame)
    return performance.now() - start
  })

  // Filter: tick Voice, wait until the status count changes.
  const filterMs = await page.evaluate(async () => {
    const status = () => document.querySelector('[role="status"]')?.textContent
    const before = status()
    const box = [...document.querySelectorAll('fieldset[aria-label="Channel"] label')]
      .find((l) => l.textContent?.startsWith('Voice'))
      ?.querySelector('input') as HTMLInputElement | null
    const start = performance.now()
    box?.click()
    while (status() === before && performance.now() - start < 10_000) await new Promise(requestAnimationFrame)
    return performance.now() - start
  })
  const filteredCount = await page.getByRole('status').textContent()
  // Back to every row for the scroll.
  await page.goto(BASE + RANGE)
  await page
    .getByRole('status')
    .filter({ hasText: /^[\d,]+ conversations$/ })
    .waitFor({ timeout: 300_000 })

  // Scroll 10,000 rows in steps of 100 rows a frame; count slow frames and the most rows in the DOM.
  const scroll = await page.evaluate(async () => {
    const grid = document.querySelector('[aria-label="Conversations"]')
    const scroller = grid?.closest('.ct-scroll') ?? grid?.parentElement
    if (!scroller) return null
    const frames: number[] = []
    let maxRows = 0
    let last = performance.now()
    for (let i = 1; i <= 100; i++) {
      scroller.scrollTop = i * 100 * 32
      await new Promise(requestAnimationFrame)
      const now = performance.now()
      frames.push(now - last)
      last = now
      maxRows = Math.max(maxRows, scroller.querySelectorAll('tbody tr').length)
    }
    return {
      slow: frames.filter((f) => f > 50).length,
      worst: Math.max(...frames),
      maxRows,
      frames: frames.length,
    }
  })
  const usedHeap = () =>
    page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    )
  const heapBeforeGc = await usedHeap()
  // What the page keeps, not garbage it has not collected yet.
  await (await page.context().newCDPSession(page)).send('HeapProfiler.collectGarbage')
  const heap = await usedHeap()

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`
  console.log(`\nbench:table — ${count} (week of 2024-11-11, demo data at 7,200/day)`)
  console.log(`  first rows on screen     ${firstRows} ms after navigation`)
  console.log(`  whole range loaded       ${loaded} ms`)
  console.log(
    `  sort by Duration         ${sortMs.toFixed(0)} ms (click to new first row)     target ≤ 150 ms`,
  )
  console.log(
    `  filter Channel = Voice   ${filterMs.toFixed(0)} ms (click to new count: ${filteredCount})     target ≤ 150 ms`,
  )
  if (scroll) {
    console.log(
      `  scroll 10,000 rows       ${scroll.frames} frames, ${scroll.slow} over 50 ms, worst ${scroll.worst.toFixed(0)} ms`,
    )
    console.log(`  DOM rows (max seen)      ${scroll.maxRows}     target ≤ 100`)
  }
  console.log(
    `  JS heap                  ${mb(heap)} retained after GC (${mb(heapBeforeGc)} before)     target ≤ 300 MB`,
  )
} finally {
  await browser.close()
  server.kill()
}
