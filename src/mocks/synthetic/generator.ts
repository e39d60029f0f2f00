// The synthetic SmartAssist's data: any window's records, newest first, built lazily.

import { CHANNELS, QUEUES } from './catalog'
import { type Visit, walkNewestFirst } from './enumerate'
import { type Header, identityOf } from './header'
import type { JsonObject } from './json'
import { buildRecord, queueMaskOf } from './record'

export const DEFAULT_SEED = 20241118
export const DEFAULT_PER_DAY = 700

export type GeneratorOptions = { seed?: number; perDay?: number }

export type Generator = {
  readonly seed: number
  readonly perDay: number
  /** visits headers in [startMs, endMs] newest first until `visit` returns false */
  walk(startMs: number, endMs: number, visit: Visit): void
  /** headers of records starting in [startMs, endMs], newest first; stops after `max` */
  headers(startMs: number, endMs: number, max?: number): Header[]
  /**
   * bit q set when the record's destinations hold a QueueEntry of QUEUES[q]; far cheaper than
   * record(h), as it builds no record
   */
  queueMask(h: Header): number
  /** the full record, zone-less times shifted by tzOffsetMin (JS getTimezoneOffset sign) */
  record(h: Header, tzOffsetMin?: number): JsonObject
  /** every record in [startMs, endMs] (inclusive), newest first */
  records(startMs: number, endMs: number, tzOffsetMin?: number): JsonObject[]
  /** conversationId, else sessionId, of every record in [startMs, endMs], newest first */
  identities(startMs: number, endMs: number): string[]
  identity(h: Header): string
}

export function createGenerator(opts: GeneratorOptions = {}): Generator {
  // Only the low 32 bits of the seed matter; perDay may be fractional.
  const seed = Math.trunc(opts.seed ?? DEFAULT_SEED) | 0
  const perDay = Math.max(0, opts.perDay ?? DEFAULT_PER_DAY)
  const headers = (startMs: number, endMs: number, max = Number.POSITIVE_INFINITY): Header[] => {
    const out: Header[] = []
    if (max <= 0) return out
    walkNewestFirst(seed, perDay, startMs, endMs, (h) => {
      out.push(h)
      return out.length < max
    })
    return out
  }
  return {
    seed,
    perDay,
    walk: (startMs, endMs, visit) => walkNewestFirst(seed, perDay, startMs, endMs, visit),
    headers,
    queueMask: (h) => queueMaskOf(seed, h),
    record: (h, tz = 0) => buildRecord(seed, h, tz),
    records: (startMs, endMs, tz = 0) => headers(startMs, endMs).map((h) => buildRecord(seed, h, tz)),
    identities: (startMs, endMs) => headers(startMs, endMs).map((h) => identityOf(seed, h)),
    identity: (h) => identityOf(seed, h),
  }
}

/** The catalogue the data draws from (for demo pickers and tests). */
export const CATALOG = {
  channels: CHANNELS.map((c) => ({ label: c.label, id: c.id })),
  queues: QUEUES.map((q) => ({ id: q.id, name: q.name })),
}
