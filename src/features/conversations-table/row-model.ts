// The table's compact row: only what the table shows, derived once per Conversation (pure, memoized).
// Times are epoch ms, durations seconds, lists joined for display; absent values are null. Every
// derived figure is defined in api/conversation-metrics.ts; this file only picks and joins them.

import type { Conversation } from '../../api/conversation'
import {
  agentNames,
  cleanText,
  consults,
  distinctTexts,
  durationSec,
  firstResponseSec,
  handleSec,
  holdSec,
  optedForCallback,
  queueKeys,
  queueNames,
  respondingAgents,
  transfers,
  waitSec,
} from '../../api/conversation-metrics'

export type ConversationRow = {
  /** the record's identity: conversationId, else sessionId (Conversation.id) */
  id: string
  conversationId: string | null
  sessionId: string | null
  startTime: number | null
  /** sessionStartTime to the latest end time in the record (Conversation.endTime), seconds */
  durationSec: number | null
  channel: string | null
  direction: string | null
  /** distinct queue names (else ids) in visit order, joined (queueNames) */
  queues: string | null
  /** distinct queue keys (id, else name) in visit order: what the queue filter matches (queueKeys) */
  queueIds: readonly string[]
  /** distinct responding agents' names in order, joined (agentNames) */
  agents: string | null
  finalStatus: string | null
  smartStatus: string | null
  reason: string | null
  disconnectingEvent: string | null
  dispositions: string | null
  /** first accepted segment's acceptedTime − its queue's enterTime, seconds (null when not in a queue) */
  waitSec: number | null
  /** the first responded segment's firstResponseDuration that is known, seconds */
  firstResponseSec: number | null
  /** Σ (interaction + after-call work) over agent segments, seconds; interaction already contains hold */
  handleSec: number | null
  /** Σ hold over agent segments, seconds */
  holdSec: number | null
  /** distinct responding agents */
  agentCount: number
  /** queue / agent segments beyond the first */
  transfers: number
  /** consulting agents over every segment (internal and external numbers) */
  consults: number
  /** any queue visit where the customer opted for a callback */
  callback: boolean
  voicemail: boolean | null
  csat: number | null
  skills: string | null
  customerName: string | null
  customerPhone: string | null
  customerEmail: string | null
  botOnly: boolean
}

const SEP = ', '

const joined = (values: readonly string[]): string | null => (values.length === 0 ? null : values.join(SEP))

export function toRow(c: Conversation): ConversationRow {
  return {
    id: c.id,
    conversationId: c.conversationId,
    sessionId: c.sessionId,
    startTime: c.sessionStartTime,
    durationSec: durationSec(c),
    channel: cleanText(c.channel),
    direction: cleanText(c.direction),
    queues: joined(queueNames(c)),
    queueIds: queueKeys(c),
    agents: joined(agentNames(c)),
    finalStatus: cleanText(c.finalStatus),
    smartStatus: cleanText(c.smartStatus),
    reason: cleanText(c.reason),
    disconnectingEvent: cleanText(c.disconnectingEvent),
    dispositions: joined(distinctTexts(c.dispositions)),
    waitSec: waitSec(c),
    firstResponseSec: firstResponseSec(c),
    handleSec: handleSec(c),
    holdSec: holdSec(c),
    agentCount: respondingAgents(c).length,
    transfers: transfers(c),
    consults: consults(c),
    callback: optedForCallback(c),
    voicemail: c.isVoicemail,
    csat: c.csatScore,
    skills: joined(distinctTexts(c.skills)),
    customerName: cleanText(c.customer.name),
    customerPhone: cleanText(c.customer.phone),
    customerEmail: cleanText(c.customer.email),
    botOnly: c.botOnly,
  }
}

const rowCache = new WeakMap<Conversation, ConversationRow>()
const listCache = new WeakMap<readonly Conversation[], ConversationRow[]>()

/** One row per conversation, each derived once per Conversation object (and once per array). */
export function rowsFor(conversations: readonly Conversation[]): ConversationRow[] {
  const hit = listCache.get(conversations)
  // the length check guards against an array that was appended to in place
  if (hit !== undefined && hit.length === conversations.length) return hit
  const rows = new Array<ConversationRow>(conversations.length)
  for (let i = 0; i < conversations.length; i++) {
    const c = conversations[i] as Conversation
    let row = rowCache.get(c)
    if (row === undefined) {
      row = toRow(c)
      rowCache.set(c, row)
    }
    rows[i] = row
  }
  listCache.set(conversations, rows)
  return rows
}
