import { configure, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse, http } from 'msw'
import { act } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSyntheticSmartAssist } from '../mocks/synthetic-smartassist'
import { createDemoApiServer } from '../test/msw-server'
import { AppProviders, createQueryClient } from './app-providers'
import { DashboardPage } from './dashboard-page'

const server = createDemoApiServer()
// Rows are first published FIRST_PUBLISH_MS (1 s) after the request: wait longer than RTL's 1 s default.
configure({ asyncUtilTimeout: 4_000 })
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

const navigate = (url: string) =>
  act(() => {
    window.history.pushState(null, '', url)
    window.dispatchEvent(new PopStateEvent('popstate'))
  })

const status = () => screen.getByRole('status').textContent ?? ''
const gridRows = () =>
  Number(screen.getByRole('grid', { name: 'Conversations' }).getAttribute('aria-rowcount')) - 1

/** Every text the status showed, in order (what a screen reader could have announced). */
function recordStatusTexts(): { texts: string[]; stop: () => void } {
  const element = screen.getByRole('status')
  const texts = [element.textContent ?? '']
  const see = () => {
    const text = element.textContent ?? ''
    if (texts[texts.length - 1] !== text) texts.push(text)
  }
  const observer = new MutationObserver(see)
  observer.observe(element, { childList: true, characterData: true, subtree: true })
  return {
    texts,
    stop: () => {
      if (observer.takeRecords().length > 0) see()
      observer.disconnect()
    },
  }
}

// ---- a range stream the test writes line by line (the format of GET /api/conversations) ----

type Event = Record<string, unknown> & { type: string }

type ServedRange = {
  request: Request
  send: (...events: Event[]) => void
  /** ends the response without a last line: a cut connection */
  cut: () => void
}

/** Answers GET /api/conversations with streams the test controls; `served` lists them in order. */
function controlledRanges(): ServedRange[] {
  const served: ServedRange[] = []
  const encoder = new TextEncoder()
  server.use(
    http.get('*/api/conversations', ({ request }) => {
      let controller: ReadableStreamDefaultController<Uint8Array> | undefined
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          controller = c
        },
      })
      const safely = (f: () => void) => {
        try {
          f()
        } catch {
          // the page already let go of this response
        }
      }
      served.push({
        request,
        send: (...events) =>
          safely(() => {
            for (const e of events) controller?.enqueue(encoder.encode(`${JSON.stringify(e)}\n`))
            if (events.some((e) => e.type === 'done' || e.type === 'error')) controller?.close()
          }),
        cut: () => safely(() => controller?.close()),
      })
      return new HttpResponse(body, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8' } })
    }),
  )
  return served
}

function rawRecords(from: number, n: number): unknown[] {
  return Array.from({ length: n }, (_, k) => ({
    conversationId: `c-${from + k}`,
    sessionId: `s-${from + k}`,
    channel: 'Voice',
    sessionStartTime: new Date(DAY_START + (from + k) * 60_000).toISOString(),
  }))
}
const records = (from: number, n: number): Event => ({ type: 'records', records: rawRecords(from, n) })
const progress = (over: Partial<Record<string, unknown>> = {}): Event => ({
  type: 'progress',
  coveredMs: 43_200_000,
  totalMs: 86_400_000,
  records: 0,
  requests: 1,
  etaMs: null,
  waitingForBudget: false,
  rateLimitPerMinute: 60,
  ...over,
})
const done = (count: number): Event => ({
  type: 'done',
  count,
  fetchedAt: Date.parse('2024-11-19T10:42:00Z'),
})

async function nthRequest(served: ServedRange[], n: number): Promise<ServedRange> {
  await waitFor(() => expect(served.length).toBeGreaterThanOrEqual(n))
  return served[n - 1] as ServedRange
}

describe('the dashboard page on demo data', () => {
  it('counts every conversation of the range and says it shows demo data', async () => {
    renderAt('/?from=2024-11-18&to=2024-11-19&tz=UTC')
    expect(status()).toMatch(/^Loading/)
    await waitFor(() => expect(status()).toBe(countText), { timeout: 15_000 })
    expect(screen.getByText(/demo data/i)).toBeTruthy()
    expect(screen.getByRole('grid', { name: 'Conversations' })).toBeTruthy()
    expect(screen.queryByText(/Synced through|Syncing/)).toBeNull()
  })

  it('asks for the whole range in one request, as UTC instants', async () => {
    const asked: URL[] = []
    server.use(
      http.get('*/api/conversations', ({ request }) => {
        asked.push(new URL(request.url))
        return undefined // on to the demo server
      }),
    )
    renderAt('/?from=2024-11-18&to=2024-11-19&tz=America/New_York')
    await waitFor(() => expect(status()).toMatch(/conversations?$/), { timeout: 15_000 })
    expect(asked).toHaveLength(1)
    expect(asked[0]?.searchParams.get('start')).toBe('2024-11-18T05:00:00.000Z')
    expect(asked[0]?.searchParams.get('end')).toBe('2024-11-20T04:59:59.999Z')
  })

  it('an 8-day link loads nothing and offers the first 7 days', async () => {
    const asked: string[] = []
    server.use(
      http.get('*/api/conversations', ({ request }) => {
        asked.push(request.url)
        return undefined
      }),
    )
    renderAt('/?from=2024-11-01&to=2024-11-08&tz=UTC')
    expect(screen.getByRole('alert').textContent).toContain('at most 7 days')
    expect(asked).toEqual([])
    await userEvent.click(screen.getByRole('button', { name: /^Load Nov 1, 2024/ }))
    expect(window.location.search).toContain('from=2024-11-01&to=2024-11-07')
    await waitFor(() => expect(asked.length).toBe(1))
  })

  it('Refresh asks the server to fetch again (no-cache), for its own range only', async () => {
    const noCache: boolean[] = []
    server.use(
      http.get('*/api/conversations', ({ request }) => {
        noCache.push(/no-cache/.test(request.headers.get('cache-control') ?? ''))
        return undefined
      }),
    )
    renderAt('/?from=2024-11-18&tz=UTC')
    await waitFor(() => expect(status()).toMatch(/conversations?$/), { timeout: 15_000 })
    expect(noCache).toEqual([false])
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    await waitFor(() => expect(status()).toMatch(/conversations?$/), { timeout: 15_000 })
    expect(noCache).toEqual([false, true])
    navigate('/?from=2024-11-20&tz=UTC')
    await waitFor(() => expect(noCache.length).toBe(3))
    await waitFor(() => expect(status()).toMatch(/conversations?$/), { timeout: 15_000 })
    expect(noCache).toEqual([false, true, false])
  })
})

describe('the range stream on the page', () => {
  it('shows rows as they arrive, and the count only after the last line', async () => {
    const served = controlledRanges()
    renderAt('/?from=2024-11-18&tz=UTC')
    const recorder = recordStatusTexts()
    const range = await nthRequest(served, 1)
    range.send(records(0, 3), progress({ records: 3 }))
    await waitFor(() => expect(status()).toBe('Loading… 3 so far'))
    await waitFor(() => expect(gridRows()).toBe(3))
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50')
    range.send(records(3, 2), progress({ records: 5, coveredMs: 80_000_000 }))
    await waitFor(() => expect(status()).toBe('Loading… 5 so far'))
    await waitFor(() => expect(gridRows()).toBe(5))
    range.send(done(5))
    await waitFor(() => expect(status()).toBe('5 conversations'))
    recorder.stop()
    // Until the last line the status never reads like an answer.
    const beforeDone = recorder.texts.slice(0, -1)
    expect(beforeDone.length).toBeGreaterThan(1)
    for (const text of beforeDone) {
      expect(text).toMatch(/^Loading…/)
      expect(text).not.toMatch(/conversations?$/)
    }
    expect(screen.getByText(/Data as of Nov 19, 10:42:00/)).toBeTruthy()
    expect(screen.queryByRole('progressbar')).toBeNull()
  })

  it('a range the server already holds appears whole, without a progress phase', async () => {
    const served = controlledRanges()
    renderAt('/?from=2024-11-18&tz=UTC')
    const recorder = recordStatusTexts()
    const range = await nthRequest(served, 1)
    range.send(records(0, 3), records(3, 3))
    await new Promise((r) => setTimeout(r, 1_000))
    range.send(progress({ records: 6, coveredMs: 86_400_000, requests: 0 }), done(6))
    await waitFor(() => expect(status()).toBe('6 conversations'))
    recorder.stop()
    expect(recorder.texts).toEqual(['Loading…', '6 conversations'])
  })

  it('says how long is left and when it is waiting for SmartAssist’s budget', async () => {
    const served = controlledRanges()
    renderAt('/?from=2024-11-18&tz=UTC')
    const range = await nthRequest(served, 1)
    range.send(records(0, 2), progress({ records: 2, etaMs: 125_000 }))
    await waitFor(() => expect(status()).toBe('Loading… 2 so far · about 2 min left'))
    range.send(progress({ records: 2, etaMs: 40_000, waitingForBudget: true }))
    await waitFor(() =>
      expect(status()).toBe(
        'Loading… 2 so far · less than a minute left — waiting for SmartAssist, which allows 60 requests a minute',
      ),
    )
    range.send(progress({ records: 2, etaMs: null, waitingForBudget: false }))
    await waitFor(() => expect(status()).toBe('Loading… 2 so far'))
    range.send(done(2))
    await waitFor(() => expect(status()).toBe('2 conversations'))
  })

  it('an error mid-stream keeps the rows, says what to do, and Retry asks again for the same range', async () => {
    const served = controlledRanges()
    renderAt('/?from=2024-11-18&tz=UTC')
    const first = await nthRequest(served, 1)
    first.send(records(0, 3), progress({ records: 3 }), {
      type: 'error',
      error: 'SmartAssist kept failing (HTTP 503); press Retry in a minute.',
      status: 503,
      retryAfterSeconds: 30,
    })
    const retry = await screen.findByRole('button', { name: 'Retry' })
    const alert = screen.getByRole('alert').textContent
    expect(alert).toContain('SmartAssist kept failing (HTTP 503); press Retry in a minute.')
    expect(alert).toContain('wait 30 s')
    expect(status()).toBe('Incomplete: 3 loaded before an error')
    await waitFor(() => expect(gridRows()).toBe(3))

    await userEvent.click(retry)
    const second = await nthRequest(served, 2)
    expect(second.request.url).toBe(first.request.url)
    expect(second.request.headers.get('cache-control')).toBeNull()
    // What was shown stays while the server sends what it holds again.
    expect(status()).toBe('Loading… 3 so far')
    second.send(records(0, 2))
    await new Promise((r) => setTimeout(r, 1_300))
    expect(status()).toBe('Loading… 3 so far')
    expect(gridRows()).toBe(3)
    second.send(records(2, 1), records(3, 4), done(7))
    await waitFor(() => expect(status()).toBe('7 conversations'))
    await waitFor(() => expect(gridRows()).toBe(7))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('a connection cut before the last line keeps the rows and offers Retry', async () => {
    const served = controlledRanges()
    renderAt('/?from=2024-11-18&tz=UTC')
    const first = await nthRequest(served, 1)
    first.send(records(0, 4))
    first.cut()
    await screen.findByRole('button', { name: 'Retry' })
    expect(screen.getByRole('alert').textContent).toContain(
      'The connection to the dashboard server was cut; press Retry.',
    )
    expect(status()).toBe('Incomplete: 4 loaded before an error')
    await waitFor(() => expect(gridRows()).toBe(4))
  })

  it('a server that refuses the range says why', async () => {
    server.use(
      http.get('*/api/conversations', () =>
        HttpResponse.json(
          { error: "SmartAssist's rate budget is taken for the next 90 s. Press Retry in 90 s." },
          { status: 503, headers: { 'retry-after': '90' } },
        ),
      ),
    )
    renderAt('/?from=2024-11-18&tz=UTC')
    await screen.findByRole('button', { name: 'Retry' })
    expect(screen.getByRole('alert').textContent).toContain('rate budget is taken')
    expect(screen.getByRole('alert').textContent).toContain('wait 90 s')
  })

  it('leaving the range aborts its request; coming back asks again and keeps what was shown', async () => {
    const served = controlledRanges()
    renderAt('/?from=2024-11-18&tz=UTC')
    const first = await nthRequest(served, 1)
    first.send(records(0, 3), progress({ records: 3 }))
    await waitFor(() => expect(status()).toBe('Loading… 3 so far'))

    navigate('/?from=2024-11-25&tz=UTC')
    const other = await nthRequest(served, 2)
    expect(new URL(other.request.url).searchParams.get('start')).toBe('2024-11-25T00:00:00.000Z')
    await waitFor(() => expect(first.request.signal.aborted).toBe(true))
    other.send(records(100, 1), done(1))
    await waitFor(() => expect(status()).toBe('1 conversation'))

    navigate('/?from=2024-11-18&tz=UTC')
    const again = await nthRequest(served, 3)
    expect(again.request.url).toBe(first.request.url)
    expect(status()).toBe('Loading… 3 so far')
    await waitFor(() => expect(gridRows()).toBe(3))
    again.send(records(0, 6), done(6))
    await waitFor(() => expect(status()).toBe('6 conversations'))
  })

  it('coming back to a range that finished shows it at once, without asking again', async () => {
    const served = controlledRanges()
    renderAt('/?from=2024-11-18&tz=UTC')
    ;(await nthRequest(served, 1)).send(records(0, 2), done(2))
    await waitFor(() => expect(status()).toBe('2 conversations'))
    navigate('/?from=2024-11-25&tz=UTC')
    ;(await nthRequest(served, 2)).send(done(0))
    await waitFor(() => expect(status()).toBe('0 conversations'))
    const recorder = recordStatusTexts()
    navigate('/?from=2024-11-18&tz=UTC')
    expect(status()).toBe('2 conversations')
    recorder.stop()
    expect(recorder.texts).toEqual(['0 conversations', '2 conversations'])
    expect(served).toHaveLength(2)
  })

  it('a line the page cannot read is an error with Retry, not a crash', async () => {
    const encoder = new TextEncoder()
    server.use(
      http.get(
        '*/api/conversations',
        () =>
          new HttpResponse(
            encoder.encode(`${JSON.stringify(records(0, 2))}\n{"type":"progress","coveredMs":"half"}\n`),
            { headers: { 'content-type': 'application/x-ndjson' } },
          ),
      ),
    )
    renderAt('/?from=2024-11-18&tz=UTC')
    await screen.findByRole('button', { name: 'Retry' })
    expect(screen.getByRole('alert').textContent).toMatch(/not a range event \(line 2: coveredMs/)
    expect(status()).toBe('Incomplete: 2 loaded before an error')
  })

  it('a count that disagrees with the records sent is an error, never a silent short count', async () => {
    const served = controlledRanges()
    renderAt('/?from=2024-11-18&tz=UTC')
    ;(await nthRequest(served, 1)).send(records(0, 2), done(3))
    await screen.findByRole('button', { name: 'Retry' })
    expect(screen.getByRole('alert').textContent).toContain('counted 3 records but sent 2')
  })
})

describe('how far the server’s store reaches (live mode)', () => {
  const live = (sync: unknown) =>
    server.use(
      http.get('*/api/config', () =>
        HttpResponse.json({ mode: 'live', accountId: 'acc-1', rateLimitPerMinute: 60, sync, store: 'ok' }),
      ),
    )

  it('says the store is synced through a time, in the display zone', async () => {
    const coveredTo = Date.now() - 5 * 60_000
    live({ days: 7, coveredFrom: coveredTo - 7 * 86_400_000, coveredTo, state: 'current' })
    const served = controlledRanges()
    renderAt('/?from=2024-11-18&tz=Asia/Kolkata')
    const hhmm = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Kolkata',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(coveredTo)
    expect(await screen.findByText(`Synced through ${hhmm}`)).toBeTruthy()
    ;(await nthRequest(served, 1)).send(done(0))
  })

  it('says it is syncing while the store fills', async () => {
    live({ days: 7, coveredFrom: null, coveredTo: null, state: 'filling' })
    const served = controlledRanges()
    renderAt('/?from=2024-11-18&tz=UTC')
    expect(await screen.findByText('Syncing the last 7 days…')).toBeTruthy()
    ;(await nthRequest(served, 1)).send(done(0))
  })
})
