import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { delay, HttpResponse, http } from 'msw'
import { act } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSyntheticSmartAssist } from '../mocks/synthetic-smartassist'
import { createDemoApiServer } from '../test/msw-server'
import { AppProviders, createQueryClient } from './app-providers'
import { DashboardPage } from './dashboard-page'

const server = createDemoApiServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const DAY_START = Date.parse('2024-11-18T00:00:00.000Z')
const truth = createSyntheticSmartAssist().listIdentities(DAY_START, DAY_START + 2 * 86_400_000 - 1).length
const countText = `${truth.toLocaleString('en-US')} conversations`

function renderAt(url: string) {
  window.history.replaceState(null, '', url)
  return render(
    <AppProviders client={createQueryClient()}>
      <DashboardPage />
    </AppProviders>,
  )
}

describe('the dashboard page on demo data', () => {
  it('counts every conversation of the range and says it shows demo data', async () => {
    renderAt('/?from=2024-11-18&to=2024-11-19&tz=UTC')
    expect(screen.getByRole('status').textContent).toMatch(/^Loading/)
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(countText), { timeout: 15_000 })
    expect(screen.getByText(/demo data/i)).toBeTruthy()
    expect(screen.getByRole('grid', { name: 'Conversations' })).toBeTruthy()
  })

  it('Retry after an upstream failure fetches only what failed, and ends with the exact count', async () => {
    const asked: string[] = []
    let failures = 0
    server.use(
      http.post('*/api/calldetails', async ({ request }) => {
        const url = new URL(request.url)
        const body = (await request.clone().json()) as { startDate: string; endDate: string }
        const key = `${body.startDate}..${body.endDate}@${url.searchParams.get('offset')}`
        asked.push(key)
        // The third request fails once, as SmartAssist's 5xx would after the server's own retries.
        if (asked.length === 3 && failures === 0) {
          failures++
          return HttpResponse.json(
            { error: 'SmartAssist kept failing (HTTP 503); try again in a minute.', upstreamStatus: 503 },
            { status: 502, headers: { 'retry-after': '30' } },
          )
        }
        return undefined // fall through to the demo proxy
      }),
    )
    renderAt('/?from=2024-11-18&to=2024-11-19&tz=UTC')
    const retry = await screen.findByRole('button', { name: 'Retry' }, { timeout: 15_000 })
    expect(screen.getByRole('alert').textContent).toContain('SmartAssist kept failing')
    expect(screen.getByRole('alert').textContent).toContain('wait 30 s')
    expect(screen.getByRole('status').textContent).toMatch(/^Incomplete/)
    const failed = asked[2] as string
    const answeredBefore = new Set(asked.filter((k) => k !== failed))

    const before = asked.length
    await userEvent.click(retry)
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(countText), { timeout: 15_000 })
    const afterRetry = asked.slice(before)
    expect(afterRetry[0]).toBe(failed)
    expect(afterRetry.filter((k) => answeredBefore.has(k))).toEqual([])
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('an 8-day link loads nothing and offers the first 7 days', async () => {
    const asked: string[] = []
    server.use(
      http.post('*/api/calldetails', ({ request }) => {
        asked.push(request.url)
        return undefined
      }),
    )
    renderAt('/?from=2024-11-01&to=2024-11-08&tz=UTC')
    expect(screen.getByRole('alert').textContent).toContain('at most 7 days')
    await userEvent.click(screen.getByRole('button', { name: /^Load Nov 1, 2024/ }))
    expect(window.location.search).toContain('from=2024-11-01&to=2024-11-07')
    await waitFor(() => expect(asked.length).toBeGreaterThan(0))
  })

  it('a load interrupted by leaving the range resumes on coming back, asking again only what was cut off', async () => {
    const asked: string[] = []
    server.use(
      http.post('*/api/calldetails', async ({ request }) => {
        const body = (await request.clone().json()) as { startDate: string; endDate: string }
        asked.push(`${body.startDate}..${body.endDate}@${new URL(request.url).searchParams.get('offset')}`)
        await delay(30)
        return undefined
      }),
    )
    renderAt('/?from=2024-11-18&to=2024-11-19&tz=UTC')
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Loading… [1-9]/), {
      timeout: 15_000,
    })
    const navigate = (url: string) =>
      act(() => {
        window.history.pushState(null, '', url)
        window.dispatchEvent(new PopStateEvent('popstate'))
      })
    navigate('/?from=2024-11-25&tz=UTC')
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/conversations?$/), {
      timeout: 15_000,
    })
    const askedForA = () => asked.filter((k) => k.startsWith('2024-11-18') || k.startsWith('2024-11-19'))
    const beforeReturn = askedForA().length
    navigate('/?from=2024-11-18&to=2024-11-19&tz=UTC')
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(countText), { timeout: 15_000 })
    expect(askedForA().length).toBeGreaterThan(beforeReturn)
    // Requests cut off by leaving may be asked again; nothing that was answered is.
    const repeats = askedForA().filter((k, i, all) => all.indexOf(k) !== i)
    expect(repeats.length).toBeLessThanOrEqual(3)
  })

  it('Refresh bypasses the server cache for its own range only', async () => {
    const noCache: boolean[] = []
    server.use(
      http.post('*/api/calldetails', ({ request }) => {
        noCache.push(/no-cache/.test(request.headers.get('cache-control') ?? ''))
        return undefined
      }),
    )
    renderAt('/?from=2024-11-18&tz=UTC')
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/conversations?$/), {
      timeout: 15_000,
    })
    expect(noCache.every((v) => !v)).toBe(true)
    const firstLoad = noCache.length
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    await waitFor(() => expect(noCache.length).toBeGreaterThan(firstLoad))
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/conversations?$/), {
      timeout: 15_000,
    })
    expect(noCache.slice(firstLoad).every(Boolean)).toBe(true)
    const afterRefresh = noCache.length
    act(() => {
      window.history.pushState(null, '', '/?from=2024-11-20&tz=UTC')
      window.dispatchEvent(new PopStateEvent('popstate'))
    })
    await waitFor(() => expect(noCache.length).toBeGreaterThan(afterRefresh))
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/conversations?$/), {
      timeout: 15_000,
    })
    expect(noCache.slice(afterRefresh).some(Boolean)).toBe(false)
  })
})
