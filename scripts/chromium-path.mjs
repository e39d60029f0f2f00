// Which Chromium the e2e tests drive: CHROMIUM_PATH, else Debian's, else Playwright's own download.
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

export const INSTALL_HINT = 'apt-get update && apt-get install -y chromium'

export function resolveChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  const found = candidates.find((p) => p && existsSync(p))
  if (found) return found
  const bundled = chromium.executablePath()
  if (bundled && existsSync(bundled)) return bundled
  return undefined
}
