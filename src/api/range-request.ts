// The one HTTP call the page makes for data: GET /api/conversations?start&end (CONTRACT.md "Ranges").
// It answers with the stream's body, or throws an ApiError whose message says what to do next. The
// server retries upstream failures itself, so nothing here retries: the page offers a Retry button.

import { ApiError, isAbortError, parseRetryAfter } from './api-error'
import { CUT_MESSAGE } from './range-stream'

export type RangeRequestOptions = {
  /** Refresh: `Cache-Control: no-cache`, the server fetches the range again */
  noCache?: boolean
  signal?: AbortSignal
}

/** start and end are inclusive epoch ms, sent as UTC instants. */
export function rangeUrl(start: number, end: number): string {
  const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString())
  return `/api/conversations?start=${iso(start)}&end=${iso(end)}`
}

export async function requestRange(
  start: number,
  end: number,
  options: RangeRequestOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const headers: Record<string, string> = { accept: 'application/x-ndjson' }
  if (options.noCache) headers['cache-control'] = 'no-cache'
  let res: Response
  try {
    // globalThis.fetch at call time, so msw (tests) and the browser are the same path.
    res = await globalThis.fetch(rangeUrl(start, end), { headers, signal: options.signal })
  } catch (error) {
    if (isAbortError(error) || options.signal?.aborted) throw error
    throw new ApiError(
      0,
      'Could not reach the dashboard server: check that it is running and the network is up, then press Retry.',
      { cause: error },
    )
  }
  if (!res.ok) throw await errorFromResponse(res)
  const type = res.headers.get('content-type') ?? ''
  if (!/ndjson/i.test(type)) {
    const text = await res.text().catch(() => '')
    throw new ApiError(
      res.status,
      `The dashboard server answered with ${type || 'no content type'} instead of a range stream (${preview(text)}): is /api served by the dashboard's server?`,
    )
  }
  if (res.body === null) {
    throw new ApiError(0, CUT_MESSAGE)
  }
  return res.body
}

async function errorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const fields = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {}
  const statusText = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`
  const message =
    typeof fields.error === 'string' && fields.error.trim() !== ''
      ? fields.error
      : json === undefined
        ? `The dashboard server answered ${statusText} with a body that is not JSON (${preview(text)}): check that the dashboard server is running and reachable, then press Retry.`
        : `The dashboard server answered ${statusText}: press Retry, and check the server log if it persists.`
  const retryAfterSec = parseRetryAfter(res.headers.get('retry-after'))
  const upstreamStatus = typeof fields.upstreamStatus === 'number' ? fields.upstreamStatus : undefined
  return new ApiError(res.status, message, {
    ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
    ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
  })
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  if (oneLine === '') return 'an empty body'
  return `"${oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine}"`
}
