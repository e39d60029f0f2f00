// The drawer's timeline as a picture: one lane per queue and per agent along one time axis, built from
// the normalized record alone (pure; the component places the marks and formats times in the display
// zone).
//
// What each mark is, and where its ends come from:
// - queue wait: EnterTime → the responding agent's acceptance; an unanswered visit → the next
//   destination's first time (it was transferred), else the conversation's end.
// - ringing: an agent's assignedAt → acceptedTime. A non-responding agent's ringing ends when the next
//   agent of that queue was offered it or accepted it, else when the conversation left the queue.
// - interaction: acceptedTime → interactionEndTime (either end may come from interactionDuration).
//   Hold is a duration inside it; the API does not say when, so it is drawn as the last part of the
//   interaction bar, marked `nominal` (its place is not recorded) and said so in its name.
// - after-call work: interactionEndTime → afterCallWorkEndTime (or either end ± its duration).
// - consults: an overlay on the consulting agent's lane, startTime → endTime.
// - markers: callbacks (opted, accepted) on the queue's lane, first responses on the agent's lane,
//   the recorded session end and the end of the conversation on the session lane.
// - the session lane: the bot's part before the first queue or agent; a bot-only session has that lane
//   alone.
// Whatever has no time is not drawn; `unknown` lists it.

import type { AgentSegment, ConsultingAgent, Conversation, Destination, Person } from '../../api/conversation'
import {
  agentKey,
  agentName,
  cleanText,
  interactionSec,
  queueKey,
  queueName,
  segmentOf,
  segmentTalkSec,
} from '../../api/conversation-metrics'
import { formatDuration } from '../../lib/format'
import { consultName } from './timeline'

export type MarkKind =
  | 'bot'
  | 'wait'
  | 'ring'
  | 'not-responding'
  | 'talk'
  | 'hold'
  | 'acw'
  | 'consult'
  | 'first-response'
  | 'callback'
  | 'callback-accepted'
  | 'session-end-recorded'
  | 'end'

export type Mark = {
  /** unique within the chart */
  key: string
  kind: MarkKind
  /** a bar spans start..end; a marker has start === end */
  shape: 'bar' | 'marker'
  /** epoch ms */
  start: number
  end: number
  /** seconds, for bars (for hold: the recorded hold, not end − start) */
  durationSec: number | null
  /** what it is, without times ("Queue wait in Billing") */
  title: string
  /** more words after the times ("not responding: Ignored", "until Agent One accepted") */
  note: string | null
  /** the place on the axis is not recorded (hold): the component says so instead of times */
  nominal?: { within: [number, number] }
  /** which end came from a duration rather than a recorded time */
  derived?: 'start' | 'end'
  /** the span the name states when the drawn one is part of it (an interaction without its hold) */
  shown?: { start: number; end: number }
}

export type LaneKind = 'session' | 'bot' | 'queue' | 'agent'

export type Lane = {
  key: string
  kind: LaneKind
  title: string
  marks: Mark[]
}

export type TimelineChart = {
  /** the axis: epoch ms */
  start: number
  end: number
  lanes: Lane[]
  /** things the record names without a time, in record order ("Consult with Agent Five: time unknown") */
  unknown: string[]
}

const UNNAMED_AGENT = 'an unnamed agent'
const who = (p: Person) => agentName(p) ?? UNNAMED_AGENT
const dur = (sec: number) => formatDuration(sec)

type Span = { start: number; end: number; derived?: 'start' | 'end' }

/** A span from its two ends, or one end and a duration in seconds; null when it cannot be placed. */
function span(start: number | null, end: number | null, sec: number | null): Span | null {
  if (start !== null && end !== null) return end >= start ? { start, end } : { start, end: start }
  if (sec === null || sec < 0) return null
  if (start !== null) return { start, end: start + sec * 1000, derived: 'end' }
  if (end !== null) return { start: end - sec * 1000, end, derived: 'start' }
  return null
}

/** The earliest recorded time of a destination: its entry, else its agents' first times. */
function firstTimeOf(d: Destination): number | null {
  const times: (number | null)[] = []
  if (d.kind === 'queue') {
    times.push(d.enterTime)
    for (const n of d.nonRespondingAgents) times.push(n.assignedAt)
  }
  const s = segmentOf(d)
  if (s !== null) times.push(s.assignedAt, s.acceptedTime)
  return minOf(times)
}

function minOf(times: (number | null)[]): number | null {
  let m: number | null = null
  for (const t of times) if (t !== null && (m === null || t < m)) m = t
  return m
}

/** The chart of one conversation; null when nothing in it has a time. */
export function timelineChart(c: Conversation): TimelineChart | null {
  const b = new Builder()
  const firstTimes = c.destinations.map(firstTimeOf)
  const firstDestination = minOf(firstTimes)
  const end = c.endTime ?? c.sessionEndTime

  // the session lane: the bot's part, the recorded session end, the end
  const session = b.lane('session', c.botOnly ? 'bot' : 'session', c.botOnly ? 'Bot' : 'Session')
  // a conversation whose routing is missing is drawn whole, as what it is
  const alone = c.botOnly || c.destinations.length === 0
  const botEnd = alone ? end : firstDestination
  const bot = c.sessionStartTime === null || botEnd === null ? null : span(c.sessionStartTime, botEnd, null)
  if (bot !== null && bot.end > bot.start)
    b.bar(session, 'bot', bot, {
      title: c.botOnly
        ? 'Bot session'
        : alone
          ? 'Session, no queue or agent recorded'
          : 'Bot, before the first queue or agent',
      note: null,
    })
  if (c.sessionEndTime !== null && end !== null && c.sessionEndTime < end)
    b.marker(session, 'session-end-recorded', c.sessionEndTime, {
      title: 'Session end recorded',
      note: `not the end of the conversation, which went on ${dur((end - c.sessionEndTime) / 1000)} longer`,
    })
  const endWords = [cleanText(c.finalStatus), cleanText(c.disconnectingEvent)].filter(Boolean).join(' · ')
  const endTitle = c.conversationId === null ? 'Session ended' : 'Conversation ended'
  if (end !== null) b.marker(session, 'end', end, { title: endTitle, note: endWords || null })
  else b.unknown.push(`${endTitle}: time unknown`)

  c.destinations.forEach((d, i) => {
    // the next destination in time, for an unanswered queue's end
    const mine = firstTimes[i] ?? null
    let next: { at: number; name: string } | null = null
    c.destinations.forEach((o, j) => {
      const at = firstTimes[j] ?? null
      if (j === i || at === null || mine === null || at <= mine) return
      if (next === null || at < next.at) next = { at, name: destinationName(o) }
    })
    destination(b, d, i, next, end)
  })

  return b.done(c)
}

function destinationName(d: Destination): string {
  return d.kind === 'queue'
    ? `queue ${queueName(d) ?? 'an unnamed queue'}`
    : `agent ${agentName(d.agent) ?? UNNAMED_AGENT}`
}

type Leave = { at: number; why: string }

function destination(
  b: Builder,
  d: Destination,
  i: number,
  next: { at: number; name: string } | null,
  end: number | null,
): void {
  const s = segmentOf(d)
  if (d.kind === 'agent') {
    segment(b, d.agent, i, null)
    return
  }
  const named = queueName(d)
  const qName = named ?? 'an unnamed queue'
  const qLabel = named === null ? qName : `queue ${named}`
  const lane = b.lane(`q:${queueKey(d) ?? `#${i}`}`, 'queue', named ?? '(unnamed)')
  // when the conversation left this queue
  const accepted = s?.acceptedTime ?? null
  const leave: Leave | null =
    accepted !== null
      ? { at: accepted, why: `until ${who(s as AgentSegment)} accepted` }
      : next !== null
        ? { at: next.at, why: `until it moved on to ${next.name}` }
        : end !== null
          ? { at: end, why: 'until the conversation ended' }
          : null
  if (d.enterTime !== null && leave !== null && leave.at >= d.enterTime)
    b.bar(
      lane,
      'wait',
      { start: d.enterTime, end: leave.at },
      { title: `Queue wait in ${qName}`, note: leave.why },
    )
  else if (d.enterTime !== null)
    b.marker(lane, 'wait', d.enterTime, {
      title: `Entered ${qLabel}`,
      note: 'when it left is not recorded',
    })
  else b.unknown.push(`Entry into ${qLabel}: time unknown, wait not drawn`)

  if (d.callbackOpted === true || d.callbackOptedTime !== null) {
    if (d.callbackOptedTime !== null)
      b.marker(lane, 'callback', d.callbackOptedTime, { title: 'Customer opted for a callback', note: null })
    else b.unknown.push(`Callback opted in ${qName}: time unknown`)
  }
  if (d.userCallbackAcceptTime !== null)
    b.marker(lane, 'callback-accepted', d.userCallbackAcceptTime, {
      title: 'Customer accepted the callback',
      note: null,
    })

  // ringing of agents who did not take it: until the next offer in this queue, or the queue was left
  const offers = [
    ...d.nonRespondingAgents.map((n) => ({ at: n.assignedAt, name: who(n) })),
    ...(s === null ? [] : [{ at: s.assignedAt ?? s.acceptedTime, name: who(s) }]),
  ]
  for (const n of d.nonRespondingAgents) {
    const agentLane = b.lane(`a:${agentKey(n) ?? `#${i}-${who(n)}`}`, 'agent', who(n))
    const reason = cleanText(n.nonResponseEvent)
    const what = `not responding${reason === null ? '' : `: ${reason}`}`
    if (n.assignedAt === null) {
      b.unknown.push(`Offered to ${who(n)} in ${qName} (${what}): time unknown`)
      continue
    }
    const at = n.assignedAt
    let until: Leave | null = null
    for (const o of offers)
      if (o.at !== null && o.at > at && (until === null || o.at < until.at))
        until = { at: o.at, why: `until ${o.name} was offered it` }
    if (accepted !== null && accepted > at && (until === null || accepted < until.at))
      until = { at: accepted, why: `until ${who(s as AgentSegment)} accepted` }
    if (until === null && leave !== null && leave.at > at) until = leave
    const title = `Offered to ${who(n)} in ${qName} (${what})`
    if (until === null) b.marker(agentLane, 'not-responding', at, { title, note: 'ringing end not recorded' })
    else b.bar(agentLane, 'not-responding', { start: at, end: until.at }, { title, note: until.why })
  }

  if (s !== null) segment(b, s, i, qName)
}

function segment(b: Builder, s: AgentSegment, i: number, qName: string | null): void {
  const name = who(s)
  const lane = b.lane(`a:${agentKey(s) ?? `#${i}`}`, 'agent', name)
  const where = qName === null ? '' : ` in ${qName}`

  if (s.assignedAt !== null && s.acceptedTime !== null && s.acceptedTime > s.assignedAt)
    b.bar(
      lane,
      'ring',
      { start: s.assignedAt, end: s.acceptedTime },
      {
        title: `Offered to ${name}${where}, ringing`,
        note: 'until accepted',
      },
    )
  else if (s.assignedAt !== null && s.acceptedTime === null)
    b.marker(lane, 'ring', s.assignedAt, {
      title: `Offered to ${name}${where}`,
      note: cleanText(s.status) === null ? 'not accepted' : 'acceptance time not recorded',
    })

  const interaction = interactionSec(s)
  const talkSpan = span(s.acceptedTime, s.interactionEndTime, interaction)
  const hold = s.holdSec !== null && s.holdSec > 0 ? s.holdSec : null
  if (talkSpan !== null) {
    const total = (talkSpan.end - talkSpan.start) / 1000
    const talk = segmentTalkSec(s) ?? total
    const holdMs = hold === null ? 0 : Math.min(hold, total) * 1000
    b.bar(
      lane,
      'talk',
      { ...talkSpan, end: talkSpan.end - holdMs },
      {
        title: `Interaction with ${name}${where}`,
        note: hold === null ? null : `talk ${dur(talk)} + hold ${dur(hold)}`,
        durationSec: interaction ?? total,
        shown: { start: talkSpan.start, end: talkSpan.end },
      },
    )
    if (hold !== null)
      b.bar(
        lane,
        'hold',
        { start: talkSpan.end - holdMs, end: talkSpan.end },
        {
          title: `Hold ${dur(hold)} during the interaction with ${name}`,
          note: 'when within the call is not recorded',
          durationSec: hold,
          nominal: [talkSpan.start, talkSpan.end],
        },
      )
  } else if (interaction !== null || s.acceptedTime !== null || s.interactionEndTime !== null) {
    if (s.acceptedTime !== null)
      b.marker(lane, 'talk', s.acceptedTime, {
        title: `Accepted by ${name}${where}`,
        note: 'interaction end not recorded',
      })
    else
      b.unknown.push(
        `Interaction with ${name}${interaction === null ? '' : ` (${dur(interaction)}${hold === null ? '' : `, hold ${dur(hold)}`})`}: time unknown`,
      )
  }

  if (s.firstResponseTime !== null)
    b.marker(lane, 'first-response', s.firstResponseTime, {
      title: `First response from ${name}`,
      note:
        s.firstResponseDurationSec === null ? null : `${dur(s.firstResponseDurationSec)} after acceptance`,
    })
  else if (s.firstResponseDurationSec !== null && s.acceptedTime !== null)
    b.marker(lane, 'first-response', s.acceptedTime + s.firstResponseDurationSec * 1000, {
      title: `First response from ${name}`,
      note: `${dur(s.firstResponseDurationSec)} after acceptance`,
      derived: 'start',
    })
  else if (s.firstResponseDurationSec !== null)
    b.unknown.push(
      `First response from ${name} (${dur(s.firstResponseDurationSec)} after acceptance): time unknown`,
    )

  for (const ca of s.consultingAgents) consult(b, lane, ca, name)

  if (s.afterCallWorkSec !== null || s.afterCallWorkEndTime !== null) {
    const acw = span(
      s.interactionEndTime ?? talkSpan?.end ?? null,
      s.afterCallWorkEndTime,
      s.afterCallWorkSec,
    )
    const sec = s.afterCallWorkSec ?? (acw === null ? null : (acw.end - acw.start) / 1000)
    if (acw !== null && acw.end > acw.start)
      b.bar(lane, 'acw', acw, { title: `After-call work by ${name}`, note: null, durationSec: sec })
    else if (acw === null)
      b.unknown.push(`After-call work by ${name}${sec === null ? '' : ` (${dur(sec)})`}: time unknown`)
  }
}

function consult(b: Builder, lane: Lane, ca: ConsultingAgent, by: string): void {
  const title = `${by} consulted ${consultName(ca)}`
  const merged = ca.isMerged === true ? 'merged into the call' : ca.isMerged === false ? 'not merged' : null
  const offered = ca.assignedAt ?? null
  const placed = span(ca.startTime, ca.endTime, ca.durationSec) ?? span(offered, ca.endTime, null)
  const notes = [
    offered !== null && ca.startTime !== null && ca.startTime > offered
      ? `answered ${dur((ca.startTime - offered) / 1000)} after it was offered`
      : null,
    ca.startTime === null && offered !== null && placed !== null
      ? 'from the offer; acceptance not recorded'
      : null,
    merged,
  ].filter((x): x is string => x !== null)
  if (placed !== null && placed.end > placed.start)
    b.bar(lane, 'consult', placed, { title, note: notes.join(', ') || null, durationSec: ca.durationSec })
  else if (placed !== null || offered !== null)
    b.marker(lane, 'consult', placed?.start ?? (offered as number), {
      title,
      note: ['end not recorded', ...notes].join(', '),
    })
  else b.unknown.push(`${title}: time unknown`)
}

type MarkWords = {
  title: string
  note: string | null
  durationSec?: number | null
  derived?: 'start' | 'end'
  /** the span the name states, when the drawn one is a part of it (an interaction minus its hold) */
  shown?: { start: number; end: number }
  nominal?: [number, number]
}

class Builder {
  private lanes = new Map<string, Lane>()
  private n = 0
  unknown: string[] = []

  lane(key: string, kind: LaneKind, title: string): Lane {
    let lane = this.lanes.get(key)
    if (lane === undefined) {
      lane = { key, kind, title, marks: [] }
      this.lanes.set(key, lane)
    }
    return lane
  }

  bar(lane: Lane, kind: MarkKind, at: Span, w: MarkWords): void {
    const derived = w.derived ?? at.derived
    lane.marks.push({
      key: `${kind}-${this.n++}`,
      kind,
      shape: 'bar',
      start: at.start,
      end: at.end,
      durationSec: w.durationSec !== undefined ? w.durationSec : (at.end - at.start) / 1000,
      title: w.title,
      note: w.note,
      ...(derived === undefined ? {} : { derived }),
      ...(w.nominal === undefined ? {} : { nominal: { within: w.nominal } }),
      ...(w.shown === undefined ? {} : { shown: w.shown }),
    })
  }

  marker(lane: Lane, kind: MarkKind, at: number, w: MarkWords): void {
    lane.marks.push({
      key: `${kind}-${this.n++}`,
      kind,
      shape: 'marker',
      start: at,
      end: at,
      durationSec: null,
      title: w.title,
      note: w.note,
      ...(w.derived === undefined ? {} : { derived: w.derived }),
    })
  }

  /**
   * The session lane first (when it has marks), the others by their first mark; a queue or agent
   * lane with nothing timed stays where the record puts it, after the lane before it.
   */
  done(c: Conversation): TimelineChart | null {
    const lanes = [...this.lanes.values()].filter(
      (l) => l.marks.length > 0 || l.kind === 'queue' || l.kind === 'agent',
    )
    let start = c.sessionStartTime ?? Number.POSITIVE_INFINITY
    let end = c.endTime ?? c.sessionEndTime ?? Number.NEGATIVE_INFINITY
    for (const l of lanes)
      for (const m of l.marks) {
        start = Math.min(start, m.start)
        end = Math.max(end, m.end)
      }
    if (!Number.isFinite(start) || !Number.isFinite(end)) return null
    let carried = Number.NEGATIVE_INFINITY
    const keyed = lanes.map((lane, order) => {
      const session = lane.kind === 'session' || lane.kind === 'bot'
      if (lane.marks.length > 0 && !session) carried = Math.min(...lane.marks.map((m) => m.start))
      return { lane, at: session ? Number.NEGATIVE_INFINITY : carried, order }
    })
    keyed.sort((a, b) => a.at - b.at || a.order - b.order)
    return { start, end, lanes: keyed.map((k) => k.lane), unknown: this.unknown }
  }
}
