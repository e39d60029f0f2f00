import type { Clock } from './clock'
import { MAX_QUEUE_WAIT_MS, MAX_QUEUE_WAITING, MAX_RATE_PAUSE_MS } from './protection-limits'
import type { SharedBudget } from './shared/shared-budget'

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

/**
 * Several instances (REDIS_URL): every grant also takes a place in the budget they share. While Redis
 * cannot be reached, this instance runs alone on `aloneShare()` requests a minute (the limit ÷ the
 * instances it last saw), and shares again as soon as Redis answers.
 */
export type SharedLimit = { budget: SharedBudget; aloneShare: () => number }

type Waiter = {
  resolve: (grant: Grant) => void
  reject: (error: unknown) => void
  signal: AbortSignal | undefined
  onAbort: () => void
}

export function createRateLimiter(
  options: { perMinute: number; clock: Clock; windowMs?: number; shared?: SharedLimit } & RateLimiterBounds,
): RateLimiter {
  const {
    perMinute,
    clock,
    windowMs = 60_000,
    maxWaitMs = MAX_QUEUE_WAIT_MS,
    maxWaiting = MAX_QUEUE_WAITING,
    maxPauseMs = MAX_RATE_PAUSE_MS,
    backgroundShare = 0.5,
    shared,
  } = options
  // Alone (Redis unreachable), this instance keeps to its share; otherwise the local window holds the
  // whole limit and the shared budget decides across instances.
  let alone = false
  const limit = () => (alone && shared ? Math.max(1, Math.min(perMinute, shared.aloneShare())) : perMinute)
  const backgroundCap = () => Math.floor(limit() * backgroundShare)
  // Requests in the window: `finishedAt` is undefined while in flight (they hold their place until done).
  type Held = { finishedAt: number | undefined; priority: Priority }
  let grants: Held[] = []
  const queues: Record<Priority, Waiter[]> = { person: [], background: [] }
  let peopleWaiting = 0
  let blockedUntil = 0
  let pumping = false
  let wake: (() => void) | null = null

  function grant(priority: Priority, sharedId?: string): Grant {
    const entry: Held = { finishedAt: undefined, priority }
    grants.push(entry)
    return {
      done() {
        if (entry.finishedAt !== undefined) return
        entry.finishedAt = clock.now()
        if (shared && sharedId !== undefined) void shared.budget.release(sharedId)
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
    const cap = limit()
    if (grants.length < cap) return Math.max(now, blockedUntil)
    const ends = grants
      .map((g) => (g.finishedAt ?? Number.POSITIVE_INFINITY) + windowMs)
      .sort((a, b) => a - b)
    return Math.max(ends[grants.length - cap] as number, blockedUntil)
  }

  /** While a person waits, when the sync may take its next request (Infinity: when one in flight ends). */
  function backgroundFreeAt(now: number): number {
    if (peopleWaiting === 0) return now
    const held = grants.filter((g) => g.priority === 'background')
    const cap = backgroundCap()
    if (held.length < cap) return now
    const ends = held.map((g) => (g.finishedAt ?? Number.POSITIVE_INFINITY) + windowMs).sort((a, b) => a - b)
    return ends[held.length - cap] as number
  }

  /**
   * The earliest a person's request joining the queue now could start: the k-th free slot, with
   * requests in flight counted as finishing now and every slot reused a window later (a lower bound,
   * so nobody is turned away who could have been served in time).
   */
  function earliestStartForNewcomer(now: number): number {
    prune(now)
    const cap = limit()
    const ends = grants.map((g) => (g.finishedAt ?? now) + windowMs)
    const slots = [...Array<number>(Math.max(0, cap - ends.length)).fill(now), ...ends].sort((a, b) => a - b)
    const k = queues.person.length
    const slot = (slots[k % cap] as number) + Math.floor(k / cap) * windowMs
    return Math.max(slot, blockedUntil)
  }

  function take(waiter: Waiter, queue: Waiter[], priority: Priority, sharedId?: string): void {
    queue.shift()
    waiter.signal?.removeEventListener('abort', waiter.onAbort)
    waiter.resolve(grant(priority, sharedId))
  }

  /**
   * A place in the budget shared with the other instances: its id, `alone` when Redis cannot be
   * reached (the local window, at this instance's share, decides), or when to try again.
   */
  async function sharedPlace(): Promise<{ id: string } | 'alone' | { retryAt: number }> {
    if (!shared) return 'alone'
    const attempt = await shared.budget.tryAcquire()
    const wasAlone = alone
    alone = !attempt.ok && attempt.reason === 'unavailable'
    if (attempt.ok) return { id: attempt.id }
    if (attempt.reason === 'unavailable') return wasAlone ? 'alone' : { retryAt: clock.now() }
    const retryAt = clock.now() + Math.max(1, attempt.retryInMs)
    // another instance's 429: this one shows the pause too (pausedUntil, "waiting for the budget")
    if (attempt.reason === 'paused') blockedUntil = Math.max(blockedUntil, retryAt)
    return { retryAt }
  }

  /** Sleeps until `at`, or until a person arrives or the last one leaves (what is due may change). */
  async function sleepUntil(at: number, now: number): Promise<void> {
    const woken = new Promise<void>((resolve) => {
      wake = resolve
    })
    const controller = new AbortController()
    await Promise.race([clock.sleep(at - now, controller.signal).catch(() => {}), woken])
    controller.abort()
    wake = null
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
          await sleepUntil(at, now)
          continue
        }
        const place = await sharedPlace()
        if (typeof place === 'object' && 'retryAt' in place) {
          const after = clock.now()
          if (place.retryAt > after) await sleepUntil(place.retryAt, after)
          continue
        }
        const id = place === 'alone' ? undefined : place.id
        // the queue may have changed while Redis answered: serve whoever is first now
        const first = queues.person[0] ?? queues.background[0]
        if (!first) {
          if (id !== undefined) void shared?.budget.release(id)
          continue
        }
        if (queues.person[0]) take(queues.person[0], queues.person, 'person', id)
        else take(first, queues.background, 'background', id)
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
      // with a shared budget every grant goes through the pump, which asks Redis for a place
      if (!shared && queues.person.length === 0 && nextFreeAt(now) <= now)
        return Promise.resolve(grant('person'))
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
      // every instance waits out SmartAssist's 429
      if (shared) void shared.budget.pause(blockedUntil)
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
