import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

// Issue 11 item 4: saved views, on demo data.
const LOAD = { timeout: 45_000 }
const RANGE = '/?from=2024-11-18&to=2024-11-19&tz=UTC'
const COUNT = /^([\d,]+) conversations?$/

async function loadedCount(page: Page): Promise<number> {
  const status = page.getByRole('status')
  await expect(status).toHaveText(COUNT, LOAD)
  return Number((await status.textContent())?.match(COUNT)?.[1]?.replaceAll(',', ''))
}

const countText = (n: number) => `${n.toLocaleString('en-US')} conversation${n === 1 ? '' : 's'}`

async function openViews(page: Page) {
  await page.getByRole('button', { name: 'Views', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Saved views' })
  await expect(dialog).toBeVisible()
  return dialog
}

test('save a filtered view, clear the filter, apply it; it survives a reload; its link reproduces it', async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL })
  await page.goto(RANGE)
  const total = await loadedCount(page)

  // a Channel filter and a sort
  const voice = page
    .getByRole('group', { name: 'Channel', exact: true })
    .getByRole('checkbox', { name: /^Voice / })
  await voice.check()
  await expect(page).toHaveURL(/[?&]channel=Voice(&|$)/)
  const filtered = await loadedCount(page)
  expect(filtered).toBeGreaterThan(0)
  expect(filtered).toBeLessThan(total)
  const duration = page
    .getByRole('grid', { name: 'Conversations' })
    .getByRole('columnheader', { name: /^Duration/ })
  await duration.getByRole('button').first().click()
  await duration.getByRole('button').first().click()
  await expect(duration).toHaveAttribute('aria-sort', 'descending')

  // save it
  let dialog = await openViews(page)
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused()
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Voice only')
  await dialog.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(dialog.getByRole('list', { name: 'Your views' }).getByRole('listitem')).toHaveCount(1)
  await expect(dialog.getByText('Saved “Voice only”.')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: 'Views', exact: true })).toBeFocused()

  // clear the filter, change the sort
  await voice.uncheck()
  await expect(page).not.toHaveURL(/channel=/)
  await expect(page.getByRole('status')).toHaveText(countText(total))
  await duration.getByRole('button').first().click()
  await expect(duration).toHaveAttribute('aria-sort', 'ascending')

  // apply the view: the filter and the sort are back
  dialog = await openViews(page)
  await dialog.getByRole('button', { name: 'Apply Voice only' }).click()
  await expect(dialog).toBeHidden()
  await expect(page).toHaveURL(/[?&]channel=Voice(&|$)/)
  await expect(page.getByRole('status')).toHaveText(countText(filtered), LOAD)
  await expect(duration).toHaveAttribute('aria-sort', 'descending')
  await expect(voice).toBeChecked()

  // a reload keeps the view
  await page.reload()
  await loadedCount(page)
  dialog = await openViews(page)
  await expect(dialog.getByRole('list', { name: 'Your views' }).getByRole('listitem')).toHaveCount(1)
  await expect(dialog.getByRole('button', { name: 'Apply Voice only' })).toBeVisible()

  // Copy link: a URL that reproduces the view in a fresh browser, without the view saved
  await dialog.getByRole('button', { name: 'Copy link to Voice only' }).click()
  await expect(dialog.getByText('Link to “Voice only” copied.')).toBeVisible()
  const link = await page.evaluate(() => navigator.clipboard.readText())
  const url = new URL(link)
  expect(url.searchParams.getAll('channel')).toEqual(['Voice'])
  expect(url.searchParams.get('from')).toBe('2024-11-18')
  expect(url.searchParams.get('to')).toBe('2024-11-19')
  expect(url.searchParams.get('sort')).toBe('-duration')
  expect(url.searchParams.get('cols')).toContain('duration')

  const fresh = await browser.newContext()
  try {
    const other = await fresh.newPage()
    await other.goto(link)
    await expect(other.getByRole('status')).toHaveText(countText(filtered), LOAD)
    await expect(other).toHaveURL(/[?&]channel=Voice(&|$)/)
    // the link's sort and columns went into the table's prefs and left the URL
    await expect(other).not.toHaveURL(/[?&](sort|cols)=/)
    await expect(
      other.getByRole('grid', { name: 'Conversations' }).getByRole('columnheader', { name: /^Duration/ }),
    ).toHaveAttribute('aria-sort', 'descending')
    await other.getByRole('button', { name: 'Views', exact: true }).click()
    await expect(
      other.getByRole('dialog', { name: 'Saved views' }).getByText('No saved views yet.'),
    ).toBeVisible()
  } finally {
    await fresh.close()
  }
})
