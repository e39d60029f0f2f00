// The one error type the browser side throws for a failed /api call: what the user should do next is in
// `message` (the proxy already words it that way); the rest is for the Retry button and the status line.

export class ApiError extends Error {
  override readonly name = 'ApiError'
  /** HTTP status of the proxy's answer; 0 when the server could not be reached at all */
  readonly status: number
  /** the status SmartAssist answered the proxy with, when the proxy says so */
  readonly upstreamStatus: number | undefined
  /** seconds to wait before a retry has a chance, from the Retry-After header */
  readonly retryAfterSec: number | undefined

  constructor(
    status: number,
    message: string,
    extra: { upstreamStatus?: number; retryAfterSec?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause })
    this.status = status
    this.upstreamStatus = extra.upstreamStatus
    this.retryAfterSec = extra.retryAfterSec
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, Math.ceil((at - now) / 1000))
}

export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'name' in error && (error as Error).name === 'AbortError'
  )
}
