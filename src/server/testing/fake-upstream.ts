import type { Upstream, UpstreamResponse } from '../upstream'
import type { CallDetailsQuery } from '../validate-request'

export type RecordedCall = { q: CallDetailsQuery; signal: AbortSignal; at: number }

type Handler = (
  q: CallDetailsQuery,
  signal: AbortSignal,
  index: number,
) => UpstreamResponse | Promise<UpstreamResponse>

export function upstreamJson(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): UpstreamResponse {
  return { status, headers: new Headers(headers), body }
}

export const okPage = (q: CallDetailsQuery): UpstreamResponse =>
  upstreamJson(200, { numResults: 1, data: [{ sessionId: `s-${q.offset}-${q.body.startDate}` }] })

/** Never answers; rejects like fetch when the call is aborted. */
export function hang(signal: AbortSignal): Promise<UpstreamResponse> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
  )
}

/** An in-memory Upstream that records every call; answers with `handler` (default: a 200 page). */
export function createFakeUpstream(handler: Handler = okPage, now: () => number = Date.now) {
  const calls: RecordedCall[] = []
  const upstream: Upstream = {
    async calldetails(q, signal) {
      calls.push({ q, signal, at: now() })
      return handler(q, signal, calls.length - 1)
    },
  }
  return { upstream, calls }
}
