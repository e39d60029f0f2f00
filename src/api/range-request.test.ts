import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from './api-error'
import { rangeUrl, requestRange } from './range-request'

const START = Date.parse('2024-11-18T00:00:00.000Z')
const END = START + 86_400_000 - 1

afterEach(() => vi.restoreAllMocks())

function answer(response: Response) {
  return vi.spyOn(globalThis, 'fetch').mockResolvedValue(response)
}

describe('requestRange', () => {
  it('asks for the range as UTC instants, both ends inclusive', () => {
    expect(rangeUrl(START, END)).toBe(
      '/api/conversations?start=2024-11-18T00%3A00%3A00.000Z&end=2024-11-18T23%3A59%3A59.999Z',
    )
  })

  it('sends no-cache only for a Refresh', async () => {
    const fetch = answer(new Response('', { headers: { 'content-type': 'application/x-ndjson' } }))
    await requestRange(START, END)
    await requestRange(START, END, { noCache: true })
    const headers = fetch.mock.calls.map(([, init]) => new Headers(init?.headers).get('cache-control'))
    expect(headers).toEqual([null, 'no-cache'])
  })

  it('a 400 carries the server’s message', async () => {
    answer(Response.json({ error: 'end is before start: swap them.' }, { status: 400 }))
    await expect(requestRange(START, END)).rejects.toMatchObject({
      status: 400,
      message: 'end is before start: swap them.',
    })
  })

  it('a 503 carries Retry-After', async () => {
    answer(Response.json({ error: 'budget taken' }, { status: 503, headers: { 'retry-after': '45' } }))
    await expect(requestRange(START, END)).rejects.toMatchObject({ status: 503, retryAfterSec: 45 })
  })

  it('a page instead of a stream (no /api behind it) says so', async () => {
    answer(new Response('<!doctype html><title>x</title>', { headers: { 'content-type': 'text/html' } }))
    const error = await requestRange(START, END).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as Error).message).toMatch(/text\/html instead of a range stream/)
  })

  it('an unreachable server is status 0 with what to check', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'))
    await expect(requestRange(START, END)).rejects.toMatchObject({ status: 0, message: /Could not reach/ })
  })

  it('an abort stays an abort', async () => {
    const controller = new AbortController()
    controller.abort()
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new DOMException('aborted', 'AbortError'))
    await expect(requestRange(START, END, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
  })
})
