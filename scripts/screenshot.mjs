// Looks at the page as a person would: `node scripts/screenshot.mjs <url> <out.png> [waitForText]`.
import { chromium } from '@playwright/test'
import { resolveChromium } from './chromium-path.mjs'

const [url = 'http://127.0.0.1:5173/', out = '.screenshots/page.png', waitFor = 'conversations'] =
  process.argv.slice(2)
const browser = await chromium.launch({
  executablePath: resolveChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
})
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
page.on('console', (m) => m.type() === 'error' && console.log('console.error:', m.text()))
page.on('pageerror', (e) => console.log('pageerror:', e.message))
await page.goto(url)
try {
  await page.getByRole('status').filter({ hasText: waitFor }).first().waitFor({ timeout: 60_000 })
} catch {
  console.log(`"${waitFor}" did not appear within 60 s`)
}
await page.screenshot({ path: out, fullPage: false })
console.log(await page.getByRole('status').first().textContent())
await browser.close()
