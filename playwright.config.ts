import { defineConfig } from '@playwright/test'
import { resolveChromium } from './scripts/chromium-path.mjs'

const port = Number(process.env.E2E_PORT ?? 4179)
const baseURL = `http://127.0.0.1:${port}`
// A second dashboard in live mode, against a loopback SmartAssist, with a small rate budget: what a
// supervisor sees while the server waits for SmartAssist (e2e/live-progress.spec.ts).
const livePort = port + 1
const fakePort = port + 2
export const LIVE_RATE_LIMIT = 10
process.env.E2E_LIVE_URL = `http://127.0.0.1:${livePort}`
// A third dashboard in demo mode with a busy synthetic account (at any hour of the week several new
// conversations a minute; the default 700 a day often has none for an hour at night): what a live
// range gains as real time passes (e2e/live.spec.ts).
const busyPort = port + 3
process.env.E2E_BUSY_DEMO_URL = `http://127.0.0.1:${busyPort}`
const BUSY_DEMO_PER_DAY = '300000'
process.env.E2E_BUSY_DEMO_PER_DAY = BUSY_DEMO_PER_DAY

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A `test.only` left in a spec fails the run in CI instead of quietly skipping every other test.
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: resolveChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      // e2e runs against the production build served by `npm start`, in demo mode.
      command: 'npm start',
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { HOST: '127.0.0.1', PORT: String(port), DASHBOARD_SKIP_DOTENV: '1' },
    },
    {
      command: `node --import tsx scripts/fake-smartassist.ts ${fakePort} 2000`,
      port: fakePort,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'npm start',
      url: `http://127.0.0.1:${livePort}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        HOST: '127.0.0.1',
        PORT: String(livePort),
        DASHBOARD_SKIP_DOTENV: '1',
        SMARTASSIST_HOST: `http://127.0.0.1:${fakePort}`,
        SMARTASSIST_ACCOUNT_ID: 'synthetic-account',
        SMARTASSIST_IID: 'st-e2e',
        SMARTASSIST_JWT: 'e2e.fake.jwt',
        SMARTASSIST_RATE_LIMIT: String(LIVE_RATE_LIMIT),
        SMARTASSIST_SYNC_DAYS: '0',
        DATA_DIR: 'memory',
      },
    },
    {
      command: 'npm start',
      url: `http://127.0.0.1:${busyPort}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        HOST: '127.0.0.1',
        PORT: String(busyPort),
        DASHBOARD_SKIP_DOTENV: '1',
        SMARTASSIST_DEMO_PER_DAY: BUSY_DEMO_PER_DAY,
      },
    },
  ],
})
