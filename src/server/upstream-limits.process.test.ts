// @vitest-environment node
// CONTRACT.md "Protection and served pages": an upstream answer that is not `{data: [...]}` JSON, or
// is larger than 20 MB, is a 502 and is never stored or cached. `npm start` in live mode against
// loopback SmartAssist stand-ins; the server's peak memory is read from /proc/<pid>/status.
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeSmartAssist } from './testing/http-fake-smartassist'
import { cleanupProcesses, liveEnv, onCleanup, peakRssBytes, serverUrl, workDir } from './testing/process'
import { startOversizedSmartAssist } from './testing/streaming-smartassist'

afterEach(cleanupProcesses)

const MB = 1024 * 1024
/**
 * The server's peak RSS (VmHWM) after refusing two 300 MB answers. Measured here: an idle server peaks
 * near 90 MB; with the 20 MB limit 100-155 MB; reading the whole answer (before the limit) 1.9-2.1 GB.
 */
const PEAK_RSS_BOUND = 350 * MB

const BODY = JSON.stringify({
  startDate: '2024-11-18T00:00:00.000Z',
  endDate: '2024-11-19T00:00:00.000Z',
  timeZoneOffset: 0,
})

/** POST /api/calldetails; reads at most 1 MB of the answer (a 300 MB pass-through is not read whole). */
async function askCallDetails(url: string, query = 'offset=0&limit=100') {
  const res = await fetch(`${url}/api/calldetails?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  })
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = res.body?.getReader()
  while (reader) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.length
    if (size > MB) {
      await reader.cancel()
      return {
        status: res.status,
        text: `(an answer of over 1 MB, starting ${Buffer.from(chunks[0] ?? []).toString('utf8', 0, 80)})`,
      }
    }
  }
  return { status: res.status, text: Buffer.concat(chunks).toString('utf8') }
}

function errorOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown }
    return typeof body.error === 'string' ? body.error : `(no error string in ${text.slice(0, 200)})`
  } catch {
    return `(not JSON: ${text.slice(0, 200)})`
  }
}

describe('npm start and an upstream answer over 20 MB', { timeout: 120_000 }, () => {
  it.each([
    ['streamed without Content-Length', false],
    ['with a Content-Length of 300 MB', true],
  ])(
    '300 MB of call details %s: 502 naming the limit, upstream cut off, memory bounded, not cached',
    async (_, declareLength) => {
      const upstream = await startOversizedSmartAssist({ totalBytes: 300 * MB, declareLength })
      onCleanup(() => upstream.close())
      const { url, server } = await serverUrl(workDir(), liveEnv(upstream.url))
      const idlePeak = peakRssBytes(server.pid)

      // Soft: every way the server falls short is reported, memory included.
      const first = await askCallDetails(url)
      expect.soft(first.status, first.text).toBe(502)
      expect.soft(errorOf(first.text)).toMatch(/20\s?MB|20\s?MiB/i)
      const afterFirst = upstream.requests.length
      expect(afterFirst).toBeGreaterThan(0)

      // Asked again (no Cache-Control header): nothing was cached, so upstream is asked again.
      const second = await askCallDetails(url)
      expect.soft(second.status, second.text).toBe(502)
      expect.soft(upstream.requests.length, 'the second ask reached upstream').toBeGreaterThan(afterFirst)

      const peak = peakRssBytes(server.pid)
      const sent = upstream.requests.map((r) => `${(r.bytesSent / MB).toFixed(1)} MB`).join(', ')
      console.log(
        `peak RSS: idle ${(idlePeak / MB).toFixed(0)} MB, after two 300 MB answers ${(peak / MB).toFixed(0)} MB; upstream wrote ${sent}`,
      )
      expect.soft(peak, 'peak RSS of the server (VmHWM)').toBeLessThan(PEAK_RSS_BOUND)
      // The server stopped reading and hung up: upstream never got to write the whole answer.
      for (const r of upstream.requests) {
        expect.soft(r.completed, 'upstream wrote the whole 300 MB').toBe(false)
        expect.soft(r.bytesSent, 'bytes upstream got to write').toBeLessThan(100 * MB)
      }
    },
  )
})

describe('npm start and an upstream answer that is not {data: [...]}', { timeout: 60_000 }, () => {
  it('200 without a data array (and other shapes) is a 502 every time, and is asked upstream again', async () => {
    let answer: unknown = { numResults: 0, data: [] }
    const upstream = await startFakeSmartAssist(() => ({ status: 200, body: answer }))
    onCleanup(() => upstream.close())
    const { url } = await serverUrl(workDir(), liveEnv(upstream.url))

    // The setup works: a proper answer (another offset, so another cache key) is a 200.
    const proper = await askCallDetails(url, 'offset=1&limit=100')
    expect(proper.status, proper.text).toBe(200)
    expect(JSON.parse(proper.text)).toMatchObject({ data: [] })

    for (const shape of [
      { numResults: 0 },
      { numResults: 1, data: null },
      { numResults: 1, data: { 0: { sessionId: 's-1' } } },
      [{ sessionId: 's-1' }],
      '<html><body>Service temporarily unavailable</body></html>',
      '{"data":[{"sessionId":"s-1"},',
    ]) {
      answer = shape
      const label = JSON.stringify(shape)
      for (const attempt of ['first', 'second']) {
        const before = upstream.received.length
        const r = await askCallDetails(url)
        expect(r.status, `${label}, ${attempt} ask: ${r.text}`).toBe(502)
        expect(errorOf(r.text), label).not.toMatch(/^\(/)
        expect(upstream.received.length, `${label}, ${attempt} ask reached upstream`).toBeGreaterThan(before)
      }
    }
  })
})
