// GET /api/conversations?start&end: one streamed answer per page range (CONTRACT.md "Ranges"), as
// newline-delimited JSON (format in README.md), gzipped and flushed event by event when accepted.
import { constants, createGzip } from 'node:zlib'
import type { Context } from 'hono'
import { MAX_RANGE_MS } from '../../lib/calldetails-limits'
import { UNEXPECTED_ERROR } from '../errors'
import { parseDate } from '../validate-request'
import type { RangeEvent, RangeService } from './range-service'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

type Parsed = { ok: true; start: number; end: number } | { ok: false; error: string }

/** start and end: UTC instants (`2024-11-18T00:00:00.000Z`), both inclusive. */
export function parseRangeQuery(start: string | undefined, end: string | undefined): Parsed {
  const example = 'e.g. ?start=2024-11-18T00:00:00.000Z&end=2024-11-24T23:59:59.999Z'
  if (!start || !end) return { ok: false, error: `Give the range as start and end UTC instants, ${example}.` }
  const from = parseDate(start, 0, 'start')
  const to = parseDate(end, 0, 'end')
  if (from === undefined || to === undefined) {
    return { ok: false, error: `start and end must be UTC instants, ${example} (got "${start}", "${end}").` }
  }
  if (to < from) return { ok: false, error: 'end is before start: swap them.' }
  if (to - from > MAX_RANGE_MS) {
    return {
      ok: false,
      error: 'The range is over 7 days; SmartAssist allows at most 7 days. Pick a shorter range.',
    }
  }
  return { ok: true, start: from, end: to }
}

export function rangeRoute(service: RangeService, shutdownSignal: AbortSignal) {
  return (c: Context): Response => {
    const parsed = parseRangeQuery(c.req.query('start'), c.req.query('end'))
    if (!parsed.ok) return json(400, { error: parsed.error })
    const noCache = /\bno-cache\b/i.test(c.req.header('cache-control') ?? '')
    const gzip = /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '')
    const stop = new AbortController()
    const signal = AbortSignal.any([c.req.raw.signal, shutdownSignal, stop.signal])

    // Once the browser has gone (cancel), nothing more is enqueued: the controller is closed then.
    // Level 1: a busy week is ~75 MB of JSON; speed matters more here than the last few percent.
    const zip = gzip ? createGzip({ level: 1 }) : null
    zip?.on('error', () => {}) // only after the browser has gone, when nothing more is read
    let closed = false
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const encoder = new TextEncoder()
        zip?.on('data', (chunk: Buffer) => {
          if (!closed) controller.enqueue(new Uint8Array(chunk))
        })
        zip?.on('end', () => {
          if (!closed) controller.close()
          closed = true
        })
        const write = (event: RangeEvent) => {
          if (closed || stop.signal.aborted) return
          const line =
            event.type === 'recordsJson'
              ? `{"type":"records","records":[${event.json.join(',')}]}\n`
              : `${JSON.stringify(event)}\n`
          if (!zip) controller.enqueue(encoder.encode(line))
          else {
            zip.write(line)
            // Every event reaches the browser now, not when the compressor's buffer fills.
            zip.flush(constants.Z_SYNC_FLUSH)
          }
        }
        const finish = () => {
          if (closed) return
          if (zip)
            zip.end() // its 'end' closes the stream
          else {
            closed = true
            controller.close()
          }
        }
        service.run({ range: parsed, signal, noCache }, write).then(finish, (error: unknown) => {
          write({ type: 'error', error: UNEXPECTED_ERROR, status: 500 })
          finish()
          console.error(`range stream failed: ${(error as Error).message}`)
        })
      },
      cancel() {
        closed = true
        stop.abort()
        zip?.destroy()
      },
    })
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        ...(gzip && { 'content-encoding': 'gzip', vary: 'Accept-Encoding' }),
      },
    })
  }
}
