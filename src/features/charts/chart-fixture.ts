// Nine conversations for the chart and KPI tests, counted by hand (the counts are in the tests).
//
// | id | channel           | finalStatus    | destinations (wait)                                 | dispositions   | CSAT |
// | k1 | Voice             | CLOSED         | Billing -> Ann a1 (20 s): 300 (60 hold) + 30 ACW    | Paid, Upsell   | 5    |
// | k2 | " Voice "         | CLOSED         | Support -> Bob b1 (40 s): 200 (no hold) + 20 ACW    | Paid           | 3    |
// | k3 | Web/Mobile Client | CLOSED         | Billing -> Ann (10 s): 100 (10 hold) + 0 ACW,        | Resolved       |      |
// |    |                   |                |   direct Cy External (no id): 50 + 10 ACW           |                |      |
// | k4 | Voice             | abandoned      | Support, nobody answered                            |                |      |
// | k5 | Web/Mobile Client | TRANSIENT_OPEN | Sales, nobody answered                              |                |      |
// | k6 | Web/Mobile Client | BotResolved    | (bot only)                                          |                |      |
// | k7 | (none)            | BotResolved    | (bot only)                                          |                |      |
// | k8 | telegram          | CLOSED         | Billing -> Ann (30 s): 120 (0 hold) + 60 ACW,        | Paid, " Paid " | 4    |
// |    |                   |                |   Support -> Ann again: 60 (20 hold), no ACW        |                |      |
// | k9 | Voice             | CLOSED         | Sales (no enter time) -> Bob b2, no durations       | Resolved       |      |

import type { Conversation } from '../../api/conversation'
import { agent, conversation, direct, queue, sec, T0 } from '../../test/conversation-fixtures'

const answered = (enterAfter: number, waited: number) => ({
  enterTime: T0 + sec(enterAfter),
  accepted: T0 + sec(enterAfter + waited),
})

function visit(
  queueId: string,
  queueName: string,
  agentId: string | null,
  name: string,
  at: { enterTime: number | null; accepted: number | null },
  interactionDurationSec: number | null,
  holdSec: number | null,
  afterCallWorkSec: number | null,
) {
  return queue(
    queueId,
    queueName,
    agent(agentId, name, { acceptedTime: at.accepted, interactionDurationSec, holdSec, afterCallWorkSec }),
    { enterTime: at.enterTime },
  )
}

const bot = (id: string, channel: string | null): Conversation =>
  conversation({
    sessionId: id,
    conversationId: null,
    botOnly: true,
    channel,
    finalStatus: 'BotResolved',
    smartStatus: 'CLOSED AT BOT',
  })

export function chartConversations(): Conversation[] {
  return [
    conversation({
      id: 'k1',
      channel: 'Voice',
      finalStatus: 'CLOSED',
      destinations: [visit('q-bill', 'Billing', 'a1', 'Ann', answered(0, 20), 300, 60, 30)],
      dispositions: ['Paid', 'Upsell'],
      csatScore: 5,
    }),
    conversation({
      id: 'k2',
      channel: ' Voice ',
      finalStatus: 'CLOSED',
      destinations: [visit('q-sup', 'Support', 'b1', 'Bob', answered(0, 40), 200, null, 20)],
      dispositions: ['Paid'],
      csatScore: 3,
    }),
    conversation({
      id: 'k3',
      channel: 'Web/Mobile Client',
      finalStatus: 'CLOSED',
      destinations: [
        visit('q-bill', 'Billing', 'a1', 'Ann', answered(0, 10), 100, 10, 0),
        direct(agent(null, 'Cy External', { interactionDurationSec: 50, afterCallWorkSec: 10 })),
      ],
      dispositions: ['Resolved'],
    }),
    conversation({
      id: 'k4',
      channel: 'Voice',
      finalStatus: 'abandoned',
      destinations: [queue('q-sup', 'Support')],
    }),
    conversation({
      id: 'k5',
      channel: 'Web/Mobile Client',
      finalStatus: 'TRANSIENT_OPEN',
      destinations: [queue('q-sales', 'Sales')],
    }),
    bot('k6', 'Web/Mobile Client'),
    bot('k7', null),
    conversation({
      id: 'k8',
      channel: 'telegram',
      finalStatus: 'CLOSED',
      destinations: [
        visit('q-bill', 'Billing', 'a1', 'Ann', answered(0, 30), 120, 0, 60),
        visit('q-sup', 'Support', 'a1', 'Ann', answered(300, 10), 60, 20, null),
      ],
      dispositions: ['Paid', ' Paid '],
      csatScore: 4,
    }),
    conversation({
      id: 'k9',
      channel: 'Voice',
      finalStatus: 'CLOSED',
      destinations: [
        visit('q-sales', 'Sales', 'b2', 'Bob', { enterTime: null, accepted: T0 }, null, null, null),
      ],
      dispositions: ['Resolved'],
    }),
  ]
}
