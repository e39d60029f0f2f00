import { expect, test } from './fixtures'

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
  // CONTRACT.md: role table or grid, named Conversations (exactly: chart tables have other names)
  const named = { name: 'Conversations', exact: true }
  await expect(page.getByRole('grid', named).or(page.getByRole('table', named))).toBeVisible()
  expect(problems).toEqual([])
})
