import { type QueryFunctionContext, queryOptions } from '@tanstack/react-query'
import { createPostPage } from './calldetails-client'
import type { Conversation, ShapeWarning } from './conversation'
import { fetchRange, type RangeResult } from './fetch-engine'
import { conversationIdentity, normalizeRecord } from './normalize'
import { parseApiTime } from './normalize-times'
import { coveredMs, createRangeState, type RangeState, totalMs } from './range-state'

export type RangeLoad = {
  conversations: Conversation[]
  warnings: ShapeWarning[]
  /** windows that still overflowed at the smallest size: the count is a lower bound there */
  overflow: RangeResult['overflow']
  coveredMs: number
  totalMs: number
  requests: number
  complete: boolean
  /** when the last page arrived (epoch ms) */
  fetchedAt: number
}

type Key = readonly ['calldetails', number, number, number]

/**
 * The engine's memory of unfinished loads, so that Retry (or coming back to a range whose load was
 * interrupted) asks only for what is missing. The state holds every record received; the page's rows
 * are rebuilt from it, so they can never disagree. Bounded: a few ranges, the newest kept.
 */
const unfinished = new Map<string, RangeState>()
const MAX_UNFINISHED = 3

function unfinishedState(key: string, start: number, end: number): RangeState {
  const state = unfinished.get(key) ?? createRangeState(start, end)
  unfinished.delete(key)
  unfinished.set(key, state)
  for (const oldest of unfinished.keys()) {
    if (unfinished.size <= MAX_UNFINISHED) break
    unfinished.delete(oldest)
  }
  return state
}

/** Rows appear as pages arrive, but each re-render costs more as the set grows: publish less often then. */
const publishEveryMs = (rows: number) => Math.max(200, rows / 40)

/** The whole range, every window and page, normalized once at the edge (offset 0: we read UTC). */
export function conversationsQuery(start: number, end: number, refreshedAt = 0) {
  return queryOptions({
    queryKey: ['calldetails', start, end, refreshedAt] as Key,
    queryFn: loadRange,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10 * 60_000,
  })
}

async function loadRange(ctx: QueryFunctionContext<Key>): Promise<RangeLoad> {
  const [, start, end, refreshedAt] = ctx.queryKey
  const key = JSON.stringify(ctx.queryKey)
  const state = unfinishedState(key, start, end)
  let load = appendRecords(emptyLoad(state), [...state.records.values()])
  let lastPublish = 0
  const result = await fetchRange({
    start,
    end,
    signal: ctx.signal,
    postPage: createPostPage({ noCache: refreshedAt > 0 }),
    recordTime: (raw) => parseApiTime((raw as { sessionStartTime?: unknown } | null)?.sessionStartTime, 0),
    identity: conversationIdentity,
    resume: state,
    onProgress: (p) => {
      load = appendRecords(load, p.newRecords)
      load = { ...load, coveredMs: p.coveredMs, requests: p.requests, fetchedAt: Date.now() }
      const now = Date.now()
      if (now - lastPublish >= publishEveryMs(load.conversations.length)) {
        lastPublish = now
        ctx.client.setQueryData(ctx.queryKey, load)
      }
    },
  })
  load = { ...load, overflow: result.overflow, requests: result.requests, coveredMs: coveredMs(state) }
  if (!result.complete) {
    // Everything received is shown; the error says what failed and the page offers Retry.
    ctx.client.setQueryData(ctx.queryKey, load)
    const failure = result.failed[0]?.error
    throw failure instanceof Error ? failure : new Error('Part of the range could not be loaded.')
  }
  unfinished.delete(key)
  return { ...load, complete: true, coveredMs: load.totalMs }
}

function emptyLoad(state: RangeState): RangeLoad {
  return {
    conversations: [],
    warnings: [],
    overflow: state.overflow,
    coveredMs: coveredMs(state),
    totalMs: totalMs(state),
    requests: state.requests,
    complete: false,
    fetchedAt: Date.now(),
  }
}

function appendRecords(load: RangeLoad, records: unknown[]): RangeLoad {
  if (records.length === 0) return load
  const conversations = load.conversations.slice()
  const warnings = load.warnings.slice()
  for (const raw of records) {
    const { conversation, warnings: odd } = normalizeRecord(raw, conversations.length, { timeZoneOffset: 0 })
    conversations.push(conversation)
    for (const message of odd)
      warnings.push({ index: conversations.length - 1, id: conversation.id, message })
  }
  return { ...load, conversations, warnings }
}
