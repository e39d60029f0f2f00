import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// Two projects: pure logic and the server run in Node (jose needs Node's realm),
// React components in jsdom.
export default defineConfig({
  plugins: [react()],
  test: {
    // Generous: CI has 2 cores shared by process-level tests; a hung test still fails.
    testTimeout: 20_000,
    // A `.only` left in a test fails the run in CI instead of quietly skipping every other test.
    allowOnly: !process.env.CI,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['src/test/setup-dom.ts'],
        },
      },
    ],
  },
})
