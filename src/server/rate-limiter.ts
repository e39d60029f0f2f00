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
  acquire(signal?: AbortSignal, priority?: Priority): Promise<Grant>
  /**
   * No grants before `time` (epoch ms), e.g. after SmartAssist answered 429 with Retry-After. The
   * pause is capped (MAX_RATE_PAUSE_MS from now); returns the time actually set.
   */
  blockUntil(time: number): number
  /**
   * A person is waiting for data until the returned function is called (a range being fetched):
   * meanwhile the background sync gets at most its share of the budget.
   */
  personWaiting(): () => void
  /** People's requests waiting right now (the sync's aside). */
  readonly queued: number
  /** No grant possible before this time (a 429 pause), or 0. */
  readonly pausedUntil: number
  readonly perMinute: number
}

/**
 * 'person': FIFO, ahead of any background request, bounded (QueueFullError). 'background': the
 * sync; served only when no person's request waits, within `backgroundShare` of the budget while a
 * person waits for data, never turned away.
 */
export type Priority = 'person' | 'background'

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
  /** share of the budget background requests may use while a person waits (default 0.5) */
  backgroundShare?: number
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
    backgroundShare = 0.5,
  } = options
  const backgroundCap = Math.floor(perMinute * backgroundShare)
  // Requests in the window: `finishedAt` is undefined while in flight (they hold their place until done).
  type Held = { finishedAt: number | undefined; priority: Priority }
  let grants: Held[] = []
  const queues: Record<Priority, Waiter[]> = { person: [], background: [] }
  let peopleWaiting = 0
  let blockedUntil = 0
  let pumping = false
  let wake: (() => void) | null = null

  function grant(priority: Priority): Grant {
    const entry: Held = { finishedAt: undefined, priority }
    grants.push(entry)
    return {
      done() {
        entry.finishedAt ??= clock.now()
        void pump()
      },
    }
  }

  function prune(now: number): void {
    grants = grants.filter((g) => g.finishedAt === undefined || g.finishedAt > now - windowMs)
  }

  /** When the next request may start; Infinity while the window is full of requests still in flight. */
  function nextFreeAt(now: number): number {
    prune(now)
    if (grants.length < perMinute) return Math.max(now, blockedUntil)
    const ends = grants
      .map((g) => (g.finishedAt ?? Number.POSITIVE_INFINITY) + windowMs)
      .sort((a, b) => a - b)
    return Math.max(ends[grants.length - perMinute] as number, blockedUntil)
  }

  /** While a person waits, when the sync may take its next request (Infinity: when one in flight ends). */
  function backgroundFreeAt(now: number): number {
    if (peopleWaiting === 0) return now
    const held = grants.filter((g) => g.priority === 'background')
    if (held.length < backgroundCap) return now
    const ends = held.map((g) => (g.finishedAt ?? Number.POSITIVE_INFINITY) + windowMs).sort((a, b) => a - b)
    return ends[held.length - backgroundCap] as number
  }

  /**
   * The earliest a person's request joining the queue now could start: the k-th free slot, with
   * requests in flight counted as finishing now and every slot reused a window later (a lower bound,
   * so nobody is turned away who could have been served in time).
   */
  function earliestStartForNewcomer(now: number): number {
    prune(now)
    const ends = grants.map((g) => (g.finishedAt ?? now) + windowMs)
    const slots = [...Array<number>(Math.max(0, perMinute - ends.length)).fill(now), ...ends].sort(
      (a, b) => a - b,
    )
    const k = queues.person.length
    const slot = (slots[k % perMinute] as number) + Math.floor(k / perMinute) * windowMs
    return Math.max(slot, blockedUntil)
  }

  function take(waiter: Waiter, queue: Waiter[], priority: Priority): void {
    queue.shift()
    waiter.signal?.removeEventListener('abort', waiter.onAbort)
    waiter.resolve(grant(priority))
  }

  // One loop serves people first, in order, then the sync, sleeping until a slot frees.
  async function pump(): Promise<void> {
    wake?.()
    if (pumping) return
    pumping = true
    try {
      while (queues.person.length > 0 || queues.background.length > 0) {
        const now = clock.now()
        let at = nextFreeAt(now)
        const person = queues.person[0]
        const background = queues.background[0]
        if (!person && background) at = Math.max(at, backgroundFreeAt(now))
        // Full of requests in flight: their `done` restarts the pump.
        if (at === Number.POSITIVE_INFINITY) return
        if (at > now) {
          // A person arriving, or the last person leaving, may change what is due: wake early then.
          const woken = new Promise<void>((resolve) => {
            wake = resolve
          })
          const controller = new AbortController()
          await Promise.race([clock.sleep(at - now, controller.signal).catch(() => {}), woken])
          controller.abort()
          wake = null
          continue
        }
        if (person) take(person, queues.person, 'person')
        else if (background) take(background, queues.background, 'background')
      }
    } finally {
      pumping = false
    }
  }

  function enqueue(queue: Waiter[], signal: AbortSignal | undefined): Promise<Grant> {
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
  }

  return {
    acquire(signal, priority = 'person') {
      if (signal?.aborted) return Promise.reject(signal.reason)
      if (priority === 'background') return enqueue(queues.background, signal)
      const now = clock.now()
      if (queues.person.length === 0 && nextFreeAt(now) <= now) return Promise.resolve(grant('person'))
      if (queues.person.length >= maxWaiting) {
        return Promise.reject(new QueueFullError('waiting', windowMs, queues.person.length))
      }
      const wait = earliestStartForNewcomer(now) - now
      if (wait > maxWaitMs) return Promise.reject(new QueueFullError('wait', wait, queues.person.length))
      return enqueue(queues.person, signal)
    },
    blockUntil(time) {
      const now = clock.now()
      blockedUntil = Math.max(blockedUntil, Math.min(time, now + maxPauseMs))
      // People already queued would now wait past the bound: answer them at once instead.
      if (blockedUntil - now > maxWaitMs) {
        for (const waiter of queues.person.splice(0)) {
          waiter.signal?.removeEventListener('abort', waiter.onAbort)
          waiter.reject(new QueueFullError('wait', blockedUntil - now, 0))
        }
      }
      return blockedUntil
    },
    personWaiting() {
      peopleWaiting++
      let ended = false
      return () => {
        if (ended) return
        ended = true
        peopleWaiting--
        void pump()
      }
    },
    get queued() {
      return queues.person.length
    },
    get pausedUntil() {
      return blockedUntil > clock.now() ? blockedUntil : 0
    },
    perMinute,
  }
}
