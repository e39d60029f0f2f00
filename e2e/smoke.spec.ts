import { expect, test } from '@playwright/test'

// Fails on any console error or uncaught exception while the dashboard loads a week of demo data.
test('the dashboard loads demo data without a console error', async ({ page }) => {
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`))

  await page.goto('/')
  await expect(page.getByText(/demo data/i).first()).toBeVisible()
  await expect(page.getByRole('status')).toHaveText(/^[\d,]+ conversations?$/, { timeout: 45_000 })
  await expect(page.getByRole('table', { name: 'Conversations' })).toBeVisible()
  expect(problems).toEqual([])
})
