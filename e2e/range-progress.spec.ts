import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

// CONTRACT.md "Ranges" / "Conversation store": a range the server already holds is answered at once,
// without any upstream request; the page then shows the count without a progress phase. And while a
// range is being fetched, the status says how much has arrived, the time left and why it waits.

const WEEK = '/?from=2024-11-18&to=2024-11-24&tz=UTC'
const COUNT = /^[\d,]+ conversations?$/

/**
 * Records every text the page's role=status element shows, from the first render on (installed
 * before any page script runs; survives the element being replaced).
 */
async function recordStatusTexts(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __statusTexts: string[] }).__statusTexts = seen
    const look = () => {
      const text = document.querySelector('[role="status"]')?.textContent
      if (text !== undefined && text !== null && seen[seen.length - 1] !== text) seen.push(text)
    }
    new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true })
  })
}

const statusTexts = (page: Page) =>
  page.evaluate(() => (window as unknown as { __statusTexts: string[] }).__statusTexts.slice())

async function navigateInPage(page: Page, url: string) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to)
    window.dispatchEvent(new PopStateEvent('popstate'))
  }, url)
}

test('a second load of the same range is complete without a progress phase', async ({ page, browser }) => {
  await recordStatusTexts(page)
  await page.goto(WEEK)
  const status = page.getByRole('status')
  await expect(status).toHaveText(COUNT, { timeout: 45_000 })
  const count = (await status.textContent()) ?? ''

  // Away to another week and Back: the page still has the range; it never says Loading.
  await navigateInPage(page, '/?from=2024-11-04&to=2024-11-10&tz=UTC')
  await expect(status).toHaveText(COUNT, { timeout: 45_000 })
  const before = (await statusTexts(page)).length
  await page.goBack()
  await expect(page).toHaveURL(/from=2024-11-18/)
  await expect(status).toHaveText(count)
  const afterBack = (await statusTexts(page)).slice(before)
  expect(afterBack).toEqual([count])

  // A new tab (nothing in the page's memory): the server answers from its store at once. The status
  // reads Loading… until the answer is in, then the count: never a partial "N so far" or a time left.
  const fresh = await browser.newPage()
  await recordStatusTexts(fresh)
  const answer = fresh.waitForResponse((r) => r.url().includes('/api/conversations'))
  await fresh.goto(WEEK)
  expect((await answer).status()).toBe(200)
  await expect(fresh.getByRole('status')).toHaveText(count, { timeout: 45_000 })
  const texts = await statusTexts(fresh)
  expect(texts.at(-1)).toBe(count)
  for (const text of texts.slice(0, -1)) expect(text).toBe('Loading…')
  await fresh.close()
})

// A live-mode dashboard whose SmartAssist budget is small, so that a range waits for it: the second
// webServer of playwright.config.ts (E2E_LIVE_URL: `npm start` against scripts/fake-smartassist.ts,
// SMARTASSIST_RATE_LIMIT=10, SMARTASSIST_SYNC_DAYS=0). The demo server is not rate-limited and never waits.
test('the progress line shows the time left and that it waits for SmartAssist', async ({ page }) => {
  test.setTimeout(240_000)
  const live = process.env.E2E_LIVE_URL
  expect(live, 'E2E_LIVE_URL: the live-mode dashboard of playwright.config.ts').toBeTruthy()
  // A day the live server has not fetched: more requests than one minute of its budget.
  await page.goto(`${live}/?from=2024-11-18&tz=UTC`)
  const status = page.getByRole('status')
  await expect(status).toHaveText(
    /^Loading… [\d,]+ so far.* — waiting for SmartAssist, which allows \d+ requests? a minute$/,
    {
      timeout: 90_000,
    },
  )
  // The server knows the time left once it has covered a first window.
  await expect(status).toHaveText(
    /^Loading… [\d,]+ so far · (less than a minute|about \d+ (min|h)( \d+ min)?) left/,
    {
      timeout: 120_000,
    },
  )
  await expect(page.getByRole('progressbar')).toBeVisible()
  // Leaving mid-stream is fine: the server stops that range and keeps what it stored.
})
