import { describe, expect, it } from 'vitest'
import { CUT_MESSAGE, parseRangeLine, type RangeEvent, readRangeStream } from './range-stream'

const encoder = new TextEncoder()

/** A body that delivers exactly these byte chunks, then ends (or fails, or never ends). */
function streamOf(chunks: Uint8Array[], end: 'close' | 'fail' | 'abort' = 'close') {
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++]
      if (chunk !== undefined) controller.enqueue(chunk)
      else if (end === 'close') controller.close()
      else if (end === 'fail') controller.error(new TypeError('network error'))
      else controller.error(new DOMException('The operation was aborted.', 'AbortError'))
    },
  })
}

/** Cuts the bytes of `text` at the given byte offsets. */
function cut(text: string, at: number[]): Uint8Array[] {
  const bytes = encoder.encode(text)
  const bounds = [0, ...at, bytes.length]
  return bounds.slice(1).map((b, k) => bytes.slice(bounds[k], b))
}

async function collect(body: ReadableStream<Uint8Array>): Promise<RangeEvent[]> {
  const events: RangeEvent[] = []
  for await (const event of readRangeStream(body)) events.push(event)
  return events
}

const progress = {
  type: 'progress',
  coveredMs: 3_600_000,
  totalMs: 86_400_000,
  records: 2,
  requests: 1,
  etaMs: 120_000,
  waitingForBudget: false,
  rateLimitPerMinute: 60,
}
const lines = [
  { type: 'records', records: [{ conversationId: 'c-1' }, { sessionId: 's-2' }] },
  progress,
  { type: 'done', count: 2, fetchedAt: 1_732_000_000_000 },
]
const ndjson = lines.map((l) => `${JSON.stringify(l)}\n`).join('')

describe('readRangeStream', () => {
  it('reads one event a line, in order, and stops at done', async () => {
    expect(await collect(streamOf([encoder.encode(ndjson)]))).toEqual(lines)
  })

  it('joins a line split anywhere across chunks, even mid-number and one byte at a time', async () => {
    const bytes = encoder.encode(ndjson).length
    expect(await collect(streamOf(cut(ndjson, [5, 40, 41, 90, bytes - 3])))).toEqual(lines)
    const oneByteEach = Array.from({ length: bytes - 1 }, (_, k) => k + 1)
    expect(await collect(streamOf(cut(ndjson, oneByteEach)))).toEqual(lines)
  })

  it('keeps a multi-byte character whole when its bytes are split across chunks', async () => {
    const name = 'Zoë 😀 Ünïcode'
    const text = `${JSON.stringify({ type: 'records', records: [{ sessionId: 's', name }] })}\n${JSON.stringify(lines[2])}\n`
    const emoji = encoder.encode(text.slice(0, text.indexOf('😀'))).length
    // inside the emoji's four bytes, and inside the two bytes of ë
    const diaeresis = encoder.encode(text.slice(0, text.indexOf('ë'))).length
    const events = await collect(streamOf(cut(text, [diaeresis + 1, emoji + 1, emoji + 3])))
    expect(events[0]).toEqual({ type: 'records', records: [{ sessionId: 's', name }] })
    expect(events[1]?.type).toBe('done')
  })

  it('reads a last line that has no newline', async () => {
    expect(await collect(streamOf([encoder.encode(ndjson.trimEnd())]))).toEqual(lines)
  })

  it('accepts CRLF line ends and blank lines', async () => {
    const crlf = lines.map((l) => `${JSON.stringify(l)}\r\n\r\n`).join('')
    expect(await collect(streamOf([encoder.encode(crlf)]))).toEqual(lines)
  })

  it('a stream that ends before done or error is a cut connection', async () => {
    const truncated = ndjson.slice(0, ndjson.indexOf('{"type":"done"'))
    const events = await collect(streamOf([encoder.encode(truncated)]))
    expect(events.slice(0, 2)).toEqual(lines.slice(0, 2))
    expect(events[2]).toEqual({ type: 'error', status: 0, error: CUT_MESSAGE })
    expect(events).toHaveLength(3)
  })

  it('a stream cut in the middle of a line reports the cut, not a malformed line', async () => {
    const events = await collect(streamOf([encoder.encode(ndjson.slice(0, 30))], 'fail'))
    expect(events).toEqual([{ type: 'error', status: 0, error: CUT_MESSAGE }])
  })

  it('a stream that closes in the middle of a line is a cut connection, not a malformed line', async () => {
    const events = await collect(streamOf([encoder.encode(`${JSON.stringify(lines[0])}\n{"type":"pro`)]))
    expect(events.map((e) => e.type)).toEqual(['records', 'error'])
    expect(events[1]).toEqual({ type: 'error', status: 0, error: CUT_MESSAGE })
  })

  it('a network failure while reading is a cut connection', async () => {
    const events = await collect(streamOf([encoder.encode(`${JSON.stringify(lines[0])}\n`)], 'fail'))
    expect(events.map((e) => e.type)).toEqual(['records', 'error'])
    expect(events[1]).toMatchObject({ error: CUT_MESSAGE })
  })

  it('an abort is rethrown, so the caller can tell leaving from failing', async () => {
    await expect(collect(streamOf([], 'abort'))).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('a malformed line becomes an error event naming the line, and reading stops there', async () => {
    const text = `${JSON.stringify(lines[0])}\n{"type":"records","records":[1,2\n${JSON.stringify(lines[2])}\n`
    const events = await collect(streamOf([encoder.encode(text)]))
    expect(events).toHaveLength(2)
    expect(events[1]).toMatchObject({ type: 'error', status: 502 })
    expect((events[1] as { error: string }).error).toContain('line 2: not JSON')
    expect((events[1] as { error: string }).error).toContain('press Retry')
  })

  it('a line of the wrong shape names the field', async () => {
    const bad = { ...progress, etaMs: 'soon' }
    const events = await collect(streamOf([encoder.encode(`${JSON.stringify(bad)}\n`)]))
    expect(events).toHaveLength(1)
    expect((events[0] as { error: string }).error).toMatch(/line 1: etaMs/)
  })

  it('skips event types it does not know (a newer server), and blank lines', () => {
    expect(parseRangeLine('{"type":"heartbeat","at":1}', 1)).toBeNull()
    expect(parseRangeLine('   ', 2)).toBeNull()
    expect(parseRangeLine('{"no":"type"}', 3)).toMatchObject({ type: 'error' })
    expect(parseRangeLine('[1,2]', 4)).toMatchObject({ type: 'error' })
  })

  it('passes the server error event through with its status and Retry-After', async () => {
    const error = {
      type: 'error',
      error: 'SmartAssist kept failing (HTTP 503); press Retry in a minute.',
      status: 503,
      retryAfterSeconds: 30,
    }
    const events = await collect(
      streamOf([encoder.encode(`${JSON.stringify(lines[0])}\n${JSON.stringify(error)}\n`)]),
    )
    expect(events).toEqual([lines[0], error])
  })

  it('stops reading after the last event and lets go of the connection', async () => {
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`${JSON.stringify(lines[2])}\n{"type":"records"`))
      },
      cancel() {
        cancelled = true
      },
    })
    expect(await collect(body)).toEqual([lines[2]])
    expect(cancelled).toBe(true)
  })
})
