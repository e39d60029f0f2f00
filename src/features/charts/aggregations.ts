// What the charts and KPI cards show, as pure functions over the (already filtered) conversations.
// Every per-conversation figure comes from conversation-metrics.ts; this file only counts and sums.

import type { Conversation } from '../../api/conversation'
import {
  agentKey,
  agentName,
  agentSegments,
  cleanText,
  distinctTexts,
  handleSec,
  isAbandoned,
  segmentHandleSec,
  segmentTalkSec,
  waitSec,
} from '../../api/conversation-metrics'

export const NO_DISPOSITION = 'No disposition'
export const UNKNOWN_CHANNEL = 'Unknown channel'

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
 * under both (each value once); one with none counts under "No disposition". So the counts add up to
 * at least the number of conversations, not exactly.
 */
export function dispositionCounts(conversations: readonly Conversation[]): CountRow[] {
  const counts = new Map<string, number>()
  for (const c of conversations) {
    const values = distinctTexts(c.dispositions)
    if (values.length === 0) counts.set(NO_DISPOSITION, (counts.get(NO_DISPOSITION) ?? 0) + 1)
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  }
  return sortedRows(counts)
}

/**
 * Conversations per channel (trimmed; absent or blank = "Unknown channel"), most frequent first. Each
 * conversation counts exactly once, so the counts add up to the number of conversations passed in.
 */
export function channelCounts(conversations: readonly Conversation[]): ShareRow[] {
  const counts = new Map<string, number>()
  for (const c of conversations) {
    const channel = cleanText(c.channel) ?? UNKNOWN_CHANNEL
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

export type AgentDuration = {
  /** agentKey: the agent id, else the name, else the e-mail */
  key: string
  /** what people read: the name (with the key when two agents share it), else e-mail, else id */
  name: string
  /** distinct conversations with a segment of this agent */
  conversations: number
  /** Σ interaction + after-call work over the agent's segments (seconds) */
  handleSec: number
  /** handleSec over the conversations whose handle time is known; null when none is */
  averageHandleSec: number | null
  /** Σ interaction − hold */
  talkSec: number
  holdSec: number
  afterCallWorkSec: number
}

/**
 * Per responding agent (agentKey; segments naming no agent are left out): conversations handled and
 * the time spent, summed over the agent's own segments (a transferred conversation splits between its
 * agents; an agent who took it twice counts it once). Longest total handle time first. Talk + hold +
 * after-call work = handle time wherever a segment's figures are consistent.
 */
export function agentDurations(conversations: readonly Conversation[]): AgentDuration[] {
  const byKey = new Map<string, AgentDuration & { timed: number }>()
  for (const c of conversations) {
    // the agents of this conversation, and whether any of their segments here has a handle time
    const here = new Map<string, boolean>()
    for (const s of agentSegments(c)) {
      const key = agentKey(s)
      if (key === null) continue
      let acc = byKey.get(key)
      if (!acc) {
        acc = {
          key,
          name: agentName(s) ?? key,
          conversations: 0,
          handleSec: 0,
          averageHandleSec: null,
          talkSec: 0,
          holdSec: 0,
          afterCallWorkSec: 0,
          timed: 0,
        }
        byKey.set(key, acc)
      }
      const handle = segmentHandleSec(s)
      acc.handleSec += handle ?? 0
      acc.talkSec += segmentTalkSec(s) ?? 0
      acc.holdSec += s.holdSec ?? 0
      acc.afterCallWorkSec += s.afterCallWorkSec ?? 0
      here.set(key, here.get(key) === true || handle !== null)
    }
    for (const [key, timed] of here) {
      const acc = byKey.get(key) as AgentDuration & { timed: number }
      acc.conversations++
      if (timed) acc.timed++
    }
  }
  const sameName = new Map<string, number>()
  for (const a of byKey.values()) sameName.set(a.name, (sameName.get(a.name) ?? 0) + 1)
  return [...byKey.values()]
    .map(({ timed, ...a }) => ({
      ...a,
      name: (sameName.get(a.name) ?? 0) > 1 && a.name !== a.key ? `${a.name} (${a.key})` : a.name,
      averageHandleSec: timed > 0 ? a.handleSec / timed : null,
    }))
    .sort(
      (a, b) =>
        b.handleSec - a.handleSec || b.conversations - a.conversations || a.name.localeCompare(b.name, 'en'),
    )
}

export type Kpis = {
  total: number
  botOnly: number
  /** bot-only share (containment), 0..1; null for no conversations */
  containment: number | null
  abandoned: number
  /** mean wait before answer over the `waited` conversations that have one (seconds) */
  averageWaitSec: number | null
  waited: number
  /** mean handle time over the `handled` conversations that have one (seconds) */
  averageHandleSec: number | null
  handled: number
  /** mean CSAT score over the `rated` conversations that have one */
  averageCsat: number | null
  rated: number
}

export function kpis(conversations: readonly Conversation[]): Kpis {
  let botOnly = 0
  let abandoned = 0
  const wait = mean()
  const handle = mean()
  const csat = mean()
  for (const c of conversations) {
    if (c.botOnly) botOnly++
    if (isAbandoned(c)) abandoned++
    wait.add(waitSec(c))
    handle.add(handleSec(c))
    csat.add(c.csatScore)
  }
  const total = conversations.length
  return {
    total,
    botOnly,
    containment: total > 0 ? botOnly / total : null,
    abandoned,
    averageWaitSec: wait.value(),
    waited: wait.n,
    averageHandleSec: handle.value(),
    handled: handle.n,
    averageCsat: csat.value(),
    rated: csat.n,
  }
}

function mean() {
  let sum = 0
  const m = {
    n: 0,
    add(v: number | null) {
      if (v === null || !Number.isFinite(v)) return
      sum += v
      m.n++
    },
    value: () => (m.n > 0 ? sum / m.n : null),
  }
  return m
}
