// The page's reader for GET /api/conversations: newline-delimited JSON (format in README.md), one
// event a line. Pure: bytes in, typed events out. Every way a stream can go wrong (a line that is not
// an event, a connection cut before the last line) becomes an `error` event whose message says what
// to do, so the caller has one path for failures and never crashes on the server's output.

import { z } from 'zod'
import { isAbortError } from './api-error'

const count = z.number().int().nonnegative()
const ms = z.number().finite()

const recordsEvent = z.object({ type: z.literal('records'), records: z.array(z.unknown()) })
const progressEvent = z.object({
  type: z.literal('progress'),
  coveredMs: z.number().nonnegative(),
  totalMs: z.number().positive(),
  records: count,
  requests: count,
  etaMs: z.number().nonnegative().nullable(),
  waitingForBudget: z.boolean(),
  rateLimitPerMinute: z.number().positive().nullable(),
})
const overflowEvent = z.object({
  type: z.literal('overflow'),
  windows: z.array(z.object({ start: ms, end: ms, count })),
})
const doneEvent = z.object({ type: z.literal('done'), count, fetchedAt: ms })
const errorEvent = z.object({
  type: z.literal('error'),
  error: z.string(),
  status: z.number().int(),
  retryAfterSeconds: z.number().nonnegative().optional(),
})

const rangeEventSchema = z.discriminatedUnion('type', [
  recordsEvent,
  progressEvent,
  overflowEvent,
  doneEvent,
  errorEvent,
])

export type RangeEvent = z.infer<typeof rangeEventSchema>
export type RangeProgressEvent = z.infer<typeof progressEvent>
export type RangeErrorEvent = z.infer<typeof errorEvent>
export type OverflowWindow = z.infer<typeof overflowEvent>['windows'][number]

const KNOWN_TYPES = new Set(['records', 'progress', 'overflow', 'done', 'error'])

export const CUT_MESSAGE = 'The connection to the dashboard server was cut; press Retry.'

/** What a line that is not a valid event turns into: an error naming the line, never a throw. */
function malformed(lineNumber: number, line: string, why: string): RangeErrorEvent {
  const shown = line.length > 80 ? `${line.slice(0, 80)}…` : line
  return {
    type: 'error',
    status: 502,
    error: `The dashboard server sent something that is not a range event (line ${lineNumber}: ${why}: "${shown}"); press Retry, and check the server log if it persists.`,
  }
}

/**
 * One line → an event, an error event (malformed), or null (blank, or a type this page does not know:
 * a newer server may add events; skipping them keeps the page working).
 */
export function parseRangeLine(line: string, lineNumber: number): RangeEvent | null {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line
  if (text.trim() === '') return null
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return malformed(lineNumber, text, 'not JSON')
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const { type, records } = json as { type?: unknown; records?: unknown }
    if (typeof type === 'string' && !KNOWN_TYPES.has(type)) return null
    // Nearly every byte of a stream: skip the schema's copy of the list (normalize checks each record).
    if (type === 'records' && Array.isArray(records)) return { type, records }
  }
  const parsed = rangeEventSchema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  return malformed(lineNumber, text, `${where}${issue?.message ?? 'unexpected shape'}`)
}

/**
 * Yields the events of a range stream in order and ends after its last event (`done` or `error`).
 * Lines may be split anywhere across chunks (multi-byte characters included) and the last line may
 * lack its newline. A stream that ends, or fails, before `done`/`error` yields a "connection cut"
 * error. An abort (the caller's signal) is rethrown as it is, so the caller can tell it apart.
 */
export async function* readRangeStream(body: ReadableStream<Uint8Array>): AsyncGenerator<RangeEvent> {
  const reader = body.getReader()
  const decoder = new TextDecoder('utf-8')
  // The unfinished line, in pieces: joined once its newline arrives (lines of records can be megabytes).
  let pieces: string[] = []
  let lineNumber = 0
  let finished = false

  function* linesOf(text: string): Generator<RangeEvent> {
    let from = 0
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', from)) {
      const line = pieces.length === 0 ? text.slice(from, at) : pieces.join('') + text.slice(from, at)
      pieces = []
      from = at + 1
      lineNumber++
      const event = parseRangeLine(line, lineNumber)
      if (event === null) continue
      yield event
      if (event.type === 'done' || event.type === 'error') {
        finished = true
        return
      }
    }
    if (from < text.length) pieces.push(text.slice(from))
  }

  try {
    while (!finished) {
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await reader.read()
      } catch (error) {
        if (isAbortError(error)) throw error
        yield { type: 'error', status: 0, error: CUT_MESSAGE }
        return
      }
      if (chunk.done) {
        // The last line may lack its newline; a last line that is not even JSON was cut off.
        const rest = pieces.join('') + decoder.decode()
        pieces = []
        if (isJson(rest)) yield* linesOf(`${rest}\n`)
        if (!finished) yield { type: 'error', status: 0, error: CUT_MESSAGE }
        return
      }
      yield* linesOf(decoder.decode(chunk.value, { stream: true }))
    }
  } finally {
    // Done, failed, or the consumer stopped early: let go of the connection.
    reader.cancel().catch(() => {})
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
