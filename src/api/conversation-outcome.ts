// What happened to one record, in the contact centre's terms: the one place where CONTRACT.md "Numbers"
// (terms, per record) is written down as code. Every count on screen (KPI row, Queues, Agents, heat
// map, filters) classifies records through `outcomeOf`; nothing else reads finalStatus, smartStatus or
// disconnectingEvent to decide what a record counts as.
//
// Kore.ai's definitions where it documents one, Genesys / Amazon Connect where it is silent:
// - bot-only records are contained (BotResolved) or bot drop-offs, never abandons;
// - offered = queued, inbound, not still open; each offered conversation is exactly one of answered,
//   callback (not answered), voicemail, abandoned (the customer ended it), dropped by the system;
// - `USER ABANDONED` without a queue is abandoned too, outside any queue.

import type { Conversation, QueueVisit } from './conversation'
import { cleanText, isHandled, segmentOf } from './conversation-metrics'

export type Outcome = {
  /** no conversationId and no destinations */
  botOnly: boolean
  /** bot-only and finalStatus BotResolved */
  contained: boolean
  /** bot-only and not resolved by the bot */
  botDropOff: boolean
  /** has a QueueEntry */
  queued: boolean
  /** has a handled segment (an agent accepted it) */
  answered: boolean
  /** finalStatus contains OPEN (TRANSIENT_OPEN): still in progress when fetched */
  open: boolean
  /** Direction is Outbound (top level, or metaInfo.customerinfo in older records) */
  outbound: boolean
  /** a queue entry has CallbackOpted: true */
  callback: boolean
  voicemail: boolean
  /** queued, inbound, not open: the contact centre was offered it */
  offered: boolean
  /** offered, not answered, no callback */
  unanswered: boolean
  /** abandoned in a queue: unanswered, not voicemail, ended by the customer (not System / Bot) */
  abandonedInQueue: boolean
  /** USER ABANDONED without any queue entry: abandoned, belonging to no queue */
  abandonedNoQueue: boolean
  /** abandonedInQueue or abandonedNoQueue */
  abandoned: boolean
  /** unanswered, not voicemail, ended by the system or the bot */
  droppedBySystem: boolean
  /** answered, smartStatus ABANDONED WITH AGENT: counted apart, never in the abandon rate */
  abandonedWithAgent: boolean
  /** answered with two or more handled segments */
  transferred: boolean
}

const has = (text: string | null, word: string) => text?.toUpperCase().includes(word) === true
const is = (text: string | null, value: string) => cleanText(text)?.toUpperCase() === value

/** A queue entry answered in that queue: its responding agent accepted. */
export function answeredInQueue(q: QueueVisit): boolean {
  return q.respondingAgent !== null && isHandled(q.respondingAgent)
}

const outcomes = new WeakMap<Conversation, Outcome>()

/** The record's outcome (computed once per conversation object). */
export function outcomeOf(c: Conversation): Outcome {
  let o = outcomes.get(c)
  if (o === undefined) {
    o = classify(c)
    outcomes.set(c, o)
  }
  return o
}

function classify(c: Conversation): Outcome {
  let queued = false
  let callback = false
  let handled = 0
  for (const d of c.destinations) {
    if (d.kind === 'queue') {
      queued = true
      if (d.callbackOpted === true) callback = true
    }
    const s = segmentOf(d)
    if (s !== null && isHandled(s)) handled++
  }
  const botOnly = c.botOnly
  const contained = botOnly && is(c.finalStatus, 'BOTRESOLVED')
  const answered = handled > 0
  const open = has(c.finalStatus, 'OPEN')
  const outbound = is(c.direction, 'OUTBOUND')
  const voicemail = c.isVoicemail === true
  const offered = queued && !outbound && !open
  const unanswered = offered && !answered && !callback
  const systemEnded = has(c.disconnectingEvent, 'SYSTEM') || has(c.disconnectingEvent, 'BOT')
  const abandonedInQueue = unanswered && !voicemail && !systemEnded
  const abandonedNoQueue = !botOnly && !queued && is(c.finalStatus, 'USER ABANDONED')
  return {
    botOnly,
    contained,
    botDropOff: botOnly && !contained,
    queued,
    answered,
    open,
    outbound,
    callback,
    voicemail,
    offered,
    unanswered,
    abandonedInQueue,
    abandonedNoQueue,
    abandoned: abandonedInQueue || abandonedNoQueue,
    droppedBySystem: unanswered && !voicemail && systemEnded,
    abandonedWithAgent: answered && is(c.smartStatus, 'ABANDONED WITH AGENT'),
    transferred: handled >= 2,
  }
}
