// The one Redis connection the sharing modules use (CONTRACT.md "Several instances"). It fails fast:
// no offline queue (a command while disconnected fails at once instead of waiting for a reconnect),
// no resending after a dropped connection, a short command timeout, and after a timeout (a server
// that accepts but never answers) a short spell in which calls fail at once. Every call resolves,
// to a value or to `unavailable`; it never rejects, so a caller cannot leak an unhandled rejection.
// ioredis reconnects forever in the background, so sharing resumes by itself when Redis is back.
import { createHash } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../logger'

/** 'connecting': not connected yet since start; 'unreachable': lost, or it stopped answering. */
export type RedisState = 'connecting' | 'ready' | 'unreachable' | 'closed'

export type Unavailable = { ok: false; reason: 'unavailable' }
export const UNAVAILABLE: Unavailable = Object.freeze({ ok: false, reason: 'unavailable' })
export type Attempt<T> = { ok: true; value: T } | Unavailable

/** A Lua script, run by its SHA1 (EVALSHA) and sent in full only when Redis does not know it yet. */
export type LuaScript = { readonly lua: string; readonly sha: string }
export function luaScript(lua: string): LuaScript {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') }
}

export type SharedRedis = {
  /** For /healthz: 'ready' means sharing works; anything else, each instance runs alone. */
  readonly state: RedisState
  readonly connected: boolean
  /** Runs one command; `unavailable` when Redis is down, slow (commandTimeoutMs) or closed. */
  run<T>(command: (client: Redis) => Promise<T>): Promise<Attempt<T>>
  /** Runs a Lua script (atomic on the server). */
  eval(script: LuaScript, keys: string[], args: (string | number)[]): Promise<Attempt<unknown>>
  /** Resolves true once connected, false after `timeoutMs` (start-up may wait a moment, never longer). */
  whenReady(timeoutMs: number): Promise<boolean>
  /** Follows state changes (for a log line or a metric); returns the unsubscribe. */
  onStateChange(listener: (state: RedisState) => void): () => void
  close(): Promise<void>
  /** The underlying client, for tests (e.g. to simulate a crashed instance with disconnect()). */
  readonly client: Redis
}

export type RedisConnectionOptions = {
  /** a command unanswered after this is `unavailable` (default 500) */
  commandTimeoutMs?: number
  /** a TCP connect not done after this is abandoned and retried (default 1000) */
  connectTimeoutMs?: number
  /** longest pause between reconnect attempts (default 2000) */
  maxReconnectDelayMs?: number
  /** after a command timed out, calls fail at once for this long before one is let through (default 1000) */
  suspectForMs?: number
  /** one line when Redis becomes unreachable, one when it is back; the URL (it may hold a password) never */
  logger?: Logger
  now?: () => number
}

export function connectRedis(url: string, options: RedisConnectionOptions = {}): SharedRedis {
  const {
    commandTimeoutMs = 500,
    connectTimeoutMs = 1_000,
    maxReconnectDelayMs = 2_000,
    suspectForMs = 1_000,
    logger,
    now = Date.now,
  } = options
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: commandTimeoutMs,
    connectTimeout: connectTimeoutMs,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), maxReconnectDelayMs),
  })
  let state: RedisState = 'connecting'
  let suspectUntil = 0
  let lastError = ''
  const listeners = new Set<(state: RedisState) => void>()

  function setState(next: RedisState): void {
    if (next === state || state === 'closed') return
    const was = state
    state = next
    if (next === 'unreachable') {
      logger?.error(`redis: unreachable (${lastError || 'connection lost'}); each instance runs alone`)
    } else if (next === 'ready' && was === 'unreachable') {
      logger?.info('redis: connected again; instances share the budget, the store and the sync')
    }
    for (const listener of listeners) {
      try {
        listener(next)
      } catch {
        // a listener's failure is not the connection's
      }
    }
  }

  // ioredis emits 'error' on every failed (re)connect: without a listener Node would throw it.
  client.on('error', (error: Error) => {
    lastError = errorMessage(error)
    setState('unreachable')
  })
  client.on('ready', () => {
    suspectUntil = 0
    setState('ready')
  })
  client.on('close', () => {
    if (state !== 'connecting') setState('unreachable')
  })

  async function run<T>(command: (client: Redis) => Promise<T>): Promise<Attempt<T>> {
    if (state === 'closed' || client.status !== 'ready') return UNAVAILABLE
    if (suspectUntil > now()) return UNAVAILABLE
    try {
      const value = await command(client)
      if (suspectUntil !== 0) {
        suspectUntil = 0
        setState('ready')
      }
      return { ok: true, value }
    } catch (error) {
      // A script error or a wrong type is a bug, not an outage: still `unavailable` to the caller
      // (it then runs alone, which is safe), but said in the log.
      const message = errorMessage(error)
      if (/timed out/i.test(message)) {
        lastError = message
        suspectUntil = now() + suspectForMs
        setState('unreachable')
      } else if (isReplyError(error)) {
        logger?.error(`redis: ${message}`)
      }
      return UNAVAILABLE
    }
  }

  function onStateChange(listener: (state: RedisState) => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  return {
    get state() {
      return state
    },
    get connected() {
      return state === 'ready'
    },
    run,
    eval(script, keys, args) {
      return run(async (c) => {
        try {
          return await c.evalsha(script.sha, keys.length, ...keys, ...args)
        } catch (error) {
          // Redis restarted (or never saw it): its script cache is empty.
          if (!errorMessage(error).startsWith('NOSCRIPT')) throw error
          return await c.eval(script.lua, keys.length, ...keys, ...args)
        }
      })
    },
    whenReady(timeoutMs) {
      if (state === 'ready') return Promise.resolve(true)
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          unsubscribe()
          resolve(false)
        }, timeoutMs)
        const unsubscribe = onStateChange((next) => {
          if (next !== 'ready' && next !== 'closed') return
          clearTimeout(timer)
          unsubscribe()
          resolve(next === 'ready')
        })
      })
    },
    onStateChange,
    async close() {
      setState('closed')
      listeners.clear()
      try {
        if (client.status === 'ready') await client.quit()
      } catch {
        // already gone
      }
      client.disconnect()
    },
    client,
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError'
}
