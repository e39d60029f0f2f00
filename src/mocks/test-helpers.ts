// Shared by the mocks' tests: page through the synthetic API the way a client would.

import { type Outcome, outcomeOf } from '../api/conversation-outcome'
import { normalizeRecord } from '../api/normalize'
import type { SyntheticSmartAssist } from './synthetic-smartassist'

export type Rec = Record<string, unknown>
export type Page = { numResults: number; data: Rec[] }

export function identityOf(rec: Rec): string {
  return String(rec.conversationId ?? rec.sessionId)
}

export function okPage(api: SyntheticSmartAssist, offset: number, limit: number, body: unknown): Page {
  const res = api.handle({ offset, limit, body })
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`)
  return res.body as Page
}

/** Every page of one window (offsets 0..10); `full` is true when the 11th page came back full. */
export function fetchWindow(
  api: SyntheticSmartAssist,
  body: Rec,
  limit = 100,
): { records: Rec[]; full: boolean } {
  const records: Rec[] = []
  for (let offset = 0; offset <= 10; offset++) {
    const page = okPage(api, offset, limit, body)
    records.push(...page.data)
    if (page.data.length < limit) return { records, full: false }
  }
  return { records, full: true }
}

/** zone-less "yyyy-MM-ddTHH:mm:ss" read as if UTC, in ms */
export function wallMs(s: unknown): number {
  return Date.parse(`${String(s)}Z`)
}

/** creation time (ms) encoded in a MongoDB ObjectId */
export function objectIdMs(id: unknown): number {
  return Number.parseInt(String(id).slice(0, 8), 16) * 1000
}

const list = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : [])
const text = (v: unknown): string => (typeof v === 'string' ? v.trim().toUpperCase() : '')

/** A record's destinations (an empty list when it has none). */
export function destinationsOf(rec: Rec): Rec[] {
  return list(rec.destinations)
}

/** QueueEntry destinations, in order. */
export function queueEntriesOf(rec: Rec): Rec[] {
  return destinationsOf(rec).filter((d) => d.destinationType === 'QueueEntry')
}

/** Agent segments: each queue entry's respondingAgent and each top-level AgentSegment. */
export function segmentsOf(rec: Rec): Rec[] {
  return destinationsOf(rec).flatMap((d) =>
    d.destinationType === 'AgentSegment'
      ? [d]
      : d.respondingAgent && typeof d.respondingAgent === 'object'
        ? [d.respondingAgent as Rec]
        : [],
  )
}

/** Direction at the top level, else in metaInfo.customerinfo (older records), upper case. */
export function directionOf(rec: Rec): string {
  if ('Direction' in rec) return text(rec.Direction)
  const meta = rec.metaInfo as Rec | undefined
  return text((meta?.customerinfo as Rec | undefined)?.Direction)
}

/**
 * The record's outcome as the dashboard classifies it (CONTRACT.md "Numbers": src/api/conversation-
 * outcome.ts, itself checked against hand counts in src/api/figures.test.ts), read as the page reads
 * it: normalized with the offset the generator wrote it in (0).
 */
export function casesOf(rec: Rec): Outcome {
  return outcomeOf(normalizeRecord(rec, 0, { timeZoneOffset: 0 }).conversation)
}

export type Cases = Outcome
