import type { Clock } from '../clock'

type Timer = { at: number; seq: number; resolve: () => void }

export type FakeClock = Clock & {
  /** Moves time forward by `ms`, firing due timers in order. */
  advance(ms: number): Promise<void>
  /** Fires timers in order (jumping time to each) until `promise` settles; returns its value. */
  run<T>(promise: Promise<T>): Promise<T>
  readonly pendingTimers: number
}

// Enough event-loop turns for promise chains (Request bodies, Hono, async/await) to settle.
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

/** Virtual time for tests: sleeps resolve only when the test moves the clock. */
export function createFakeClock(start = Date.parse('2024-11-20T12:00:00.000Z')): FakeClock {
  let now = start
  let seq = 0
  const timers: Timer[] = []

  function fireNext(limit: number): boolean {
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq)
    const next = timers[0]
    if (!next || next.at > limit) return false
    timers.shift()
    now = Math.max(now, next.at)
    next.resolve()
    return true
  }

  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason)
          return
        }
        const timer: Timer = {
          at: now + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort)
            resolve()
          },
        }
        const onAbort = () => {
          const index = timers.indexOf(timer)
          if (index >= 0) timers.splice(index, 1)
          reject(signal?.reason)
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        timers.push(timer)
      })
    },
    async advance(ms) {
      const target = now + ms
      await flush()
      while (fireNext(target)) await flush()
      now = target
      await flush()
    },
    async run(promise) {
      let settled = false
      const observed = promise.then(
        () => {
          settled = true
        },
        () => {
          settled = true
        },
      )
      await flush()
      while (!settled) {
        if (!fireNext(Number.POSITIVE_INFINITY)) {
          await observed
          break
        }
        await flush()
      }
      return promise
    },
    get pendingTimers() {
      return timers.length
    },
  }
}
