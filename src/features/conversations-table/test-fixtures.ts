// Hand-made conversations for the filter, facet and export tests (counted by hand in the tests).

import type { AgentSegment, Conversation, DirectAgent, QueueVisit } from '../../api/conversation'

export function agent(
  agentId: string | null,
  name: string | null,
  more: Partial<AgentSegment> = {},
): AgentSegment {
  return {
    agentId,
    name,
    email: null,
    status: 'Answered',
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
    ...more,
  }
}

export function queue(
  queueId: string | null,
  queueName: string | null,
  respondingAgent: AgentSegment | null = null,
  more: Partial<QueueVisit> = {},
): QueueVisit {
  return {
    kind: 'queue',
    queueId,
    queueName,
    enterTime: null,
    respondingAgent,
    nonRespondingAgents: [],
    callbackOpted: null,
    callbackOptedTime: null,
    userCallbackAcceptTime: null,
    ...more,
  }
}

export const direct = (a: AgentSegment): DirectAgent => ({ kind: 'agent', agent: a })

/** A conversation with every field absent; `id` defaults to conversationId ?? sessionId. */
export function conversation(more: Partial<Conversation> & { conversationId?: string | null }): Conversation {
  const conversationId = more.conversationId ?? null
  const sessionId = more.sessionId ?? null
  const raw = more.raw ?? { conversationId, sessionId }
  return {
    id: conversationId ?? sessionId ?? 'record-0',
    conversationId,
    sessionId,
    botOnly: false,
    channel: null,
    direction: null,
    finalStatus: null,
    smartStatus: null,
    reason: null,
    disconnectingEvent: null,
    isVoicemail: null,
    skills: [],
    dispositions: [],
    dispositionRemarks: null,
    csatScore: null,
    csatFeedback: null,
    customer: { name: null, phone: null, email: null, extra: {} },
    metaInfo: {},
    tags: { user: [], session: [] },
    sessionStartTime: null,
    sessionEndTime: null,
    endTime: null,
    destinations: [],
    botId: null,
    userId: null,
    channelSpecificUserId: null,
    userTags: [],
    sessionTags: [],
    ...more,
    raw,
  }
}

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
