import { describe, expect, it } from 'vitest'
import {
  agentSegment,
  conversation,
  customer,
  directAgent,
  queueVisit,
  sec,
  T0,
} from './conversation-fixtures'
import { rowsFor, toRow } from './row-model'

// c-185d9c5 from the older sample, plus 30 s of after-call work and a callback:
// entered the queue at +1 s, accepted at +17 s, 104 s of interaction of which 57 s on hold,
// interaction ended at +121 s, after-call work to +151 s (after sessionEndTime at +118 s).
const voiceCall = conversation({
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
const transferredChat = conversation({
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

const botOnly = conversation({
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

describe('toRow', () => {
  it('counts handle time as interaction (hold included) + after-call work, and hold on its own', () => {
    const row = toRow(voiceCall)
    expect(row.handleSec).toBe(134) // 104 + 30, not + 57 again
    expect(row.holdSec).toBe(57)
  })

  it('measures duration from the start to the latest end in the record, not sessionEndTime', () => {
    expect(toRow(voiceCall).durationSec).toBe(151)
    expect(toRow(voiceCall).startTime).toBe(T0)
  })

  it('measures the wait from entering the queue to the first acceptance', () => {
    expect(toRow(voiceCall).waitSec).toBe(16) // 17 − 1
    expect(toRow(transferredChat).waitSec).toBe(30) // 40 − 10
  })

  it('reads the one-segment call: agent, queue, consult, callback, first response, identity', () => {
    const row = toRow(voiceCall)
    expect(row).toMatchObject({
      id: 'c-185d9c5',
      conversationId: 'c-185d9c5',
      sessionId: '673b2973bfc7023ab2f00001',
      channel: 'Voice',
      direction: 'Inbound',
      queues: 'Default Queue',
      queueIds: ['q-default'],
      agents: 'New Role 01',
      agentCount: 1,
      transfers: 0,
      consults: 1,
      callback: true,
      voicemail: false,
      csat: 4,
      firstResponseSec: 0,
      finalStatus: 'CLOSED',
      smartStatus: 'CLOSED',
      reason: 'RESOLVED',
      disconnectingEvent: 'Agent Hangup',
      dispositions: 'Resolved, Upsell',
      skills: 'English, Billing',
      customerName: 'Ada Lovelace',
      customerPhone: '+15550100',
      customerEmail: 'ada@example.com',
      botOnly: false,
    })
  })

  it('sums every segment of a transferred conversation and counts its transfer and consults', () => {
    const row = toRow(transferredChat)
    expect(row.handleSec).toBe(120) // (70 + 3) + (15 + 32)
    expect(row.holdSec).toBeNull() // no segment says anything about hold
    expect(row.agents).toBe('Agent One, Agent Three')
    expect(row.agentCount).toBe(2)
    expect(row.transfers).toBe(1)
    expect(row.consults).toBe(2)
    expect(row.callback).toBe(false)
    expect(row.queues).toBe('Billing')
    // Agent One reported none; the first known first response is Agent Three's
    expect(row.firstResponseSec).toBe(5)
  })

  it('keeps a bot-only session with empty agent figures', () => {
    const row = toRow(botOnly)
    expect(row).toMatchObject({
      id: '68dbc0a7e2b1c3d4e5f60718',
      conversationId: null,
      botOnly: true,
      durationSec: 11,
      queues: null,
      agents: null,
      agentCount: 0,
      transfers: 0,
      consults: 0,
      waitSec: null,
      handleSec: null,
      holdSec: null,
      firstResponseSec: null,
      callback: false,
      voicemail: null,
      csat: null,
      customerName: null,
      dispositions: null,
      skills: null,
    })
  })

  it('counts a returning agent once and derives interaction from its two ends when absent', () => {
    const again = conversation({
      id: 'c-again',
      sessionStartTime: T0,
      endTime: T0 + sec(400),
      destinations: [
        queueVisit({
          queueId: 'q-sales',
          queueName: 'Sales',
          enterTime: T0 + sec(5),
          respondingAgent: agentSegment({
            agentId: 'a1',
            name: 'Ann',
            acceptedTime: T0 + sec(12),
            interactionEndTime: T0 + sec(72), // 60 s, no interactionDuration sent
            holdSec: 10,
          }),
        }),
        queueVisit({
          queueId: 'q-support',
          queueName: 'Support',
          enterTime: T0 + sec(80),
          respondingAgent: agentSegment({
            agentId: 'a1',
            name: 'Ann',
            acceptedTime: T0 + sec(90),
            interactionDurationSec: 40,
            holdSec: 5,
          }),
        }),
        queueVisit({ queueId: 'q-sales', queueName: 'Sales', enterTime: T0 + sec(150) }),
      ],
    })
    const row = toRow(again)
    expect(row.agentCount).toBe(1)
    expect(row.agents).toBe('Ann')
    expect(row.handleSec).toBe(100) // 60 + 40
    expect(row.holdSec).toBe(15)
    expect(row.transfers).toBe(2)
    expect(row.queues).toBe('Sales, Support')
    expect(row.queueIds).toEqual(['q-sales', 'q-support'])
    expect(row.waitSec).toBe(7) // the first acceptance (+12 s) in Sales, entered at +5 s
  })

  it('has no wait when the first acceptance is a direct agent or the queue has no enter time', () => {
    const direct = conversation({
      id: 'c-direct',
      sessionStartTime: T0,
      endTime: T0 + sec(60),
      destinations: [
        directAgent({ agentId: 'a1', name: 'Ann', acceptedTime: T0 + sec(5), interactionDurationSec: 20 }),
        queueVisit({
          queueName: 'Sales',
          enterTime: T0 + sec(26),
          respondingAgent: agentSegment({ agentId: 'a2', name: 'Bob', acceptedTime: T0 + sec(30) }),
        }),
      ],
    })
    expect(toRow(direct).waitSec).toBeNull()
    const noEnter = conversation({
      id: 'c-noenter',
      destinations: [queueVisit({ respondingAgent: agentSegment({ name: 'Bob', acceptedTime: T0 }) })],
    })
    expect(toRow(noEnter).waitSec).toBeNull()
    expect(toRow(noEnter).queues).toBeNull() // neither a name nor an id to show
  })

  it('leaves duration empty without a start or an end', () => {
    expect(toRow(conversation({ id: 'x', sessionStartTime: T0 })).durationSec).toBeNull()
    expect(toRow(conversation({ id: 'y', endTime: T0 })).durationSec).toBeNull()
  })
})

describe('rowsFor', () => {
  it('derives each conversation once, across arrays', () => {
    const first = rowsFor([voiceCall, botOnly])
    expect(rowsFor([voiceCall, botOnly])[0]).toBe(first[0])
    const list = [botOnly, transferredChat]
    expect(rowsFor(list)).toBe(rowsFor(list))
    expect(rowsFor(list)[0]).toBe(first[1])
    expect(rowsFor([]).length).toBe(0)
  })
})
