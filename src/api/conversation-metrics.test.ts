import { describe, expect, it } from 'vitest'
import {
  agent,
  agentSegment,
  botOnlySession,
  conversation,
  directAgent,
  queue,
  queueVisit,
  sec,
  T0,
  transferredChat,
  voiceCall,
} from '../test/conversation-fixtures'
import type { Destination } from './conversation'
import {
  agentKey,
  agentName,
  agentNames,
  agentSegments,
  cleanText,
  consults,
  consultWaitSec,
  destinationWaitSec,
  distinctTexts,
  durationSec,
  firstResponseSec,
  handleSec,
  holdSec,
  interactionSec,
  optedForCallback,
  queueKey,
  queueKeys,
  queueName,
  queueNames,
  respondingAgents,
  segmentHandleSec,
  segmentTalkSec,
  transfers,
  waitSec,
} from './conversation-metrics'

// A returning agent: Ann answers in Sales (entered +5 s, accepted +12 s, 60 s of interaction known only
// from its two ends, 10 s hold), again in Support (40 s, 5 s hold); a last Sales visit is not answered.
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

describe('durations', () => {
  it('counts handle time as interaction (hold included) + after-call work, and hold on its own', () => {
    expect(handleSec(voiceCall)).toBe(134) // 104 + 30, not + 57 again
    expect(holdSec(voiceCall)).toBe(57)
  })

  it('measures duration from the start to the latest end in the record, not sessionEndTime', () => {
    expect(durationSec(voiceCall)).toBe(151)
    expect(durationSec(botOnlySession)).toBe(11)
  })

  it('leaves duration empty without a start or an end', () => {
    expect(durationSec(conversation({ id: 'x', sessionStartTime: T0 }))).toBeNull()
    expect(durationSec(conversation({ id: 'y', endTime: T0 }))).toBeNull()
  })

  it('measures the wait from entering the queue to the first acceptance', () => {
    expect(waitSec(voiceCall)).toBe(16) // 17 − 1
    expect(waitSec(transferredChat)).toBe(30) // 40 − 10
    expect(waitSec(again)).toBe(7) // the first acceptance (+12 s) in Sales, entered at +5 s
  })

  it('has no wait when an agent accepted before the first queue entry, or no queue entry has an enter time', () => {
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
    expect(waitSec(direct)).toBeNull()
    const noEnter = conversation({
      id: 'c-noenter',
      destinations: [queueVisit({ respondingAgent: agentSegment({ name: 'Bob', acceptedTime: T0 }) })],
    })
    expect(waitSec(noEnter)).toBeNull()
    expect(queueNames(noEnter)).toEqual([]) // neither a name nor an id to show
  })

  it('sums every segment of a transferred conversation; no hold when no segment says', () => {
    expect(handleSec(transferredChat)).toBe(120) // (70 + 3) + (15 + 32)
    expect(holdSec(transferredChat)).toBeNull()
    // Agent One reported none; the first known first response is Agent Three's
    expect(firstResponseSec(transferredChat)).toBe(5)
    expect(firstResponseSec(voiceCall)).toBe(0)
  })

  it('derives interaction from its two ends when absent, never below 0', () => {
    expect(handleSec(again)).toBe(100) // 60 + 40
    expect(holdSec(again)).toBe(15)
    expect(interactionSec(agentSegment({ acceptedTime: T0 + sec(9), interactionEndTime: T0 }))).toBe(0)
    expect(interactionSec(agentSegment({ acceptedTime: T0 }))).toBeNull()
  })

  it('has no agent figures for a bot-only session', () => {
    expect(agentSegments(botOnlySession)).toEqual([])
    expect(waitSec(botOnlySession)).toBeNull()
    expect(handleSec(botOnlySession)).toBeNull()
    expect(holdSec(botOnlySession)).toBeNull()
    expect(firstResponseSec(botOnlySession)).toBeNull()
  })
})

describe('agents, queues and counts', () => {
  it('counts a transfer and the consults of a transferred conversation', () => {
    expect(agentNames(transferredChat)).toEqual(['Agent One', 'Agent Three'])
    expect(respondingAgents(transferredChat)).toEqual(['a-one', 'a-three'])
    expect(transfers(transferredChat)).toBe(1)
    expect(consults(transferredChat)).toBe(2)
    expect(optedForCallback(transferredChat)).toBe(false)
    expect(queueNames(transferredChat)).toEqual(['Billing'])
  })

  it('reads the one-segment call: one agent, no transfer, one consult, a callback', () => {
    expect(respondingAgents(voiceCall)).toEqual(['a-new-role'])
    expect(transfers(voiceCall)).toBe(0)
    expect(consults(voiceCall)).toBe(1)
    expect(optedForCallback(voiceCall)).toBe(true)
    expect(queueKeys(voiceCall)).toEqual(['q-default'])
  })

  it('counts a returning agent once and every queue visit after the first as a transfer', () => {
    expect(agentSegments(again)).toHaveLength(2)
    expect(respondingAgents(again)).toEqual(['a1'])
    expect(agentNames(again)).toEqual(['Ann'])
    expect(transfers(again)).toBe(2)
    expect(queueNames(again)).toEqual(['Sales', 'Support'])
    expect(queueKeys(again)).toEqual(['q-sales', 'q-support'])
  })

  it('keys agents by id, else name, else e-mail; names them by name, else e-mail, else id', () => {
    const person = (agentId: string | null, name: string | null, email: string | null) => ({
      agentId,
      name,
      email,
    })
    expect(agentKey(person(' a1 ', 'Ann', 'ann@x'))).toBe('a1')
    expect(agentKey(person('  ', 'Ann', 'ann@x'))).toBe('Ann')
    expect(agentKey(person(null, null, 'ann@x'))).toBe('ann@x')
    expect(agentKey(person(null, null, null))).toBeNull()
    expect(agentName(person('a1', ' Ann ', 'ann@x'))).toBe('Ann')
    expect(agentName(person('a1', '', 'ann@x'))).toBe('ann@x')
    expect(agentName(person('a1', null, null))).toBe('a1')
  })

  it('keys queues by id, else name; names them by name, else id', () => {
    expect(queueKey({ queueId: 'q1', queueName: 'Sales' })).toBe('q1')
    expect(queueKey({ queueId: ' ', queueName: ' Sales ' })).toBe('Sales')
    expect(queueName({ queueId: 'q1', queueName: 'Sales' })).toBe('Sales')
    expect(queueName({ queueId: 'q1', queueName: null })).toBe('q1')
    expect(queueKey({ queueId: null, queueName: null })).toBeNull()
  })

  it('trims text and keeps the distinct non-blank values in order', () => {
    expect(cleanText('  x ')).toBe('x')
    expect(cleanText('   ')).toBeNull()
    expect(cleanText(undefined)).toBeNull()
    expect(distinctTexts([' b', 'a', null, 'b ', '', 'a'])).toEqual(['b', 'a'])
    expect(distinctTexts([' '])).toEqual([])
    expect(distinctTexts([])).toEqual([])
  })
})

describe('per-segment figures', () => {
  it('splits one segment into talk (interaction − hold), hold and after-call work', () => {
    const s = agentSegment({ interactionDurationSec: 104, holdSec: 57, afterCallWorkSec: 30 })
    expect(segmentHandleSec(s)).toBe(134)
    expect(segmentTalkSec(s)).toBe(47)
  })

  it('counts the whole interaction as talk when no hold is reported, never below 0', () => {
    expect(segmentTalkSec(agentSegment({ interactionDurationSec: 70 }))).toBe(70)
    expect(segmentTalkSec(agentSegment({ interactionDurationSec: 10, holdSec: 12 }))).toBe(0)
    expect(segmentTalkSec(agentSegment({ holdSec: 12, afterCallWorkSec: 5 }))).toBeNull()
    expect(segmentHandleSec(agentSegment({ afterCallWorkSec: 5 }))).toBe(5)
    expect(segmentHandleSec(agentSegment({}))).toBeNull()
  })
})

describe('waits of one destination and one consult', () => {
  it('measures a queue visit from entering to acceptance, a direct agent from assignment', () => {
    const [billing, three] = transferredChat.destinations
    expect(destinationWaitSec(voiceCall.destinations[0] as Destination)).toBe(16)
    expect(destinationWaitSec(billing as Destination)).toBe(30)
    // Agent Three has no assignedAt in the fixture
    expect(destinationWaitSec(three as Destination)).toBeNull()
    expect(destinationWaitSec(directAgent({ assignedAt: T0, acceptedTime: T0 + sec(3) }))).toBe(3)
  })

  it('has no wait for an unanswered visit or a missing end, never below 0', () => {
    expect(destinationWaitSec(queue('q', 'Q', null, { enterTime: T0 }))).toBeNull()
    expect(
      destinationWaitSec(queue('q', 'Q', agent('a', 'A', { acceptedTime: null }), { enterTime: T0 })),
    ).toBeNull()
    expect(destinationWaitSec(queue('q', 'Q', agent('a', 'A', { acceptedTime: T0 })))).toBeNull()
    expect(
      destinationWaitSec(queue('q', 'Q', agent('a', 'A', { acceptedTime: T0 }), { enterTime: T0 + 5 })),
    ).toBe(0)
  })

  it('measures a consult from its offer to its acceptance', () => {
    const consult = {
      agentId: 'a',
      name: 'A',
      email: null,
      external: false,
      isMerged: null,
      startTime: T0 + sec(14),
      endTime: T0 + sec(76),
      durationSec: 62,
      assignedAt: T0,
    }
    expect(consultWaitSec(consult)).toBe(14)
    expect(consultWaitSec({ ...consult, assignedAt: undefined })).toBeNull()
    expect(consultWaitSec({ ...consult, startTime: null })).toBeNull()
  })
})
