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

/**
 * Agent segments in destination order: each answered queue visit's respondingAgent and each direct
 * (top-level) agent. An agent who handled the conversation twice has two segments.
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
 * The distinct responding agents, as their keys (agentKey) in order of their first segment. A
 * segment that names no agent at all is not counted.
 */
export function respondingAgents(c: Conversation): readonly string[] {
  return distinctTexts(mapSegments(c, agentKey))
}

/** The responding agents' names (agentName), distinct, in segment order. */
export function agentNames(c: Conversation): readonly string[] {
  return distinctTexts(mapSegments(c, agentName))
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

/** Σ f(segment) over the agent segments where f is known; null when it is known for none. */
function sumOverSegments(c: Conversation, f: (s: AgentSegment) => number | null): number | null {
  let sum = 0
  let any = false
  for (const d of c.destinations) {
    const segment = segmentOf(d)
    const v = segment === null ? null : f(segment)
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
 * Wait before answer: from the queue's enterTime to the acceptance of the earliest accepted segment
 * in the conversation. Null when nothing was accepted, or when that first acceptance was a direct
 * agent or a queue visit without an enterTime.
 */
export function waitSec(c: Conversation): number | null {
  let accepted = Number.POSITIVE_INFINITY
  let enter: number | null = null
  for (const d of c.destinations) {
    const at = segmentOf(d)?.acceptedTime ?? null
    if (at === null || at >= accepted) continue
    accepted = at
    enter = d.kind === 'queue' ? d.enterTime : null
  }
  if (accepted === Number.POSITIVE_INFINITY || enter === null) return null
  return (accepted - enter) / 1000
}

/**
 * First response: the firstResponseDuration of the earliest accepted segment that reports one
 * (segments without an acceptedTime come after the accepted ones, in destination order).
 */
export function firstResponseSec(c: Conversation): number | null {
  let best: number | null = null
  let bestAt = Number.POSITIVE_INFINITY
  for (const d of c.destinations) {
    const s = segmentOf(d)
    if (s === null || s.firstResponseDurationSec === null) continue
    const at = s.acceptedTime ?? Number.MAX_SAFE_INTEGER
    if (at < bestAt) {
      bestAt = at
      best = s.firstResponseDurationSec
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
 * Handle time: Σ (interaction + after-call work) over every agent segment. Interaction already
 * contains hold (api-notes.md), so hold is not added again. Null when no segment reports either.
 */
export function handleSec(c: Conversation): number | null {
  return sumOverSegments(c, segmentHandleSec)
}

/**
 * One segment's handle time: interaction (hold included) + after-call work; either alone when only
 * one is known, null when neither is.
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

/** Hold time: Σ holdDuration over every agent segment (part of handle time); null when none says. */
export function holdSec(c: Conversation): number | null {
  return sumOverSegments(c, (s) => s.holdSec)
}

// ---------------------------------------------------------------------------------------------------
// Counts and flags

/** Transfers: destinations (queue visits and direct agents) after the first. */
export function transfers(c: Conversation): number {
  return Math.max(0, c.destinations.length - 1)
}

/** Consults: consulting agents over every agent segment, SmartAssist agents and external numbers. */
export function consults(c: Conversation): number {
  return sumOverSegments(c, (s) => s.consultingAgents.length) ?? 0
}

/** Whether the customer opted for a callback in any queue visit. */
export function optedForCallback(c: Conversation): boolean {
  return c.destinations.some((d) => d.kind === 'queue' && d.callbackOpted === true)
}

/**
 * Abandoned: the final status says ABANDONED (any case), or the conversation reached a queue and no
 * destination has a responding agent (a TRANSIENT_OPEN record left in the queue counts too). A
 * bot-only session reached no queue, so it is never abandoned on the second ground.
 */
export function isAbandoned(c: Conversation): boolean {
  if (cleanText(c.finalStatus)?.toUpperCase() === 'ABANDONED') return true
  let queued = false
  for (const d of c.destinations) {
    if (segmentOf(d) !== null) return false
    if (d.kind === 'queue') queued = true
  }
  return queued
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
