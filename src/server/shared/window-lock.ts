// One window fetched once across instances (CONTRACT.md "Several instances"): the instance that
// fetches it holds a short lease (SET NX PX with a random token), renewed while it fetches; the
// others wait for the lease to go and then read what it stored. A crashed holder's lease expires by
// itself. Only the holder (its token) can renew or remove it.
import { randomUUID } from 'node:crypto'
import { luaScript, type SharedRedis, type Unavailable } from './redis-connection'

export type HeldLock = {
  readonly key: string
  readonly token: string
  /** 'lost': the lease ran out (and maybe another holds it now). Redis down: 'unavailable'. */
  renew(leaseMs?: number): Promise<'renewed' | 'lost' | 'unavailable'>
  /** 'lost': it was no longer ours (nothing removed). Redis down: 'unavailable' (the lease expires). */
  unlock(): Promise<'unlocked' | 'lost' | 'unavailable'>
}

/** Why the wait for another instance's fetch ended. */
export type Released = 'released' | 'unavailable' | 'aborted'

export type WindowLocks = {
  /** 'held': another instance has it. Redis down: 'unavailable' at once (fetch alone). */
  tryLock(
    key: string,
    leaseMs?: number,
  ): Promise<{ ok: true; lock: HeldLock } | { ok: false; reason: 'held' } | Unavailable>
  /**
   * Runs `fetch` while holding `key` (renewed every leaseMs/3), or, when another instance holds it,
   * `waitForOther(released)`, where `released` resolves (never rejects) when that lease is gone:
   * unlocked, expired after a crash, Redis unreachable, or `signal` aborted. Redis down at the
   * start: `fetch` runs without a lock (each instance alone). A lease lost mid-fetch does not stop
   * the fetch (the worst case is a window fetched twice).
   *
   * In range-service, per gap: fetch = fetchGap(gap); waitForOther = await released, then read the
   * store again and run again over what is still missing (the other may have failed half way).
   */
  withWindowLock<T>(
    key: string,
    fetch: () => Promise<T>,
    waitForOther: (released: Promise<Released>) => Promise<T>,
    options?: { signal?: AbortSignal },
  ): Promise<T>
}

export type WindowLockOptions = {
  redis: SharedRedis
  prefix: string
  /** default 30 s */
  leaseMs?: number
  /** how often a waiter looks whether the lease is gone (default 500 ms) */
  pollMs?: number
}

const RENEW = luaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`)

const UNLOCK = luaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`)

export function createWindowLocks(options: WindowLockOptions): WindowLocks {
  const { redis, prefix, leaseMs: defaultLeaseMs = 30_000, pollMs = 500 } = options
  const fullKey = (key: string) => `${prefix}:lock:${key}`

  async function tryLock(
    key: string,
    leaseMs = defaultLeaseMs,
  ): Promise<{ ok: true; lock: HeldLock } | { ok: false; reason: 'held' } | Unavailable> {
    const k = fullKey(key)
    const token = randomUUID()
    const result = await redis.run((c) => c.set(k, token, 'PX', leaseMs, 'NX'))
    if (!result.ok) return result
    if (result.value !== 'OK') return { ok: false, reason: 'held' }
    return {
      ok: true,
      lock: {
        key,
        token,
        async renew(ms = leaseMs) {
          const r = await redis.eval(RENEW, [k], [token, ms])
          if (!r.ok) return 'unavailable'
          return r.value === 1 ? 'renewed' : 'lost'
        },
        async unlock() {
          const r = await redis.eval(UNLOCK, [k], [token])
          if (!r.ok) return 'unavailable'
          return r.value === 1 ? 'unlocked' : 'lost'
        },
      },
    }
  }

  /** Polls until the key is gone; stops polling once `stop` says the waiter no longer cares. */
  async function whenReleased(
    key: string,
    signal: AbortSignal | undefined,
    stop: () => boolean,
  ): Promise<Released> {
    const k = fullKey(key)
    for (;;) {
      if (signal?.aborted) return 'aborted'
      if (stop()) return 'aborted'
      const r = await redis.run((c) => c.exists(k))
      if (!r.ok) return 'unavailable'
      if (r.value === 0) return 'released'
      await sleep(pollMs, signal)
    }
  }

  return {
    tryLock,
    async withWindowLock(key, fetch, waitForOther, { signal } = {}) {
      const attempt = await tryLock(key)
      if (!attempt.ok && attempt.reason === 'held') {
        let settled = false
        try {
          return await waitForOther(whenReleased(key, signal, () => settled))
        } finally {
          settled = true
        }
      }
      if (!attempt.ok) return fetch()
      const { lock } = attempt
      const renewer = setInterval(() => void lock.renew(), Math.max(10, Math.floor(defaultLeaseMs / 3)))
      renewer.unref()
      try {
        return await fetch()
      } finally {
        clearInterval(renewer)
        await lock.unlock()
      }
    },
  }
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
