// The account's rate budget across instances (CONTRACT.md "Several instances"), with the local
// limiter's semantics (rate-limiter.ts): a request holds its place from its grant until a window
// after it *finished*. Redis keeps the held places in two sorted sets scored by when each frees:
//   - in flight: score = grant + leaseMs, so the places of an instance that crashed mid-request free
//     themselves (leaseMs must be ≥ the longest upstream call + windowMs, so a place whose release
//     got lost still holds at least as long as the window demands);
//   - finished: score = finishedAt + windowMs.
// Times come from Redis (TIME inside the scripts), so the instances' clocks do not matter.
//
// rate-limiter-flexible does not fit: its limiters count a point when it is consumed, for a fixed
// duration, with no notion of a request still in flight or of "a window after it finished".
import { randomUUID } from 'node:crypto'
import { MAX_RATE_PAUSE_MS } from '../protection-limits'
import { luaScript, type SharedRedis, type Unavailable } from './redis-connection'

export type SlotAttempt =
  | { ok: true; id: string }
  /** 'full': retryInMs is when the next place can free at the earliest; 'paused': when the pause ends */
  | { ok: false; reason: 'full' | 'paused'; retryInMs: number }
  | Unavailable

export type SharedBudget = {
  /**
   * Takes a place if fewer than perMinute are held and no pause is set. Redis down: `unavailable`
   * at once (the caller runs alone on its own share, see instance-registry.ts).
   */
  tryAcquire(): Promise<SlotAttempt>
  /**
   * The request finished (answered or failed): its place is held a window from now. Redis down:
   * `unavailable`, and the place frees when its lease ends instead.
   */
  release(id: string): Promise<{ ok: true } | Unavailable>
  /**
   * No place for anyone before `untilMs` (this instance's clock), capped at maxPauseMs from now; a
   * pause only ever lengthens. Redis down: `unavailable` (the caller's local pause still holds).
   */
  pause(untilMs: number): Promise<{ ok: true; pausedUntil: number; capped: boolean } | Unavailable>
  /** The shared pause's end on this instance's clock, or 0. Redis down: `unavailable`. */
  pausedUntil(): Promise<{ ok: true; pausedUntil: number } | Unavailable>
  readonly perMinute: number
}

export type SharedBudgetOptions = {
  redis: SharedRedis
  /** e.g. `smartassist:<accountId>`: accounts on one Redis never share a budget */
  prefix: string
  perMinute: number
  /** the sliding window (default 60 s; tests shorten it) */
  windowMs?: number
  /** how long a place in flight is held without a release (default 2 min) */
  leaseMs?: number
  maxPauseMs?: number
  now?: () => number
}

const NOW_MS = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`

// Drop what has freed; grant while fewer than the limit are held (unless paused). When full, answer
// when the place that lets one more in frees: a finished one at its score, one in flight no sooner
// than its lease end or a window from now (were it to finish now).
const ACQUIRE = luaScript(`${NOW_MS}
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then return {0, paused, 1} end
local limit, lease, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local held = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])
if held < limit then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], lease)
  return {1, 0, 0}
end
local need = held - limit + 1
local done = redis.call('ZRANGE', KEYS[2], 0, need - 1, 'WITHSCORES')
local flight = redis.call('ZRANGE', KEYS[1], 0, need - 1, 'WITHSCORES')
local i, j, at = 2, 2, now
for _ = 1, need do
  local a = done[i] and tonumber(done[i]) or math.huge
  local b = flight[j] and math.min(tonumber(flight[j]), now + window) or math.huge
  if a <= b then at, i = a, i + 2 else at, j = b, j + 2 end
end
return {0, at - now, 0}`)

// In flight → finished a window from now. Unconditional: even a place whose lease ran out is held
// again, since its request did reach upstream (erring towards fewer requests, never more).
const RELEASE = luaScript(`${NOW_MS}
local window = tonumber(ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], now + window, ARGV[2])
redis.call('PEXPIRE', KEYS[2], window)
return 1`)

// A pause only lengthens (like blockUntil's max): set it when it ends later than the one in place.
const PAUSE = luaScript(`local ms = tonumber(ARGV[1])
local left = redis.call('PTTL', KEYS[1])
if ms > left then
  redis.call('SET', KEYS[1], '1', 'PX', ms)
  return ms
end
return left`)

export function createSharedBudget(options: SharedBudgetOptions): SharedBudget {
  const {
    redis,
    prefix,
    perMinute,
    windowMs = 60_000,
    leaseMs = 120_000,
    maxPauseMs = MAX_RATE_PAUSE_MS,
    now = Date.now,
  } = options
  const flightKey = `${prefix}:budget:flight`
  const doneKey = `${prefix}:budget:done`
  const pauseKey = `${prefix}:budget:pause`

  async function pausedUntil(): Promise<{ ok: true; pausedUntil: number } | Unavailable> {
    const at = now()
    const result = await redis.run((c) => c.pttl(pauseKey))
    if (!result.ok) return result
    return { ok: true, pausedUntil: result.value > 0 ? at + result.value : 0 }
  }

  return {
    async tryAcquire() {
      const id = randomUUID()
      const result = await redis.eval(
        ACQUIRE,
        [flightKey, doneKey, pauseKey],
        [perMinute, leaseMs, windowMs, id],
      )
      if (!result.ok) return result
      const [granted, retryInMs, paused] = result.value as [number, number, number]
      if (granted === 1) return { ok: true, id }
      return { ok: false, reason: paused === 1 ? 'paused' : 'full', retryInMs: Math.max(1, retryInMs) }
    },
    async release(id) {
      const result = await redis.eval(RELEASE, [flightKey, doneKey], [windowMs, id])
      return result.ok ? { ok: true } : result
    },
    async pause(untilMs) {
      const at = now()
      const wanted = untilMs - at
      const ms = Math.min(wanted, maxPauseMs)
      if (ms <= 0) {
        const current = await pausedUntil()
        return current.ok ? { ...current, capped: false } : current
      }
      const result = await redis.eval(PAUSE, [pauseKey], [Math.ceil(ms)])
      if (!result.ok) return result
      return { ok: true, pausedUntil: at + (result.value as number), capped: wanted > maxPauseMs }
    },
    pausedUntil,
    perMinute,
  }
}
