// One full record in the API's JSON shape, a pure function of (seed, header, timeZoneOffset).
// The body draws from its own PRNG stream, so the header (time, identity, channel) never shifts.

import {
  AGENTS,
  AUTOMATION_BOT_IDS,
  BOT_IDS,
  CHANNELS,
  CSAT_FEEDBACK,
  DISPOSITION_REMARKS,
  DISPOSITIONS,
  ORG_ID,
  QUEUE_WEIGHTS,
  QUEUES,
} from './catalog'
import { channelUserId, customerInfo, metaInfo, person, sessionTags, skills, userTags } from './extras'
import { Rng, weighted } from './hash'
import { conversationIdOf, type Header, sessionIdOf } from './header'
import type { Json, JsonObject } from './json'
import { makeOdd, ODD_SHARE } from './odd'
import { agentSegment, type Ctx, pendingSegment, pickAgent, queueEntry } from './segments'
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

function uuid(rng: Rng, prefix: string): string {
  return `${prefix}-${rng.hex(8)}-${rng.hex(4)}-5${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`
}

export function buildRecord(seed: number, h: Header, tz: number): JsonObject {
  const rng = new Rng(seed, h.slot, h.i, BODY_STREAM)
  const channel = CHANNELS[h.channel] ?? CHANNELS[0]
  if (!channel) throw new Error('no channels')
  const sessionId = sessionIdOf(seed, h)
  const who = person(rng)
  const userId = uuid(rng, 'u')
  const botId = rng.pick(BOT_IDS)

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
  const ctx: Ctx = { rng, tz, kind: channel.kind, newer: rng.chance(0.45) }
  const outbound = channel.kind === 'voice' && rng.chance(0.12)
  const direction = outbound ? 'Outbound' : 'Inbound'
  let outcome = OUTCOMES[weighted(OUTCOME_WEIGHTS, rng.next())] ?? 'answered'
  if (outcome === 'voicemail' && channel.kind !== 'voice') outcome = 'answered'
  const load = loadFactor(h.slot)
  const queue = () => weighted(QUEUE_WEIGHTS[channel.kind], rng.next())
  // The bot greets first; outbound calls go straight to an agent.
  const botSec = outbound ? 0 : channel.kind === 'email' ? rng.int(1, 20) : rng.duration(45, 0.6, 3, 400)
  const enter = h.startSec + botSec

  const destinations: Json[] = []
  let endSec = enter
  let answered = true
  let status = { final: 'CLOSED', smart: 'CLOSED', reason: '', event: '' }
  let isVoicemail: Json = 'NO'

  if (outbound) {
    // As in the sample: a queue entry with no name or EnterTime, the agent accepted at once.
    const q = queue()
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
    const misses = rng.chance(0.18) ? rng.int(1, 2) : 0
    const callback = channel.kind === 'voice' && rng.chance(0.08)
    const e = queueEntry(ctx, queue(), enter, { answered: true, misses, callback, load })
    destinations.push(e.value)
    endSec = e.endSec
  } else if (outcome === 'transfer') {
    let q = queue()
    let at = enter
    const hops = rng.chance(0.25) ? 3 : 2
    for (let k = 0; k < hops; k++) {
      const e = queueEntry(ctx, q, at, { answered: true, misses: rng.chance(0.1) ? 1 : 0, load })
      destinations.push(e.value)
      endSec = e.endSec
      at = e.endSec + rng.int(1, 5)
      q = (q + rng.int(1, QUEUES.length - 1)) % QUEUES.length
    }
  } else if (outcome === 'direct') {
    // Supervisor reassigned it straight to an agent (top-level AgentSegment), or it was routed direct.
    let at = enter
    if (rng.chance(0.5)) {
      const e = queueEntry(ctx, queue(), enter, {
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
    const misses = outcome === 'abandoned' && rng.chance(0.4) ? rng.int(1, 2) : 0
    const e = queueEntry(ctx, queue(), enter, { answered: false, misses, missEvent: 'Ignored', load })
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
