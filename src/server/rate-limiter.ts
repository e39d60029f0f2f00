import type { Clock } from './clock'
import { MAX_QUEUE_WAIT_MS, MAX_QUEUE_WAITING, MAX_RATE_PAUSE_MS } from './protection-limits'

/**
 * The account's request budget: at most `perMinute` requests in any sliding 60-s window. Requests
 * beyond it wait in FIFO order instead of failing. One limiter per server: every tab and user shares it.
 *
 * A request holds its place in the window from its grant until 60 s after it *finished*: SmartAssist
 * counts it when it arrives, somewhere in between, so network jitter can never squeeze a 61st request
 * into SmartAssist's own window.
 */
export type RateLimiter = {
  /**
   * Resolves when the caller may send one upstream request, with `done` to call when the answer came
   * (or the call failed); rejects if `signal` aborts first (leaving the queue), and at once with a
   * QueueFullError when the queue is full or the wait would be too long.
   */
  acquire(signal?: AbortSignal): Promise<Grant>
  /**
   * No grants before `time` (epoch ms), e.g. after SmartAssist answered 429 with Retry-After. The
   * pause is capped (MAX_RATE_PAUSE_MS from now); returns the time actually set.
   */
  blockUntil(time: number): number
  /** Callers waiting right now. */
  readonly queued: number
}

export type Grant = { done(): void }

/** The budget cannot take this request now; `retryAfterMs` says when asking again makes sense. */
export class QueueFullError extends Error {
  override name = 'QueueFullError'
  constructor(
    readonly reason: 'waiting' | 'wait',
    readonly retryAfterMs: number,
    readonly waiting: number,
  ) {
    super(
      reason === 'waiting'
        ? `${waiting} requests are already waiting for the rate budget`
        : `the rate budget is taken for the next ${Math.ceil(retryAfterMs / 1000)} s`,
    )
  }
}

export type RateLimiterBounds = {
  /** longest wait a request may be queued for (default MAX_QUEUE_WAIT_MS) */
  maxWaitMs?: number
  /** most requests waiting at once (default MAX_QUEUE_WAITING) */
  maxWaiting?: number
  /** longest pause blockUntil may set (default MAX_RATE_PAUSE_MS) */
  maxPauseMs?: number
}

type Waiter = {
  resolve: (grant: Grant) => void
  reject: (error: unknown) => void
  signal: AbortSignal | undefined
  onAbort: () => void
}

export function createRateLimiter(
  options: { perMinute: number; clock: Clock; windowMs?: number } & RateLimiterBounds,
): RateLimiter {
  const {
    perMinute,
    clock,
    windowMs = 60_000,
    maxWaitMs = MAX_QUEUE_WAIT_MS,
    maxWaiting = MAX_QUEUE_WAITING,
    maxPauseMs = MAX_RATE_PAUSE_MS,
  } = options
  // Requests in the window: `finishedAt` is undefined while in flight (they hold their place until done).
  let grants: { finishedAt: number | undefined }[] = []
  const queue: Waiter[] = []
  let blockedUntil = 0
  let pumping = false

  function grant(): Grant {
    const entry: { finishedAt: number | undefined } = { finishedAt: undefined }
    grants.push(entry)
    return {
      done() {
        entry.finishedAt ??= clock.now()
        void pump()
      },
    }
  }

  /** When the next request may start; Infinity while the window is full of requests still in flight. */
  function nextFreeAt(now: number): number {
    grants = grants.filter((g) => g.finishedAt === undefined || g.finishedAt > now - windowMs)
    if (grants.length < perMinute) return Math.max(now, blockedUntil)
    const ends = grants
      .map((g) => (g.finishedAt ?? Number.POSITIVE_INFINITY) + windowMs)
      .sort((a, b) => a - b)
    return Math.max(ends[grants.length - perMinute] as number, blockedUntil)
  }

  /**
   * The earliest a request joining the queue now could start: the k-th free slot, with requests in
   * flight counted as finishing now and every slot reused a window later (a lower bound, so nobody
   * is turned away who could have been served in time).
   */
  function earliestStartForNewcomer(now: number): number {
    nextFreeAt(now)
    const ends = grants.map((g) => (g.finishedAt ?? now) + windowMs)
    const slots = [...Array<number>(perMinute - ends.length).fill(now), ...ends].sort((a, b) => a - b)
    const k = queue.length
    const slot = (slots[k % perMinute] as number) + Math.floor(k / perMinute) * windowMs
    return Math.max(slot, blockedUntil)
  }

  // One loop serves the queue in order, sleeping until the oldest grant leaves the window.
  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    try {
      while (queue.length > 0) {
        const now = clock.now()
        const at = nextFreeAt(now)
        // Full of requests in flight: their `done` restarts the pump.
        if (at === Number.POSITIVE_INFINITY) return
        if (at > now) {
          await clock.sleep(at - now)
          continue
        }
        const waiter = queue.shift() as Waiter
        waiter.signal?.removeEventListener('abort', waiter.onAbort)
        waiter.resolve(grant())
      }
    } finally {
      pumping = false
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason)
      const now = clock.now()
      if (queue.length === 0 && nextFreeAt(now) <= now) return Promise.resolve(grant())
      if (queue.length >= maxWaiting) {
        return Promise.reject(new QueueFullError('waiting', windowMs, queue.length))
      }
      const wait = earliestStartForNewcomer(now) - now
      if (wait > maxWaitMs) return Promise.reject(new QueueFullError('wait', wait, queue.length))
      return new Promise<Grant>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const index = queue.indexOf(waiter)
            if (index >= 0) queue.splice(index, 1)
            reject(signal?.reason)
          },
        }
        signal?.addEventListener('abort', waiter.onAbort, { once: true })
        queue.push(waiter)
        void pump()
      })
    },
    blockUntil(time) {
      const now = clock.now()
      blockedUntil = Math.max(blockedUntil, Math.min(time, now + maxPauseMs))
      // Those already queued would now wait past the bound: answer them at once instead.
      if (blockedUntil - now > maxWaitMs) {
        for (const waiter of queue.splice(0)) {
          waiter.signal?.removeEventListener('abort', waiter.onAbort)
          waiter.reject(new QueueFullError('wait', blockedUntil - now, 0))
        }
      }
      return blockedUntil
    },
    get queued() {
      return queue.length
    },
  }
}
