import { expect, test } from './fixtures'

// CONTRACT.md's accessible names, each on exactly one element, as outside tests will look them up.
test('the promised names are unique, and the Channels table adds up to the status count', async ({
  page,
}) => {
  await page.goto('/?from=2024-11-18&to=2024-11-19&tz=UTC')
  const status = page.getByRole('status')
  await expect(status).toHaveText(/^[\d,]+ conversations$/, { timeout: 45_000 })
  await expect(status).toHaveCount(1)
  const count = Number((await status.textContent())?.replace(/\D/g, ''))

  const named = { name: 'Conversations', exact: true }
  await expect(page.getByRole('grid', named).or(page.getByRole('table', named))).toHaveCount(1)
  await expect(page.getByLabel('Channel', { exact: true })).toHaveCount(1)
  await expect(page.getByLabel('Queue', { exact: true })).toHaveCount(1)
  await expect(
    page.getByLabel('Channel', { exact: true }).getByRole('checkbox', { name: /^Voice [\d,]+$/ }),
  ).toHaveCount(1)
  for (const name of ['Dispositions', 'Channels', 'Agent durations']) {
    await expect(page.getByRole('figure', { name, exact: true })).toHaveCount(1)
  }

  const channels = page.getByRole('figure', { name: 'Channels', exact: true }).getByRole('table')
  const cells = await channels.locator('tbody tr td:nth-child(2)').allTextContents()
  expect(cells.reduce((n, c) => n + Number(c.replace(/\D/g, '')), 0)).toBe(count)
})
