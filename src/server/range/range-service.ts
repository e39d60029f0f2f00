// A page range, as the browser asks for it (GET /api/conversations): what the store already holds,
// at once, then the fetch engine over what it does not (the gaps), every record stored as it
// arrives and every finished stretch marked as held, so a failure or a restart costs at most the
// window in flight. Events go out through `emit`; the HTTP layer streams them.
import { createHash } from 'node:crypto'
import { isAbortError } from '../../api/api-error'
import { conversationIdentity } from '../../api/normalize'
import type { Clock } from '../clock'
import {
  type FetchRangeOptions,
  fetchRange,
  type PostPage,
  type RangeResult,
  recordStartTime,
} from '../engine/fetch-engine'
import { PageError } from '../engine/page-error'
import { createRangeState, type OverflowWindow, type RangeState } from '../engine/range-state'
import { type Answer, queueFullAnswer, UNEXPECTED_ERROR } from '../errors'
import type { PageSource } from '../page-source'
import { type Priority, QueueFullError } from '../rate-limiter'
import type { WindowLocks } from '../shared/window-lock'
import type { ConversationStore, CoveredInterval, Interval } from '../store/store'
import { SELECTABLE_FIELDS } from '../validate-request'
import { type Freshness, freshParts, subtract } from './intervals'

export type ProgressEvent = {
  type: 'progress'
  coveredMs: number
  totalMs: number
  records: number
  requests: number
  etaMs: number | null
  waitingForBudget: boolean
  rateLimitPerMinute: number | null
}

export type RangeEvent =
  | { type: 'records'; records: unknown[] }
  /** stored records as the store keeps them (JSON text): written out as a `records` line, unparsed */
  | { type: 'recordsJson'; json: string[] }
  | ProgressEvent
  | { type: 'overflow'; windows: OverflowWindow[] }
  | { type: 'done'; count: number; fetchedAt: number }
  | { type: 'error'; error: string; status: number; retryAfterSeconds?: number }

export type RangeRequest = {
  range: Interval
  signal: AbortSignal
  /** Refresh: fetch the whole range again */
  noCache?: boolean
  priority?: Priority
  /** which stored intervals count as held (default: the contract's freshness rule) */
  freshness?: Freshness
}

export type RangeService = {
  /** Sends the range's records and progress through `emit`; resolves after its done or error event. */
  run(request: RangeRequest, emit: (event: RangeEvent) => void): Promise<void>
}

const RECORD_BATCH = 1_000
const PROGRESS_EVERY_MS = 2_000
/** While another instance fetches a gap: how often to send what it has stored so far. */
const WAIT_POLL_MS = 1_000
/** Requests per page of records the engine spends (measured 1.09 × ceil(N/100)). */
const REQUESTS_PER_PAGE = 1.1

/** conversationId, else sessionId; a record with neither is named by its content (never dropped). */
export function storedId(raw: unknown): string {
  return conversationIdentity(raw) ?? `raw-${createHash('sha1').update(JSON.stringify(raw)).digest('hex')}`
}

/** What one gap's fetch came to (the fields the service reads of the engine's result). */
type GapOutcome = Pick<RangeResult, 'overflow' | 'complete' | 'failed'>

export function createRangeService(deps: {
  store: ConversationStore
  pages: PageSource
  clock: Clock
  log: (line: string) => void
  /** several instances (REDIS_URL): a gap being fetched by one is not fetched again by another */
  locks?: WindowLocks
}): RangeService {
  const { store, pages, clock } = deps
  const limiter = pages.limiter
  // Overflowing one-minute windows are rare; remember them so a range served from the store says so too.
  const overflowSeen = new Map<string, OverflowWindow>()

  return {
    async run(request, emit) {
      const { range, signal, noCache = false, priority = 'person' } = request
      const freshness = request.freshness ?? freshParts
      const totalMs = range.end - range.start + 1
      // Stored intervals and gaps do not overlap (a record is filed by its start time), so only what the
      // engine brings needs its identity checked: it sees window edges twice.
      const sent = new Set<string>()
      let storedCount = 0
      const sentCount = () => storedCount + sent.size
      let requests = 0
      let coveredMs = 0
      let fetchedAt = clock.now()

      const sendRecords = (records: unknown[]) => {
        const fresh = records.filter((raw) => {
          const id = storedId(raw)
          if (sent.has(id)) return false
          sent.add(id)
          return true
        })
        for (let i = 0; i < fresh.length; i += RECORD_BATCH) {
          emit({ type: 'records', records: fresh.slice(i, i + RECORD_BATCH) })
        }
      }
      const progress = (etaMs: number | null): ProgressEvent => ({
        type: 'progress',
        coveredMs: Math.min(coveredMs, totalMs),
        totalMs,
        records: sentCount(),
        requests,
        etaMs,
        waitingForBudget: limiter !== undefined && (limiter.queued > 0 || limiter.pausedUntil > 0),
        rateLimitPerMinute: limiter?.perMinute ?? null,
      })

      try {
        // 1. What the store holds, at once.
        const held = noCache ? [] : await sendStored(range)
        // One progress line after the stored part: covered < total only when there is work left,
        // which is what the page takes as "fetching" (a held range shows no progress phase).
        if (held.length) emit(progress(null))
        const overflow = [...overflowSeen.values()].filter(
          (o) => o.start <= range.end && o.end >= range.start,
        )

        // 2. The engine over each gap.
        const gaps = subtract(range, held)
        if (gaps.length > 0) {
          const endPersonWait = priority === 'person' ? limiter?.personWaiting() : undefined
          try {
            for (const gap of gaps) {
              const result = await fetchGapOnce(gap)
              overflow.push(...result.overflow)
              for (const o of result.overflow) overflowSeen.set(`${o.start}:${o.end}`, o)
              if (!result.complete) {
                if (overflow.length) emit({ type: 'overflow', windows: overflow })
                emit(errorEvent(result.failed[0]?.error))
                return
              }
            }
          } finally {
            endPersonWait?.()
          }
        }
        if (overflow.length) emit({ type: 'overflow', windows: overflow })
        emit(progress(0))
        emit({ type: 'done', count: sentCount(), fetchedAt })
      } catch (error) {
        if (signal.aborted) return
        deps.log(`range ${new Date(range.start).toISOString()}..: ${(error as Error).message}`)
        emit(errorEvent(error))
      }

      /** Sends the fresh parts the store holds of `part`, except those in `sent`; returns what it sent. */
      async function sendStored(part: Interval, sent: readonly Interval[] = []): Promise<CoveredInterval[]> {
        const now = clock.now()
        const held = (await store.covered(part)).flatMap((iv) =>
          freshness(iv, now).flatMap((p) =>
            subtract(p, sent).map((piece) => ({ ...piece, fetchedAt: iv.fetchedAt })),
          ),
        )
        for (const iv of held) {
          for await (const json of store.recordsJson(iv, RECORD_BATCH)) {
            storedCount += json.length
            emit({ type: 'recordsJson', json })
            // A stored week is ~75 MB: let other requests (another person, /healthz) in between batches.
            await new Promise<void>((resolve) => setImmediate(resolve))
          }
          coveredMs += iv.end - iv.start + 1
          fetchedAt = Math.min(fetchedAt, iv.fetchedAt)
        }
        return held
      }

      /**
       * One gap, fetched once across instances: while another instance holds its lock, wait for it,
       * then send what it stored and fetch only what is still missing (it may have failed half way).
       */
      async function fetchGapOnce(gap: Interval): Promise<GapOutcome> {
        const { locks } = deps
        if (!locks) return fetchGap(gap)
        return locks.withWindowLock(
          `window:${gap.start}:${gap.end}`,
          () => fetchGap(gap),
          async (released) => {
            // What the other instance stores goes out as it lands (it marks its sweep as it goes),
            // so people on this instance see rows at once; what it leaves undone is fetched here.
            let over = false
            void released.then(() => {
              over = true
            })
            const sent: Interval[] = []
            for (;;) {
              const last = over
              sent.push(...(await sendStored(gap, sent)))
              if (last) break
              await Promise.race([released, clock.sleep(WAIT_POLL_MS, signal).catch(() => {})])
              signal.throwIfAborted()
            }
            const overflow: GapOutcome['overflow'] = []
            for (const rest of subtract(gap, sent)) {
              const result = await fetchGap(rest)
              overflow.push(...result.overflow)
              if (!result.complete) return { ...result, overflow }
            }
            return { complete: true, overflow, failed: [] }
          },
          { signal },
        )
      }

      async function fetchGap(gap: Interval) {
        const started = clock.now()
        fetchedAt = Math.min(fetchedAt, started)
        const state = createRangeState(gap.start, gap.end)
        const coveredBefore = coveredMs
        let marked = gap.start - 1
        const ticker = setInterval(() => emit(progress(eta())), PROGRESS_EVERY_MS)
        function eta(): number | null {
          const done = coveredMs - coveredBefore
          const left = totalMs - coveredMs
          if (done <= 0 || left <= 0) return left <= 0 ? 0 : null
          const byThroughput = ((clock.now() - started) / done) * left
          if (!limiter) return Math.round(byThroughput)
          const pagesLeft = Math.ceil(((state.records.size / done) * left) / 100) * REQUESTS_PER_PAGE
          const byBudget =
            (pagesLeft / limiter.perMinute) * 60_000 + Math.max(0, limiter.pausedUntil - clock.now())
          return Math.round(Math.max(byThroughput, byBudget))
        }
        // Store writes run in order, behind the engine (a Redis store answers asynchronously).
        let writes: Promise<void> = Promise.resolve()
        const later = (work: () => void | Promise<void>) => {
          writes = writes.then(work)
        }
        const onProgress: FetchRangeOptions['onProgress'] = (p) => {
          requests = p.requests
          coveredMs = coveredBefore + p.coveredMs
          if (p.newRecords.length) {
            const stored = p.newRecords.map((raw) => toStored(raw, state))
            later(() => store.put(stored))
            sendRecords(p.newRecords)
          }
          // Held completely: everything before the sweep's cursor, and an island ahead of it.
          if (state.cursor - 1 > marked) {
            const held = { start: gap.start, end: state.cursor - 1 }
            marked = held.end
            later(() => store.markCovered(held, started))
          }
          const { ahead } = state
          if (ahead) later(() => store.markCovered(ahead, started))
          emit(progress(eta()))
        }
        try {
          const result = await fetchRange({
            start: gap.start,
            end: gap.end,
            resume: state,
            postPage: postPageFor(noCache, priority),
            signal,
            recordTime: recordStartTime,
            identity: storedId,
            onProgress,
          })
          await writes
          if (result.complete) await store.markCovered(gap, started)
          coveredMs = coveredBefore + (result.complete ? gap.end - gap.start + 1 : 0)
          return result
        } finally {
          clearInterval(ticker)
        }
      }
    },
  }

  /** The engine's page requests go through the same cache, sharing and budget as POST /api/calldetails. */
  function postPageFor(noCache: boolean, priority: Priority): PostPage {
    return async (req, signal) => {
      const q = {
        offset: req.offset,
        limit: req.limit,
        body: {
          startDate: req.startDate,
          endDate: req.endDate,
          timeZoneOffset: 0 as const,
          selectedFields: [...SELECTABLE_FIELDS],
        },
      }
      let answer: Answer
      try {
        ;({ answer } = await pages.fetchPage(q, { noCache, signal, priority }))
      } catch (error) {
        // The budget turned it away: the same answer POST /api/calldetails gives, as a failed page.
        if (!(error instanceof QueueFullError)) throw error
        answer = queueFullAnswer(error)
      }
      if (answer.status !== 200) {
        const retryAfter = Number(answer.headers['retry-after'])
        throw new PageError(answer.status, (JSON.parse(answer.json) as { error: string }).error, {
          ...(retryAfter > 0 && { retryAfterSeconds: retryAfter }),
        })
      }
      return JSON.parse(answer.json) as { data: unknown[] }
    }
  }
}

/** A record without a start time is filed where the sweep was when it came, so it is never lost. */
function toStored(raw: unknown, state: RangeState) {
  return { id: storedId(raw), startMs: recordStartTime(raw) ?? state.cursor, raw }
}

function errorEvent(error: unknown): RangeEvent {
  if (error instanceof PageError) {
    const retry = error.extra.retryAfterSeconds
    return {
      type: 'error',
      error: error.message,
      status: error.status,
      ...(retry && { retryAfterSeconds: retry }),
    }
  }
  if (isAbortError(error)) return { type: 'error', error: 'The request was cancelled.', status: 499 }
  return { type: 'error', error: UNEXPECTED_ERROR, status: 500 }
}

export type { CoveredInterval }
