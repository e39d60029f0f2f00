import type { Clock } from './clock'
import { networkReason } from './errors'
import { MAX_RATE_PAUSE_MS } from './protection-limits'
import type { Priority, RateLimiter } from './rate-limiter'
import type { Upstream, UpstreamResponse } from './upstream'
import type { CallDetailsQuery } from './validate-request'

export type RetryPolicy = {
  /** retries after the first attempt, for 429 and 5xx only */
  maxRetries: number
  baseDelayMs: number
  /** a Retry-After longer than this is not waited for: the caller gets it back instead */
  maxWaitMs: number
  /** [0, 1); injectable so tests get exact delays */
  random: () => number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 1_000,
  maxWaitMs: 60_000,
  random: Math.random,
}

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000

export type Attempt =
  | { kind: 'response'; response: UpstreamResponse }
  | { kind: 'timeout' }
  | { kind: 'network'; error: unknown }

/** The last attempt, how many were made, and for a 429/5xx how long the caller should wait. */
export type Outcome = Attempt & { attempts: number; retryAfterSeconds?: number }

export type RetryDeps = {
  upstream: Upstream
  clock: Clock
  /** absent in demo mode, which is not rate-limited */
  limiter: RateLimiter | undefined
  policy: RetryPolicy
  timeoutMs: number
  log: (line: string) => void
  /** whose request this is: the sync waits behind people (default 'person') */
  priority?: Priority
}

export function isRetryable(status: number): boolean {
  return status === 429 || status >= 500
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so callers spread out. */
export function backoffMs(retryIndex: number, policy: RetryPolicy): number {
  const step = policy.baseDelayMs * 2 ** retryIndex
  return step / 2 + policy.random() * (step / 2)
}

/**
 * One upstream call bounded by the timeout. The timeout starts here, after the rate limiter has let
 * the request go, so time queued for the budget never counts. Rejects only when `signal` aborts.
 */
async function attempt(deps: RetryDeps, q: CallDetailsQuery, signal: AbortSignal): Promise<Attempt> {
  signal.throwIfAborted()
  const call = new AbortController() // aborts the upstream call: client gone or timed out
  const timer = new AbortController() // cancels the timeout once the race is over
  const forwardAbort = () => call.abort(signal.reason)
  signal.addEventListener('abort', forwardAbort, { once: true })
  try {
    const answered = deps.upstream.calldetails(q, call.signal).then(
      (response): Attempt => ({ kind: 'response', response }),
      (error: unknown): Attempt => ({ kind: 'network', error }),
    )
    const timedOut = deps.clock.sleep(deps.timeoutMs, AbortSignal.any([timer.signal, call.signal])).then(
      (): Attempt => {
        call.abort(new DOMException('SmartAssist did not answer in time', 'TimeoutError'))
        return { kind: 'timeout' }
      },
      // cancelled: either the answer won, or the client left (settles the race even if the
      // upstream ignores its signal)
      (): Attempt => ({ kind: 'network', error: signal.reason }),
    )
    const result = await Promise.race([answered, timedOut])
    signal.throwIfAborted()
    return result
  } finally {
    signal.removeEventListener('abort', forwardAbort)
    timer.abort()
  }
}

function describeAttempt(a: Attempt): string {
  if (a.kind === 'response') return String(a.response.status)
  if (a.kind === 'timeout') return 'timeout'
  return `network error (${networkReason(a.error)})`
}

/**
 * Calls upstream, retrying 429 and 5xx with backoff (at least Retry-After). Every attempt takes a
 * grant from the rate budget. 4xx other than 429, timeouts and network errors are not retried.
 */
export async function callWithRetry(
  deps: RetryDeps,
  q: CallDetailsQuery,
  signal: AbortSignal,
): Promise<Outcome> {
  const { clock, policy, limiter } = deps
  const window = `${q.body.startDate}..${q.body.endDate}`
  for (let attempts = 1; ; attempts++) {
    const grant = await limiter?.acquire(signal, deps.priority)
    const started = clock.now()
    let result: Attempt
    try {
      result = await attempt(deps, q, signal)
      grant?.done()
    } catch (error) {
      grant?.done()
      deps.log(
        `calldetails offset=${q.offset} limit=${q.limit} window=${window}: client went away after ${clock.now() - started} ms`,
      )
      throw error
    }
    deps.log(
      `calldetails offset=${q.offset} limit=${q.limit} window=${window}: ${describeAttempt(result)} ` +
        `in ${clock.now() - started} ms (attempt ${attempts})`,
    )
    if (result.kind !== 'response' || !isRetryable(result.response.status)) return { ...result, attempts }

    const asked = parseRetryAfter(result.response.headers.get('retry-after'), clock.now())
    // No wait longer than the pause cap: SmartAssist's window is a minute, a longer ask is a fault.
    const retryAfterMs = asked === undefined ? undefined : Math.min(asked, MAX_RATE_PAUSE_MS)
    if (asked !== undefined && asked > MAX_RATE_PAUSE_MS) {
      deps.log(
        `SmartAssist asked to wait ${Math.round(asked / 1000)} s (Retry-After); pausing ${MAX_RATE_PAUSE_MS / 1000} s at most`,
      )
    }
    // A 429 means the account's budget is spent for everyone: hold every request, not just this one.
    if (result.response.status === 429 && retryAfterMs !== undefined) {
      limiter?.blockUntil(clock.now() + retryAfterMs)
    }
    const delay = Math.max(retryAfterMs ?? 0, backoffMs(attempts - 1, policy))
    if (attempts > policy.maxRetries || delay > policy.maxWaitMs) {
      return { ...result, attempts, retryAfterSeconds: Math.max(1, Math.ceil(delay / 1000)) }
    }
    await clock.sleep(delay, signal)
  }
}
