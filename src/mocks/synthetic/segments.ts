// Agent segments and queue entries: the destinations[] of a record, built along a timeline of
// UTC seconds and formatted into the request's zone at the end of each call.

import { AGENT_NOTES, AGENTS, AGENTS_BY_QUEUE, type Agent, NON_RESPONSE_EVENTS, QUEUES } from './catalog'
import type { Rng } from './hash'
import type { JsonObject } from './json'
import { utcZ, zoneless } from './time'

export type Ctx = {
  rng: Rng
  tz: number
  kind: 'voice' | 'chat' | 'email'
  /** the newer API's spelling and extras (reason, CallbackOpted false, errorDetails...) */
  newer: boolean
}

export type Built = { value: JsonObject; endSec: number }

const t = (ctx: Ctx, sec: number) => zoneless(sec, ctx.tz)

export function pickAgent(ctx: Ctx, queue: number, exclude: readonly Agent[] = []): Agent {
  const pool = (AGENTS_BY_QUEUE[queue] ?? AGENTS).filter((a) => !exclude.includes(a))
  return ctx.rng.pick(pool.length > 0 ? pool : AGENTS)
}

function interactionSeconds(ctx: Ctx): number {
  if (ctx.kind === 'voice') return ctx.rng.duration(240, 0.8, 15, 3600)
  if (ctx.kind === 'email') return ctx.rng.duration(300, 0.7, 30, 3600)
  return ctx.rng.duration(420, 0.8, 20, 5400)
}

function consultingAgent(ctx: Ctx, acceptedSec: number, endSec: number, self: Agent): JsonObject {
  const { rng } = ctx
  const assigned = Math.min(
    endSec - 2,
    acceptedSec + rng.int(5, Math.max(6, Math.floor((endSec - acceptedSec) / 2))),
  )
  const accepted = Math.min(endSec - 1, assigned + rng.int(2, 20))
  const ended = Math.min(endSec, accepted + rng.int(10, 180))
  const times = {
    acceptedTime: t(ctx, accepted),
    assignedAt: t(ctx, assigned),
    consultingEndTime: t(ctx, ended),
  }
  if (ctx.kind === 'voice' && rng.chance(0.5)) {
    // An external number: no agentId, the number stands in for the name.
    return {
      name: `+91955${rng.int(0, 99999).toString().padStart(5, '0')}01`,
      isMerged: rng.chance(0.5),
      ...times,
    }
  }
  const other = rng.pick(AGENTS.filter((a) => a !== self))
  const merged: JsonObject = rng.chance(0.3) ? { isMerged: rng.chance(0.5) } : {}
  return { agentId: other.agentId, email: other.email, name: other.name, ...merged, ...times }
}

/** An answered AgentSegment: assigned at `assignedSec`; its end is the interaction end. */
export function agentSegment(ctx: Ctx, agent: Agent, assignedSec: number): Built & { acceptedSec: number } {
  const { rng } = ctx
  const acceptedSec = assignedSec + (ctx.kind === 'voice' ? rng.int(0, 8) : rng.int(1, 15))
  const duration = interactionSeconds(ctx)
  const endSec = acceptedSec + duration
  const seg: JsonObject = {
    agentId: agent.agentId,
    agentNotes: rng.chance(0.6) ? [rng.pick(AGENT_NOTES)] : [],
    destinationType: 'AgentSegment',
    status: 'Answered',
  }
  if (ctx.kind === 'voice' ? rng.chance(0.5) : rng.chance(0.8)) {
    const first = ctx.kind === 'voice' ? 0 : Math.min(duration, rng.int(0, 40))
    seg.firstResponseTime = t(ctx, acceptedSec + first)
    seg.firstResponseDuration = first
  }
  seg.interactionEndTime = t(ctx, endSec)
  // interactionDuration already contains the hold time (api-notes.md).
  seg.interactionDuration = duration
  if (ctx.kind === 'voice' && rng.chance(0.35)) {
    seg.holdDuration = Math.min(rng.int(10, 180), Math.floor(duration * 0.6))
  }
  if (rng.chance(0.55)) {
    const acw = rng.duration(30, 0.8, 2, 600)
    seg.afterCallWorkDuration = acw
    seg.afterCallWorkEndTime = t(ctx, endSec + acw)
  }
  const consult = ctx.kind === 'voice' ? rng.chance(0.12) : rng.chance(0.04)
  seg.ConsultingAgents = consult && duration > 20 ? [consultingAgent(ctx, acceptedSec, endSec, agent)] : []
  if (ctx.kind === 'chat' && rng.chance(0.04)) {
    const sup = rng.pick(AGENTS.filter((a) => a !== agent))
    seg.JoinedUsers = [{ agentId: sup.agentId, name: sup.name, email: sup.email }]
  } else {
    seg.JoinedUsers = []
  }
  seg.email = agent.email
  seg.name = agent.name
  seg.acceptedTime = t(ctx, acceptedSec)
  seg.assignedAt = t(ctx, assignedSec)
  return { value: seg, endSec, acceptedSec }
}

/** An agent offered the conversation who never accepted it. */
export function nonResponding(ctx: Ctx, agent: Agent, assignedSec: number, event?: string): JsonObject {
  const offered = pendingSegment(ctx, agent, assignedSec)
  offered.nonResponseEvent = event ?? ctx.rng.pick(NON_RESPONSE_EVENTS)
  return offered
}

/** Assigned, never accepted: the TRANSIENT_OPEN shape (and what a non-responding agent starts from). */
export function pendingSegment(ctx: Ctx, agent: Agent, assignedSec: number): JsonObject {
  return {
    agentId: agent.agentId,
    agentNotes: [],
    destinationType: 'AgentSegment',
    email: agent.email,
    name: agent.name,
    assignedAt: t(ctx, assignedSec),
  }
}

export type QueueOpts = {
  /**
   * what the queue's agent side did: `accepted` (a responding agent took it), `pending` (a responding
   * agent assigned who has not accepted yet: TRANSIENT_OPEN), `none` (nobody: abandoned, dropped,
   * voicemail, a callback the caller did not pick up)
   */
  respond: 'accepted' | 'pending' | 'none'
  /** non-responding agents offered before (or instead of) the responder */
  misses: number
  missEvent?: string
  callback?: boolean
  /** busier hours wait longer */
  load: number
}

/**
 * A QueueEntry entered at `enterSec`; endSec is the responder's interaction end, else the time the
 * wait ended (give-up, assignment, callback request).
 */
export function queueEntry(ctx: Ctx, queue: number, enterSec: number, opts: QueueOpts): Built {
  const { rng } = ctx
  const q = QUEUES[queue] ?? QUEUES[0]
  const entry: JsonObject = { destinationType: 'QueueEntry', queueId: q?.id ?? '', queueName: q?.name ?? '' }
  const wait = rng.duration(20 * opts.load, 0.9, 1, 900)
  const missed: Agent[] = []
  let sec = enterSec + Math.min(wait, rng.int(1, 10))
  const misses: JsonObject[] = []
  for (let k = 0; k < opts.misses; k++) {
    const agent = pickAgent(ctx, queue, missed)
    missed.push(agent)
    misses.push(nonResponding(ctx, agent, sec, opts.missEvent))
    sec += rng.int(10, 30)
  }
  const assignedSec = Math.max(sec, enterSec + wait)
  if (opts.callback) {
    // The caller chose a callback while waiting; an agent rang back (Z times are UTC, ms precision),
    // as in the newer sample: opted when the agent was assigned, the caller picked up at acceptance.
    entry.CallbackOpted = true
    entry.CallbackOptedTime = utcZ(assignedSec * 1000 + rng.int(0, 999))
  } else if (ctx.newer) {
    entry.CallbackOpted = false
  }
  entry.EnterTime = t(ctx, enterSec)
  let endSec = assignedSec
  if (opts.respond === 'accepted') {
    const seg = agentSegment(ctx, pickAgent(ctx, queue, missed), assignedSec)
    // Some callbacks do not say when the caller took the call back.
    if (opts.callback && rng.chance(0.8))
      entry.userCallbackAcceptTime = utcZ(seg.acceptedSec * 1000 + rng.int(0, 999))
    entry.respondingAgent = seg.value
    endSec = seg.endSec
  } else if (opts.respond === 'pending') {
    entry.respondingAgent = pendingSegment(ctx, pickAgent(ctx, queue, missed), assignedSec)
  }
  if (misses.length > 0) entry.nonRespondingAgents = misses
  return { value: entry, endSec }
}
