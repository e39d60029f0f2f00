// Shared by the mocks' tests: page through the synthetic API the way a client would.

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
