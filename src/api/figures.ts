// The figures of CONTRACT.md "Numbers", over the rows after filters: the KPI row, per queue and per
// agent. Pure; each figure keeps its numerator and its basis (the "over N …" shown under it), so the
// page can say what it divided by. Terms per record come from conversation-outcome.ts, durations per
// segment from conversation-metrics.ts: nothing here decides what a record is.

import type { AgentSegment, Conversation, QueueVisit } from './conversation'
import {
  agentKey,
  agentName,
  destinationWaitSec,
  handledSegments,
  queueKey,
  queueName,
  segmentFirstResponseSec,
  segmentHandleSec,
  segmentTalkSec,
  waitSec,
} from './conversation-metrics'
import { answeredInQueue, outcomeOf } from './conversation-outcome'

/** The service-level threshold when the URL names none (seconds). */
export const DEFAULT_SERVICE_LEVEL_SEC = 20
export const SERVICE_LEVEL_RULE = 'The service level threshold is a whole number of seconds from 1 to 3600'
export const isServiceLevelSec = (n: number) => Number.isInteger(n) && n >= 1 && n <= 3600

/** A share: part ÷ whole; null when the whole is 0. */
export type Ratio = { value: number | null; part: number; whole: number }
/** A mean: sum ÷ n; null when n is 0. */
export type Mean = { value: number | null; sum: number; n: number }

const ratio = (part: number, whole: number): Ratio => ({
  value: whole > 0 ? part / whole : null,
  part,
  whole,
})

function meanOf() {
  const m = {
    sum: 0,
    n: 0,
    add(v: number | null) {
      if (v === null || !Number.isFinite(v)) return
      m.sum += v
      m.n++
    },
    done: (): Mean => ({ value: m.n > 0 ? m.sum / m.n : null, sum: m.sum, n: m.n }),
  }
  return m
}

export type KpiFigures = {
  /** every record after filters, bot-only included */
  records: number
  /** records that are not bot-only */
  conversations: number
  offered: number
  /** conversations with a handled segment (outbound and unqueued ones included) */
  answered: number
  /** offered conversations that were answered */
  answeredOffered: number
  /** abandoned in a queue + USER ABANDONED without a queue */
  abandoned: number
  abandonedNoQueue: number
  droppedBySystem: number
  /** offered, not answered, opted for a callback */
  callbacks: number
  /** offered, not answered, no callback, voicemail */
  voicemail: number
  abandonedWithAgent: number
  /** abandoned ÷ (offered + abandoned without a queue) */
  abandonRate: Ratio
  /** mean wait of answered, queued conversations with a known wait */
  speedOfAnswer: Mean
  /** answered, queued conversations whose wait is unknown (no EnterTime): left out of the mean */
  unknownWaits: number
  /** answered within the threshold ÷ (answered with a known wait + abandoned in a queue) */
  serviceLevel: Ratio & { thresholdSec: number }
  /** Σ handle time ÷ answered conversations with a handle time (Kore.ai's basis) */
  handlePerConversation: Mean
  /** the same sum ÷ handled segments with a handle time (Genesys / Amazon Connect) */
  handlePerSegment: Mean
  handledSegments: number
  /** mean over handled segments that report one */
  firstResponse: Mean
  /** transferred ÷ answered */
  transferRate: Ratio
  /** contained ÷ records */
  botContainment: Ratio
  botDropOffs: number
  /** Σ csatScore ÷ records with one */
  csat: Mean
}

export function kpiFigures(
  conversations: readonly Conversation[],
  thresholdSec = DEFAULT_SERVICE_LEVEL_SEC,
): KpiFigures {
  let offered = 0
  let answered = 0
  let answeredOffered = 0
  let abandonedInQueue = 0
  let abandonedNoQueue = 0
  let droppedBySystem = 0
  let callbacks = 0
  let voicemail = 0
  let abandonedWithAgent = 0
  let transferred = 0
  let contained = 0
  let botOnly = 0
  let unknownWaits = 0
  let withinThreshold = 0
  let segments = 0
  const speed = meanOf()
  const perConversation = meanOf()
  const perSegment = meanOf()
  const firstResponse = meanOf()
  const csat = meanOf()
  for (const c of conversations) {
    const o = outcomeOf(c)
    csat.add(c.csatScore)
    if (o.botOnly) {
      botOnly++
      if (o.contained) contained++
      continue
    }
    if (o.offered) offered++
    if (o.abandonedInQueue) abandonedInQueue++
    if (o.abandonedNoQueue) abandonedNoQueue++
    if (o.droppedBySystem) droppedBySystem++
    if (o.offered && !o.answered && o.callback) callbacks++
    if (o.unanswered && o.voicemail) voicemail++
    if (!o.answered) continue
    answered++
    if (o.offered) answeredOffered++
    if (o.abandonedWithAgent) abandonedWithAgent++
    if (o.transferred) transferred++
    if (o.queued) {
      const wait = waitSec(c)
      if (wait === null) unknownWaits++
      else if (wait <= thresholdSec) withinThreshold++
      speed.add(wait)
    }
    let handle: number | null = null
    for (const s of handledSegments(c)) {
      segments++
      const h = segmentHandleSec(s)
      perSegment.add(h)
      if (h !== null) handle = (handle ?? 0) + h
      firstResponse.add(segmentFirstResponseSec(s))
    }
    perConversation.add(handle)
  }
  const records = conversations.length
  const abandoned = abandonedInQueue + abandonedNoQueue
  return {
    records,
    conversations: records - botOnly,
    offered,
    answered,
    answeredOffered,
    abandoned,
    abandonedNoQueue,
    droppedBySystem,
    callbacks,
    voicemail,
    abandonedWithAgent,
    abandonRate: ratio(abandoned, offered + abandonedNoQueue),
    speedOfAnswer: speed.done(),
    unknownWaits,
    serviceLevel: { ...ratio(withinThreshold, speed.n + abandonedInQueue), thresholdSec },
    handlePerConversation: perConversation.done(),
    handlePerSegment: perSegment.done(),
    handledSegments: segments,
    firstResponse: firstResponse.done(),
    transferRate: ratio(transferred, answered),
    botContainment: ratio(contained, records),
    botDropOffs: botOnly - contained,
    csat: csat.done(),
  }
}

// ---------------------------------------------------------------------------------------------------
// Per queue

export type QueueFigures = {
  /** queueKey: the queue id, else its name */
  key: string
  name: string
  offered: number
  answered: number
  abandoned: number
  droppedBySystem: number
  callbacks: number
  /** abandoned ÷ offered */
  abandonRate: Ratio
  /** mean of this queue's waits (its EnterTime to its agent's acceptance) */
  speedOfAnswer: Mean
  serviceLevel: Ratio
  /** mean handle time of the segments answered from this queue */
  handle: Mean
}

type QueueAcc = Omit<QueueFigures, 'abandonRate' | 'speedOfAnswer' | 'serviceLevel' | 'handle'> & {
  speed: ReturnType<typeof meanOf>
  handleMean: ReturnType<typeof meanOf>
  within: number
}

/** The queue entry the conversation was in last: the latest EnterTime, record order breaking ties and unknowns. */
function lastQueueEntry(visits: readonly QueueVisit[]): QueueVisit | undefined {
  let last: QueueVisit | undefined
  for (const q of visits) {
    if (
      last === undefined ||
      last.enterTime === null ||
      q.enterTime === null ||
      q.enterTime >= last.enterTime
    )
      last = q
  }
  return last
}

/**
 * Per queue (CONTRACT.md): offered once per queue a conversation entered; answered in the queue whose
 * agent accepted it; abandoned and dropped in the queue it was in last; callbacks in the queue where
 * the customer opted for one. Each offered conversation adds at most one of answered, abandoned,
 * dropped, callback to a queue, so their sum never exceeds its offered. Most offered first.
 */
export function queueFigures(
  conversations: readonly Conversation[],
  thresholdSec = DEFAULT_SERVICE_LEVEL_SEC,
): QueueFigures[] {
  const byKey = new Map<string, QueueAcc>()
  const accFor = (q: QueueVisit): QueueAcc | null => {
    const key = queueKey(q)
    if (key === null) return null
    let acc = byKey.get(key)
    if (acc === undefined) {
      acc = {
        key,
        name: queueName(q) ?? key,
        offered: 0,
        answered: 0,
        abandoned: 0,
        droppedBySystem: 0,
        callbacks: 0,
        speed: meanOf(),
        handleMean: meanOf(),
        within: 0,
      }
      byKey.set(key, acc)
    }
    return acc
  }
  for (const c of conversations) {
    const o = outcomeOf(c)
    if (!o.offered) continue
    const visits = c.destinations.filter((d): d is QueueVisit => d.kind === 'queue')
    const seen = new Set<QueueAcc>()
    const answeredIn = new Set<QueueAcc>()
    for (const q of visits) {
      const acc = accFor(q)
      if (acc === null) continue
      seen.add(acc)
      if (!answeredInQueue(q) || q.respondingAgent === null) continue
      answeredIn.add(acc)
      const wait = destinationWaitSec(q)
      acc.speed.add(wait)
      if (wait !== null && wait <= thresholdSec) acc.within++
      acc.handleMean.add(segmentHandleSec(q.respondingAgent))
    }
    for (const acc of seen) acc.offered++
    for (const acc of answeredIn) acc.answered++
    if (o.answered) continue
    if (o.callback) {
      const opted = visits.filter((q) => q.callbackOpted === true)
      const acc = accFor(opted[opted.length - 1] ?? (visits[0] as QueueVisit))
      if (acc) acc.callbacks++
      continue
    }
    const last = lastQueueEntry(visits)
    const acc = last === undefined ? null : accFor(last)
    if (acc === null) continue
    if (o.abandonedInQueue) acc.abandoned++
    if (o.droppedBySystem) acc.droppedBySystem++
  }
  return [...byKey.values()]
    .map(({ speed, handleMean, within, ...q }) => ({
      ...q,
      abandonRate: ratio(q.abandoned, q.offered),
      speedOfAnswer: speed.done(),
      serviceLevel: ratio(within, speed.n + q.abandoned),
      handle: handleMean.done(),
    }))
    .sort((a, b) => b.offered - a.offered || a.name.localeCompare(b.name, 'en'))
}

// ---------------------------------------------------------------------------------------------------
// Per agent

export type AgentFigures = {
  /** agentKey (the agent id, else name, else e-mail); '' for handled segments that name no agent */
  key: string
  /** the latest name seen (with the key when two agents share a name) */
  name: string
  handled: number
  /** handled conversations (an agent who took one twice counts it once) */
  conversations: number
  handleSec: number
  /** per segment with a handle time */
  averageHandle: Mean
  talkSec: number
  holdSec: number
  afterCallWorkSec: number
  firstResponse: Mean
  /** segments of theirs followed by another handled segment */
  transfers: number
  /** conversations where they were offered it and did not respond */
  notResponding: number
  /** nonResponseEvent → count */
  notRespondingReasons: { reason: string; count: number }[]
  /** CSAT of the conversations whose last handled segment was theirs */
  csat: Mean
}

export const UNNAMED_AGENT = 'Agent not named in the record'

type AgentAcc = Omit<AgentFigures, 'averageHandle' | 'firstResponse' | 'csat' | 'notRespondingReasons'> & {
  handleMean: ReturnType<typeof meanOf>
  firstMean: ReturnType<typeof meanOf>
  csatMean: ReturnType<typeof meanOf>
  reasons: Map<string, number>
  nameAt: number
}

/** Handled segments in the order agents accepted them (record order for equal or unknown times). */
function byAcceptance(segments: AgentSegment[]): AgentSegment[] {
  return segments
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        (a.s.acceptedTime ?? Number.POSITIVE_INFINITY) - (b.s.acceptedTime ?? Number.POSITIVE_INFINITY) ||
        a.i - b.i,
    )
    .map(({ s }) => s)
}

/**
 * Per agent (CONTRACT.md): every handled segment counts for its agent, so Handled sums to the KPI
 * row's handled segments. Most handled first.
 */
export function agentFigures(conversations: readonly Conversation[]): AgentFigures[] {
  const byKey = new Map<string, AgentAcc>()
  const accFor = (p: { agentId: string | null; name: string | null; email: string | null }, at: number) => {
    const key = agentKey(p) ?? ''
    let acc = byKey.get(key)
    if (acc === undefined) {
      acc = {
        key,
        name: key === '' ? UNNAMED_AGENT : (agentName(p) ?? key),
        handled: 0,
        conversations: 0,
        handleSec: 0,
        talkSec: 0,
        holdSec: 0,
        afterCallWorkSec: 0,
        transfers: 0,
        notResponding: 0,
        handleMean: meanOf(),
        firstMean: meanOf(),
        csatMean: meanOf(),
        reasons: new Map(),
        nameAt: at,
      }
      byKey.set(key, acc)
    } else if (key !== '' && at >= acc.nameAt) {
      acc.name = agentName(p) ?? acc.name
      acc.nameAt = at
    }
    return acc
  }
  for (const c of conversations) {
    const segments = byAcceptance(handledSegments(c))
    const mine = new Set<AgentAcc>()
    segments.forEach((s, i) => {
      const acc = accFor(s, s.acceptedTime ?? Number.NEGATIVE_INFINITY)
      mine.add(acc)
      acc.handled++
      const handle = segmentHandleSec(s)
      acc.handleMean.add(handle)
      acc.handleSec += handle ?? 0
      acc.talkSec += segmentTalkSec(s) ?? 0
      acc.holdSec += s.holdSec ?? 0
      acc.afterCallWorkSec += s.afterCallWorkSec ?? 0
      acc.firstMean.add(segmentFirstResponseSec(s))
      if (i < segments.length - 1) acc.transfers++
    })
    for (const acc of mine) acc.conversations++
    const last = segments[segments.length - 1]
    if (last !== undefined) byKey.get(agentKey(last) ?? '')?.csatMean.add(c.csatScore)
    const ignoredBy = new Map<AgentAcc, Set<string>>()
    for (const d of c.destinations) {
      if (d.kind !== 'queue') continue
      for (const n of d.nonRespondingAgents) {
        if (agentKey(n) === null) continue
        const acc = accFor(n, n.assignedAt ?? Number.NEGATIVE_INFINITY)
        const reasons = ignoredBy.get(acc) ?? new Set<string>()
        reasons.add(n.nonResponseEvent?.trim() || 'reason not recorded')
        ignoredBy.set(acc, reasons)
      }
    }
    for (const [acc, reasons] of ignoredBy) {
      acc.notResponding++
      for (const r of reasons) acc.reasons.set(r, (acc.reasons.get(r) ?? 0) + 1)
    }
  }
  const rows = [...byKey.values()]
  const sameName = new Map<string, number>()
  for (const a of rows) sameName.set(a.name, (sameName.get(a.name) ?? 0) + 1)
  return rows
    .map(({ handleMean, firstMean, csatMean, reasons, nameAt: _, ...a }) => ({
      ...a,
      name:
        (sameName.get(a.name) ?? 0) > 1 && a.name !== a.key && a.key !== '' ? `${a.name} (${a.key})` : a.name,
      averageHandle: handleMean.done(),
      firstResponse: firstMean.done(),
      csat: csatMean.done(),
      notRespondingReasons: [...reasons]
        .map(([reason, count]) => ({ reason, count }))
        .sort((x, y) => y.count - x.count || x.reason.localeCompare(y.reason, 'en')),
    }))
    .sort(
      (a, b) =>
        b.handled - a.handled || b.notResponding - a.notResponding || a.name.localeCompare(b.name, 'en'),
    )
}
