import { render, screen, waitFor } from '@testing-library/react'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createDemoApiServer } from '../test/msw-server'
import { AppProviders, createQueryClient } from './app-providers'
import { DashboardPage } from './dashboard-page'

// About 1,400 conversations a minute: more than one query can page through (11 x 100).
const server = createDemoApiServer(2_000_000)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

it('says plainly when a one-minute window holds more than SmartAssist can return', async () => {
  window.history.replaceState(null, '', '/?from=2024-11-18T12:00:00&to=2024-11-18T12:00:59.999&tz=UTC')
  render(
    <AppProviders client={createQueryClient()}>
      <DashboardPage />
    </AppProviders>,
  )
  await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/conversations$/), {
    timeout: 20_000,
  })
  const note = screen.getByRole('note')
  expect(note.textContent).toContain('The count is short')
  expect(note.textContent).toContain('1,100')
  expect(note.textContent).toMatch(/Nov 18, 12:00:00/)
}, 30_000)
