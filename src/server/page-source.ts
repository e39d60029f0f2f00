// One page of call details, as cheaply as the server can get it: the response cache, then a call
// another caller already made (shared), then SmartAssist itself through the rate budget and retries.
// Both POST /api/calldetails and the range service (its fetch engine) ask here.
import type { Clock } from './clock'
import { type Answer, type AnswerContext, answerFor } from './errors'
import { createInFlight } from './in-flight'
import type { Priority, RateLimiter } from './rate-limiter'
import { cacheKey, type ResponseCache } from './response-cache'
import { callWithRetry, type RetryDeps } from './retry'
import type { CallDetailsQuery } from './validate-request'

export type PageOptions = {
  /** Cache-Control: no-cache: ask upstream again and refresh the cache */
  noCache?: boolean
  signal: AbortSignal
  /** the background sync waits behind people (default 'person') */
  priority?: Priority
}

/** `source`: where the answer came from (a shared call cost no upstream request either). */
export type PageAnswer = { answer: Answer; source: 'cache' | 'shared' | 'upstream' }

export type PageSource = {
  fetchPage(q: CallDetailsQuery, options: PageOptions): Promise<PageAnswer>
  readonly limiter: RateLimiter | undefined
}

export function createPageSource(deps: {
  retry: Omit<RetryDeps, 'priority'>
  cache: ResponseCache
  answerContext: AnswerContext
  clock: Clock
}): PageSource {
  const { cache, answerContext } = deps
  const inFlight = createInFlight<Answer>()
  return {
    limiter: deps.retry.limiter,
    async fetchPage(q, { noCache = false, signal, priority = 'person' }) {
      const key = cacheKey(q)
      if (!noCache) {
        const hit = cache.get(key)
        if (hit !== undefined) return { answer: { status: 200, json: hit, headers: {} }, source: 'cache' }
      }
      // The caller going away aborts the upstream call (or leaves the rate queue), unless another
      // caller still waits for the same answer.
      const { value, shared } = await inFlight.run(key, signal, async (shareSignal) => {
        const outcome = await callWithRetry({ ...deps.retry, priority }, q, shareSignal)
        const answer = answerFor(outcome, answerContext)
        if (answer.status === 200) cache.set(key, answer.json, Date.parse(q.body.endDate))
        return answer
      })
      return { answer: value, source: shared ? 'shared' : 'upstream' }
    },
  }
}
