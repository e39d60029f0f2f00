// A synthetic SmartAssist call-details endpoint as a pure request handler: the real API's rules
// (see api-rules.ts) over the seeded generator. Used by demo mode, tests and benchmarks.

import { checkRequest, type SelectableField } from './api-rules'
import { CHANNELS, QUEUES } from './synthetic/catalog'
import { createGenerator } from './synthetic/generator'
import type { Header } from './synthetic/header'
import type { JsonObject } from './synthetic/json'

export type SyntheticOptions = {
  seed?: number
  /** average conversations per day (default 700: a week holds ~4,900) */
  perDay?: number
  /**
   * Optional clock: when given, nothing starts after now() (demo mode shows no future calls).
   * Without it the data is a pure function of (seed, window) and extends forever both ways.
   */
  now?: () => number
}

export type SyntheticRequest = { offset: number; limit: number; body: unknown }
export type SyntheticResponse = { status: number; body: unknown }

export type SyntheticSmartAssist = {
  handle(req: SyntheticRequest): SyntheticResponse
  /** ground truth: conversationId, else sessionId, of every record starting in [startMs, endMs], newest first */
  listIdentities(startMs: number, endMs: number): string[]
}

/** Kore.ai platform APIs answer errors as {errors: [{msg, code}]}. */
export function errorBody(status: number, msg: string): { errors: { msg: string; code: number }[] } {
  return { errors: [{ msg, code: status }] }
}

const PART_KEYS: Record<SelectableField, readonly string[]> = {
  skills: ['skills'],
  customerinfo: ['customerinfo', 'customerInfo'],
  userleveltags: ['userleveltags'],
  sessionleveltags: ['sessionleveltags'],
}

function stripUnselected(rec: JsonObject, selected: readonly SelectableField[]): void {
  for (const [field, keys] of Object.entries(PART_KEYS) as [SelectableField, readonly string[]][]) {
    if (selected.includes(field)) continue
    for (const k of keys) delete rec[k]
  }
}

/**
 * `channels` filter, loosely as upstream: values are upstream ids (`rtm`, `voice`, `email`,
 * `telegram`, `jones`); a channel's label (trimmed, any case) matches too.
 */
function channelMatcher(values: readonly string[]): (h: Header) => boolean {
  const wanted = new Set(values.map((v) => v.trim().toLowerCase()))
  const ok = CHANNELS.map((c) => wanted.has(c.id) || wanted.has(c.label.trim().toLowerCase()))
  return (h) => ok[h.channel] === true
}

/**
 * `queues` filter as a mask over QUEUES (bit q = QUEUES[q]): a record matches when any of its
 * QueueEntry destinations has one of the ids. Ids outside the catalogue match no record; 0 = none can.
 */
function queueBits(ids: readonly string[]): number {
  const wanted = new Set(ids)
  let bits = 0
  QUEUES.forEach((queue, q) => {
    if (wanted.has(queue.id)) bits |= 1 << q
  })
  return bits
}

export function createSyntheticSmartAssist(opts: SyntheticOptions = {}): SyntheticSmartAssist {
  const gen = createGenerator(opts)
  const clampEnd = (endMs: number) => (opts.now ? Math.min(endMs, opts.now()) : endMs)

  return {
    handle({ offset, limit, body }) {
      const checked = checkRequest(offset, limit, body)
      if (!checked.ok) return { status: 400, body: errorBody(400, checked.message) }
      const q = checked.query
      const need = (q.offset + 1) * q.limit
      const tz = q.timeZoneOffset
      const endMs = clampEnd(q.endMs)
      const channelOk = q.channels ? channelMatcher(q.channels) : () => true
      // Channel is known from the header and the queues from gen.queueMask (no record is built):
      // enumerate only as far as the page reaches and build only the page's records.
      let ok = channelOk
      if (q.queues) {
        const wanted = queueBits(q.queues)
        if (wanted === 0) return { status: 200, body: { numResults: 0, data: [] } }
        ok = (h) => channelOk(h) && (gen.queueMask(h) & wanted) !== 0
      }
      const hits: Header[] = []
      gen.walk(q.startMs, endMs, (h) => {
        if (ok(h)) hits.push(h)
        return hits.length < need
      })
      const page = hits.slice(q.offset * q.limit).map((h) => gen.record(h, tz))
      if (q.selectedFields !== null) for (const rec of page) stripUnselected(rec, q.selectedFields)
      // numResults counts the records in this page, as in both samples.
      return { status: 200, body: { numResults: page.length, data: page } }
    },
    listIdentities(startMs, endMs) {
      return gen.identities(startMs, clampEnd(endMs))
    },
  }
}
