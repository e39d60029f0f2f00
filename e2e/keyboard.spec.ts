// Issue 11 item 6 ("Any user"): everything works by keyboard alone. These tests move and act with
// page.keyboard only (Tab, Shift+Tab, Enter, Space, arrows, Escape): no clicks, no locator.focus().
// Locators are used only to read where focus is and what the page says.

import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

const LOAD = { timeout: 45_000 }
const WEEK = '/?from=2024-11-18&to=2024-11-24&tz=UTC'
/** Tab presses allowed to reach a control: the page has well under this many tab stops before the tables */
const MAX_TABS = 300

// a Tab press and a look at focus take a while on a busy 2-core machine; some targets are ~100 stops in
test.describe.configure({ timeout: 120_000 })

async function openWeek(page: Page): Promise<string> {
  await page.goto(WEEK)
  const status = page.getByRole('status')
  await expect(status).toHaveText(/^[\d,]+ conversations$/, LOAD)
  return (await status.textContent()) ?? ''
}

const isFocused = (target: Locator) =>
  target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))

/**
 * Presses Tab (or Shift+Tab) until focus is on `target` itself, and returns how many presses it
 * took. Fails if `MAX_TABS` presses do not get there, or if a press lands inside something hidden from
 * assistive technology (an invisible tab stop: a chart's picture is aria-hidden).
 */
async function tabTo(page: Page, target: Locator, opts: { back?: boolean } = {}): Promise<number> {
  const key = opts.back ? 'Shift+Tab' : 'Tab'
  const first = target.first()
  await expect(first).toBeAttached()
  for (let presses = 0; presses <= MAX_TABS; presses++) {
    const where = await first.evaluate((el) => {
      const active = document.activeElement
      return {
        there: el === active,
        hidden: active?.closest('[aria-hidden="true"]') ? active.outerHTML.slice(0, 120) : null,
      }
    })
    expect(where.hidden, `${key} moved focus into an aria-hidden element`).toBeNull()
    if (where.there) return presses
    await page.keyboard.press(key)
  }
  throw new Error(`${MAX_TABS} presses of ${key} did not reach ${target}`)
}

/** The element that has focus, described for a failure message. */
const focusedDescription = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement
    return el
      ? `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40)}`
      : ''
  })

test('a Channel checkbox is reached with Tab and toggled with Space', async ({ page }) => {
  const before = await openWeek(page)
  const channel = page.getByRole('group', { name: 'Channel', exact: true })
  const box = channel.getByRole('checkbox').first()
  await tabTo(page, box)
  await expect(box).toBeFocused()
  await expect(box).not.toBeChecked()
  await page.keyboard.press('Space')
  await expect(box).toBeChecked()
  await expect(page).toHaveURL(/[?&]channel=/)
  const status = page.getByRole('status')
  await expect(status).toHaveText(/^[\d,]+ conversations?$/, LOAD)
  await expect(status).not.toHaveText(before)
  // Space again lifts the filter
  await page.keyboard.press('Space')
  await expect(box).not.toBeChecked()
  await expect(page).not.toHaveURL(/[?&]channel=/)
  await expect(status).toHaveText(before, LOAD)
})

test('the conversation table sorts by a column header with Enter', async ({ page }) => {
  await openWeek(page)
  const grid = page.getByRole('grid', { name: 'Conversations' })
  // the first sortable header that is not sorted yet
  const header = grid.locator('thead th[aria-sort="none"]').first()
  const name = (await header.textContent())?.trim() ?? ''
  const th = grid.locator('thead th').filter({ hasText: name }).first()
  await tabTo(page, th.getByRole('button'), { back: true })
  expect(await focusedDescription(page)).toContain(name)
  await expect(th).toHaveAttribute('aria-sort', 'none')
  await page.keyboard.press('Enter')
  await expect(th).toHaveAttribute('aria-sort', /^(ascending|descending)$/)
  const first = await th.getAttribute('aria-sort')
  await page.keyboard.press('Enter')
  await expect(th).not.toHaveAttribute('aria-sort', first as string)
})

test('Enter on a row opens its drawer; Escape closes it and focus returns to the table', async ({ page }) => {
  await openWeek(page)
  const grid = page.getByRole('grid', { name: 'Conversations' })
  // Shift+Tab from the top of the page wraps to its end: the grid is the last thing before its headers
  await tabTo(page, grid, { back: true })
  await expect(grid).toBeFocused()
  await page.keyboard.press('ArrowDown')
  // the active row is the grid's aria-activedescendant
  await expect(grid).toHaveAttribute('aria-activedescendant', /.+/)
  const rowDomId = (await grid.getAttribute('aria-activedescendant')) as string
  const id = (await page.locator(`[id="${rowDomId}"]`).getAttribute('data-row-id')) as string
  expect(id).toBeTruthy()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: new RegExp(id) })
  await expect(dialog).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`conversation=${encodeURIComponent(id)}`))
  // focus moved into the drawer, and on to its first control
  await expect.poll(() => isFocused(dialog)).toBe(true)
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page).not.toHaveURL(/conversation=/)
  await expect(grid).toBeFocused()
})

test('Enter on a queue in the Queues table filters the page to it', async ({ page }) => {
  const before = await openWeek(page)
  const queues = page.getByRole('table', { name: 'Queues', exact: true })
  const queue = queues.locator('tbody').getByRole('button').first()
  const name = (await queue.textContent())?.trim() ?? ''
  await tabTo(page, queue)
  await expect(queue).toBeFocused()
  await expect(queue).toHaveAttribute('aria-pressed', 'false')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/[?&]queue=/)
  const pressed = queues.locator('tbody').getByRole('button', { name, exact: true })
  await expect(pressed).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('status')).toHaveText(/^[\d,]+ conversations?$/, LOAD)
  await expect(page.getByRole('status')).not.toHaveText(before)
})

/**
 * Where focus is while the drawer is open: `dialog` (on it or inside it), `document` (nothing in the page
 * has focus: activeElement is <body>), or a description of the element of the page behind that has it.
 */
const focusPlace = (dialog: Locator) =>
  dialog.evaluate((d) => {
    const active = document.activeElement
    if (active === null || active === document.body || active === document.documentElement) return 'document'
    if (d.contains(active)) return 'dialog'
    return `page behind: ${active.tagName.toLowerCase()} ${(active.textContent ?? '').trim().slice(0, 40)}`
  })

// The drawer is a modal <dialog> (showModal): the page behind is inert and the browser keeps focus out of
// it. Chromium does not wrap straight from the dialog's last control to its first: one Tab past the last
// moves focus out of the page to the browser (headless: activeElement becomes <body>, nothing focused),
// and the next Tab comes back to the dialog's first control (Shift+Tab from the first control wraps to
// the last directly). What matters to a user: focus never lands on the page behind, and Tab and
// Shift+Tab keep going round the dialog's controls. So each press must leave focus in the dialog or on
// no element, never twice in a row on no element, and each direction must come round to Close twice.
test('Tab and Shift+Tab cycle inside the open drawer', async ({ page }) => {
  await openWeek(page)
  const grid = page.getByRole('grid', { name: 'Conversations' })
  await tabTo(page, grid, { back: true })
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await expect.poll(() => isFocused(dialog)).toBe(true)
  // shown with showModal(): everything outside it is inert
  expect(await dialog.evaluate((d) => d.matches(':modal'))).toBe(true)
  const close = dialog.getByRole('button', { name: 'Close' })
  for (const key of ['Tab', 'Shift+Tab'] as const) {
    let closeReached = 0
    let outsideInARow = 0
    for (let presses = 0; closeReached < 2; presses++) {
      expect(presses, `${key} did not go round the drawer's controls twice`).toBeLessThan(MAX_TABS)
      await page.keyboard.press(key)
      const place = await focusPlace(dialog)
      expect(['dialog', 'document'], `${key} moved focus to the ${place}`).toContain(place)
      outsideInARow = place === 'document' ? outsideInARow + 1 : 0
      expect(outsideInARow, `${key} did not come back into the drawer`).toBeLessThan(2)
      if (await isFocused(close)) closeReached++
    }
  }
  await expect(dialog).toBeVisible()
})

// TODO(issue 11 item 6, chart drill): a chart's bar or segment drilled into by keyboard alone (focus it,
// Enter, the page filters to that value) is being built by someone else; add its test here once its markup
// exists, rather than guessing it now. Note for whoever builds it: ChartFigure's picture is aria-hidden
// (its table is the accessible equivalent), so a focusable drill control inside that picture would bring
// back axe's aria-hidden-focus (e2e/a11y.spec.ts); the drill controls need to be outside the hidden part.
test.fixme('a chart drills into a value by keyboard alone', async () => {})
