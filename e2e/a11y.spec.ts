// Issue 11 item 6 ("Any user"): axe-core finds no serious or critical violation on the dashboard, with
// the calendar open, with the conversation drawer open, or in the Queues and Agents tables.
//
// axe is injected by evaluating axe.min.js through page.evaluate: CDP evaluation is not subject to the
// page's Content-Security-Policy, which forbids inline scripts (page.addScriptTag would be blocked and
// reported, and fixtures.ts fails a test on any CSP report). @axe-core/playwright needs Node 22.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import type { AxeResults } from 'axe-core'
import { expect, test } from './fixtures'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const LOAD = { timeout: 45_000 }
const WEEK = '/?from=2024-11-18&to=2024-11-24&tz=UTC'

type Found = { id: string; impact: string | null | undefined; nodes: number; help: string; targets: string[] }

/** include: a CSS selector to confine axe to (default: the whole document) */
async function runAxe(page: Page, include?: string): Promise<Found[]> {
  const injected = await page.evaluate(() => 'axe' in window)
  if (!injected) await page.evaluate(AXE_SOURCE)
  const json = await page.evaluate(async (sel) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global of the page once injected
    const axe = (window as any).axe
    const r = await axe.run(sel === null ? document : { include: [[sel]] }, { resultTypes: ['violations'] })
    return JSON.stringify(r.violations)
  }, include ?? null)
  return (JSON.parse(json) as AxeResults['violations']).map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.length,
    help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }))
}

function report(state: string, found: Found[]): Found[] {
  console.log(
    `axe, ${state}: ${found.length === 0 ? 'no violations' : ''}` +
      found
        .map((v) => `\n  ${v.id} (${v.impact}): ${v.nodes} node(s) — ${v.help} e.g. ${v.targets.join(', ')}`)
        .join(''),
  )
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

async function openWeek(page: Page, extra = '') {
  await page.goto(WEEK + extra)
  await expect(page.getByRole('status')).toHaveText(/^[\d,]+ conversations$/, LOAD)
  // The charts and the performance panel catch up with the count a moment later, dimmed (opacity 0.6)
  // while they do: axe would measure the contrast of that passing state. Scan what stays on screen.
  await expect(page.locator('[data-updating]')).toHaveCount(0, LOAD)
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...document.querySelectorAll('.charts-panel, .performance')].every(
          (el) => getComputedStyle(el).opacity === '1',
        ),
      ),
    )
    .toBe(true)
}

test('the page has no serious or critical axe violations', async ({ page }) => {
  await openWeek(page)
  const serious = report('page', await runAxe(page))
  expect(serious).toEqual([])
})

test('with the calendar open, no serious or critical axe violations', async ({ page }) => {
  await openWeek(page)
  await page.getByRole('button', { name: /^Date range:/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Choose a date range' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: /November 18th, 2024/ })).toBeVisible()
  const serious = report('calendar open', await runAxe(page))
  expect(serious).toEqual([])
})

test('with the conversation drawer open, no serious or critical axe violations', async ({ page }) => {
  await openWeek(page)
  const firstRow = page.getByRole('grid', { name: 'Conversations' }).locator('tbody tr[data-row-id]').first()
  const id = (await firstRow.getAttribute('data-row-id')) as string
  await openWeek(page, `&conversation=${encodeURIComponent(id)}`)
  const dialog = page.getByRole('dialog', { name: new RegExp(id) })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('heading', { name: 'Summary' })).toBeVisible()
  const serious = report('drawer open', await runAxe(page))
  expect(serious).toEqual([])
})

test('the Queues and Agents tables have no serious or critical axe violations', async ({ page }) => {
  await openWeek(page)
  const all: Found[] = []
  for (const name of ['Queues', 'Agents']) {
    const table = page.getByRole('table', { name, exact: true })
    await table.scrollIntoViewIfNeeded()
    await expect(table.locator('tbody tr').first()).toBeVisible()
    // axe's include takes selectors: mark the table so it can be named by one
    await table.evaluate((el, n) => el.setAttribute('data-axe-table', n), name)
    all.push(...report(`${name} table`, await runAxe(page, `[data-axe-table="${name}"]`)))
  }
  all.push(...report('page with the tables in view', await runAxe(page)))
  expect(all).toEqual([])
})
