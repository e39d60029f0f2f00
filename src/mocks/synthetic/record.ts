// One full record in the API's JSON shape, a pure function of (seed, header, timeZoneOffset).
// The body draws from its own PRNG stream, so the header (time, identity, channel) never shifts.

import {
  AGENTS,
  AUTOMATION_BOT_IDS,
  BOT_IDS,
  CHANNELS,
  type Channel,
  CSAT_FEEDBACK,
  DISPOSITION_REMARKS,
  DISPOSITIONS,
  ORG_ID,
  QUEUE_WEIGHTS,
  QUEUES,
} from './catalog'
import {
  channelUserId,
  customerInfo,
  drawPerson,
  metaInfo,
  type PersonDraws,
  personOf,
  sessionTags,
  skills,
  userTags,
} from './extras'
import { hex, Rng, weighted } from './hash'
import { conversationIdOf, type Header, sessionIdOf } from './header'
import type { Json, JsonObject } from './json'
import { makeOdd, ODD_SHARE } from './odd'
import { agentSegment, type Built, type Ctx, pendingSegment, pickAgent, queueEntry } from './segments'
import { zoneless } from './time'
import { loadFactor } from './volume'

const BODY_STREAM = 100

/**
 * How a conversation that reaches the agent side goes (inbound; outbound calls are apart). Each case
 * is one the definitions in CONTRACT.md "Numbers" tell apart:
 * - answered: one queue, an agent accepted (sometimes after agents let it ring: Ignored, Rejected)
 * - withAgent: answered, then the customer left the agent (smartStatus ABANDONED WITH AGENT)
 * - callback: (voice) the caller chose a callback in the queue; mostly rung back and answered
 * - transfer: two or three handled segments: queue -> queue (-> queue), or queue(s) -> a direct agent
 * - direct: a supervisor reassigned it from a queue to an agent (top-level AgentSegment), or it was
 *   routed to an agent without a queue
 * - abandoned: the customer hung up waiting in the queue (User Hangup, no responding agent)
 * - userAbandoned: USER ABANDONED with `destinations: []` (left before reaching a queue)
 * - noAgents / botHangup: unanswered in the queue, ended by the system (System Hangup) or the bot
 * - voicemail: (voice) left a voicemail from the queue (isVoicemail YES)
 * - transient: still open (TRANSIENT_OPEN): an agent assigned in a queue, or directly, not accepted
 */
type Outcome =
  | 'answered'
  | 'withAgent'
  | 'callback'
  | 'transfer'
  | 'direct'
  | 'abandoned'
  | 'userAbandoned'
  | 'noAgents'
  | 'botHangup'
  | 'voicemail'
  | 'transient'
const OUTCOMES: readonly Outcome[] = [
  'answered',
  'withAgent',
  'callback',
  'transfer',
  'direct',
  'abandoned',
  'userAbandoned',
  'noAgents',
  'botHangup',
  'voicemail',
  'transient',
]
/**
 * Weights (same order as OUTCOMES) by how busy the hour is: more customers give up waiting when the
 * queues are long. callback and voicemail are voice-only; other channels answer those instead.
 */
const OUTCOME_WEIGHTS = {
  quiet: [62, 2, 7, 10, 5, 3.5, 1, 1.5, 1, 4, 2],
  usual: [60, 2, 7, 10, 5, 5.5, 1, 1.5, 1, 4, 2],
  busy: [56, 2, 8, 10, 5, 8.5, 1, 2, 1.5, 4, 2],
} as const
/** Share of bot-only sessions the bot resolved (contained); the rest are bot drop-offs. */
const BOT_CONTAINED_SHARE = 0.7
/** Share of outbound calls the customer ended on the agent (ABANDONED WITH AGENT, a campaign call). */
const OUTBOUND_LEFT_SHARE = 0.1
/** Share of older-format records that carry Direction only in metaInfo.customerinfo (the v1 page). */
const META_DIRECTION_SHARE = 0.3

/**
 * A uuid's six words of the stream, as
 * `${rng.hex(8)}-${rng.hex(4)}-5${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}` draws them; uuidText
 * formats them apart, as queueMaskOf only draws (Number#toString(16) would be most of its cost).
 */
function uuidWords(rng: Rng): readonly number[] {
  return [rng.u32(), rng.u32(), rng.u32(), rng.u32(), rng.u32(), rng.u32()]
}

/** the first `digits` hex digits of a word, as Rng#hex writes them */
const hexHead = (word: number | undefined, digits: number) => hex(word ?? 0, 8).slice(0, digits)

function uuidText(prefix: string, w: readonly number[]): string {
  const [a, b, c, d] = [hexHead(w[0], 8), hexHead(w[1], 4), hexHead(w[2], 3), hexHead(w[3], 3)]
  return `${prefix}-${a}-${b}-5${c}-a${d}-${hexHead(w[4], 8)}${hexHead(w[5], 4)}`
}

type Opening = {
  rng: Rng
  channel: Channel
  who: PersonDraws
  userWords: readonly number[]
  botId: string
}

/**
 * The body's first draws, the same for every record: who the customer is, their user id, the bot.
 * Shared by buildRecord and queueMaskOf, so the two read the body's stream in step.
 */
function opening(seed: number, h: Header): Opening {
  const rng = new Rng(seed, h.slot, h.i, BODY_STREAM)
  const channel = CHANNELS[h.channel] ?? CHANNELS[0]
  if (!channel) throw new Error('no channels')
  const who = drawPerson(rng)
  const userWords = uuidWords(rng)
  const botId = rng.pick(BOT_IDS)
  return { rng, channel, who, userWords, botId }
}

type Route = {
  newer: boolean
  outbound: boolean
  outcome: Outcome
  botSec: number
  /** the queue a conversation enters first (drawn for every one, used by those with a queue) */
  queue: number
}

/** How a conversation that reaches the agent side goes: the draws after the opening (shared too). */
function route(rng: Rng, channel: Channel, load: number): Route {
  const newer = rng.chance(0.45)
  const outbound = channel.kind === 'voice' && rng.chance(0.12)
  const weights =
    load < 0.7 ? OUTCOME_WEIGHTS.quiet : load > 1.5 ? OUTCOME_WEIGHTS.busy : OUTCOME_WEIGHTS.usual
  let outcome = OUTCOMES[weighted(weights, rng.next())] ?? 'answered'
  if ((outcome === 'voicemail' || outcome === 'callback') && channel.kind !== 'voice') outcome = 'answered'
  // The bot greets first; outbound calls go straight to an agent.
  const botSec = outbound ? 0 : channel.kind === 'email' ? rng.int(1, 20) : rng.duration(45, 0.6, 3, 400)
  const queue = weighted(QUEUE_WEIGHTS[channel.kind], rng.next())
  return { newer, outbound, outcome, botSec, queue }
}

// The draws that decide destinations' queues, each shared by buildRecord and queueMaskOf. Module
// functions rather than closures per record: tsx (demo mode) wraps each closure it creates.

/** Agents who let an answered conversation ring first. */
function drawMisses(rng: Rng): number {
  return rng.chance(0.18) ? rng.int(1, 2) : 0
}

/** Agents who let an unanswered conversation ring (only abandoned ones have them). */
function drawUnansweredMisses(rng: Rng, outcome: Outcome): number {
  return outcome === 'abandoned' && rng.chance(0.4) ? rng.int(1, 2) : 0
}

/** Whether a direct conversation went through a queue first (a supervisor reassigned it). */
function drawQueuedFirst(rng: Rng): boolean {
  return rng.chance(0.5)
}

/** Whether a conversation still open waits in a queue (else it was routed to an agent directly). */
function drawOpenInQueue(rng: Rng): boolean {
  return rng.chance(0.7)
}

/**
 * A transfer's handled segments (2 or 3) and whether the last is a direct agent (a queue agent
 * transferred it to a named agent) rather than another queue.
 */
function transferShape(rng: Rng): { queues: number; toAgent: boolean } {
  const hops = rng.chance(0.25) ? 3 : 2
  const toAgent = rng.chance(0.3)
  return { queues: toAgent ? hops - 1 : hops, toAgent }
}

/** One queue of a transfer: answered there, sometimes after an agent let it ring. */
function transferEntry(ctx: Ctx, hop: { q: number; at: number }, load: number): Built {
  return queueEntry(ctx, hop.q, hop.at, {
    respond: 'accepted',
    misses: ctx.rng.chance(0.1) ? 1 : 0,
    load,
  })
}

/** Where and when a transfer goes next: another queue, a few seconds after this one's end. */
function nextHop(rng: Rng, q: number, endSec: number): { q: number; at: number } {
  const at = endSec + rng.int(1, 5)
  return { q: (q + rng.int(1, QUEUES.length - 1)) % QUEUES.length, at }
}

type Status = { final: string; smart: string; reason: string; event: string }

/** How an unanswered queue entry ended (abandoned, dropped by the system or the bot, voicemail). */
function unansweredStatus(rng: Rng, outcome: Outcome, kind: Channel['kind']): Status {
  switch (outcome) {
    case 'noAgents':
      return { final: 'CLOSED', smart: 'TERMINATED', reason: 'NO AGENTS AVAILABLE', event: 'System Hangup' }
    case 'botHangup':
      // the bot's queue-timeout message, then it hung up
      return { final: 'CLOSED', smart: 'TERMINATED', reason: '', event: 'Bot Hangup' }
    case 'voicemail':
      return { final: 'CLOSED', smart: 'CLOSED', reason: '', event: 'User Hangup' }
    default: {
      // the customer gave up waiting; a chat may just go quiet (no event)
      const event = kind === 'voice' || rng.chance(0.7) ? 'User Hangup' : ''
      return { final: rng.chance(0.4) ? 'Dropped' : 'CLOSED', smart: 'CLOSED', reason: '', event }
    }
  }
}

export function buildRecord(seed: number, h: Header, tz: number): JsonObject {
  const { rng, channel, who: drawn, userWords, botId } = opening(seed, h)
  const who = personOf(drawn)
  const userId = uuidText('u', userWords)
  const sessionId = sessionIdOf(seed, h)

  if (h.botOnly) {
    // Contained (BotResolved), or a bot drop-off: the customer left, or the bot gave up, unresolved.
    const contained = rng.chance(BOT_CONTAINED_SHARE)
    const end = h.startSec + (contained ? rng.duration(70, 0.8, 4, 1200) : rng.duration(40, 0.9, 2, 900))
    return {
      sessionId,
      channel: channel.label,
      sessionStartTime: zoneless(h.startSec, tz),
      sessionEndTime: zoneless(end, tz),
      botId,
      userId,
      channelSpecificUserId: channelUserId(rng, channel, who, null),
      orgId: ORG_ID,
      smartStatus: 'CLOSED AT BOT',
      reason: '',
      disconnectingEvent: contained
        ? rng.pick(['', '', 'User Hangup', 'Bot Hangup'] as const)
        : rng.pick(['User Hangup', 'User Hangup', 'Bot Hangup', ''] as const),
      errorDetails: '',
      finalStatus: contained ? 'BotResolved' : 'Dropped',
      automationBotIDs: [rng.pick(AUTOMATION_BOT_IDS)],
    }
  }

  const conversationId = conversationIdOf(seed, h)
  const load = loadFactor(h.slot)
  const { newer, outbound, outcome, botSec, queue } = route(rng, channel, load)
  const ctx: Ctx = { rng, tz, kind: channel.kind, newer }
  const direction = outbound ? 'Outbound' : 'Inbound'
  const enter = h.startSec + botSec

  const destinations: Json[] = []
  let endSec = enter
  /** an agent handled it: the conversation gets an ending event, dispositions, maybe CSAT */
  let answered = true
  /** the customer ended it while with the agent (ABANDONED WITH AGENT) */
  let customerLeft = false
  let status: Status = { final: 'CLOSED', smart: 'CLOSED', reason: '', event: '' }
  let isVoicemail: Json = 'NO'

  if (outbound) {
    // As in the sample: a queue entry with no name or EnterTime, the agent accepted at once.
    const seg = agentSegment(ctx, pickAgent(ctx, queue), h.startSec)
    destinations.push({
      destinationType: 'QueueEntry',
      queueId: QUEUES[queue]?.id ?? '',
      respondingAgent: seg.value,
    })
    endSec = seg.endSec
    if (rng.chance(0.3)) {
      const next = agentSegment(ctx, pickAgent(ctx, queue), endSec + rng.int(1, 10))
      destinations.push(next.value)
      endSec = next.endSec
    }
    customerLeft = rng.chance(OUTBOUND_LEFT_SHARE)
  } else if (outcome === 'answered' || outcome === 'withAgent') {
    const e = queueEntry(ctx, queue, enter, { respond: 'accepted', misses: drawMisses(rng), load })
    destinations.push(e.value)
    endSec = e.endSec
    customerLeft = outcome === 'withAgent'
  } else if (outcome === 'callback') {
    // Most callbacks were rung back and answered; the rest the caller did not pick up (yet).
    answered = rng.chance(0.7)
    const e = queueEntry(ctx, queue, enter, {
      respond: answered ? 'accepted' : 'none',
      misses: 0,
      callback: true,
      load,
    })
    destinations.push(e.value)
    endSec = e.endSec
    if (!answered) status.event = 'User Hangup'
  } else if (outcome === 'transfer') {
    let hop = { q: queue, at: enter }
    const shape = transferShape(rng)
    for (let k = 0; k < shape.queues; k++) {
      const e = transferEntry(ctx, hop, load)
      destinations.push(e.value)
      endSec = e.endSec
      if (k < shape.queues - 1) hop = nextHop(rng, hop.q, e.endSec)
    }
    if (shape.toAgent) {
      // the queue's agent transferred it to a named agent: a top-level AgentSegment
      const seg = agentSegment(ctx, rng.pick(AGENTS), endSec + rng.int(2, 15))
      destinations.push(seg.value)
      endSec = seg.endSec
    }
  } else if (outcome === 'direct') {
    // Supervisor reassigned it straight to an agent (top-level AgentSegment), or it was routed direct.
    let at = enter
    if (drawQueuedFirst(rng)) {
      const e = queueEntry(ctx, queue, enter, {
        respond: 'none',
        misses: 1,
        missEvent: 'Supervisor Reassigned',
        load,
      })
      destinations.push(e.value)
      at = e.endSec + rng.int(3, 20)
    }
    const hops = rng.chance(0.3) ? 2 : 1
    for (let k = 0; k < hops; k++) {
      const seg = agentSegment(ctx, rng.pick(AGENTS), at)
      destinations.push(seg.value)
      endSec = seg.endSec
      at = endSec + rng.int(1, 10)
    }
  } else if (outcome === 'transient') {
    // Assigned but never accepted: no status, no acceptance; the session ends at the assignment.
    answered = false
    if (drawOpenInQueue(rng)) {
      const e = queueEntry(ctx, queue, enter, { respond: 'pending', misses: 0, load })
      destinations.push(e.value)
      endSec = e.endSec
    } else {
      destinations.push(pendingSegment(ctx, rng.pick(AGENTS), enter))
      endSec = enter
    }
    status = { final: 'TRANSIENT_OPEN', smart: '', reason: '', event: '' }
  } else if (outcome === 'userAbandoned') {
    // Left while the bot handed over, before any queue: no destinations at all.
    answered = false
    endSec = enter
    status = { final: 'USER ABANDONED', smart: 'CLOSED', reason: '', event: 'User Hangup' }
  } else {
    // abandoned, noAgents, botHangup, voicemail: one unanswered queue entry
    answered = false
    const misses = drawUnansweredMisses(rng, outcome)
    const e = queueEntry(ctx, queue, enter, { respond: 'none', misses, missEvent: 'Ignored', load })
    destinations.push(e.value)
    endSec = e.endSec
    status = unansweredStatus(rng, outcome, channel.kind)
    if (outcome === 'voicemail') isVoicemail = 'YES'
  }
  if (answered) {
    const events =
      channel.kind === 'voice'
        ? (['Agent Hangup', 'Agent Hangup', 'User Hangup', 'Bot Hangup'] as const)
        : (['Agent Closed', 'Agent Closed', 'User Hangup'] as const)
    status.event = customerLeft ? 'User Hangup' : rng.pick(events)
    if (customerLeft) status.smart = 'ABANDONED WITH AGENT'
  }
  if (ctx.newer && rng.chance(0.1)) isVoicemail = isVoicemail === 'YES'

  const dispositions: Json[] = []
  const remarks: Json[] = []
  if (outcome === 'noAgents' || outcome === 'botHangup') {
    dispositions.push('DROP-OFF')
    remarks.push('-')
  } else if (answered && rng.chance(0.7)) {
    dispositions.push(rng.pick(DISPOSITIONS))
    remarks.push(rng.pick(DISPOSITION_REMARKS))
  }
  if (answered && status.reason === '' && ctx.newer && dispositions[0] === 'Requires Supervisor Attention') {
    status.reason = 'Requires Supervisor Attention'
  }
  // sessionEndTime is not always the conversation's end: agents may finish after it (api-notes.md).
  const sessionEnd = answered && rng.chance(0.25) ? Math.max(enter, endSec - rng.int(1, 40)) : endSec
  // Older records may carry Direction only as metaInfo.customerinfo.Direction (the v1 page).
  const metaDirection = !ctx.newer && rng.chance(META_DIRECTION_SHARE)

  const rec: JsonObject = {
    conversationId,
    sessionId,
    channel: channel.label,
    isVoicemail,
  }
  if (!metaDirection) rec.Direction = direction
  if (!ctx.newer || rng.chance(0.7)) rec.skills = skills(rng)
  rec.finalStatus = status.final
  rec.smartStatus = status.smart
  rec[ctx.newer ? 'reason' : 'Reason'] = status.reason
  rec.disconnectingEvent = status.event
  if (ctx.newer) rec.errorDetails = ''
  rec.botId = botId
  rec.dispositions = dispositions
  rec.dispositionRemarks = remarks
  const meta = metaInfo(rng, channel, who, direction)
  if (metaDirection) meta.customerinfo = { Direction: direction }
  rec.metaInfo = meta
  rec[rng.chance(0.15) ? 'customerInfo' : 'customerinfo'] = customerInfo(rng, channel, who)
  rec.sessionStartTime = zoneless(h.startSec, tz)
  rec.sessionEndTime = zoneless(sessionEnd, tz)
  if (channel.label !== 'Jones ' || rng.chance(0.3))
    rec.channelSpecificUserId = channelUserId(rng, channel, who, conversationId)
  rec.userId = userId
  rec.destinations = destinations
  rec.userleveltags = userTags(rng)
  rec.sessionleveltags = sessionTags(rng, channel, who)
  if (answered && rng.chance(0.3)) {
    rec.csatScore = 1 + weighted(customerLeft ? [30, 25, 20, 15, 10] : [5, 7, 12, 30, 46], rng.next())
    rec.csatFeedback = rng.pick(CSAT_FEEDBACK)
  }
  if (ctx.newer) rec.automationBotIDs = [rng.pick(AUTOMATION_BOT_IDS)]
  if (rng.chance(ODD_SHARE)) makeOdd(rng, rec)
  return rec
}

if (QUEUES.length > 31) throw new Error('queue masks hold at most 31 queues')

/**
 * The queues (bit q = QUEUES[q]) whose QueueEntry a record's destinations hold, without building
 * the record: it reads the body's stream only as far as the last queue is drawn, through the same
 * helpers as buildRecord (nothing after destinations, makeOdd included, touches a queueId).
 * Bot-only records hold none. Keep in step with buildRecord; record.test.ts checks it against it.
 */
export function queueMaskOf(seed: number, h: Header): number {
  if (h.botOnly) return 0
  const { rng, channel } = opening(seed, h)
  const load = loadFactor(h.slot)
  const { newer, outbound, outcome, botSec, queue } = route(rng, channel, load)
  if (outbound) return 1 << queue
  switch (outcome) {
    case 'transfer': {
      let hop = { q: queue, at: h.startSec + botSec }
      let mask = 1 << hop.q
      const ctx: Ctx = { rng, tz: 0, kind: channel.kind, newer }
      // Each further queue is drawn after the previous entry: replay that entry's draws.
      const shape = transferShape(rng)
      for (let k = 1; k < shape.queues; k++) {
        hop = nextHop(rng, hop.q, transferEntry(ctx, hop, load).endSec)
        mask |= 1 << hop.q
      }
      return mask
    }
    case 'direct':
      // then agent segments only
      return drawQueuedFirst(rng) ? 1 << queue : 0
    case 'transient':
      return drawOpenInQueue(rng) ? 1 << queue : 0
    case 'userAbandoned':
      return 0
    default:
      // answered, withAgent, callback, abandoned, noAgents, botHangup, voicemail: one queue entry
      return 1 << queue
  }
}
