// The real HTTP call behind the fetch engine's PostPage: POST /api/calldetails through the dashboard's proxy.
// The proxy already retries upstream 429/5xx, so nothing here retries: a failure becomes an ApiError whose
// message says what to do next.

import { ApiError, isAbortError, parseRetryAfter } from './api-error'
import type { PageRequest, PostPage } from './fetch-engine'

export type PostPageOptions = {
  /** origin or path prefix in front of /api (default: same origin) */
  baseUrl?: string
  /** send Cache-Control: no-cache so the server refreshes its cached windows (the Refresh button) */
  noCache?: boolean
  fetch?: typeof fetch
}

export function createPostPage(options: PostPageOptions = {}): PostPage {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '')
  return async (req: PageRequest, signal: AbortSignal) => {
    // Resolve at call time so tests (and msw) that patch globalThis.fetch are honoured.
    const doFetch = options.fetch ?? globalThis.fetch
    const url = `${base}/api/calldetails?offset=${req.offset}&limit=${req.limit}`
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
    if (options.noCache) headers['cache-control'] = 'no-cache'
    const body = JSON.stringify({ startDate: req.startDate, endDate: req.endDate, timeZoneOffset: 0 })

    let res: Response
    try {
      res = await doFetch(url, { method: 'POST', headers, body, signal })
    } catch (error) {
      if (isAbortError(error) || signal.aborted) throw error
      throw new ApiError(
        0,
        'Could not reach the dashboard server: check that it is running and the network is up, then retry.',
        { cause: error },
      )
    }
    const text = await res.text()
    const json = parseJson(text)
    if (!res.ok) throw errorFromResponse(res, json, text)
    if (json === undefined) {
      throw new ApiError(
        res.status,
        `The dashboard server answered with something that is not JSON (${preview(text)}): is /api served by the dashboard's proxy?`,
      )
    }
    if (typeof json !== 'object' || json === null) {
      throw new ApiError(
        res.status,
        'SmartAssist answered with an unexpected shape (no data list): retry later.',
      )
    }
    const { data, numResults } = json as { data?: unknown; numResults?: unknown }
    if (Array.isArray(data)) return { data }
    // An empty window may come back as {numResults: 0} with no list.
    if (data === undefined && (numResults === 0 || numResults === undefined)) return { data: [] }
    throw new ApiError(
      res.status,
      'SmartAssist answered with an unexpected shape (no data list): retry later.',
    )
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function errorFromResponse(res: Response, json: unknown, text: string): ApiError {
  const retryAfterSec = parseRetryAfter(res.headers.get('retry-after'))
  const fields = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {}
  const upstreamStatus = typeof fields.upstreamStatus === 'number' ? fields.upstreamStatus : undefined
  const statusText = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`
  let message: string
  if (typeof fields.error === 'string' && fields.error.trim() !== '') message = fields.error
  else if (json === undefined)
    message = `The dashboard server answered ${statusText} with a body that is not JSON (${preview(text)}): check that the dashboard server is running and reachable, then retry.`
  else
    message = `The dashboard server answered ${statusText}: retry, and check the server log if it persists.`
  return new ApiError(res.status, message, {
    ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
    ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
  })
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  if (oneLine === '') return 'an empty body'
  return `"${oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine}"`
}
