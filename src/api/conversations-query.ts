import { type QueryFunctionContext, queryOptions } from '@tanstack/react-query'
import { createPostPage } from './calldetails-client'
import type { Conversation, ShapeWarning } from './conversation'
import { fetchRange, type RangeResult, type RangeState } from './fetch-engine'
import { conversationIdentity, normalizeRecord } from './normalize'
import { parseApiTime } from './normalize-times'

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

/** An incomplete load keeps what it got so that Retry fetches only the windows that failed. */
export class RangeLoadError extends Error {
  constructor(
    message: string,
    readonly partial: RangeLoad,
    readonly state: RangeState,
  ) {
    super(message)
    this.name = 'RangeLoadError'
  }
}

type Key = readonly ['calldetails', number, number, number]
const resumable = new Map<string, { state: RangeState; partial: RangeLoad }>()
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
  const keyText = JSON.stringify(ctx.queryKey)
  const previous = resumable.get(keyText)
  resumable.delete(keyText)
  let load: RangeLoad = previous?.partial ?? {
    conversations: [],
    warnings: [],
    overflow: [],
    coveredMs: 0,
    totalMs: end - start + 1,
    requests: 0,
    complete: false,
    fetchedAt: Date.now(),
  }
  let lastPublish = 0
  const result = await fetchRange({
    start,
    end,
    signal: ctx.signal,
    postPage: createPostPage({ noCache: refreshedAt > 0 }),
    recordTime: (raw) => parseApiTime((raw as { sessionStartTime?: unknown } | null)?.sessionStartTime, 0),
    identity: conversationIdentity,
    resume: previous?.state,
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
  load = { ...load, overflow: result.overflow, requests: result.requests }
  if (result.failed.length > 0) {
    resumable.set(keyText, { state: result.state, partial: load })
    ctx.client.setQueryData(ctx.queryKey, load)
    const first = result.failed[0]
    throw new RangeLoadError(
      first ? String(first.error instanceof Error ? first.error.message : first.error) : 'Loading failed',
      load,
      result.state,
    )
  }
  return { ...load, complete: true, coveredMs: load.totalMs }
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
