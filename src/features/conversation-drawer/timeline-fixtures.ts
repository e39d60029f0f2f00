// A conversation for the timeline picture's tests: a transfer, a non-responding agent, a consult, hold
// and after-call work, every time known (seconds after T0 = 2024-11-18 11:48:03Z):
//
//   session 0 ─ bot ─ 10  Billing: entered 10, Ada offered 12 (Ignored), Agent One offered 30,
//   accepted 35, first response 40, consulted Agent Five 55 (offered) / 60–90, interaction 35–150
//   (115 s, 40 s on hold), after-call work 150–180. sessionEndTime 160.
//   Support (transfer): entered 152, Agent Three offered 165, accepted 170, interaction 170–300,
//   after-call work 30 s without an end time (so 300–330). The end: 330.

import type { Conversation } from '../../api/conversation'
import { agentSegment, conversation, queueVisit, sec, T0 } from '../../test/conversation-fixtures'

export const at = (s: number) => T0 + sec(s)

export const transferWithEverything: Conversation = conversation({
  id: 'c-everything',
  sessionId: 's-everything',
  channel: 'Voice',
  direction: 'Inbound',
  finalStatus: 'CLOSED',
  disconnectingEvent: 'Agent Hangup',
  sessionStartTime: at(0),
  sessionEndTime: at(160),
  endTime: at(330),
  destinations: [
    queueVisit({
      queueId: 'q-bill',
      queueName: 'Billing',
      enterTime: at(10),
      nonRespondingAgents: [
        {
          agentId: 'u-ada',
          name: 'Ada',
          email: null,
          assignedAt: at(12),
          nonResponseEvent: 'Ignored',
          agentNotes: 'Was on another call.',
        },
      ],
      respondingAgent: agentSegment({
        agentId: 'u-one',
        name: 'Agent One',
        status: 'Answered',
        assignedAt: at(30),
        acceptedTime: at(35),
        firstResponseTime: at(40),
        firstResponseDurationSec: 5,
        interactionEndTime: at(150),
        interactionDurationSec: 115,
        holdSec: 40,
        afterCallWorkSec: 30,
        afterCallWorkEndTime: at(180),
        agentNotes: 'Customer disputed a charge.\nMoved to Support for the refund.',
        consultingAgents: [
          {
            agentId: 'u-five',
            name: 'Agent Five',
            email: null,
            external: false,
            isMerged: true,
            assignedAt: at(55),
            startTime: at(60),
            endTime: at(90),
            durationSec: 30,
          },
        ],
        joinedUsers: [{ agentId: 'u-sup', name: 'Sam Supervisor', email: 'sam@example.com' }],
      }),
    }),
    queueVisit({
      queueId: 'q-sup',
      queueName: 'Support',
      enterTime: at(152),
      respondingAgent: agentSegment({
        agentId: 'u-three',
        name: 'Agent Three',
        status: 'Answered',
        assignedAt: at(165),
        acceptedTime: at(170),
        interactionEndTime: at(300),
        interactionDurationSec: 130,
        afterCallWorkSec: 30,
      }),
    }),
  ],
  skills: ['English', 'Refunds'],
  userTags: [{ name: 'tier', value: 'gold' }],
  sessionTags: [{ name: 'entryPoint', value: 'IVR main menu' }],
})
