import type { Clock } from './clock'

/**
 * The account's request budget: at most `perMinute` grants in any sliding 60-s window. Requests
 * beyond it wait in FIFO order instead of failing. One limiter per server: every tab and user shares it.
 */
export type RateLimiter = {
  /** Resolves when the caller may send one upstream request; rejects if `signal` aborts first (leaving the queue). */
  acquire(signal?: AbortSignal): Promise<void>
  /** No grants before `time` (epoch ms), e.g. after SmartAssist answered 429 with Retry-After. */
  blockUntil(time: number): void
  /** Callers waiting right now. */
  readonly queued: number
}

type Waiter = { resolve: () => void; signal: AbortSignal | undefined; onAbort: () => void }

export function createRateLimiter(options: {
  perMinute: number
  clock: Clock
  windowMs?: number
}): RateLimiter {
  const { perMinute, clock, windowMs = 60_000 } = options
  const grants: number[] = [] // grant times inside the window, oldest first
  const queue: Waiter[] = []
  let blockedUntil = 0
  let pumping = false

  function nextFreeAt(now: number): number {
    while (grants.length > 0 && (grants[0] as number) <= now - windowMs) grants.shift()
    const windowFreeAt =
      grants.length < perMinute ? now : (grants[grants.length - perMinute] as number) + windowMs
    return Math.max(windowFreeAt, blockedUntil)
  }

  // One loop serves the queue in order, sleeping until the oldest grant leaves the window.
  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    try {
      while (queue.length > 0) {
        const now = clock.now()
        const at = nextFreeAt(now)
        if (at > now) {
          await clock.sleep(at - now)
          continue
        }
        const waiter = queue.shift() as Waiter
        waiter.signal?.removeEventListener('abort', waiter.onAbort)
        grants.push(now)
        waiter.resolve()
      }
    } finally {
      pumping = false
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason)
      const now = clock.now()
      if (queue.length === 0 && nextFreeAt(now) <= now) {
        grants.push(now)
        return Promise.resolve()
      }
      return new Promise<void>((resolve, reject) => {
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
