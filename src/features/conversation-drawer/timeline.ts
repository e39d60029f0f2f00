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
// `time: null` ("time unknown"). A session end without a time stays last.

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

const UNNAMED_AGENT = 'an unnamed agent'
const who = (p: Parameters<typeof agentName>[0]) => agentName(p) ?? UNNAMED_AGENT
const dur = (sec: number | null) => (sec === null ? null : formatDuration(sec))
const join = (parts: (string | null | false | undefined)[]): string | null => {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p !== '')
  return kept.length === 0 ? null : kept.join(' · ')
}

/** The conversation's events in time order (see the file comment for the rules). */
export function timelineEvents(c: Conversation): TimelineEvent[] {
  const events: TimelineEvent[] = []
  const push = (e: Omit<TimelineEvent, 'key'>) => events.push({ ...e, key: `${e.kind}-${events.length}` })

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

  c.destinations.forEach((d, i) => {
    destinationEvents(d, i, push)
  })

  const later = c.endTime !== null && c.sessionEndTime !== null && c.endTime > c.sessionEndTime
  push({
    kind: 'session-end',
    time: c.sessionEndTime,
    label: 'Session ended',
    detail: join([
      cleanText(c.finalStatus),
      cleanText(c.disconnectingEvent),
      later && 'not the end of the conversation: agent work went on after it',
    ]),
    destination: null,
  })

  return sortByTime(events)
}

type Push = (e: Omit<TimelineEvent, 'key'>) => void

function destinationEvents(d: Destination, i: number, push: Push): void {
  const transfer = i > 0
  if (d.kind === 'queue') {
    const name = queueName(d) ?? 'an unnamed queue'
    push({
      kind: transfer ? 'transfer' : 'queue',
      time: d.enterTime,
      label: transfer ? `Transferred to queue ${name}` : `Entered queue ${name}`,
      detail: d.respondingAgent === null ? 'no agent answered in this queue' : null,
      destination: i,
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

function notTaken(n: NonRespondingAgent, i: number): Omit<TimelineEvent, 'key'> {
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
      kind: direct && i > 0 ? 'transfer' : 'assigned',
      time: s.assignedAt,
      label: direct
        ? i > 0
          ? `Transferred to agent ${name}`
          : `Assigned directly to ${name}`
        : `Assigned to ${name}`,
      detail: direct && !accepted ? 'not accepted' : null,
      destination: i,
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

function consult(ca: ConsultingAgent, i: number): Omit<TimelineEvent, 'key'> {
  const name = cleanText(ca.name) ?? cleanText(ca.email) ?? cleanText(ca.agentId)
  const wait = dur(consultWaitSec(ca))
  return {
    kind: 'consult',
    time: ca.assignedAt ?? ca.startTime,
    label: ca.external
      ? `Consulted external number ${name ?? '(unknown)'}`
      : `Consulted ${name ?? UNNAMED_AGENT}`,
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
 * record order (a session end without one sorts last).
 */
function sortByTime(events: TimelineEvent[]): TimelineEvent[] {
  let carried = Number.NEGATIVE_INFINITY
  const keyed = events.map((e, order) => {
    if (e.time !== null) carried = e.time
    // a session end without a time is still the end
    const at = e.time === null && e.kind === 'session-end' ? Number.POSITIVE_INFINITY : carried
    return { e, at, order }
  })
  keyed.sort((a, b) => a.at - b.at || a.order - b.order)
  return keyed.map((k) => k.e)
}
