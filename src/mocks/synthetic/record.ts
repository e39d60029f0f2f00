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

type Outcome = 'answered' | 'transfer' | 'direct' | 'abandoned' | 'noAgents' | 'transient' | 'voicemail'
const OUTCOMES: readonly Outcome[] = [
  'answered',
  'transfer',
  'direct',
  'abandoned',
  'noAgents',
  'transient',
  'voicemail',
]
const OUTCOME_WEIGHTS = [63, 11, 6, 11, 3, 3, 3] as const

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

/** How a conversation that reaches the agent side goes: the draws after the opening (shared too). */
function route(
  rng: Rng,
  channel: Channel,
): { newer: boolean; outbound: boolean; outcome: Outcome; botSec: number } {
  const newer = rng.chance(0.45)
  const outbound = channel.kind === 'voice' && rng.chance(0.12)
  let outcome = OUTCOMES[weighted(OUTCOME_WEIGHTS, rng.next())] ?? 'answered'
  if (outcome === 'voicemail' && channel.kind !== 'voice') outcome = 'answered'
  // The bot greets first; outbound calls go straight to an agent.
  const botSec = outbound ? 0 : channel.kind === 'email' ? rng.int(1, 20) : rng.duration(45, 0.6, 3, 400)
  return { newer, outbound, outcome, botSec }
}

// The draws that decide destinations' queues, each shared by buildRecord and queueMaskOf. Module
// functions rather than closures per record: tsx (demo mode) wraps each closure it creates.

/** The queue a conversation enters first, by its channel's kind. */
function drawQueue(rng: Rng, kind: Channel['kind']): number {
  return weighted(QUEUE_WEIGHTS[kind], rng.next())
}

/** An answered conversation: agents who let it ring first; (voice) whether the caller chose a callback. */
function drawAnswered(rng: Rng, kind: Channel['kind']): { misses: number; callback: boolean } {
  const misses = rng.chance(0.18) ? rng.int(1, 2) : 0
  return { misses, callback: kind === 'voice' && rng.chance(0.08) }
}

/** Agents who let an unanswered conversation ring (only abandoned ones have them). */
function drawUnansweredMisses(rng: Rng, outcome: Outcome): number {
  return outcome === 'abandoned' && rng.chance(0.4) ? rng.int(1, 2) : 0
}

/** Whether a direct conversation went through a queue first (a supervisor reassigned it). */
function drawQueuedFirst(rng: Rng): boolean {
  return rng.chance(0.5)
}

/** A transfer passes through 2 or 3 queues. */
function transferHops(rng: Rng): number {
  return rng.chance(0.25) ? 3 : 2
}

/** One queue of a transfer: answered there, sometimes after an agent let it ring. */
function transferEntry(ctx: Ctx, hop: { q: number; at: number }, load: number): Built {
  return queueEntry(ctx, hop.q, hop.at, { answered: true, misses: ctx.rng.chance(0.1) ? 1 : 0, load })
}

/** Where and when a transfer goes next: another queue, a few seconds after this one's end. */
function nextHop(rng: Rng, q: number, endSec: number): { q: number; at: number } {
  const at = endSec + rng.int(1, 5)
  return { q: (q + rng.int(1, QUEUES.length - 1)) % QUEUES.length, at }
}

export function buildRecord(seed: number, h: Header, tz: number): JsonObject {
  const { rng, channel, who: drawn, userWords, botId } = opening(seed, h)
  const who = personOf(drawn)
  const userId = uuidText('u', userWords)
  const sessionId = sessionIdOf(seed, h)

  if (h.botOnly) {
    const end = h.startSec + rng.duration(70, 0.8, 4, 1200)
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
      disconnectingEvent: rng.pick(['', '', 'User Closed', 'Session Timeout'] as const),
      errorDetails: '',
      finalStatus: 'BotResolved',
      automationBotIDs: [rng.pick(AUTOMATION_BOT_IDS)],
    }
  }

  const conversationId = conversationIdOf(seed, h)
  const { newer, outbound, outcome, botSec } = route(rng, channel)
  const ctx: Ctx = { rng, tz, kind: channel.kind, newer }
  const direction = outbound ? 'Outbound' : 'Inbound'
  const load = loadFactor(h.slot)
  const enter = h.startSec + botSec

  const destinations: Json[] = []
  let endSec = enter
  let answered = true
  let status = { final: 'CLOSED', smart: 'CLOSED', reason: '', event: '' }
  let isVoicemail: Json = 'NO'

  if (outbound) {
    // As in the sample: a queue entry with no name or EnterTime, the agent accepted at once.
    const q = drawQueue(rng, channel.kind)
    const seg = agentSegment(ctx, pickAgent(ctx, q), h.startSec)
    destinations.push({
      destinationType: 'QueueEntry',
      queueId: QUEUES[q]?.id ?? '',
      respondingAgent: seg.value,
    })
    endSec = seg.endSec
    if (rng.chance(0.3)) {
      const next = agentSegment(ctx, pickAgent(ctx, q), endSec + rng.int(1, 10))
      destinations.push(next.value)
      endSec = next.endSec
    }
  } else if (outcome === 'answered') {
    const { misses, callback } = drawAnswered(rng, channel.kind)
    const e = queueEntry(ctx, drawQueue(rng, channel.kind), enter, { answered: true, misses, callback, load })
    destinations.push(e.value)
    endSec = e.endSec
  } else if (outcome === 'transfer') {
    let hop = { q: drawQueue(rng, channel.kind), at: enter }
    const hops = transferHops(rng)
    for (let k = 0; k < hops; k++) {
      const e = transferEntry(ctx, hop, load)
      destinations.push(e.value)
      endSec = e.endSec
      hop = nextHop(rng, hop.q, e.endSec)
    }
  } else if (outcome === 'direct') {
    // Supervisor reassigned it straight to an agent (top-level AgentSegment), or it was routed direct.
    let at = enter
    if (drawQueuedFirst(rng)) {
      const e = queueEntry(ctx, drawQueue(rng, channel.kind), enter, {
        answered: false,
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
    destinations.push(pendingSegment(ctx, rng.pick(AGENTS), enter))
    status = { final: 'TRANSIENT_OPEN', smart: '', reason: '', event: '' }
    endSec = enter
  } else {
    answered = false
    const misses = drawUnansweredMisses(rng, outcome)
    const e = queueEntry(ctx, drawQueue(rng, channel.kind), enter, {
      answered: false,
      misses,
      missEvent: 'Ignored',
      load,
    })
    destinations.push(e.value)
    endSec = e.endSec
    if (outcome === 'abandoned') {
      const event = channel.kind === 'voice' ? 'Customer Hangup' : 'Customer Closed'
      status = { final: 'ABANDONED', smart: 'ABANDONED', reason: 'CUSTOMER ABANDONED', event }
    } else if (outcome === 'noAgents') {
      status = { final: 'CLOSED', smart: 'TERMINATED', reason: 'NO AGENTS AVAILABLE', event: 'System Hangup' }
    } else {
      isVoicemail = 'YES'
      status = { final: 'CLOSED', smart: 'VOICEMAIL', reason: 'VOICEMAIL', event: 'Customer Hangup' }
    }
  }
  if (answered) {
    const events =
      channel.kind === 'voice'
        ? (['Agent Hangup', 'Agent Hangup', 'Customer Hangup', 'Bot Hangup'] as const)
        : (['Agent Closed', 'Agent Closed', 'Customer Closed'] as const)
    status.event = rng.pick(events)
  }
  if (ctx.newer && rng.chance(0.1)) isVoicemail = isVoicemail === 'YES'

  const dispositions: Json[] = []
  const remarks: Json[] = []
  if (outcome === 'noAgents' && !outbound) {
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

  const rec: JsonObject = {
    conversationId,
    sessionId,
    channel: channel.label,
    isVoicemail,
    Direction: direction,
  }
  if (!ctx.newer || rng.chance(0.7)) rec.skills = skills(rng)
  rec.finalStatus = status.final
  rec.smartStatus = status.smart
  rec[ctx.newer ? 'reason' : 'Reason'] = status.reason
  rec.disconnectingEvent = status.event
  if (ctx.newer) rec.errorDetails = ''
  rec.botId = botId
  rec.dispositions = dispositions
  rec.dispositionRemarks = remarks
  rec.metaInfo = metaInfo(rng, channel, who, direction)
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
    rec.csatScore = 1 + weighted([5, 7, 12, 30, 46], rng.next())
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
  const { newer, outbound, outcome, botSec } = route(rng, channel)
  if (outbound) return 1 << drawQueue(rng, channel.kind)
  switch (outcome) {
    case 'answered':
      drawAnswered(rng, channel.kind)
      return 1 << drawQueue(rng, channel.kind)
    case 'transfer': {
      let hop = { q: drawQueue(rng, channel.kind), at: h.startSec + botSec }
      let mask = 1 << hop.q
      const ctx: Ctx = { rng, tz: 0, kind: channel.kind, newer }
      const load = loadFactor(h.slot)
      // Each further queue is drawn after the previous entry: replay that entry's draws.
      for (let k = 1, hops = transferHops(rng); k < hops; k++) {
        hop = nextHop(rng, hop.q, transferEntry(ctx, hop, load).endSec)
        mask |= 1 << hop.q
      }
      return mask
    }
    case 'direct':
      // then agent segments only
      return drawQueuedFirst(rng) ? 1 << drawQueue(rng, channel.kind) : 0
    case 'transient':
      return 0
    default:
      // abandoned, noAgents, voicemail: one unanswered queue entry
      drawUnansweredMisses(rng, outcome)
      return 1 << drawQueue(rng, channel.kind)
  }
}
