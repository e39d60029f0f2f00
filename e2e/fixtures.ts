import { test as base, expect } from '@playwright/test'

/**
 * Every spec's `test`: the page is served by `npm start` with its Content-Security-Policy on, and a
 * test fails if the browser reports any CSP violation while it runs (a blocked script or style is a
 * broken page even when the assertions happen not to look at it).
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = []
      page.on('console', (msg) => {
        if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) violations.push(msg.text())
      })
      await use(violations)
      expect(violations, 'CSP violations reported in the console').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
