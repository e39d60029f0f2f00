// The destination timeline on the two seed samples (normalized with the offset they were fetched
// with, India -330; `ist` reads an India wall-clock time independently of the parser) and on hand-made
// fixtures. Expected orders are read off the JSON by hand.

import { describe, expect, it } from 'vitest'
import type { Conversation } from '../../api/conversation'
import older from '../../api/fixtures/sample-response.json' with { type: 'json' }
import newer from '../../api/fixtures/sample-response-newer.json' with { type: 'json' }
import { normalizeResponse } from '../../api/normalize'
import {
  agent,
  agentSegment,
  botOnlySession,
  conversation,
  directAgent,
  queue,
  sec,
  T0,
  transferredChat,
  voiceCall,
} from '../../test/conversation-fixtures'
import { type TimelineEvent, timelineEvents } from './timeline'

const ist = (local: string) => Date.parse(`${local}+05:30`)
const opts = { timeZoneOffset: -330 }
const olderList = normalizeResponse(older, opts).conversations
const newerList = normalizeResponse(newer, opts).conversations

function byId(list: Conversation[], prefix: string): Conversation {
  const c = list.find((x) => x.id.startsWith(prefix))
  if (c === undefined) throw new Error(`no conversation ${prefix}`)
  return c
}

/** [time, kind, label] rows: the part of each event a reader checks by eye. */
const rows = (events: TimelineEvent[]) => events.map((e) => [e.time, e.kind, e.label])
/** seconds after T0 (the fixtures' session start); null stays null */
const rel = (t: number | null) => (t === null ? null : (t - T0) / 1000)
const find = (events: TimelineEvent[], kind: TimelineEvent['kind']) => {
  const e = events.find((x) => x.kind === kind)
  if (e === undefined) throw new Error(`no ${kind} event`)
  return e
}

describe('timelineEvents on the older sample', () => {
  it('orders c-185d9c5 by time: the session end is recorded at 17:20:01, the call ends at 17:20:04', () => {
    const events = timelineEvents(byId(olderList, 'c-185d9c5'))
    expect(rows(events)).toEqual([
      [ist('2024-11-18T17:18:03'), 'session-start', 'Session started'],
      [ist('2024-11-18T17:18:04'), 'queue', 'Entered queue Default Queue'],
      [ist('2024-11-18T17:18:05'), 'assigned', 'Assigned to New Role 01'],
      [ist('2024-11-18T17:18:20'), 'accepted', 'Accepted by New Role 01'],
      [ist('2024-11-18T17:18:20'), 'first-response', 'First response from New Role 01'],
      [ist('2024-11-18T17:18:41'), 'consult', 'Consulted UATAug14th 01'],
      [ist('2024-11-18T17:20:01'), 'session-end-recorded', 'Session end recorded'],
      [ist('2024-11-18T17:20:04'), 'interaction-end', 'Interaction with New Role 01 ended'],
      [ist('2024-11-18T17:20:04'), 'session-end', 'Conversation ended'],
    ])
    expect(find(events, 'session-start').detail).toBe('Voice · Inbound')
    expect(find(events, 'accepted').detail).toBe('waited 0:16 in the queue')
    expect(find(events, 'first-response').detail).toBe('after 0:00')
    // offered 17:18:41, accepted 17:18:55, ended 17:19:57
    expect(find(events, 'consult').detail).toBe('answered after 0:14 · lasted 1:02')
    expect(find(events, 'session-end-recorded').detail).toBe(
      'not the end: the conversation went on 0:03 longer',
    )
    expect(find(events, 'session-end').detail).toBe('CLOSED · Agent Hangup')
  })

  it('puts hold inside the interaction: 104 s of which 57 s on hold is 47 s of talk, no hold event', () => {
    const events = timelineEvents(byId(olderList, 'c-185d9c5'))
    expect(find(events, 'interaction-end').detail).toBe('interaction 1:44 · talk 0:47 · hold 0:57')
    expect(events.some((e) => /hold/i.test(e.label))).toBe(false)
  })

  it('keeps a queue entry without EnterTime where the record puts it, time unknown', () => {
    // c-66a640e: an outbound call whose queue entry has no EnterTime, then a direct agent
    const events = timelineEvents(byId(olderList, 'c-66a640e'))
    expect(events.map((e) => e.kind)).toEqual([
      'session-start',
      'queue',
      'assigned',
      'accepted',
      'interaction-end',
      'transfer',
      'accepted',
      'first-response',
      'interaction-end',
      'session-end',
    ])
    expect(events[1]?.time).toBeNull()
    expect(events[5]?.label).toBe('Transferred to agent New Role 01')
    expect(events[6]?.detail).toBe('answered 0:04 after assignment')
  })

  it('shows an unanswered queue visit and a direct segment that was never accepted', () => {
    expect(find(timelineEvents(byId(olderList, 'c-43bc8a3')), 'queue').detail).toBe(
      'no agent answered in this queue',
    )
    const open = timelineEvents(byId(olderList, 'c-c613d89'))
    expect(rows(open).map((r) => r[1])).toEqual(['session-start', 'assigned', 'session-end'])
    expect(find(open, 'assigned')).toMatchObject({
      label: 'Assigned directly to UATAug14th 01',
      detail: 'not accepted',
    })
  })
})

describe('timelineEvents on the newer sample', () => {
  it('reads the callback (UTC times) in India time, the external consult and after-call work', () => {
    const events = timelineEvents(byId(newerList, 'c-c880eb2'))
    expect(rows(events)).toEqual([
      [ist('2025-09-30T12:04:14'), 'session-start', 'Session started'],
      [ist('2025-09-30T12:04:23'), 'queue', 'Entered queue Billing'],
      [ist('2025-09-30T12:04:48'), 'assigned', 'Assigned to Agent One'],
      [Date.parse('2025-09-30T06:34:48.810Z'), 'callback', 'Customer opted for a callback'],
      [ist('2025-09-30T12:05:00'), 'accepted', 'Accepted by Agent One'],
      [ist('2025-09-30T12:05:00'), 'first-response', 'First response from Agent One'],
      [Date.parse('2025-09-30T06:35:00.589Z'), 'callback-accepted', 'Customer accepted the callback'],
      [ist('2025-09-30T12:05:36'), 'consult', 'Consulted external number +919550000001'],
      [ist('2025-09-30T12:06:08'), 'session-end-recorded', 'Session end recorded'],
      [ist('2025-09-30T12:06:10'), 'interaction-end', 'Interaction with Agent One ended'],
      [ist('2025-09-30T12:06:13'), 'after-call-work', 'After-call work by Agent One ended'],
      [ist('2025-09-30T12:06:13'), 'session-end', 'Conversation ended'],
    ])
    expect(find(events, 'session-end').detail).toBe('CLOSED · Bot Hangup · after Agent One’s after-call work')
    expect(find(events, 'consult').detail).toBe('answered after 0:09 · lasted 0:13 · merged into the call')
    expect(find(events, 'interaction-end').detail).toBe('interaction 1:10')
    expect(find(events, 'after-call-work').detail).toBe('after-call work 0:03 · handle 1:13')
  })

  it('shows the agent who did not take it, then the supervisor’s reassignment to a direct agent', () => {
    const events = timelineEvents(byId(newerList, 'c-252425a'))
    expect(rows(events)).toEqual([
      [ist('2025-10-01T15:30:04'), 'session-start', 'Session started'],
      [ist('2025-10-01T15:30:23'), 'queue', 'Entered queue Default Queue'],
      [ist('2025-10-01T15:30:35'), 'not-taken', 'Offered to Agent Two, not taken'],
      [ist('2025-10-01T15:30:42'), 'transfer', 'Transferred to agent Agent Three'],
      [ist('2025-10-01T15:30:45'), 'accepted', 'Accepted by Agent Three'],
      [ist('2025-10-01T15:31:00'), 'interaction-end', 'Interaction with Agent Three ended'],
      [ist('2025-10-01T15:31:01'), 'session-end-recorded', 'Session end recorded'],
      [ist('2025-10-01T15:31:32'), 'after-call-work', 'After-call work by Agent Three ended'],
      [ist('2025-10-01T15:31:32'), 'session-end', 'Conversation ended'],
    ])
    expect(find(events, 'not-taken').detail).toBe('Supervisor Reassigned')
    expect(find(events, 'after-call-work').detail).toBe('after-call work 0:32 · handle 0:47')
  })

  it('gives a bot-only session its start and end only', () => {
    const events = timelineEvents(byId(newerList, '68db7457'))
    expect(rows(events)).toEqual([
      [ist('2025-09-30T11:40:31'), 'session-start', 'Session started'],
      [ist('2025-09-30T11:40:42'), 'session-end', 'Session ended'],
    ])
    expect(events[0]?.detail).toContain('handled by the bot only')
    expect(events[1]?.detail).toBe('BotResolved')
  })

  it('gives every event of both samples a unique key', () => {
    for (const c of [...olderList, ...newerList]) {
      const keys = timelineEvents(c).map((e) => e.key)
      expect(new Set(keys).size).toBe(keys.length)
    }
  })
})

describe('the end of a conversation is its latest end, not sessionEndTime', () => {
  // chats whose sessionEndTime is the bot's hand-off to the agent, or a moment inside the agent's
  // interaction, minutes before the conversation really ends (read off the JSON by hand)
  const cases = [
    ['c-d521a77', olderList, '2024-11-18T17:26:54', '2024-11-18T17:36:43', 'UATAug14th 01', '9:49'],
    ['c-01c1e11', olderList, '2024-11-18T17:25:16', '2024-11-18T17:25:49', 'UATAug14th 01', '0:33'],
    ['c-e43cac4', olderList, '2024-11-18T17:11:47', '2024-11-18T17:12:00', 'UATAug14th 01', '0:13'],
    ['c-e190a93', olderList, '2024-11-18T17:06:10', '2024-11-18T17:06:58', null, '0:48'],
    ['c-8741e16', olderList, '2024-11-18T16:57:51', '2024-11-18T17:00:54', null, '3:03'],
    // after-call work ends 31 s after the session end (the interaction ended 1 s before it)
    ['c-252425a', newerList, '2025-10-01T15:31:01', '2025-10-01T15:31:32', null, '0:31'],
  ] as const

  it.each(cases)(
    '%s: "Conversation ended · CLOSED · Agent Closed" last, at the latest end',
    (id, list, _s, end) => {
      const events = timelineEvents(byId([...list], id))
      const last = events.at(-1)
      expect(last).toMatchObject({ kind: 'session-end', time: ist(end), label: 'Conversation ended' })
      expect(last?.detail).toMatch(/^CLOSED · Agent Closed/)
      // nothing comes after the end
      expect(Math.max(...events.map((e) => e.time ?? 0))).toBe(ist(end))
    },
  )

  it.each(cases)(
    '%s: the recorded session end is a neutral event at sessionEndTime',
    (id, list, at, _e, to, more) => {
      const events = timelineEvents(byId([...list], id))
      const recorded = find(events, 'session-end-recorded')
      expect(recorded.time).toBe(ist(at))
      if (to === null) {
        expect(recorded.label).toBe('Session end recorded')
        expect(recorded.detail).toBe(`not the end: the conversation went on ${more} longer`)
      } else {
        expect(recorded.label).toBe(`Bot session ended, handed over to ${to}`)
        expect(recorded.detail).toBe(`the conversation went on ${more} longer`)
        // the hand-off comes before the assignment it coincides with
        const n = events.indexOf(recorded)
        expect(events[n + 1]).toMatchObject({ time: ist(at), label: `Assigned directly to ${to}` })
      }
      expect(events.filter((e) => e.kind === 'session-end')).toHaveLength(1)
    },
  )

  it('gives a conversation that ends at sessionEndTime one end event and no recorded one', () => {
    // c-66a640e: the last interaction ends at sessionEndTime 17:13:29
    const events = timelineEvents(byId(olderList, 'c-66a640e'))
    expect(events.filter((e) => e.kind.startsWith('session-end'))).toMatchObject([
      { kind: 'session-end', time: ist('2024-11-18T17:13:29'), detail: 'CLOSED · Agent Hangup' },
    ])
  })
})

describe('timelineEvents on hand-made fixtures', () => {
  it('reads the fixture voice call: callback without a time, external consult, hold, ACW', () => {
    const events = timelineEvents(voiceCall)
    expect(events.map((e) => [rel(e.time), e.kind])).toEqual([
      [0, 'session-start'],
      [1, 'queue'],
      // opted, the record does not say when: kept after the queue entry
      [null, 'callback'],
      [2, 'assigned'],
      [17, 'accepted'],
      // no firstResponseTime: kept after the acceptance
      [null, 'first-response'],
      [40, 'consult'],
      [118, 'session-end-recorded'],
      [121, 'interaction-end'],
      [151, 'after-call-work'],
      [151, 'session-end'],
    ])
    expect(find(events, 'interaction-end').detail).toBe('interaction 1:44 · talk 0:47 · hold 0:57')
    expect(find(events, 'after-call-work').detail).toBe('after-call work 0:30 · handle 2:14')
    expect(find(events, 'consult').label).toBe('Consulted external number +919550000000')
  })

  it('keeps untimed segment events in record order after the last known time', () => {
    // transferredChat: Agent One has only acceptedTime, Agent Three's segment has no assignedAt
    const events = timelineEvents(transferredChat)
    expect(events.map((e) => [rel(e.time), e.kind, e.label])).toEqual([
      [0, 'session-start', 'Session started'],
      [10, 'queue', 'Entered queue Billing'],
      [40, 'accepted', 'Accepted by Agent One'],
      [null, 'interaction-end', 'Interaction with Agent One ended'],
      [null, 'after-call-work', 'After-call work by Agent One ended'],
      [null, 'transfer', 'Transferred to agent Agent Three'],
      [120, 'accepted', 'Accepted by Agent Three'],
      [null, 'first-response', 'First response from Agent Three'],
      [null, 'consult', 'Consulted Agent Five'],
      [null, 'consult', 'Consulted external number +15550199'],
      [null, 'interaction-end', 'Interaction with Agent Three ended'],
      [null, 'after-call-work', 'After-call work by Agent Three ended'],
      // no sessionEndTime: the end is Conversation.endTime
      [200, 'session-end', 'Conversation ended'],
    ])
    expect(events[8]?.detail).toBe('merged into the call')
  })

  it('sorts destinations by time first, then names the first one entered and later ones transfers', () => {
    const c = conversation({
      id: 'c-two-queues',
      sessionStartTime: T0,
      destinations: [
        queue(
          'q-sup',
          'Support',
          agent('u-bo', 'Bo', { acceptedTime: T0 + sec(50), interactionEndTime: T0 + sec(90) }),
          {
            enterTime: T0 + sec(30),
          },
        ),
        queue('q-bill', 'Billing', null, {
          enterTime: T0 + sec(20),
          nonRespondingAgents: [
            {
              agentId: 'u-ada',
              name: 'Ada',
              email: null,
              assignedAt: T0 + sec(25),
              nonResponseEvent: 'Ignored',
              agentNotes: null,
            },
          ],
        }),
      ],
    })
    const events = timelineEvents(c)
    expect(events.map((e) => [rel(e.time), e.label, e.detail])).toEqual([
      [0, 'Session started', null],
      // listed second in the record, entered first
      [20, 'Entered queue Billing', 'no agent answered in this queue'],
      [25, 'Offered to Ada, not taken', 'Ignored'],
      [30, 'Transferred to queue Support', null],
      [50, 'Accepted by Bo', 'waited 0:20 in the queue'],
      [90, 'Interaction with Bo ended', 'interaction 0:40'],
      [null, 'Conversation ended', null],
    ])
    expect(events.map((e) => e.kind)).toEqual([
      'session-start',
      'queue',
      'not-taken',
      'transfer',
      'accepted',
      'interaction-end',
      'session-end',
    ])
  })

  it('labels a direct agent assigned before a queue entered later in the record: assigned, then transfer', () => {
    const c = conversation({
      id: 'c-direct-then-queue',
      sessionStartTime: T0,
      destinations: [
        queue(
          'q-sup',
          'Support',
          agent('u-bo', 'Bo', { assignedAt: T0 + sec(62), acceptedTime: T0 + sec(65) }),
          {
            enterTime: T0 + sec(60),
          },
        ),
        directAgent({
          name: 'Ada',
          assignedAt: T0 + sec(10),
          acceptedTime: T0 + sec(12),
          status: 'Answered',
        }),
        queue('q-bill', 'Billing', null, { enterTime: T0 + sec(90) }),
      ],
    })
    const events = timelineEvents(c)
    expect(
      events.filter((e) => e.kind === 'queue' || e.kind === 'transfer' || e.label.startsWith('Assigned')),
    ).toMatchObject([
      { time: T0 + sec(10), kind: 'assigned', label: 'Assigned directly to Ada' },
      { time: T0 + sec(60), kind: 'transfer', label: 'Transferred to queue Support' },
      { time: T0 + sec(62), kind: 'assigned', label: 'Assigned to Bo' },
      { time: T0 + sec(90), kind: 'transfer', label: 'Transferred to queue Billing' },
    ])
  })

  it('has only session events for a bot-only fixture, and survives an empty record', () => {
    expect(timelineEvents(botOnlySession).map((e) => e.kind)).toEqual(['session-start', 'session-end'])
    const empty = timelineEvents(conversation({ id: 'x' }))
    expect(empty.map((e) => [e.kind, e.time])).toEqual([
      ['session-start', null],
      ['session-end', null],
    ])
  })

  it('marks a direct first destination as assigned directly, unnamed agents as such', () => {
    const events = timelineEvents(
      conversation({
        id: 'c-direct',
        destinations: [directAgent({ assignedAt: T0, acceptedTime: T0 + sec(3), status: 'Answered' })],
      }),
    )
    expect(events.map((e) => e.label)).toEqual([
      'Session started',
      'Assigned directly to an unnamed agent',
      'Accepted by an unnamed agent',
      'Conversation ended',
    ])
    expect(events[2]?.detail).toBe('answered 0:03 after assignment')
    // a queue's agent segment without assignedAt gets no "assigned" event
    expect(
      timelineEvents(
        conversation({ id: 'y', destinations: [queue('q', 'Q', agentSegment({ name: 'Z' }))] }),
      ).map((e) => e.kind),
    ).toEqual(['session-start', 'queue', 'session-end'])
  })
})
