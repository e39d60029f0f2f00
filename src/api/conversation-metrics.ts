// Derived figures of one conversation: pure functions over the normalized Conversation, and the one
// place each figure is defined. The table's rows, the CSV export, the filters and the charts all read
// them from here.
//
// Durations are seconds and are not rounded (round for display). A figure that needs a value the
// record does not have is null, never 0. Counts are plain numbers (0 when there is nothing to count).

import type {
  AgentSegment,
  ConsultingAgent,
  Conversation,
  Destination,
  Person,
  QueueVisit,
} from './conversation'

// ---------------------------------------------------------------------------------------------------
// Text values and lists

/** A text value trimmed; blank and absent are both null. */
export function cleanText(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null
  const t = v.trim()
  return t === '' ? null : t
}

const NONE: readonly string[] = Object.freeze([])

/** The distinct non-blank values, trimmed, in first-seen order (a shared empty list for none). */
export function distinctTexts(values: readonly (string | null | undefined)[]): readonly string[] {
  if (values.length === 0) return NONE
  if (values.length === 1) {
    const only = cleanText(values[0])
    return only === null ? NONE : [only]
  }
  const seen = new Set<string>()
  for (const v of values) {
    const t = cleanText(v)
    if (t !== null) seen.add(t)
  }
  return seen.size === 0 ? NONE : [...seen]
}

// ---------------------------------------------------------------------------------------------------
// Segments, agents and queues

/** The agent segment of one destination: a queue visit's respondingAgent, or the direct agent. */
export function segmentOf(d: Destination): AgentSegment | null {
  return d.kind === 'agent' ? d.agent : d.respondingAgent
}

/** A segment is handled once its agent accepted it (an agent only assigned never responded). */
export function isHandled(s: AgentSegment): boolean {
  return s.acceptedTime !== null
}

/** The handled segments in destination order. */
export function handledSegments(c: Conversation): AgentSegment[] {
  const out: AgentSegment[] = []
  for (const d of c.destinations) {
    const s = segmentOf(d)
    if (s !== null && isHandled(s)) out.push(s)
  }
  return out
}

/**
 * Agent segments in destination order, handled or not: each queue visit's respondingAgent and each
 * direct (top-level) agent. An agent who handled the conversation twice has two segments.
 */
export function agentSegments(c: Conversation): AgentSegment[] {
  return mapSegments(c, (s) => s)
}

/** The queue visits (QueueEntry destinations) in order, answered or not. */
export function queueVisits(c: Conversation): QueueVisit[] {
  return mapQueueVisits(c, (q) => q)
}

function mapSegments<T>(c: Conversation, f: (s: AgentSegment) => T): T[] {
  const out: T[] = []
  for (const d of c.destinations) {
    const s = segmentOf(d)
    if (s !== null) out.push(f(s))
  }
  return out
}

function mapQueueVisits<T>(c: Conversation, f: (q: QueueVisit) => T): T[] {
  const out: T[] = []
  for (const d of c.destinations) if (d.kind === 'queue') out.push(f(d))
  return out
}

/** The key an agent is known by (filters, counts): the agent id, else the name, else the e-mail. */
export function agentKey(a: Person): string | null {
  return cleanText(a.agentId) ?? cleanText(a.name) ?? cleanText(a.email)
}

/** What people read for an agent: the name, else the e-mail, else the agent id. */
export function agentName(a: Person): string | null {
  return cleanText(a.name) ?? cleanText(a.email) ?? cleanText(a.agentId)
}

/**
 * The distinct responding agents (those who accepted: handled segments), as their keys (agentKey) in
 * order of their first segment. A segment that names no agent at all is not counted.
 */
export function respondingAgents(c: Conversation): readonly string[] {
  return distinctTexts(handledSegments(c).map(agentKey))
}

/** The responding agents' names (agentName), distinct, in segment order. */
export function agentNames(c: Conversation): readonly string[] {
  return distinctTexts(handledSegments(c).map(agentName))
}

/** The key a queue visit is known by (filters): its queue id, else its name. */
export function queueKey(q: Pick<QueueVisit, 'queueId' | 'queueName'>): string | null {
  return cleanText(q.queueId) ?? cleanText(q.queueName)
}

/** What people read for a queue: its name, else its id. */
export function queueName(q: Pick<QueueVisit, 'queueId' | 'queueName'>): string | null {
  return cleanText(q.queueName) ?? cleanText(q.queueId)
}

/** The visited queues' keys (queueKey), distinct, in visit order. */
export function queueKeys(c: Conversation): readonly string[] {
  return distinctTexts(mapQueueVisits(c, queueKey))
}

/** The visited queues' names (queueName), distinct, in visit order. */
export function queueNames(c: Conversation): readonly string[] {
  return distinctTexts(mapQueueVisits(c, queueName))
}

// ---------------------------------------------------------------------------------------------------
// Durations (seconds)

/** Σ f(segment) over the handled segments where f is known; null when it is known for none. */
function sumOverHandled(c: Conversation, f: (s: AgentSegment) => number | null): number | null {
  let sum = 0
  let any = false
  for (const d of c.destinations) {
    const segment = segmentOf(d)
    const v = segment === null || !isHandled(segment) ? null : f(segment)
    if (v === null) continue
    sum += v
    any = true
  }
  return any ? sum : null
}

/**
 * Duration: sessionStartTime to Conversation.endTime, the latest end anywhere in the record (agents'
 * interaction and after-call work, consults), since sessionEndTime is not always the end.
 */
export function durationSec(c: Conversation): number | null {
  return c.sessionStartTime !== null && c.endTime !== null ? (c.endTime - c.sessionStartTime) / 1000 : null
}

/**
 * Wait (speed of answer) of an answered, queued conversation (CONTRACT.md "Numbers"): the earliest
 * acceptance of its handled segments − the earliest EnterTime of its queue entries, whichever
 * destination the agent accepted through (a top-level AgentSegment after a queue entry counts). Null
 * when nothing was accepted, nothing was queued, no queue entry has an EnterTime, or the first
 * acceptance came before the first entry.
 */
export function waitSec(c: Conversation): number | null {
  let accepted = Number.POSITIVE_INFINITY
  let entered = Number.POSITIVE_INFINITY
  for (const d of c.destinations) {
    if (d.kind === 'queue' && d.enterTime !== null && d.enterTime < entered) entered = d.enterTime
    const at = segmentOf(d)?.acceptedTime ?? null
    if (at !== null && at < accepted) accepted = at
  }
  // An agent who accepted before the first queue entry (a direct assignment, then a transfer to a
  // queue) leaves no queue wait to measure: unknown, not 0.
  if (accepted === Number.POSITIVE_INFINITY || entered === Number.POSITIVE_INFINITY || accepted < entered)
    return null
  return (accepted - entered) / 1000
}

/**
 * First response of a handled segment (Kore.ai: from the agent accepting to the agent's first
 * message): its firstResponseDuration, else firstResponseTime − acceptedTime (not below 0); null when
 * neither is known or the segment was never accepted.
 */
export function segmentFirstResponseSec(s: AgentSegment): number | null {
  if (!isHandled(s)) return null
  if (s.firstResponseDurationSec !== null) return s.firstResponseDurationSec
  if (s.firstResponseTime !== null && s.acceptedTime !== null)
    return Math.max(0, (s.firstResponseTime - s.acceptedTime) / 1000)
  return null
}

/**
 * The table's per-conversation first response: that of the first agent who accepted (first handled
 * segment by acceptance time) and reported one. The KPI averages per segment instead.
 */
export function firstResponseSec(c: Conversation): number | null {
  let best: number | null = null
  let bestAt = Number.POSITIVE_INFINITY
  for (const s of handledSegments(c)) {
    const v = segmentFirstResponseSec(s)
    const at = s.acceptedTime ?? Number.POSITIVE_INFINITY
    if (v !== null && at < bestAt) {
      bestAt = at
      best = v
    }
  }
  return best
}

/**
 * One segment's interaction: interactionDuration as sent, else acceptedTime..interactionEndTime (not
 * below 0). It already contains the segment's hold time (api-notes.md).
 */
export function interactionSec(s: AgentSegment): number | null {
  if (s.interactionDurationSec !== null) return s.interactionDurationSec
  if (s.acceptedTime !== null && s.interactionEndTime !== null)
    return Math.max(0, (s.interactionEndTime - s.acceptedTime) / 1000)
  return null
}

/**
 * Handle time: Σ (interaction + after-call work) over the handled segments. Interaction already
 * contains hold (api-notes.md), so hold is not added again. Null when no handled segment reports either.
 */
export function handleSec(c: Conversation): number | null {
  return sumOverHandled(c, segmentHandleSec)
}

/**
 * One segment's handle time: interaction (hold included) + after-call work, a missing part counting 0;
 * null when neither is known.
 */
export function segmentHandleSec(s: AgentSegment): number | null {
  const interaction = interactionSec(s)
  if (s.afterCallWorkSec === null) return interaction
  return interaction === null ? s.afterCallWorkSec : interaction + s.afterCallWorkSec
}

/**
 * One segment's talk time: interaction − hold (api-notes.md), not below 0. A segment that reports no
 * hold was not on hold, so its talk time is its whole interaction; null when the interaction is
 * unknown.
 */
export function segmentTalkSec(s: AgentSegment): number | null {
  const interaction = interactionSec(s)
  if (interaction === null) return null
  return Math.max(0, interaction - (s.holdSec ?? 0))
}

/** Hold time: Σ holdDuration over the handled segments (part of handle time); null when none says. */
export function holdSec(c: Conversation): number | null {
  return sumOverHandled(c, (s) => s.holdSec)
}

// ---------------------------------------------------------------------------------------------------
// Counts and flags

/** Transfers: destinations (queue visits and direct agents) after the first. */
export function transfers(c: Conversation): number {
  return Math.max(0, c.destinations.length - 1)
}

/** Consults: consulting agents over every agent segment, SmartAssist agents and external numbers. */
export function consults(c: Conversation): number {
  let n = 0
  for (const d of c.destinations) n += segmentOf(d)?.consultingAgents.length ?? 0
  return n
}

/** Whether the customer opted for a callback in any queue visit. */
export function optedForCallback(c: Conversation): boolean {
  return c.destinations.some((d) => d.kind === 'queue' && d.callbackOpted === true)
}

// ---------------------------------------------------------------------------------------------------
// Waits of one destination and one consult (the drawer's timeline)

/**
 * Wait before answer of one destination: a queue visit's enterTime to its responding agent's
 * acceptance; a direct agent's assignment to its acceptance. Null when either end is unknown or no
 * agent answered; not below 0.
 */
export function destinationWaitSec(d: Destination): number | null {
  const s = segmentOf(d)
  const from = d.kind === 'queue' ? d.enterTime : d.agent.assignedAt
  if (s === null || s.acceptedTime === null || from === null) return null
  return Math.max(0, (s.acceptedTime - from) / 1000)
}

/** A consult's wait: from when it was offered (assignedAt) to when it was accepted; not below 0. */
export function consultWaitSec(c: ConsultingAgent): number | null {
  const offered = c.assignedAt ?? null
  if (offered === null || c.startTime === null) return null
  return Math.max(0, (c.startTime - offered) / 1000)
}
