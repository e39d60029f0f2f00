import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

// Issue 9 on demo data: the Queues and Agents tables agree with the KPI row and filter the page.
const WEEK = '/?from=2024-11-18&to=2024-11-24&tz=UTC'
const num = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''))

async function loaded(page: Page) {
  await page.goto(WEEK)
  await expect(page.getByRole('status')).toHaveText(/^[\d,]+ conversations$/, { timeout: 60_000 })
  // the figures render just after the count (a background render): wait until they are current
  await expect(page.locator('.charts-panel[data-updating]')).toHaveCount(0)
  await expect(page.locator('.performance[data-updating]')).toHaveCount(0)
}

/** The text of column `header` in each body row of `table`. */
async function column(page: Page, table: string, header: string): Promise<string[]> {
  const t = page.getByRole('table', { name: table, exact: true })
  const headers = await t.locator('thead th').allTextContents()
  const i = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === header)
  expect(i, `${table} has a ${header} column`).toBeGreaterThanOrEqual(0)
  return t.locator(`tbody tr > :nth-child(${i + 1})`).allTextContents()
}

const kpi = (page: Page, label: string) =>
  page
    .getByRole('region', { name: 'Key figures' })
    .locator('.kpi-card')
    .filter({ has: page.getByText(label, { exact: true }) })

test('the Queues table adds up: offered covers the KPI, no row counts more outcomes than it was offered', async ({
  page,
}) => {
  await loaded(page)
  const offered = num(await kpi(page, 'Offered').locator('.kpi-value').textContent())
  expect(offered).toBeGreaterThan(0)
  const rows = {
    offered: (await column(page, 'Queues', 'Offered')).map(num),
    answered: (await column(page, 'Queues', 'Answered')).map(num),
    abandoned: (await column(page, 'Queues', 'Abandoned')).map(num),
    dropped: (await column(page, 'Queues', 'Dropped by the system')).map(num),
    callbacks: (await column(page, 'Queues', 'Callbacks')).map(num),
  }
  expect(rows.offered.length).toBeGreaterThan(1)
  // a conversation offered to two queues counts in both
  expect(rows.offered.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(offered)
  rows.offered.forEach((o, i) => {
    const outcomes =
      (rows.answered[i] ?? 0) + (rows.abandoned[i] ?? 0) + (rows.dropped[i] ?? 0) + (rows.callbacks[i] ?? 0)
    expect(outcomes, `row ${i + 1}`).toBeLessThanOrEqual(o)
  })
})

test('pressing a queue filters the page to it: queue= in the URL and the Queue filter’s count', async ({
  page,
}) => {
  await loaded(page)
  const table = page.getByRole('table', { name: 'Queues', exact: true })
  const first = table.locator('tbody tr').first().getByRole('button')
  const name = (await first.textContent()) ?? ''
  // what the Queue filter says that queue holds
  const option = page
    .getByLabel('Queue', { exact: true })
    .getByRole('checkbox', { name: new RegExp(`^${name} [\\d,]+$`) })
  const label = await option.evaluate((el) => el.closest('label')?.textContent ?? '')
  const expected = num(label.replace(name, ''))
  expect(expected).toBeGreaterThan(0)
  await first.click()
  await expect(page).toHaveURL(/[?&]queue=[^&]+/)
  await expect(page.getByRole('status')).toHaveText(`${expected.toLocaleString('en-US')} conversations`)
  await expect(option).toBeChecked()
  await expect(table.getByRole('button', { name, exact: true })).toHaveAttribute('aria-pressed', 'true')
  // pressing it again lifts the filter
  await table.getByRole('button', { name, exact: true }).click()
  await expect(page).not.toHaveURL(/[?&]queue=/)
})

test('the Agents table’s Handled column sums to the handled segments of the KPI row; an agent filters the page', async ({
  page,
}) => {
  await loaded(page)
  const basis = (await kpi(page, 'Average handle time').locator('.kpi-detail').textContent()) ?? ''
  const segments = num(/of ([\d,]+) handled segments?\)/.exec(basis)?.[1] ?? '')
  expect(segments).toBeGreaterThan(0)
  const handled = (await column(page, 'Agents', 'Handled')).map(num)
  expect(handled.reduce((a, b) => a + b, 0)).toBe(segments)

  const agents = page.getByRole('table', { name: 'Agents', exact: true })
  const firstRow = agents.locator('tbody tr').first()
  const name = (await firstRow.getByRole('button').textContent()) ?? ''
  const handledBefore = num(await firstRow.locator('td').first().textContent())
  await firstRow.getByRole('button').click()
  await expect(page).toHaveURL(/[?&]agent=[^&]+/)
  await expect(page.getByRole('status')).toHaveText(/^[\d,]+ conversations?$/)
  await expect(page.locator('.performance[data-updating]')).toHaveCount(0)
  const count = num(await page.getByRole('status').textContent())
  // every segment of theirs is in the conversations left, and each of those has one at least
  const row = agents.getByRole('row', { name: new RegExp(`^${name} `) })
  await expect(row.locator('td').first()).toHaveText(handledBefore.toLocaleString('en-US'))
  expect(count).toBeGreaterThan(0)
  expect(count).toBeLessThanOrEqual(handledBefore)
})

test('the service level threshold is in the URL and moves the figure', async ({ page }) => {
  await loaded(page)
  const card = kpi(page, 'Service level (20 s)')
  const before = await card.locator('.kpi-value').textContent()
  await page.getByRole('spinbutton', { name: 'Service level threshold (seconds)' }).fill('120')
  await expect(page).toHaveURL(/[?&]sl=120/)
  const after = kpi(page, 'Service level (120 s)').locator('.kpi-value')
  await expect(after).not.toHaveText(before ?? '')
  await page.goto(`${WEEK}&sl=abc`)
  await expect(page.getByText(/"sl=abc" in the link is not used/)).toBeVisible({ timeout: 60_000 })
})
