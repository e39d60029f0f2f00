// The table's compact row: only what the table shows, derived once per Conversation (pure, memoized).
// Times are epoch ms, durations seconds, lists joined for display; absent values are null.

import type { AgentSegment, Conversation } from '../../api/conversation'

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
  /** distinct queue names (else ids) in visit order, joined */
  queues: string | null
  /** distinct queue ids in visit order (for keys and filters) */
  queueIds: readonly string[]
  /** distinct responding agents' names in order, joined */
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
const NO_IDS: readonly string[] = Object.freeze([])

/** Agent segments in destination order: each queue's respondingAgent and the direct (top-level) ones. */
export function agentSegments(c: Conversation): AgentSegment[] {
  const out: AgentSegment[] = []
  for (const d of c.destinations) {
    if (d.kind === 'agent') out.push(d.agent)
    else if (d.respondingAgent) out.push(d.respondingAgent)
  }
  return out
}

function text(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null
  const t = v.trim()
  return t === '' ? null : t
}

function joinDistinct(values: readonly (string | null)[]): string | null {
  if (values.length === 0) return null
  if (values.length === 1) return text(values[0])
  const seen = new Set<string>()
  for (const v of values) {
    const t = text(v)
    if (t !== null) seen.add(t)
  }
  return seen.size === 0 ? null : [...seen].join(SEP)
}

function agentIdentity(a: AgentSegment): string | null {
  return text(a.agentId) ?? text(a.name) ?? text(a.email)
}

/** acceptedTime..interactionEndTime when the record does not say interactionDuration itself */
function interactionSec(a: AgentSegment): number | null {
  if (a.interactionDurationSec !== null) return a.interactionDurationSec
  if (a.acceptedTime !== null && a.interactionEndTime !== null)
    return Math.max(0, (a.interactionEndTime - a.acceptedTime) / 1000)
  return null
}

/** Wait before answer: the earliest accepted segment, measured from its queue's enterTime. */
function waitBeforeAnswer(c: Conversation): number | null {
  let bestAccepted = Number.POSITIVE_INFINITY
  let bestEnter: number | null = null
  for (const d of c.destinations) {
    const seg = d.kind === 'agent' ? d.agent : d.respondingAgent
    const accepted = seg?.acceptedTime ?? null
    if (accepted === null || accepted >= bestAccepted) continue
    bestAccepted = accepted
    bestEnter = d.kind === 'queue' ? d.enterTime : null
  }
  if (bestAccepted === Number.POSITIVE_INFINITY || bestEnter === null) return null
  return (bestAccepted - bestEnter) / 1000
}

/** The first known firstResponseDuration, taking segments in order of acceptance. */
function firstResponse(segments: AgentSegment[]): number | null {
  let best: number | null = null
  let bestAt = Number.POSITIVE_INFINITY
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as AgentSegment
    if (s.firstResponseDurationSec === null) continue
    // segments without an acceptance keep their destination order, after the accepted ones
    const at = s.acceptedTime ?? Number.MAX_SAFE_INTEGER
    if (at < bestAt) {
      bestAt = at
      best = s.firstResponseDurationSec
    }
  }
  return best
}

export function toRow(c: Conversation): ConversationRow {
  const segments = agentSegments(c)
  const agentNames: (string | null)[] = []
  let handle = 0
  let hasHandle = false
  let hold = 0
  let hasHold = false
  let consults = 0
  const agentIds = new Set<string>()
  for (const s of segments) {
    const interaction = interactionSec(s)
    if (interaction !== null) {
      handle += interaction
      hasHandle = true
    }
    if (s.afterCallWorkSec !== null) {
      handle += s.afterCallWorkSec
      hasHandle = true
    }
    if (s.holdSec !== null) {
      hold += s.holdSec
      hasHold = true
    }
    consults += s.consultingAgents.length
    const id = agentIdentity(s)
    if (id !== null) agentIds.add(id)
    agentNames.push(text(s.name) ?? text(s.email) ?? text(s.agentId))
  }
  const queueIds = new Set<string>()
  const queueNames: (string | null)[] = []
  let callback = false
  for (const d of c.destinations) {
    if (d.kind !== 'queue') continue
    const id = text(d.queueId)
    if (id !== null) queueIds.add(id)
    queueNames.push(text(d.queueName) ?? id)
    if (d.callbackOpted === true) callback = true
  }
  const duration =
    c.sessionStartTime !== null && c.endTime !== null ? (c.endTime - c.sessionStartTime) / 1000 : null
  return {
    id: c.id,
    conversationId: c.conversationId,
    sessionId: c.sessionId,
    startTime: c.sessionStartTime,
    durationSec: duration,
    channel: text(c.channel),
    direction: text(c.direction),
    queues: joinDistinct(queueNames),
    queueIds: queueIds.size === 0 ? NO_IDS : [...queueIds],
    agents: joinDistinct(agentNames),
    finalStatus: text(c.finalStatus),
    smartStatus: text(c.smartStatus),
    reason: text(c.reason),
    disconnectingEvent: text(c.disconnectingEvent),
    dispositions: joinDistinct(c.dispositions),
    waitSec: waitBeforeAnswer(c),
    firstResponseSec: firstResponse(segments),
    handleSec: hasHandle ? handle : null,
    holdSec: hasHold ? hold : null,
    agentCount: agentIds.size,
    transfers: Math.max(0, c.destinations.length - 1),
    consults,
    callback,
    voicemail: c.isVoicemail,
    csat: c.csatScore,
    skills: joinDistinct(c.skills),
    customerName: text(c.customer.name),
    customerPhone: text(c.customer.phone),
    customerEmail: text(c.customer.email),
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
