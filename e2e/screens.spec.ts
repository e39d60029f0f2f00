// Issue 11 item 5 ("Any screen"): from a 390 px phone to a 2560 px monitor the page never scrolls
// sideways, with the calendar open and with the conversation drawer open; below 900 px the filters fold
// into a panel; on a phone the drawer is the whole width; the dark colour scheme is dark and readable.
//
// axe is injected by evaluating axe.min.js through page.evaluate (not subject to the page's CSP; see
// a11y.spec.ts).

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const WEEK = '/?from=2024-11-18&to=2024-11-24&tz=UTC'
const LOAD = { timeout: 45_000 }
const WIDTHS = [390, 768, 1024, 1440, 2560] as const
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

async function loadWeek(page: Page) {
  await page.goto(WEEK)
  await expect(page.getByRole('status')).toHaveText(/^[\d,]+ conversations$/, LOAD)
}

/** The last filter dropdown (the row's right end) opened stays on the screen. */
async function expectDropdownOnScreen(page: Page) {
  const button = page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: /^Disposition/ })
  await button.click()
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  await expectNoSidewaysScroll(page, 'the Disposition filter open')
  await page.keyboard.press('Escape')
  await expect(button).toHaveAttribute('aria-expanded', 'false')
}

/** Opens the drawer on the table's first row; returns the row's id. */
async function openFirstConversation(page: Page): Promise<string> {
  const row = page.getByRole('grid', { name: 'Conversations' }).locator('tbody tr[data-row-id]').first()
  const id = (await row.getAttribute('data-row-id')) as string
  await row.click()
  await expect(page).toHaveURL(new RegExp(`conversation=${encodeURIComponent(id)}`))
  await expect(page.getByRole('dialog', { name: new RegExp(id) })).toBeVisible()
  return id
}

/** How far the page reaches past the right edge of the window (0 = no sideways scrolling). */
async function expectNoSidewaysScroll(page: Page, what: string) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      message: `${what}: the page is wider than the window`,
      timeout: 5_000,
    })
    .toBeLessThanOrEqual(0)
}

/**
 * Below 900 px: the filters are folded (still in the page, labelled, not shown); opened, a Channel
 * option is checked by its label and the count follows.
 */
async function expectFoldedFilters(page: Page) {
  const all = Number((await page.getByRole('status').textContent())?.replace(/\D/g, ''))
  const toggle = page.getByRole('button', { name: /^Filters \(0 active\)/ })
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(page.getByLabel('Channel', { exact: true })).toHaveCount(1)
  await expect(page.getByLabel('Channel', { exact: true })).toBeHidden()

  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByLabel('Queue', { exact: true })).toBeVisible()
  const voice = page.getByLabel('Channel', { exact: true }).getByRole('checkbox', { name: /^Voice/ })
  await voice.check()
  await expect(voice).toBeChecked()
  await expect(page.getByRole('button', { name: /^Filters \(1 active\)/ })).toBeVisible()
  await expect
    .poll(async () => Number((await page.getByRole('status').textContent())?.replace(/\D/g, '')))
    .toBeLessThan(all)
  await expect(page.getByRole('status')).toHaveText(/^[\d,]+ conversations$/)
  await expectNoSidewaysScroll(page, 'the filters open')
  await expectDropdownOnScreen(page)
}

for (const width of WIDTHS) {
  test(`${width} px: no sideways scrolling, with the calendar open, with the drawer open${width < 900 ? '; the filters fold' : ''}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: width < 800 ? 844 : 1000 })
    await loadWeek(page)
    await expectNoSidewaysScroll(page, 'the dashboard')

    const trigger = page.getByRole('button', { name: /^Date range:/ })
    await trigger.click()
    await expect(trigger).toHaveAttribute('aria-expanded', 'true')
    await expectNoSidewaysScroll(page, 'the calendar open')
    await page.keyboard.press('Escape')
    await expect(trigger).toHaveAttribute('aria-expanded', 'false')

    if (width > 900) {
      // wide: the filters are always open and there is nothing to unfold
      await expect(page.getByLabel('Channel', { exact: true })).toBeVisible()
      await expect(page.getByRole('button', { name: /^Filters/ })).toBeHidden()
      await expectDropdownOnScreen(page)
    } else {
      await expectFoldedFilters(page)
    }

    // a row opens the drawer (the URL gets `conversation=<id>`)
    const id = await openFirstConversation(page)
    const dialog = page.getByRole('dialog', { name: new RegExp(id) })
    await expectNoSidewaysScroll(page, 'the drawer open')
    const box = await dialog.boundingBox()
    if (width <= 600)
      expect(Math.abs((box?.width ?? 0) - width), 'the drawer is the whole width').toBeLessThanOrEqual(2)
    else expect(box?.width ?? 0).toBeLessThan(width)
  })
}

test('dark colour scheme: a dark page, text readable on the panels; reduced motion: no animation', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' })
  await page.setViewportSize({ width: 1440, height: 1000 })
  await loadWeek(page)
  const luminance = await page.evaluate(() => {
    const [r, g, b] = (getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g) ?? []).map(
      Number,
    )
    return (0.2126 * (r ?? 255) + 0.7152 * (g ?? 255) + 0.0722 * (b ?? 255)) / 255
  })
  expect(luminance, 'the body background is dark').toBeLessThan(0.2)

  // the key figures and charts render a moment after the count, dimmed meanwhile: wait for them
  await expect(page.locator('[data-updating]')).toHaveCount(0)
  // axe's colour-contrast rule: text at least 4.5:1 (3:1 when large) against what is behind it
  await page.evaluate(AXE_SOURCE)
  const contrast = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global of the page once injected
    const axe = (window as any).axe
    const r = await axe.run(document, { runOnly: ['color-contrast'], resultTypes: ['violations'] })
    return (r.violations as { nodes: { target: string[]; failureSummary?: string }[] }[]).flatMap((v) =>
      v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    )
  })
  expect(contrast, 'text below the contrast minimum in the dark scheme').toEqual([])

  const id = await openFirstConversation(page)
  const dialog = page.getByRole('dialog', { name: new RegExp(id) })
  expect(await dialog.evaluate((el) => getComputedStyle(el).animationName)).toBe('none')
})
