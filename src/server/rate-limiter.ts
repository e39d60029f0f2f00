import type { Clock } from './clock'

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
   * (or the call failed); rejects if `signal` aborts first (leaving the queue).
   */
  acquire(signal?: AbortSignal): Promise<Grant>
  /** No grants before `time` (epoch ms), e.g. after SmartAssist answered 429 with Retry-After. */
  blockUntil(time: number): void
  /** Callers waiting right now. */
  readonly queued: number
}

export type Grant = { done(): void }

type Waiter = { resolve: (grant: Grant) => void; signal: AbortSignal | undefined; onAbort: () => void }

export function createRateLimiter(options: {
  perMinute: number
  clock: Clock
  windowMs?: number
}): RateLimiter {
  const { perMinute, clock, windowMs = 60_000 } = options
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
      return new Promise<Grant>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
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
      blockedUntil = Math.max(blockedUntil, time)
    },
    get queued() {
      return queue.length
    },
  }
}
