import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { parseCsv } from './csv'
import { expect, test } from './fixtures'

const LOAD = { timeout: 45_000 }
const RANGE = '/?from=2024-11-18&to=2024-11-19&tz=UTC'
const COUNT = /^([\d,]+) conversations?$/

async function loadedCount(page: Page): Promise<number> {
  const status = page.getByRole('status')
  await expect(status).toHaveText(COUNT, LOAD)
  return Number((await status.textContent())?.match(COUNT)?.[1]?.replaceAll(',', ''))
}

async function columnIndex(page: Page, name: string): Promise<number> {
  const headers = await page
    .getByRole('grid', { name: 'Conversations' })
    .getByRole('columnheader')
    .allTextContents()
  const index = headers.findIndex((h) => h.trim().startsWith(name))
  expect(index, `column ${name} in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0)
  return index
}

async function downloadCsv(page: Page): Promise<string[][]> {
  await page.getByRole('button', { name: /^Export/ }).click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /Download CSV/ }).click(),
  ])
  const path = await download.path()
  return parseCsv(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''))
}

test('sorting by duration, descending, puts the longest conversation first', async ({ page }) => {
  await page.goto(RANGE)
  await loadedCount(page)
  const grid = page.getByRole('grid', { name: 'Conversations' })
  const header = grid.getByRole('columnheader', { name: /^Duration/ })
  await header.getByRole('button').first().click()
  await expect(header).toHaveAttribute('aria-sort', 'ascending')
  await header.getByRole('button').first().click()
  await expect(header).toHaveAttribute('aria-sort', 'descending')

  const [head, ...rows] = await downloadCsv(page)
  const col = head?.indexOf('Duration (s)') ?? -1
  const durations = rows.map((r) => Number(r[col] || Number.NaN)).filter((d) => !Number.isNaN(d))
  expect(durations.length).toBeGreaterThan(100)
  const longest = Math.max(...durations)
  expect(durations[0]).toBe(longest)
  for (let i = 1; i < durations.length; i++)
    expect(durations[i]).toBeLessThanOrEqual(durations[i - 1] as number)

  const first = grid
    .locator('tbody tr[data-row-id]')
    .first()
    .locator('td')
    .nth(await columnIndex(page, 'Duration'))
  const h = Math.floor(longest / 3600)
  const m = Math.floor((longest % 3600) / 60)
  const s = Math.round(longest % 60)
  const shown =
    h > 0
      ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
      : `${m}:${String(s).padStart(2, '0')}`
  await expect(first).toHaveText(shown)
})

test('channel and queue filters: the count and every visible row match, reload keeps them, export agrees', async ({
  page,
}) => {
  await page.goto(RANGE)
  const total = await loadedCount(page)

  const channels = page.getByRole('group', { name: 'Channel', exact: true })
  await channels.getByRole('checkbox', { name: /^Voice [\d,]+$/ }).check()
  await expect(page).toHaveURL(/channel=Voice/)

  const queues = page.getByRole('group', { name: 'Queue', exact: true })
  const option = queues.getByRole('checkbox').first()
  const label = (await option.evaluate((el) => el.closest('label')?.textContent ?? '')).trim()
  const [, queueName, queueCount] = label.match(/^(.*\S)\s+([\d,]+)$/) ?? []
  const expected = Number(queueCount?.replaceAll(',', ''))
  expect(expected).toBeGreaterThan(0)
  await option.check()
  await expect(page).toHaveURL(/queue=/)
  await expect(page.getByRole('status')).toHaveText(
    `${expected.toLocaleString('en-US')} conversation${expected === 1 ? '' : 's'}`,
  )
  expect(expected).toBeLessThan(total)

  const grid = page.getByRole('grid', { name: 'Conversations' })
  const channelCol = await columnIndex(page, 'Channel')
  const queueCol = await columnIndex(page, 'Queue')
  const rows = grid.locator('tbody tr[data-row-id]')
  const visible = await rows.count()
  expect(visible).toBeGreaterThan(0)
  for (let i = 0; i < visible; i++) {
    await expect(rows.nth(i).locator('td').nth(channelCol)).toHaveText('Voice')
    await expect(rows.nth(i).locator('td').nth(queueCol)).toContainText(queueName as string)
  }

  const url = page.url()
  await page.reload()
  expect(page.url()).toBe(url)
  await expect(page.getByRole('status')).toHaveText(COUNT, LOAD)
  await expect(channels.getByRole('checkbox', { name: /^Voice / })).toBeChecked()
  expect(await loadedCount(page)).toBe(expected)

  const [, ...records] = await downloadCsv(page)
  expect(records.length).toBe(expected)
})
