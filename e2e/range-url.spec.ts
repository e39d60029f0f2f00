import { expect, test } from './fixtures'

test('an 8-day link is not fetched: the page says why and offers the first 7 days', async ({ page }) => {
  const calls: string[] = []
  page.on('request', (req) => {
    if (req.url().includes('/api/conversations')) calls.push(req.url())
  })
  await page.goto('/?from=2024-11-01&to=2024-11-08&tz=UTC')
  await expect(page.getByRole('alert')).toContainText('at most 7 days')
  expect(calls).toEqual([])

  await page.getByRole('button', { name: /^Load Nov 1, 2024/ }).click()
  await expect(page).toHaveURL(/from=2024-11-01&to=2024-11-07/)
  await expect(page.getByRole('status')).toHaveText(/^[\d,]+ conversations?$/, { timeout: 45_000 })
  // one streamed request for the whole range
  expect(calls).toHaveLength(1)
})

test('a reversed range is offered swapped', async ({ page }) => {
  await page.goto('/?from=2024-11-10&to=2024-11-08&tz=UTC')
  await expect(page.getByRole('alert')).toContainText('ends before it starts')
  await page.getByRole('button', { name: /^Load Nov 8, 2024/ }).click()
  await expect(page).toHaveURL(/from=2024-11-08&to=2024-11-10/)
})
