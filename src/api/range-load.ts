// What the page knows of one range while its stream arrives: the normalized rows, the progress the
// server reports, the windows whose count is short. Pure: events in, snapshots out.

import type { Conversation, ShapeWarning } from './conversation'
import { normalizeRecord } from './normalize'
import type { OverflowWindow, RangeEvent } from './range-stream'
import { timeShiftWarning } from './time-shift'

export type RangeLoad = {
  conversations: Conversation[]
  warnings: ShapeWarning[]
  /** one-minute windows that held more than the API can page through: the count is a lower bound there */
  overflow: OverflowWindow[]
  /** how much of the range the server has covered (ms of totalMs) */
  coveredMs: number
  totalMs: number
  /** upstream requests the server spent on this answer so far */
  requests: number
  complete: boolean
  /** when the data is from (epoch ms): the server's, once complete */
  fetchedAt: number
  /** the server's estimate of the time left; null = unknown */
  etaMs: number | null
  /** the server is waiting for SmartAssist's rate budget right now */
  waitingForBudget: boolean
  /** SmartAssist's budget as the server keeps it; null when there is none (demo) */
  rateLimitPerMinute: number | null
}

export type RangeAccumulator = {
  /** Applies one event (not `error`: the caller decides what an error means). */
  apply(event: Exclude<RangeEvent, { type: 'error' }>): void
  /** The rows received so far. */
  readonly rows: number
  /** A snapshot the page can hold on to (fresh arrays: React sees a change). */
  snapshot(): RangeLoad
}

export function createRangeAccumulator(start: number, end: number, now = Date.now): RangeAccumulator {
  const conversations: Conversation[] = []
  const warnings: ShapeWarning[] = []
  const overflow = new Map<string, OverflowWindow>()
  let shiftChecked = false
  let load: Omit<RangeLoad, 'conversations' | 'warnings' | 'overflow'> = {
    coveredMs: 0,
    totalMs: end - start + 1,
    requests: 0,
    complete: false,
    fetchedAt: now(),
    etaMs: null,
    waitingForBudget: false,
    rateLimitPerMinute: null,
  }

  return {
    apply(event) {
      switch (event.type) {
        case 'records':
          for (const raw of event.records) {
            // offset 0: the browser asks in UTC and reads zone-less times as UTC (CONTRACT.md "Time")
            const index = conversations.length
            const { conversation, warnings: odd } = normalizeRecord(raw, index, { timeZoneOffset: 0 })
            conversations.push(conversation)
            for (const message of odd) warnings.push({ index, id: conversation.id, message })
          }
          load = { ...load, fetchedAt: now() }
          break
        case 'progress':
          load = {
            ...load,
            coveredMs: Math.min(event.coveredMs, event.totalMs),
            totalMs: event.totalMs,
            requests: event.requests,
            etaMs: event.etaMs,
            waitingForBudget: event.waitingForBudget,
            rateLimitPerMinute: event.rateLimitPerMinute,
          }
          break
        case 'overflow':
          for (const w of event.windows) {
            const key = `${w.start}-${w.end}`
            const seen = overflow.get(key)
            if (seen === undefined || seen.count < w.count) overflow.set(key, w)
          }
          break
        case 'done':
          // Once the range is complete: are its zone-less times in the zone asked for (time-shift.ts)?
          if (!shiftChecked) {
            shiftChecked = true
            const shifted = timeShiftWarning(conversations)
            if (shifted !== null) warnings.push({ index: -1, id: null, message: shifted })
          }
          load = {
            ...load,
            complete: true,
            coveredMs: load.totalMs,
            fetchedAt: event.fetchedAt,
            etaMs: null,
            waitingForBudget: false,
          }
          break
      }
    },
    get rows() {
      return conversations.length
    },
    snapshot() {
      return {
        ...load,
        conversations: conversations.slice(),
        warnings: warnings.slice(),
        overflow: [...overflow.values()].sort((a, b) => a.start - b.start),
      }
    },
  }
}
