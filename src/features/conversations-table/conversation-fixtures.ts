// Hand-made Conversation fixtures for the table's tests: every field spelled out, absent = null / [].

import type { AgentSegment, Conversation, DirectAgent, QueueVisit } from '../../api/conversation'

export const T0 = Date.UTC(2024, 10, 18, 11, 48, 3) // 2024-11-18 11:48:03Z
export const sec = (n: number) => n * 1000

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

export function directAgent(over: Partial<AgentSegment> = {}): DirectAgent {
  return { kind: 'agent', agent: agentSegment(over) }
}

export function conversation(over: Partial<Conversation> & { id: string }): Conversation {
  return {
    conversationId: over.id,
    sessionId: null,
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
    raw: {},
    ...over,
  }
}

export function customer(name: string | null, phone: string | null = null, email: string | null = null) {
  return { name, phone, email, extra: {} }
}
