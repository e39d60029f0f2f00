// What the count charts show, as pure functions over the (already filtered) conversations. The KPI
// row's and the agents' figures are in src/api/figures.ts.

import { channelCategory, dispositionCategories } from '../../api/categories'
import type { Conversation } from '../../api/conversation'

export type CountRow = { label: string; count: number }

/** A count with its share of the conversations passed in (0..1). */
export type ShareRow = CountRow & { share: number }

const byCountThenLabel = (a: CountRow, b: CountRow) =>
  b.count - a.count || a.label.localeCompare(b.label, 'en')

function sortedRows(counts: Map<string, number>): CountRow[] {
  return [...counts].map(([label, count]) => ({ label, count })).sort(byCountThenLabel)
}

/**
 * Conversations per disposition, most frequent first. A conversation with two dispositions counts
 * under both (each value once); one with none counts under "No disposition", or "Bot only (no
 * disposition)" for a bot-only session. So the counts add up to at least the number of conversations.
 */
export function dispositionCounts(conversations: readonly Conversation[]): CountRow[] {
  const counts = new Map<string, number>()
  for (const c of conversations)
    for (const v of dispositionCategories(c)) counts.set(v, (counts.get(v) ?? 0) + 1)
  return sortedRows(counts)
}

/**
 * Conversations per channel (trimmed; absent or blank = "Unknown channel"), most frequent first. Each
 * conversation counts exactly once, so the counts add up to the number of conversations passed in.
 */
export function channelCounts(conversations: readonly Conversation[]): ShareRow[] {
  const counts = new Map<string, number>()
  for (const c of conversations) {
    const channel = channelCategory(c)
    counts.set(channel, (counts.get(channel) ?? 0) + 1)
  }
  const total = conversations.length
  return sortedRows(counts).map((r) => ({ ...r, share: r.count / total }))
}

/**
 * The first `n` rows, and the rest summed into one row labelled `otherLabel` (none when nothing is
 * left over). For charts: their tables list every row.
 */
export function topWithOther<T extends CountRow>(
  rows: readonly T[],
  n: number,
  otherLabel: string,
): CountRow[] {
  if (rows.length <= n) return rows.map(({ label, count }) => ({ label, count }))
  const head = rows.slice(0, n).map(({ label, count }) => ({ label, count }))
  const rest = rows.slice(n).reduce((sum, r) => sum + r.count, 0)
  return [...head, { label: otherLabel, count: rest }]
}
