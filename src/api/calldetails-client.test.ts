import { describe, expect, it } from 'vitest'
import { ApiError, parseRetryAfter } from './api-error'
import { createPostPage } from './calldetails-client'

const REQ = {
  startDate: '2024-11-18T00:00:00.000Z',
  endDate: '2024-11-18T05:59:59.999Z',
  offset: 2,
  limit: 100,
}

type Seen = { url: string; init: RequestInit | undefined }

function fakeFetch(respond: () => Response | Promise<Response>, seen: Seen[] = []): typeof fetch {
  return async (input, init) => {
    seen.push({ url: String(input), init })
    return respond()
  }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

describe('createPostPage', () => {
  it('posts the window to the proxy with offset and limit in the query, UTC instants and offset 0', async () => {
    const seen: Seen[] = []
    const postPage = createPostPage({
      fetch: fakeFetch(() => json({ numResults: 1, data: [{ sessionId: 's1' }] }), seen),
    })
    const res = await postPage(REQ, new AbortController().signal)
    expect(res.data).toEqual([{ sessionId: 's1' }])
    expect(seen[0]?.url).toBe('/api/calldetails?offset=2&limit=100')
    expect(seen[0]?.init?.method).toBe('POST')
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({
      startDate: REQ.startDate,
      endDate: REQ.endDate,
      timeZoneOffset: 0,
    })
    const headers = (seen[0]?.init?.headers ?? {}) as Record<string, string>
    expect(headers['content-type']).toBe('application/json')
    expect(headers['cache-control']).toBeUndefined()
  })

  it('asks the server to refresh its cache when noCache is set (the Refresh button)', async () => {
    const seen: Seen[] = []
    const postPage = createPostPage({
      baseUrl: 'http://dash.local/',
      noCache: true,
      fetch: fakeFetch(() => json({ data: [] }), seen),
    })
    await postPage(REQ, new AbortController().signal)
    expect(seen[0]?.url).toBe('http://dash.local/api/calldetails?offset=2&limit=100')
    const headers = (seen[0]?.init?.headers ?? {}) as Record<string, string>
    expect(headers['cache-control']).toBe('no-cache')
  })

  it('reads an empty window answered without a list', async () => {
    const postPage = createPostPage({ fetch: fakeFetch(() => json({ numResults: 0 })) })
    await expect(postPage(REQ, new AbortController().signal)).resolves.toEqual({ data: [] })
  })

  it('turns the proxy’s error answers into an ApiError with its message, upstream status and Retry-After', async () => {
    const body = { error: 'SmartAssist is rate limiting: retry in a minute.', upstreamStatus: 429 }
    const postPage = createPostPage({ fetch: fakeFetch(() => json(body, 503, { 'retry-after': '42' })) })
    const error = await postPage(REQ, new AbortController().signal).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 503, message: body.error, upstreamStatus: 429, retryAfterSec: 42 })
  })

  it('says plainly when the answer is not JSON (no proxy behind /api)', async () => {
    const html = () => new Response('<!doctype html><html>…</html>', { status: 200 })
    const error = await createPostPage({ fetch: fakeFetch(html) })(REQ, new AbortController().signal).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(/not JSON.*proxy/)

    const gateway = () => new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' })
    const error2 = await createPostPage({ fetch: fakeFetch(gateway) })(
      REQ,
      new AbortController().signal,
    ).catch((e: unknown) => e)
    expect(error2).toMatchObject({ status: 502 })
    expect((error2 as ApiError).message).toMatch(/502 Bad Gateway.*not JSON.*"Bad Gateway"/)
  })

  it('says the server could not be reached when the network fails', async () => {
    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed')
    }
    const error = await createPostPage({ fetch: down })(REQ, new AbortController().signal).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ status: 0 })
    expect((error as ApiError).message).toMatch(/Could not reach the dashboard server/)
  })

  it('lets an abort through as the AbortError', async () => {
    const controller = new AbortController()
    const hang: typeof fetch = (_input, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))
    const pending = createPostPage({ fetch: hang })(REQ, controller.signal)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120)
    expect(parseRetryAfter(new Date(Date.UTC(2024, 0, 1, 0, 1)).toUTCString(), Date.UTC(2024, 0, 1))).toBe(60)
    expect(parseRetryAfter(null)).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
  })
})
