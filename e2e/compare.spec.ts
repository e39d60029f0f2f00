import { expect, test } from './fixtures'
import { statusText, trueCount } from './ground-truth'

// Issue 11: compare with the previous period, through the URL, with its true count.
test('compare loads the previous period: its true count, and every KPI says its change', async ({ page }) => {
  await page.goto('/?from=2024-11-18&to=2024-11-24&tz=UTC')
  const status = page.getByRole('status')
  await expect(status).toHaveText(statusText(trueCount('2024-11-18T00:00:00Z', '2024-11-24T23:59:59.999Z')), {
    timeout: 60_000,
  })
  await page.getByRole('checkbox', { name: 'Compare with the previous period' }).check()
  await expect(page).toHaveURL(/[?&]compare=1/)
  const previous = trueCount('2024-11-11T00:00:00Z', '2024-11-17T23:59:59.999Z')
  await expect(page.getByTestId('previous-count')).toHaveText(
    `previous period: ${previous.toLocaleString('en-US')} conversations`,
    { timeout: 60_000 },
  )
  const changes = page.getByRole('region', { name: 'Key figures' }).locator('.kpi-change')
  await expect(changes).toHaveCount(10)
  await expect(changes.first()).toHaveText(/^(▲|▼|=) .* the period before$/)
  // the current period kept its count throughout
  await expect(status).toHaveText(/^[\d,]+ conversations$/)
  // a link with compare=1 opens comparing
  await page.reload()
  await expect(page.getByRole('checkbox', { name: 'Compare with the previous period' })).toBeChecked({
    timeout: 60_000,
  })
})
