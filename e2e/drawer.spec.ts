import { expect, test } from './fixtures'

test('Enter on a row opens its drawer, named by its id; the URL keeps it; Escape closes it', async ({
  page,
}) => {
  await page.goto('/?from=2024-11-18&to=2024-11-19&tz=UTC')
  await expect(page.getByRole('status')).toHaveText(/^[\d,]+ conversations$/, { timeout: 45_000 })
  const grid = page.getByRole('grid', { name: 'Conversations' })
  const firstRow = grid.locator('tbody tr[data-row-id]').first()
  const id = (await firstRow.getAttribute('data-row-id')) as string
  await firstRow.click()
  const dialog = page.getByRole('dialog', { name: new RegExp(id) })
  await expect(dialog).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`conversation=${encodeURIComponent(id)}`))

  await page.reload()
  await expect(page.getByRole('dialog', { name: new RegExp(id) })).toBeVisible({ timeout: 45_000 })
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page).not.toHaveURL(/conversation=/)
})

test('a link to a conversation that is not in the range says so', async ({ page }) => {
  await page.goto('/?from=2024-11-18&tz=UTC&conversation=c-doesnotexist')
  const dialog = page.getByRole('dialog', { name: /c-doesnotexist/ })
  await expect(dialog).toContainText('No conversation c-doesnotexist in the loaded range', {
    timeout: 45_000,
  })
})
