// The background sync (live mode, SMARTASSIST_SYNC_DAYS > 0): keeps the last N days in the store
// ahead of anyone asking, through the same range service as people, at background priority (the
// rate budget serves people first and caps the sync at its share while anyone waits). Late fields
// (dispositions, CSAT) arrive because the last 24 hours are fetched again hourly.
import type { Clock } from '../clock'
import type { ConversationStore, Interval } from '../store/store'
import { type Freshness, freshParts } from './intervals'
import type { RangeService } from './range-service'

const DAY = 86_400_000
const HOUR = 3_600_000
/** One sweep at a time covers at most this (the engine's page ranges are at most 7 days). */
const CHUNK_MS = 7 * DAY - 1
export const SYNC_EVERY_MS = 60_000
const PRUNE_EVERY_MS = HOUR

export type SyncState = 'off' | 'filling' | 'current' | 'degraded'
export type SyncStatus = {
  days: number
  coveredFrom: number | null
  coveredTo: number | null
  state: SyncState
}

export type Sync = {
  status(): Promise<SyncStatus>
  stop(): Promise<void>
}

/** Held for the sync: the contract's rule, and of the last 24 hours only what is under an hour old. */
export function syncFreshness(now: number): Freshness {
  return (iv, at) =>
    freshParts(iv, at).flatMap((part) => {
      if (at - iv.fetchedAt < HOUR || part.end < now - DAY) return [part]
      const end = Math.min(part.end, now - DAY - 1)
      return end >= part.start ? [{ start: part.start, end }] : []
    })
}

/** [now − days, now] cut into sweeps of at most 7 days, newest first (people look at recent days most). */
export function syncChunks(now: number, days: number): Interval[] {
  const chunks: Interval[] = []
  const from = now - days * DAY
  for (let end = now; end > from; end -= CHUNK_MS + 1) {
    chunks.push({ start: Math.max(from, end - CHUNK_MS), end })
  }
  return chunks
}

export function startSync(deps: {
  days: number
  keepDays: number
  ranges: RangeService
  store: ConversationStore
  clock: Clock
  log: (line: string) => void
}): Sync {
  const { days, ranges, store, clock, log } = deps
  const controller = new AbortController()
  let state: SyncState = days > 0 ? 'filling' : 'off'
  let lastPrune = 0
  let failures = 0

  async function pass(): Promise<boolean> {
    const now = clock.now()
    for (const range of syncChunks(now, days)) {
      let failed: string | null = null
      await ranges.run(
        { range, signal: controller.signal, priority: 'background', freshness: syncFreshness(now) },
        (event) => {
          if (event.type === 'error') failed = event.error
        },
      )
      if (controller.signal.aborted) return false
      if (failed) {
        log(`sync: ${new Date(range.start).toISOString()}..${new Date(range.end).toISOString()}: ${failed}`)
        return false
      }
    }
    return true
  }

  const loop = (async () => {
    if (days <= 0) return
    while (!controller.signal.aborted) {
      const ok = await pass().catch((error: unknown) => {
        log(`sync: ${(error as Error).message}`)
        return false
      })
      if (ok && state === 'filling') log(`sync: the last ${days} days are in the store`)
      if (ok) state = 'current'
      failures = ok ? 0 : failures + 1
      if (clock.now() - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = clock.now()
        await store.prune(clock.now() - deps.keepDays * DAY)
      }
      // After failures, wait longer (at most 10 minutes): SmartAssist may be down or the budget spent.
      const wait = Math.min(SYNC_EVERY_MS * 2 ** Math.min(failures, 4), 10 * SYNC_EVERY_MS)
      await clock.sleep(wait, controller.signal).catch(() => {})
    }
  })()

  return {
    async status() {
      return syncStatus({ days, store, clock, state })
    },
    async stop() {
      controller.abort()
      await loop
    },
  }
}

/**
 * How far the store reaches into the last `days` (the stretch without a gap nearest now). `state` is
 * the sync's own; without one (another instance runs the sync) it is read from the store: 'current'
 * when the stretch covers the whole period up to a few minutes ago, else 'filling'.
 */
export async function syncStatus(deps: {
  days: number
  store: ConversationStore
  clock: Clock
  state?: SyncState
}): Promise<SyncStatus> {
  const { days, store, clock } = deps
  const now = clock.now()
  const held = await store.covered({ start: now - days * DAY, end: now })
  let coveredFrom: number | null = null
  let coveredTo: number | null = null
  for (const iv of held) {
    if (coveredTo !== null && iv.start <= coveredTo + 1) coveredTo = Math.max(coveredTo, iv.end)
    else {
      coveredFrom = iv.start
      coveredTo = iv.end
    }
  }
  const reaches =
    coveredFrom !== null &&
    coveredTo !== null &&
    coveredFrom <= now - days * DAY + HOUR &&
    coveredTo >= now - 5 * 60_000
  const state = deps.state ?? (reaches ? 'current' : 'filling')
  const degraded = store.health !== 'ok'
  return { days, coveredFrom, coveredTo, state: degraded && state !== 'off' ? 'degraded' : state }
}
