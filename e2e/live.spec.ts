import type { Locator, Page } from '@playwright/test'
import { createSyntheticSmartAssist } from '../src/mocks/synthetic-smartassist'
import { expect, test } from './fixtures'

// Live ranges: a range that reaches now refreshes itself every minute (the recent part, merged by
// record), says "Live · updated HH:mm:ss", can be paused, and keeps the reader's place: the scroll
// position, the open drawer and its URL.
//
// Demo mode serves no conversation that starts after the server's now, so new records come as real
// time passes and the arrival test waits for real minutes. It runs against the busy demo dashboard of
// playwright.config.ts (E2E_BUSY_DEMO_URL, E2E_BUSY_DEMO_PER_DAY): at the default 700 a day, half of
// all two-minute spans of a week hold no new conversation (a quiet night: none for over an hour); at
// 300,000 a day the quietest minute of the week still averages ~8.

const busyUrl = process.env.E2E_BUSY_DEMO_URL ?? ''
const busyPerDay = Number(process.env.E2E_BUSY_DEMO_PER_DAY)
/** The records the busy dashboard serves (demo mode: the generator's default seed, its per-day rate). */
const busy = createSyntheticSmartAssist({ perDay: busyPerDay })

const MINUTE = 60_000
/** ROW_HEIGHT of the conversation table */
const ROW = 32
/** A refresh comes a minute after the range loaded, the next a minute later: two chances. */
const ARRIVAL_MS = 150_000

/** A zone-less ISO date-time for the URL (read in the display zone: UTC here) */
const urlTime = (ms: number) => new Date(ms).toISOString().slice(0, 19)

/**
 * A range from a little before now to an hour ahead: live (it ends after now), with no day boundary
 * to mind however close to UTC midnight the test runs, and long enough for a table that scrolls
 * (~150 records or more, whatever the hour of the week).
 */
function liveRangeUrl(now: number): string {
  let back = 2 * MINUTE
  while (back < 6 * 60 * MINUTE && busy.listIdentities(now - back, now).length < 150) back *= 2
  const from = Math.floor((now - back) / MINUTE) * MINUTE
  const to = Math.floor((now + 60 * MINUTE) / MINUTE) * MINUTE
  return `${busyUrl}/?from=${urlTime(from)}&to=${urlTime(to)}&tz=UTC`
}

const COUNT = /^([\d,]+) conversations?$/

function countOf(text: string | null): number {
  const m = COUNT.exec(text ?? '')
  return m ? Number(m[1]?.replaceAll(',', '')) : Number.NaN
}

async function loadedCount(page: Page): Promise<number> {
  const status = page.getByRole('status')
  await expect(status).toHaveText(COUNT, { timeout: 45_000 })
  return countOf(await status.textContent())
}

const liveNote = (page: Page) => page.getByRole('note').filter({ hasText: /· updated/ })

/** The live note's "updated" time (HH:mm:ss) */
async function updatedTime(page: Page): Promise<string> {
  return /updated (\d\d:\d\d:\d\d)/.exec((await liveNote(page).textContent()) ?? '')?.[1] ?? ''
}

type Place = { id: string; offset: number }

/** Where row `id` is (or, without an id, the first row below the header): px from the scroll box's top */
function rowPlace(scroller: Locator, id?: string): Promise<Place | null> {
  return scroller.evaluate((el, id) => {
    const box = el.getBoundingClientRect()
    const headerBottom = el.querySelector('thead')?.getBoundingClientRect().bottom ?? box.top
    const rows = [...el.querySelectorAll('tbody tr[data-row-id]')]
    const row = id
      ? rows.find((r) => r.getAttribute('data-row-id') === id)
      : rows.find((r) => r.getBoundingClientRect().top >= headerBottom - 1)
    const rowId = row?.getAttribute('data-row-id')
    return row && rowId ? { id: rowId, offset: row.getBoundingClientRect().top - box.top } : null
  }, id)
}

const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))

/**
 * Opens the live range, scrolls the table 20 rows down and opens the drawer of a row in view.
 * `order`: the start column's order (the table's default is newest first).
 */
async function openScrolledDrawer(page: Page, order: 'ascending' | 'descending') {
  const opened = Date.now()
  await page.goto(liveRangeUrl(opened))
  const before = await loadedCount(page)
  expect(before, 'enough rows to scroll').toBeGreaterThan(60)
  await expect(liveNote(page)).toHaveText(/^Live · updated \d\d:\d\d:\d\d/)
  const updated = await updatedTime(page)

  const grid = page.getByRole('grid', { name: 'Conversations' })
  const start = grid.getByRole('columnheader', { name: /^Start/ })
  if ((await start.getAttribute('aria-sort')) !== order) await start.getByRole('button').first().click()
  await expect(start).toHaveAttribute('aria-sort', order)

  const scroller = page.locator('.ct-scroll')
  const row = grid.locator('tbody tr[aria-rowindex="26"]')
  await expect(async () => {
    await scroller.evaluate((el, top) => el.scrollTo(0, top), 20 * ROW)
    await nextFrames(page)
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(20 * ROW)
    await expect(row).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 10_000 })
  const id = (await row.getAttribute('data-row-id')) as string
  await row.click()
  const dialog = page.getByRole('dialog', { name: new RegExp(id) })
  await expect(dialog).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`[?&]conversation=${encodeURIComponent(id)}(&|$)`))
  await nextFrames(page)

  return {
    opened,
    before,
    updated,
    grid,
    scroller,
    id,
    dialog,
    url: page.url(),
    scrollTop: await scroller.evaluate((el) => el.scrollTop),
    top: (await rowPlace(scroller)) as Place,
    selected: (await rowPlace(scroller, id)) as Place,
  }
}

/** Waits for a refresh that brings new records; returns the new count once the table shows it. */
async function refreshWithNewRecords(page: Page, opened: number, before: number, grid: Locator) {
  const status = page.getByRole('status')
  await expect
    .poll(async () => countOf(await status.textContent()), {
      timeout: Math.max(1_000, ARRIVAL_MS - (Date.now() - opened)),
      intervals: [500],
      message: 'a refresh within two minutes brings the conversations that started since the range loaded',
    })
    .toBeGreaterThan(before)
  const after = countOf(await status.textContent())
  // The table renders a new set in the background: wait until it shows them all.
  await expect(grid).toHaveAttribute('aria-rowcount', String(after + 1))
  await expect(grid).not.toHaveAttribute('aria-busy', 'true')
  await nextFrames(page)
  return { after, refreshed: Date.now() }
}

test.beforeAll(() => {
  expect(busyUrl, 'E2E_BUSY_DEMO_URL: the busy demo dashboard of playwright.config.ts').not.toBe('')
  expect(busyPerDay, 'E2E_BUSY_DEMO_PER_DAY').toBeGreaterThan(0)
})

test('the default range (the last 7 days, up to today) is live; a past day is not', async ({ page }) => {
  // The page picks "today" itself, so a run at UTC midnight cannot catch it out.
  await page.goto('/?tz=UTC')
  await loadedCount(page)
  await expect(liveNote(page)).toHaveText(/^Live · updated \d\d:\d\d:\d\d/)
  await expect(liveNote(page).getByRole('button', { name: 'Pause' })).toBeVisible()

  await page.goto('/?from=2024-11-18&tz=UTC')
  await loadedCount(page)
  await expect(page.getByText(/^Data as of /)).toBeVisible()
  await expect(liveNote(page)).toHaveCount(0)
})

test('a live range adds the records that start meanwhile within two minutes, keeping scroll and drawer', async ({
  page,
}) => {
  test.setTimeout(ARRIVAL_MS + 45_000)
  // Oldest first: the new records land below the rows in view (newest first: see the fixme below).
  const at = await openScrolledDrawer(page, 'ascending')
  const { after, refreshed } = await refreshWithNewRecords(page, at.opened, at.before, at.grid)

  // The reader's place is kept: the scroll position, the rows in view, the drawer and its URL.
  expect(await at.scroller.evaluate((el) => el.scrollTop)).toBe(at.scrollTop)
  const top = await rowPlace(at.scroller, at.top.id)
  expect(Math.abs((top?.offset ?? Number.NaN) - at.top.offset), 'the top row in view').toBeLessThanOrEqual(1)
  await expect(at.dialog).toBeVisible()
  expect(page.url()).toBe(at.url)
  expect(new URL(page.url()).searchParams.get('conversation')).toBe(at.id)
  // ... and the toolbar says when.
  await expect(liveNote(page)).toHaveText(/^Live · updated \d\d:\d\d:\d\d/)
  expect(await updatedTime(page)).not.toBe(at.updated)

  // The new rows (at the end, oldest first) are marked for a moment, and they are records of the
  // synthetic source that started after the page was opened.
  await at.scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight))
  const last = at.grid.locator(`tbody tr[aria-rowindex="${after + 1}"]`)
  await expect(last).toHaveAttribute('data-new', { timeout: 5_000 })
  const marked = await at.grid
    .locator('tbody tr[data-new]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id') ?? ''))
  expect(marked.length).toBeGreaterThan(0)
  expect(marked.length).toBeLessThanOrEqual(after - at.before)
  const startedMeanwhile = new Set(busy.listIdentities(at.opened, refreshed))
  expect(marked.filter((id) => !startedMeanwhile.has(id))).toEqual([])
  await expect(at.dialog).toBeVisible()
  expect(page.url()).toBe(at.url)
})

// Newest first (the default order) the new records land above the rows in view: the table now moves
// its scroll position by as many rows as arrived (useKeepRowsInView), and the open drawer's row is not
// scrolled to again for having moved. FIXME: not yet run against that change; drop `fixme` once seen green.
test.fixme('newest first, the rows in view stay where they are when new records arrive above them', async ({
  page,
}) => {
  test.setTimeout(ARRIVAL_MS + 45_000)
  const at = await openScrolledDrawer(page, 'descending')
  await refreshWithNewRecords(page, at.opened, at.before, at.grid)

  const top = await rowPlace(at.scroller, at.top.id)
  expect(Math.abs((top?.offset ?? Number.NaN) - at.top.offset), 'the top row in view').toBeLessThanOrEqual(
    ROW,
  )
  const selected = await rowPlace(at.scroller, at.id)
  expect(
    Math.abs((selected?.offset ?? Number.NaN) - at.selected.offset),
    'the selected row',
  ).toBeLessThanOrEqual(ROW)
  await expect(at.dialog).toBeVisible()
  expect(page.url()).toBe(at.url)
})

test('Pause stops the refreshes; Resume starts them again', async ({ page }) => {
  // The refresh timer runs on the page's clock: fast-forwarded, minutes pass without waiting for them.
  await page.clock.install()
  await page.goto(liveRangeUrl(Date.now()))
  await loadedCount(page)
  const note = liveNote(page)
  await expect(note).toHaveText(/^Live · updated \d\d:\d\d:\d\d/)
  const updated = await updatedTime(page)

  const refreshes: string[] = []
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/conversations') refreshes.push(r.url())
  })
  await note.getByRole('button', { name: 'Pause' }).click()
  await expect(note).toHaveText(/^Live paused · updated \d\d:\d\d:\d\d/)
  await page.clock.runFor(5 * MINUTE)
  // A request the fast-forward started would be on its way by now.
  await page.waitForTimeout(1_000)
  expect(refreshes, 'requests while paused').toEqual([])
  await expect(note).toHaveText(/^Live paused · updated /)
  expect(await updatedTime(page)).toBe(updated)

  await note.getByRole('button', { name: 'Resume' }).click()
  await expect(note).toHaveText(/^Live · updated /)
  const refresh = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/conversations')
  await page.clock.runFor(MINUTE + 1_000)
  expect((await refresh).status()).toBe(200)
  await expect.poll(() => updatedTime(page)).not.toBe(updated)
  await expect(note).toHaveText(/^Live · updated /)
  expect(refreshes, 'one refresh a minute').toHaveLength(1)
})
