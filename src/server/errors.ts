import { MAX_UPSTREAM_BODY_BYTES } from './protection-limits'
import type { QueueFullError } from './rate-limiter'
import type { Outcome } from './retry'

/** Every error the proxy answers has this shape: what went wrong and what to do next. */
export type ErrorBody = { error: string; upstreamStatus?: number }

export type Answer = { status: number; json: string; headers: Record<string, string> }

export type AnswerContext = {
  /** "SmartAssist at https://…" or the demo generator, for network errors */
  upstreamName: string
  timeoutMs: number
  redact: (text: string) => string
}

export const UNEXPECTED_ERROR =
  'The dashboard server hit an unexpected error; see the server log, then press Retry.'

export const CREDENTIALS_REJECTED =
  'SmartAssist rejected the credentials (check SMARTASSIST_CLIENT_ID / SECRET or JWT)'

export function errorAnswer(status: number, body: ErrorBody, headers: Record<string, string> = {}): Answer {
  return { status, json: JSON.stringify(body), headers }
}

/** The rate budget turned a person's request away (CONTRACT.md "Protection"): 503 with when to ask again. */
export function queueFullAnswer(error: QueueFullError): Answer {
  const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000))
  const why =
    error.reason === 'waiting'
      ? `${error.waiting} requests are already waiting for SmartAssist's rate budget`
      : `SmartAssist's rate budget is taken for the next ${seconds} s`
  return errorAnswer(
    503,
    { error: `${why}. Press Retry in ${seconds} s; if this keeps happening, pick a shorter range.` },
    { 'retry-after': String(seconds) },
  )
}

/** The most useful line of an upstream error body; Kore.ai answers `{errors: [{msg, code}]}`. */
export function upstreamMessage(body: unknown): string {
  if (typeof body === 'string') return body.trim().slice(0, 300) || 'no message'
  if (typeof body === 'object' && body !== null) {
    const b = body as {
      errors?: Array<{ msg?: unknown; message?: unknown }>
      message?: unknown
      error?: unknown
    }
    const first = Array.isArray(b.errors) ? b.errors[0] : undefined
    for (const candidate of [first?.msg, first?.message, b.message, b.error]) {
      if (typeof candidate === 'string' && candidate.trim()) return candidate.trim().slice(0, 300)
    }
    return JSON.stringify(body).slice(0, 300)
  }
  return 'no message'
}

/** ECONNREFUSED, ENOTFOUND…: the part of a fetch failure an operator can act on. */
export function networkReason(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined
  if (typeof cause?.code === 'string') return cause.code
  if (typeof cause?.message === 'string') return cause.message
  return error instanceof Error ? error.message : String(error)
}

function isCallDetailsPage(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Array.isArray((body as { data?: unknown }).data)
}

/** Turns the final outcome of the upstream call into the proxy's answer. */
export function answerFor(outcome: Outcome, ctx: AnswerContext): Answer {
  if (outcome.kind === 'timeout') {
    return errorAnswer(504, {
      error: `${ctx.upstreamName} did not answer within ${Math.round(ctx.timeoutMs / 1000)} s. Press Retry; if it keeps happening, pick a shorter range.`,
    })
  }
  if (outcome.kind === 'network') {
    return errorAnswer(502, {
      error: ctx.redact(
        `Could not reach ${ctx.upstreamName} (${networkReason(outcome.error)}). Check SMARTASSIST_HOST and the server's network, then press Retry.`,
      ),
    })
  }

  const { status, body, headers, oversized } = outcome.response
  const upstreamStatus = status
  if (oversized) {
    return errorAnswer(502, {
      error: `${ctx.upstreamName} sent an answer over ${MAX_UPSTREAM_BODY_BYTES / 1024 / 1024} MB (status ${status}); the proxy stopped reading it. Press Retry; if it persists, check SMARTASSIST_HOST.`,
      upstreamStatus,
    })
  }
  if (status >= 200 && status < 300) {
    // Only the documented shape is passed on (and so cached): anything else is upstream's fault.
    if (isCallDetailsPage(body)) return { status: 200, json: JSON.stringify(body), headers: {} }
    return errorAnswer(502, {
      error: `${ctx.upstreamName} answered ${status} without the call-details JSON ({data: [...]}). Press Retry; if it persists, check SMARTASSIST_HOST.`,
      upstreamStatus,
    })
  }
  if (status === 401 || status === 403)
    return errorAnswer(502, { error: CREDENTIALS_REJECTED, upstreamStatus })
  if (status === 400) {
    return errorAnswer(502, {
      error: ctx.redact(`SmartAssist refused the request: ${upstreamMessage(body)}`),
      upstreamStatus,
    })
  }
  const retryAfter = { 'retry-after': String(outcome.retryAfterSeconds ?? 1) }
  const tries = `${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}`
  if (status === 429) {
    return errorAnswer(
      503,
      {
        error: `SmartAssist's rate limit for this account is exceeded (still after ${tries}). Wait ${retryAfter['retry-after']} s and press Retry; if other tools share the account, lower SMARTASSIST_RATE_LIMIT.`,
        upstreamStatus,
      },
      retryAfter,
    )
  }
  if (status >= 500) {
    return errorAnswer(
      502,
      {
        error: `SmartAssist had a server error (${status}, ${tries}). Wait ${retryAfter['retry-after']} s and press Retry.`,
        upstreamStatus,
      },
      retryAfter,
    )
  }
  if (status >= 300 && status < 400) {
    return errorAnswer(502, {
      error: ctx.redact(
        `SmartAssist answered with a redirect (${status} to ${headers.get('location') ?? 'nowhere'}); the proxy does not follow it. Check SMARTASSIST_HOST.`,
      ),
      upstreamStatus,
    })
  }
  return errorAnswer(502, {
    error: ctx.redact(
      `SmartAssist answered ${status}: ${upstreamMessage(body)}. Check SMARTASSIST_HOST and SMARTASSIST_ACCOUNT_ID.`,
    ),
    upstreamStatus,
  })
}
