// Shared by the whole-path tests: a server clock running 60x faster than the wall clock (the fake's
// per-minute limit uses it too, so a real minute's budget passes in a second), the live config for a
// loopback SmartAssist, and reading a range stream.
import { DEFAULT_ACCOUNT_ID } from '../mocks/fake-upstream'
import type { Clock } from '../server/clock'
import type { LiveConfig } from '../server/config'

export const SPEED = 60

/** Virtual time from `origin` (default: the wall clock scaled), 60x faster. */
export function scaledClock(origin?: number): Clock {
  const t0 = Date.now()
  return {
    now: () => (origin === undefined ? Date.now() * SPEED : origin + (Date.now() - t0) * SPEED),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms / SPEED)
        signal?.addEventListener('abort', () => {
          clearTimeout(timer)
          reject(signal.reason)
        })
      }),
  }
}

export function liveConfigFor(upstreamUrl: string): LiveConfig {
  return {
    mode: 'live',
    host: upstreamUrl,
    accountId: DEFAULT_ACCOUNT_ID,
    iId: 'st-synthetic-stream',
    credential: { kind: 'jwt', token: 'header.payload.signature' },
    rateLimitPerMinute: 60,
  }
}

export type StreamEvent = { type: string; records?: unknown[]; count?: number; error?: string }

/** GET /api/conversations for [start, end] through `fetch`: its events, records and last line. */
export async function loadRange(
  fetch: (request: Request) => Promise<Response> | Response,
  start: number,
  end: number,
) {
  const url = `http://localhost/api/conversations?start=${new Date(start).toISOString()}&end=${new Date(end).toISOString()}`
  const res = await fetch(new Request(url))
  const events = (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as StreamEvent)
  const records = events.flatMap((e) => (e.type === 'records' ? (e.records ?? []) : []))
  return { status: res.status, events, records, last: events.at(-1) }
}
