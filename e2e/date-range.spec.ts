import { expect, test } from './fixtures'
import { statusText, trueCount, trueCountsByDay } from './ground-truth'

const LOAD = { timeout: 45_000 }

test('the count is every conversation of the range, bot-only sessions included', async ({ page }) => {
  await page.goto('/?from=2024-11-18&to=2024-11-20&tz=UTC')
  await expect(page.getByRole('status')).toHaveText(
    statusText(trueCount('2024-11-18T00:00:00.000Z', '2024-11-20T23:59:59.999Z')),
    LOAD,
  )
})

test('picking a range in the calendar updates the URL and the count; back and forward restore it', async ({
  page,
}) => {
  await page.goto('/?from=2024-11-18&to=2024-11-19&tz=UTC')
  const first = statusText(trueCount('2024-11-18T00:00:00.000Z', '2024-11-19T23:59:59.999Z'))
  await expect(page.getByRole('status')).toHaveText(first, LOAD)

  await page.getByRole('button', { name: /^Date range:/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Choose a date range' })
  await dialog.getByRole('button', { name: /November 11th, 2024/ }).click()
  await dialog.getByRole('button', { name: /November 13th, 2024/ }).click()
  await dialog.getByRole('button', { name: 'Apply' }).click()

  await expect(page).toHaveURL(/from=2024-11-11&to=2024-11-13/)
  const second = statusText(trueCount('2024-11-11T00:00:00.000Z', '2024-11-13T23:59:59.999Z'))
  await expect(page.getByRole('status')).toHaveText(second, LOAD)

  await page.goBack()
  await expect(page).toHaveURL(/from=2024-11-18&to=2024-11-19/)
  await expect(page.getByRole('status')).toHaveText(first, LOAD)
  await page.goForward()
  await expect(page).toHaveURL(/from=2024-11-11&to=2024-11-13/)
  await expect(page.getByRole('status')).toHaveText(second, LOAD)
})

test('a DST week in America/New_York is counted in local days (Nov 3 has 25 hours)', async ({ page }) => {
  await page.goto('/?from=2024-10-28&to=2024-11-03&tz=America/New_York')
  const expected = trueCountsByDay('2024-10-28', 7, 'America/New_York')
  const total = expected.reduce((n, [, c]) => n + c, 0)
  await expect(page.getByRole('status')).toHaveText(statusText(total), LOAD)
  const table = page.getByRole('table', { name: 'Daily volume' })
  const rows = table.locator('tbody tr')
  await expect(rows).toHaveCount(7)
  for (const [i, [day, count]] of expected.entries()) {
    await expect(rows.nth(i).locator('td').nth(0)).toHaveText(day)
    await expect(rows.nth(i).locator('td').nth(1)).toHaveText(count.toLocaleString('en-US'))
  }
})
