// Hand-made Conversation fixtures for the tests: builders over emptyConversation (every field absent
// unless given), three conversations counted by hand for the metric and row tests, and a dozen for
// the filter, facet and export tests.

import {
  type AgentSegment,
  type Conversation,
  type CustomerInfo,
  type DirectAgent,
  emptyConversation,
  type QueueVisit,
} from '../api/conversation'
import type { RangeLoad } from '../api/range-load'

export const T0 = Date.UTC(2024, 10, 18, 11, 48, 3) // 2024-11-18 11:48:03Z
export const sec = (n: number) => n * 1000

/** An agent segment with every field absent (status null: not yet accepted) unless given. */
export function agentSegment(over: Partial<AgentSegment> = {}): AgentSegment {
  return {
    agentId: null,
    name: null,
    email: null,
    status: null,
    assignedAt: null,
    acceptedTime: null,
    firstResponseTime: null,
    firstResponseDurationSec: null,
    interactionEndTime: null,
    interactionDurationSec: null,
    holdSec: null,
    afterCallWorkSec: null,
    afterCallWorkEndTime: null,
    agentNotes: null,
    consultingAgents: [],
    joinedUsers: [],
    ...over,
  }
}

/** An answered agent segment for the agent `agentId` / `name`. */
/** When `agent()`'s segments were accepted unless a test gives a time: 2024-11-18 12:00 UTC. */
export const ACCEPTED_AT = Date.UTC(2024, 10, 18, 12)

export function agent(
  agentId: string | null,
  name: string | null,
  more: Partial<AgentSegment> = {},
): AgentSegment {
  // accepted (handled, CONTRACT.md "Numbers") unless the test says otherwise
  return agentSegment({ agentId, name, status: 'Answered', acceptedTime: ACCEPTED_AT, ...more })
}

/** A queue visit with every field absent unless given. */
export function queueVisit(over: Partial<QueueVisit> = {}): QueueVisit {
  return {
    kind: 'queue',
    queueId: null,
    queueName: null,
    enterTime: null,
    respondingAgent: null,
    nonRespondingAgents: [],
    callbackOpted: null,
    callbackOptedTime: null,
    userCallbackAcceptTime: null,
    ...over,
  }
}

/** A visit to the queue `queueId` / `queueName`, answered by `respondingAgent` when given. */
export function queue(
  queueId: string | null,
  queueName: string | null,
  respondingAgent: AgentSegment | null = null,
  more: Partial<QueueVisit> = {},
): QueueVisit {
  return queueVisit({ queueId, queueName, respondingAgent, ...more })
}

/** A direct (top-level) agent segment. */
export const direct = (a: AgentSegment): DirectAgent => ({ kind: 'agent', agent: a })

/** A direct agent segment built from its fields (agentSegment). */
export const directAgent = (over: Partial<AgentSegment> = {}): DirectAgent => direct(agentSegment(over))

/**
 * A conversation with every field absent unless given. conversationId defaults to `id`; `id` defaults
 * to conversationId ?? sessionId, as normalize does; raw to `{ conversationId, sessionId }`.
 */
export function conversation(over: Partial<Conversation>): Conversation {
  const conversationId = over.conversationId !== undefined ? over.conversationId : (over.id ?? null)
  const sessionId = over.sessionId ?? null
  const id = over.id ?? conversationId ?? sessionId ?? 'record-0'
  const raw = over.raw ?? { conversationId, sessionId }
  return { ...emptyConversation(id, raw), conversationId, sessionId, ...over, id, raw }
}

export function customer(
  name: string | null,
  phone: string | null = null,
  email: string | null = null,
): CustomerInfo {
  return { name, phone, email, extra: {} }
}

// c-185d9c5 from the older sample, plus 30 s of after-call work and a callback:
// entered the queue at +1 s, accepted at +17 s, 104 s of interaction of which 57 s on hold,
// interaction ended at +121 s, after-call work to +151 s (after sessionEndTime at +118 s).
export const voiceCall = conversation({
  id: 'c-185d9c5',
  sessionId: '673b2973bfc7023ab2f00001',
  channel: ' Voice ',
  direction: 'Inbound',
  finalStatus: 'CLOSED',
  smartStatus: 'CLOSED',
  reason: 'RESOLVED',
  disconnectingEvent: 'Agent Hangup',
  isVoicemail: false,
  skills: ['English', 'Billing'],
  dispositions: ['Resolved', 'Upsell'],
  csatScore: 4,
  customer: customer('Ada Lovelace', '+15550100', 'ada@example.com'),
  sessionStartTime: T0,
  sessionEndTime: T0 + sec(118),
  endTime: T0 + sec(151),
  destinations: [
    queueVisit({
      queueId: 'q-default',
      queueName: 'Default Queue',
      enterTime: T0 + sec(1),
      callbackOpted: true,
      respondingAgent: agentSegment({
        agentId: 'a-new-role',
        name: 'New Role 01',
        status: 'Answered',
        assignedAt: T0 + sec(2),
        acceptedTime: T0 + sec(17),
        firstResponseDurationSec: 0,
        interactionEndTime: T0 + sec(121),
        interactionDurationSec: 104,
        holdSec: 57,
        afterCallWorkSec: 30,
        afterCallWorkEndTime: T0 + sec(151),
        consultingAgents: [
          {
            agentId: null,
            name: '+919550000000',
            email: null,
            external: true,
            isMerged: null,
            startTime: T0 + sec(40),
            endTime: T0 + sec(60),
            durationSec: 20,
          },
        ],
      }),
    }),
  ],
})

// A chat: Billing queue answered by Agent One (accepted +40 s after entering at +10 s), then
// reassigned straight to Agent Three. No hold recorded anywhere.
export const transferredChat = conversation({
  id: 'c-c880eb2',
  channel: 'Web/Mobile Client',
  sessionStartTime: T0,
  endTime: T0 + sec(200),
  destinations: [
    queueVisit({
      queueId: 'q-billing',
      queueName: 'Billing',
      enterTime: T0 + sec(10),
      respondingAgent: agentSegment({
        agentId: 'a-one',
        name: 'Agent One',
        acceptedTime: T0 + sec(40),
        interactionDurationSec: 70,
        afterCallWorkSec: 3,
      }),
    }),
    directAgent({
      agentId: 'a-three',
      name: 'Agent Three',
      acceptedTime: T0 + sec(120),
      interactionDurationSec: 15,
      afterCallWorkSec: 32,
      firstResponseDurationSec: 5,
      consultingAgents: [
        {
          agentId: 'a-five',
          name: 'Agent Five',
          email: null,
          external: false,
          isMerged: true,
          startTime: null,
          endTime: null,
          durationSec: null,
        },
        {
          agentId: null,
          name: '+15550199',
          email: null,
          external: true,
          isMerged: null,
          startTime: null,
          endTime: null,
          durationSec: null,
        },
      ],
    }),
  ],
})

export const botOnlySession = conversation({
  id: '68dbc0a7e2b1c3d4e5f60718',
  conversationId: null,
  sessionId: '68dbc0a7e2b1c3d4e5f60718',
  botOnly: true,
  channel: 'Web/Mobile Client',
  finalStatus: 'BotResolved',
  smartStatus: 'CLOSED AT BOT',
  sessionStartTime: T0,
  sessionEndTime: T0 + sec(11),
  endTime: T0 + sec(11),
})

const ada = () => agent('u-ada', 'Ada Agent', { agentNotes: 'Promised a refund by Friday' })
const bo = () => agent('u-bo', 'Bo Agent')
const cy = () => agent(null, 'Cy External')

const bot = (id: string, channel: string): Conversation =>
  conversation({
    sessionId: id,
    botOnly: true,
    channel,
    direction: 'Inbound',
    finalStatus: 'BotResolved',
    smartStatus: 'CLOSED AT BOT',
  })

/**
 * Twelve conversations. Queues: q-bill "Billing", q-sup "Support", q-sales "Sales".
 * Agents: u-ada "Ada Agent", u-bo "Bo Agent", and "Cy External" without an id.
 *
 * | id  | channel           | dir      | finalStatus    | queues (-> agent)            | dispositions     |
 * | c1  | Voice             | Inbound  | CLOSED         | Billing -> Ada               | Paid             |
 * | c2  | Voice             | Inbound  | CLOSED         | Billing -> Bo                |                  |
 * | c3  | Voice             | Outbound | CLOSED         | Support -> Ada               | Paid, Callback   |
 * | c4  | Voice             | Inbound  | ABANDONED      | Support                      |                  |
 * | c5  | Web/Mobile Client | Inbound  | CLOSED         | Billing, Support -> Bo       | Resolved         |
 * | c6  | Web/Mobile Client | Inbound  | CLOSED         | Sales -> Cy                  | Resolved         |
 * | s7  | Web/Mobile Client | Inbound  | BotResolved    | (bot only)                   |                  |
 * | s8  | Web/Mobile Client | Inbound  | BotResolved    | (bot only)                   |                  |
 * | c9  | telegram          | Inbound  | CLOSED         | direct agent Ada             | Resolved         |
 * | s10 | Voice             | Inbound  | BotResolved    | (bot only)                   |                  |
 * | c11 | System Mail       | Inbound  | CLOSED         | Billing -> Ada               | Paid             |
 * | c12 | Voice             | Inbound  | TRANSIENT_OPEN | Sales                        |                  |
 *
 * c1's customer: Jane Doe, +1 321 555 0100, jane.doe@example.com. c9's remarks mention "refund";
 * Ada's notes (c1, c3, c9, c11) say "Promised a refund by Friday".
 */
export function fixtureConversations(): Conversation[] {
  return [
    conversation({
      conversationId: 'c1',
      sessionId: 'sess-1',
      channel: 'Voice',
      direction: 'Inbound',
      finalStatus: 'CLOSED',
      destinations: [queue('q-bill', 'Billing', ada())],
      dispositions: ['Paid'],
      customer: { name: 'Jane Doe', phone: '+13215550100', email: 'jane.doe@example.com', extra: {} },
    }),
    conversation({
      conversationId: 'c2',
      channel: 'Voice',
      direction: 'Inbound',
      finalStatus: 'CLOSED',
      destinations: [queue('q-bill', 'Billing', bo())],
    }),
    conversation({
      conversationId: 'c3',
      channel: 'Voice',
      direction: 'Outbound',
      finalStatus: 'CLOSED',
      destinations: [queue('q-sup', 'Support', ada())],
      dispositions: ['Paid', 'Callback'],
    }),
    conversation({
      conversationId: 'c4',
      channel: 'Voice',
      direction: 'Inbound',
      finalStatus: 'ABANDONED',
      destinations: [queue('q-sup', 'Support')],
    }),
    conversation({
      conversationId: 'c5',
      channel: 'Web/Mobile Client',
      direction: 'Inbound',
      finalStatus: 'CLOSED',
      destinations: [queue('q-bill', 'Billing'), queue('q-sup', 'Support', bo())],
      dispositions: ['Resolved'],
    }),
    conversation({
      conversationId: 'c6',
      channel: 'Web/Mobile Client',
      direction: 'Inbound',
      finalStatus: 'CLOSED',
      destinations: [queue('q-sales', 'Sales', cy())],
      dispositions: ['Resolved'],
    }),
    bot('s7', 'Web/Mobile Client'),
    bot('s8', 'Web/Mobile Client'),
    conversation({
      conversationId: 'c9',
      channel: 'telegram',
      direction: 'Inbound',
      finalStatus: 'CLOSED',
      destinations: [direct(ada())],
      dispositions: ['Resolved'],
      dispositionRemarks: 'Customer wants a REFUND for order 42',
    }),
    bot('s10', 'Voice'),
    conversation({
      conversationId: 'c11',
      channel: 'System Mail',
      direction: 'Inbound',
      finalStatus: 'CLOSED',
      destinations: [queue('q-bill', 'Billing', ada())],
      dispositions: ['Paid'],
    }),
    conversation({
      conversationId: 'c12',
      channel: 'Voice',
      direction: 'Inbound',
      finalStatus: 'TRANSIENT_OPEN',
      destinations: [queue('q-sales', 'Sales')],
    }),
  ]
}

/** A complete range load holding `over` (nothing else known): for tests of what reads a RangeLoad. */
export function rangeLoad(over: Partial<RangeLoad> = {}): RangeLoad {
  return {
    conversations: [],
    warnings: [],
    overflow: [],
    coveredMs: 1,
    totalMs: 1,
    requests: 0,
    complete: true,
    fetchedAt: 0,
    etaMs: null,
    waitingForBudget: false,
    rateLimitPerMinute: null,
    ...over,
  }
}
