// `npm run bench:table`: the built app on a busy week (50,400 synthetic conversations) in Chromium.
// Prints, for the commit it ran on: time to first rows and to the full load; sort and filter timed from
// the click until what the user waits for shows (median and max of 5 samples, long tasks over 50 ms);
// a 10,000-row scroll; DOM rows; JS heap after GC. It fails (exit 1, naming what) when the port is
// taken, the server does not start, or something it waits for never appears.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism, loadavg } from 'node:os'
import { chromium, type Locator, type Page } from '@playwright/test'
import { resolveChromium } from './chromium-path.mjs'

const PORT = 4188
const BASE = `http://127.0.0.1:${PORT}`
const RANGE = '/?from=2024-11-11&to=2024-11-17&tz=UTC'
const SAMPLES = 5
/** How long one interaction may take before the bench gives up on it. */
const INTERACTION_TIMEOUT_MS = 30_000
const COUNT_TEXT = /^[\d,]+ conversations?$/
/** The Channel option the filter ticks, when it changes the first row (else the next that does). */
const FILTER_CHANNEL = 'Voice'

class BenchError extends Error {}

/** The commit measured: short hash, plus "dirty" when the work tree differs from it. */
function commit(): string {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== ''
    return dirty ? `${hash} dirty` : hash
  } catch {
    return 'unknown commit'
  }
}

/** Refuses a taken port: the health check would otherwise measure whatever already listens there. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new BenchError(
          e.code === 'EADDRINUSE'
            ? `port ${port} is already in use (another server?); stop it first`
            : `cannot listen on port ${port}: ${e.message}`,
        ),
      ),
    )
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()))
  })
}

async function startServer(): Promise<ChildProcess> {
  if (!existsSync('dist/index.html')) throw new BenchError('dist/ has no build; run `npm run build` first')
  await assertPortFree(PORT)
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
    if (server.exitCode !== null || server.signalCode !== null)
      throw new BenchError(`the server exited (${server.exitCode ?? server.signalCode}) before answering`)
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return server
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  server.kill()
  throw new BenchError(`the server did not answer ${BASE}/healthz within 20 s`)
}

/** Waits for `locator`; a timeout fails the bench, naming `what`. */
async function appear(locator: Locator, what: string, timeout: number): Promise<void> {
  try {
    await locator.waitFor({ timeout })
  } catch {
    throw new BenchError(`${what} did not appear within ${(timeout / 1000).toFixed(0)} s`)
  }
}

/** Every long task (> 50 ms) the page runs, from its start: [startTime, duration]. */
const LONG_TASKS = `(() => {
  const tasks = (window.__longTasks = [])
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push([e.startTime, e.duration])
  }).observe({ type: 'longtask', buffered: true })
})()`

/** What the user sees of the table: its first row, the count in the status, whether it is stale. */
type View = { first: string | null; count: string | null; busy: boolean }
/** What an interaction waits for; `not…` = anything but this value. */
type Want = { first?: string; notFirst?: string | null; count?: string; notCount?: string | null }
/** What to click: the Duration header's sort button, or a Channel option's checkbox. */
type Target = { kind: 'sort'; column: string } | { kind: 'channel'; option: string }
type Sample = { ms: number; longTasks: number[]; view: View }

async function view(page: Page): Promise<View> {
  return page.evaluate(() => {
    const grid = document.querySelector('[role="grid"][aria-label="Conversations"]')
    const count = [...document.querySelectorAll('[role="status"]')]
      .map((e) => (e.textContent ?? '').trim())
      .find((t) => /^[\d,]+ conversations?$/.test(t))
    return {
      first: grid?.querySelector('tbody tr[data-row-id]')?.getAttribute('data-row-id') ?? null,
      count: count ?? null,
      busy: grid?.getAttribute('aria-busy') === 'true',
    }
  })
}

/**
 * Clicks `target` in the page and times, from just before the click, until the frame in which the
 * table shows `want` (checked every animation frame; a table still rendering in the background,
 * aria-busy, does not count). Also returns the long tasks that overlapped that time.
 */
async function interact(page: Page, target: Target, want: Want, what: string): Promise<Sample> {
  const r = await page.evaluate(
    async ({ target, want, timeoutMs }) => {
      const grid = document.querySelector('[role="grid"][aria-label="Conversations"]')
      const look = () => {
        const count = [...document.querySelectorAll('[role="status"]')]
          .map((e) => (e.textContent ?? '').trim())
          .find((t) => /^[\d,]+ conversations?$/.test(t))
        return {
          first: grid?.querySelector('tbody tr[data-row-id]')?.getAttribute('data-row-id') ?? null,
          count: count ?? null,
          busy: grid?.getAttribute('aria-busy') === 'true',
        }
      }
      const shows = (v: ReturnType<typeof look>) =>
        !v.busy &&
        (want.first === undefined || v.first === want.first) &&
        (want.notFirst === undefined || v.first !== want.notFirst) &&
        (want.count === undefined || v.count === want.count) &&
        (want.notCount === undefined || v.count !== want.notCount)
      let el: HTMLElement | null | undefined
      if (target.kind === 'sort') {
        el = [...(grid?.querySelectorAll('th') ?? [])]
          .find((th) => th.querySelector('.ct-label')?.textContent?.trim() === target.column)
          ?.querySelector('button')
      } else {
        el = [...document.querySelectorAll('fieldset[aria-label="Channel"] label')]
          .find((l) => l.querySelector('.facet-value')?.textContent?.trim() === target.option)
          ?.querySelector('input')
      }
      if (!el) return { error: 'the element to click is missing' as const, view: look() }
      const start = performance.now()
      el.click()
      let end = Number.NaN
      while (Number.isNaN(end)) {
        await new Promise(requestAnimationFrame)
        if (shows(look())) end = performance.now()
        else if (performance.now() - start > timeoutMs) return { error: 'timeout' as const, view: look() }
      }
      // The observer reports a long task after it ends; give it a moment to arrive.
      await new Promise((r) => setTimeout(r, 100))
      const all = (window as unknown as { __longTasks?: [number, number][] }).__longTasks ?? []
      const longTasks = all.filter(([s, d]) => s < end && s + d > start).map(([, d]) => d)
      return { ms: end - start, longTasks, view: look() }
    },
    { target, want, timeoutMs: INTERACTION_TIMEOUT_MS },
  )
  if ('error' in r) {
    const seen = `first row ${r.view.first ?? 'none'}, status ${r.view.count ?? 'no count'}${r.view.busy ? ', table busy' : ''}`
    if (r.error === 'timeout')
      throw new BenchError(
        `${what}: the table did not show ${JSON.stringify(want)} within ${INTERACTION_TIMEOUT_MS / 1000} s (${seen})`,
      )
    throw new BenchError(`${what}: ${r.error} (${JSON.stringify(target)})`)
  }
  return r
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

function summarize(samples: Sample[]) {
  const ms = samples.map((s) => s.ms)
  const counts = samples.map((s) => s.longTasks.length)
  const longest = Math.max(0, ...samples.flatMap((s) => s.longTasks))
  return { median: median(ms), max: Math.max(...ms), longTasks: median(counts), longest }
}

async function main(): Promise<void> {
  const measured = commit()
  const loadAtStart = loadavg()
  const server = await startServer()
  const browser = await chromium.launch({
    executablePath: resolveChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    // tsx compiles the in-page callbacks with esbuild's keepNames helper; give the page that helper.
    await page.addInitScript('window.__name = (f) => f')
    await page.addInitScript(LONG_TASKS)
    const t0 = Date.now()
    await page.goto(BASE + RANGE)
    const grid = page.getByRole('grid', { name: 'Conversations' })
    await appear(grid.locator('tbody tr[data-row-id]').first(), 'the first table row', 120_000)
    const firstRows = Date.now() - t0
    const status = page.getByRole('status').filter({ hasText: COUNT_TEXT })
    await appear(status, 'the final count in the status ("N conversations")', 300_000)
    const loaded = Date.now() - t0
    const rowsAfterLoad = await grid.locator('tbody tr[data-row-id]').count()
    const start = await view(page)
    const count = start.count ?? '?'

    // Sort: the Duration header flips ascending ↔ descending (sorting removal is off). Two untimed
    // clicks learn each order's first row; each timed click waits for exactly that row.
    const sortTarget: Target = { kind: 'sort', column: 'Duration' }
    const asc = await interact(page, sortTarget, { notFirst: start.first }, 'sort by Duration (warm-up)')
    const desc = await interact(page, sortTarget, { notFirst: asc.view.first }, 'sort by Duration (warm-up)')
    const sorts: Sample[] = []
    for (let i = 0; i < SAMPLES; i++) {
      const want = (i % 2 === 0 ? asc : desc).view.first ?? ''
      sorts.push(await interact(page, sortTarget, { first: want }, 'sort by Duration'))
    }

    // Filter: tick a Channel option, wait for its count and its first row; untick, wait for the whole
    // range's count and first row again. One untimed round learns both; the option must change the
    // first row (else the table's change could not be seen), Voice when it does.
    const all = await view(page)
    const options = await page
      .locator('fieldset[aria-label="Channel"] label .facet-value')
      .allTextContents()
      .then((ts) => ts.map((t) => t.trim()))
    if (options.length === 0) throw new BenchError('the Channel filter has no options')
    let option: string | undefined
    let filtered: View | undefined
    for (const candidate of [FILTER_CHANNEL, ...options.filter((o) => o !== FILTER_CHANNEL)]) {
      if (!options.includes(candidate)) continue
      const target: Target = { kind: 'channel', option: candidate }
      const on = await interact(
        page,
        target,
        { notCount: all.count },
        `filter Channel = ${candidate} (warm-up)`,
      )
      await interact(page, target, { count: all.count ?? '', first: all.first ?? '' }, 'clear the filter')
      if (on.view.first !== all.first) {
        option = candidate
        filtered = on.view
        break
      }
    }
    if (!option || !filtered) throw new BenchError('no Channel option changes the first row of the table')
    const filterTarget: Target = { kind: 'channel', option }
    const filters: Sample[] = []
    const clears: Sample[] = []
    for (let i = 0; i < SAMPLES; i++) {
      const want = { count: filtered.count ?? '', first: filtered.first ?? '' }
      filters.push(await interact(page, filterTarget, want, `filter Channel = ${option}`))
      const back = { count: all.count ?? '', first: all.first ?? '' }
      clears.push(await interact(page, filterTarget, back, 'clear the filter'))
    }

    // Scroll 10,000 rows in steps of 100 rows a frame; count slow frames and the most rows in the DOM.
    const scroll = await page.evaluate(async () => {
      const grid = document.querySelector('[role="grid"][aria-label="Conversations"]')
      const scroller = grid?.closest('.ct-scroll')
      if (!scroller) return null
      scroller.scrollTop = 0
      await new Promise(requestAnimationFrame)
      const frames: number[] = []
      let maxRows = 0
      let last = performance.now()
      for (let i = 1; i <= 100; i++) {
        scroller.scrollTop = i * 100 * 32
        await new Promise(requestAnimationFrame)
        const now = performance.now()
        frames.push(now - last)
        last = now
        maxRows = Math.max(maxRows, scroller.querySelectorAll('tbody tr[data-row-id]').length)
      }
      return {
        slow: frames.filter((f) => f > 50).length,
        worst: Math.max(...frames),
        maxRows,
        frames: frames.length,
        scrollTop: scroller.scrollTop,
      }
    })
    if (!scroll) throw new BenchError('the table’s scroll container (.ct-scroll) is missing')

    // What the page keeps, not garbage it has not collected yet.
    const cdp = await page.context().newCDPSession(page)
    const before = (await cdp.send('Runtime.getHeapUsage')).usedSize
    await cdp.send('HeapProfiler.collectGarbage')
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize

    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`
    const ms = (n: number) => `${n.toFixed(0)} ms`.padStart(9)
    const row = (label: string, samples: Sample[], target: string) => {
      const s = summarize(samples)
      const tasks = `${s.longTasks}, longest ${s.longest.toFixed(0)} ms`
      return `  ${label.padEnd(36)}${ms(s.median)}${ms(s.max)}   ${tasks.padEnd(24)}${target}`.trimEnd()
    }
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ')
    console.log(`\nbench:table — ${count} (week of 2024-11-11, demo data at 7,200/day)`)
    console.log(
      `  commit ${measured}, Chromium ${browser.version()}, ${availableParallelism()} cores, load average ${load(loadAtStart)} at start, ${load(loadavg())} at end`,
    )
    console.log(`  first rows on screen                ${firstRows} ms after navigation`)
    console.log(`  whole range loaded                  ${loaded} ms (the status shows the count)`)
    console.log(`\n  click until shown, ${SAMPLES} samples           median      max   long tasks > 50 ms`)
    console.log(`  ${''.padEnd(36)}${''.padEnd(18)}   (median per sample)`)
    console.log(row('sort by Duration (↑ and ↓ in turn)', sorts, 'target ≤ 150 ms'))
    console.log(`    until the new first row shows`)
    console.log(row(`filter Channel = ${option}`, filters, 'target ≤ 150 ms'))
    console.log(`    until "${filtered.count}" and the new first row show`)
    console.log(row('clear that filter', clears, ''))
    console.log(`    until "${all.count}" and the first row before the filter show`)
    console.log(
      `\n  scroll 10,000 rows                  ${scroll.frames} frames, ${scroll.slow} over 50 ms, worst ${scroll.worst.toFixed(0)} ms`,
    )
    console.log(
      `  DOM rows rendered                   ${rowsAfterLoad} after load, ${scroll.maxRows} at most while scrolling     target ≤ 100`,
    )
    console.log(
      `  JS heap after GC                    ${mb(heap)} (${mb(before)} before)     target ≤ 300 MB`,
    )
    if (pageErrors.length > 0) {
      console.log(`  page errors                       ${pageErrors.length}: ${pageErrors[0]}`)
      throw new BenchError(`the page threw ${pageErrors.length} error(s) during the run`)
    }
  } finally {
    await browser.close()
    server.kill()
  }
}

try {
  await main()
} catch (e) {
  console.error(
    `\nbench:table failed: ${e instanceof BenchError ? e.message : e instanceof Error ? e.stack : e}`,
  )
  process.exitCode = 1
}
