// The drawer's destination timeline: what happened to one conversation, in time order, built from the
// normalized record alone (pure; the component formats the times in the display zone).
//
// Events come from the session, each destination (queue visit or direct agent) and its agents. The
// API gives hold as a duration, not as times, so hold is never an event of its own: it is part of the
// agent segment's "interaction ended" detail (talk = interaction − hold, api-notes.md).
//
// Order: by time; ties keep record order (accepted before first response, a consult before the end of
// its interaction). An event without a time stays where the record puts it: right after the event
// that precedes it in record order (it sorts as if it had that event's time) and is marked
// `time: null` ("time unknown"). The end without a time stays last.
//
// Labels that depend on order are given after sorting: the first destination in time is "Entered
// queue X" / "Assigned directly to X", every later one "Transferred to …", whatever the record order.
//
// The end: the conversation ends (final status, disconnecting event) at Conversation.endTime, the
// latest end in the record. sessionEndTime is often earlier (in chats it is the bot's hand-off to the
// agent); then it is an event of its own, neutral, at its own time.

import type {
  AgentSegment,
  ConsultingAgent,
  Conversation,
  Destination,
  NonRespondingAgent,
} from '../../api/conversation'
import {
  agentName,
  cleanText,
  consultWaitSec,
  destinationWaitSec,
  interactionSec,
  queueName,
  segmentHandleSec,
  segmentOf,
  segmentTalkSec,
} from '../../api/conversation-metrics'
import { formatDuration } from '../../lib/format'

export type TimelineKind =
  | 'session-start'
  | 'queue'
  | 'transfer'
  | 'callback'
  | 'callback-accepted'
  | 'not-taken'
  | 'assigned'
  | 'accepted'
  | 'first-response'
  | 'consult'
  | 'interaction-end'
  | 'after-call-work'
  /** sessionEndTime when it is earlier than the conversation's end (neutral: not the end) */
  | 'session-end-recorded'
  /** the end of the conversation (Conversation.endTime), with its final status */
  | 'session-end'

export type TimelineEvent = {
  /** stable and unique within one conversation's timeline (React key) */
  key: string
  kind: TimelineKind
  /** epoch ms; null = the record does not say when ("time unknown") */
  time: number | null
  label: string
  detail: string | null
  /** the destination the event belongs to (index in Conversation.destinations); null for the session */
  destination: number | null
}

/** An event before sorting; `entry` marks a destination's first event, labelled once sorted. */
type Draft = Omit<TimelineEvent, 'key'> & { entry?: { to: 'queue' | 'agent'; name: string } }

const UNNAMED_AGENT = 'an unnamed agent'
const who = (p: Parameters<typeof agentName>[0]) => agentName(p) ?? UNNAMED_AGENT
const dur = (sec: number | null) => (sec === null ? null : formatDuration(sec))
const join = (parts: (string | null | false | undefined)[]): string | null => {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p !== '')
  return kept.length === 0 ? null : kept.join(' · ')
}

/** The conversation's events in time order (see the file comment for the rules). */
export function timelineEvents(c: Conversation): TimelineEvent[] {
  const drafts: Draft[] = []
  const push = (e: Draft) => drafts.push(e)

  push({
    kind: 'session-start',
    time: c.sessionStartTime,
    label: 'Session started',
    detail: join([
      cleanText(c.channel),
      cleanText(c.direction),
      c.botOnly && 'handled by the bot only, never reached a queue or an agent',
    ]),
    destination: null,
  })

  // right after the start in record order, so that a hand-off sorts before the assignment it equals
  const end = c.endTime ?? c.sessionEndTime
  if (c.sessionEndTime !== null && end !== null && c.sessionEndTime < end)
    push(recordedSessionEnd(c, c.sessionEndTime, end))

  c.destinations.forEach((d, i) => {
    destinationEvents(d, i, push)
  })

  push({
    kind: 'session-end',
    time: end,
    label: c.conversationId === null ? 'Session ended' : 'Conversation ended',
    detail: join([cleanText(c.finalStatus), cleanText(c.disconnectingEvent), lastActivity(c, end)]),
    destination: null,
  })

  return labelEntries(sortByTime(drafts))
}

/**
 * sessionEndTime before the conversation's end. When it meets an agent's assignment or acceptance
 * (within 2 s) whose interaction goes on after it, it is the bot handing over to that agent.
 */
function recordedSessionEnd(c: Conversation, at: number, end: number): Draft {
  let handedTo: string | null = null
  for (const d of c.destinations) {
    const s = segmentOf(d)
    if (s === null) continue
    const met = [s.assignedAt, s.acceptedTime].some((t) => t !== null && Math.abs(t - at) <= 2000)
    if (met && (s.interactionEndTime === null || s.interactionEndTime > at)) {
      handedTo = who(s)
      break
    }
  }
  const rest = `the conversation went on ${formatDuration((end - at) / 1000)} longer`
  return {
    kind: 'session-end-recorded',
    time: at,
    label: handedTo === null ? 'Session end recorded' : `Bot session ended, handed over to ${handedTo}`,
    detail: handedTo === null ? `not the end: ${rest}` : rest,
    destination: null,
  }
}

/** What the end is, when it is an agent's after-call work rather than the end of an interaction. */
function lastActivity(c: Conversation, end: number | null): string | null {
  if (end === null || end === c.sessionEndTime) return null
  for (const d of c.destinations) {
    const s = segmentOf(d)
    if (s !== null && s.afterCallWorkEndTime === end && s.interactionEndTime !== end)
      return `after ${who(s)}’s after-call work`
  }
  return null
}

type Push = (e: Draft) => void

function destinationEvents(d: Destination, i: number, push: Push): void {
  if (d.kind === 'queue') {
    const name = queueName(d) ?? 'an unnamed queue'
    push({
      kind: 'queue',
      time: d.enterTime,
      label: `Entered queue ${name}`,
      detail: d.respondingAgent === null ? 'no agent answered in this queue' : null,
      destination: i,
      entry: { to: 'queue', name },
    })
    if (d.callbackOpted === true || d.callbackOptedTime !== null)
      push({
        kind: 'callback',
        time: d.callbackOptedTime,
        label: 'Customer opted for a callback',
        detail: name,
        destination: i,
      })
    if (d.userCallbackAcceptTime !== null)
      push({
        kind: 'callback-accepted',
        time: d.userCallbackAcceptTime,
        label: 'Customer accepted the callback',
        detail: name,
        destination: i,
      })
    for (const n of d.nonRespondingAgents) push(notTaken(n, i))
    if (d.respondingAgent !== null) segmentEvents(d, d.respondingAgent, i, false, push)
    return
  }
  segmentEvents(d, d.agent, i, true, push)
}

function notTaken(n: NonRespondingAgent, i: number): Draft {
  return {
    kind: 'not-taken',
    time: n.assignedAt,
    label: `Offered to ${who(n)}, not taken`,
    detail: cleanText(n.nonResponseEvent),
    destination: i,
  }
}

function segmentEvents(d: Destination, s: AgentSegment, i: number, direct: boolean, push: Push): void {
  const name = who(s)
  const wait = dur(destinationWaitSec(d))
  const interaction = interactionSec(s)
  const accepted = s.acceptedTime !== null || (cleanText(s.status) !== null && interaction !== null)
  if (direct || s.assignedAt !== null)
    push({
      kind: 'assigned',
      time: s.assignedAt,
      label: direct ? `Assigned directly to ${name}` : `Assigned to ${name}`,
      detail: direct && !accepted ? 'not accepted' : null,
      destination: i,
      ...(direct ? { entry: { to: 'agent' as const, name } } : {}),
    })
  if (accepted)
    push({
      kind: 'accepted',
      time: s.acceptedTime,
      label: `Accepted by ${name}`,
      detail:
        wait === null ? null : direct ? `answered ${wait} after assignment` : `waited ${wait} in the queue`,
      destination: i,
    })
  if (s.firstResponseTime !== null || s.firstResponseDurationSec !== null)
    push({
      kind: 'first-response',
      time: s.firstResponseTime,
      label: `First response from ${name}`,
      detail: s.firstResponseDurationSec === null ? null : `after ${dur(s.firstResponseDurationSec)}`,
      destination: i,
    })
  for (const ca of s.consultingAgents) push(consult(ca, i))
  if (s.interactionEndTime !== null || interaction !== null)
    push({
      kind: 'interaction-end',
      time: s.interactionEndTime,
      label: `Interaction with ${name} ended`,
      detail: join([
        interaction !== null && `interaction ${dur(interaction)}`,
        s.holdSec !== null && `talk ${dur(segmentTalkSec(s))}`,
        s.holdSec !== null && `hold ${dur(s.holdSec)}`,
      ]),
      destination: i,
    })
  if (s.afterCallWorkEndTime !== null || s.afterCallWorkSec !== null)
    push({
      kind: 'after-call-work',
      time: s.afterCallWorkEndTime,
      label: `After-call work by ${name} ended`,
      detail: join([
        s.afterCallWorkSec !== null && `after-call work ${dur(s.afterCallWorkSec)}`,
        `handle ${dur(segmentHandleSec(s))}`,
      ]),
      destination: i,
    })
}

/** How a consulted party is called: "Consulted Agent Five", "Consulted external number +91…". */
export function consultName(ca: ConsultingAgent): string {
  const name = cleanText(ca.name) ?? cleanText(ca.email) ?? cleanText(ca.agentId)
  return ca.external ? `external number ${name ?? '(unknown)'}` : (name ?? UNNAMED_AGENT)
}

function consult(ca: ConsultingAgent, i: number): Draft {
  const wait = dur(consultWaitSec(ca))
  return {
    kind: 'consult',
    time: ca.assignedAt ?? ca.startTime,
    label: `Consulted ${consultName(ca)}`,
    detail: join([
      wait !== null && `answered after ${wait}`,
      ca.durationSec !== null && `lasted ${dur(ca.durationSec)}`,
      ca.isMerged === true && 'merged into the call',
      ca.isMerged === false && 'not merged',
    ]),
    destination: i,
  }
}

/**
 * Stable sort by time; an event without one sorts as if it had the time of the event before it in
 * record order (the end without one sorts last). The recorded session end is placed early in record
 * order for ties only: it lends its time to no other event.
 */
function sortByTime(events: Draft[]): Draft[] {
  let carried = Number.NEGATIVE_INFINITY
  const keyed = events.map((e, order) => {
    if (e.time !== null && e.kind !== 'session-end-recorded') carried = e.time
    const at = e.time === null ? (e.kind === 'session-end' ? Number.POSITIVE_INFINITY : carried) : e.time
    return { e, at, order }
  })
  keyed.sort((a, b) => a.at - b.at || a.order - b.order)
  return keyed.map((k) => k.e)
}

/** Keys, and the entry labels that depend on order: the first destination entered, later transfers. */
function labelEntries(sorted: Draft[]): TimelineEvent[] {
  let entered = false
  return sorted.map(({ entry, ...e }, n) => {
    const key = `${e.kind}-${n}`
    if (entry === undefined) return { ...e, key }
    const first = !entered
    entered = true
    if (first) return { ...e, key }
    return {
      ...e,
      key: `transfer-${n}`,
      kind: 'transfer',
      label:
        entry.to === 'queue' ? `Transferred to queue ${entry.name}` : `Transferred to agent ${entry.name}`,
    }
  })
}
