// CONTRACT.md "Numbers", counted by hand: one record built for each case the definitions tell apart,
// then the 13 seed records (both samples, read with the -330 they were fetched with).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { agent, conversation, direct, queue, sec, T0 } from '../test/conversation-fixtures'
import type { Conversation } from './conversation'
import { outcomeOf } from './conversation-outcome'
import { agentFigures, kpiFigures, queueFigures } from './figures'
import { normalizeRecord, normalizeResponse } from './normalize'

const at = (s: number) => T0 + sec(s)
const taken = (id: string, name: string, acceptedAfter: number, more = {}) =>
  agent(id, name, { acceptedTime: at(acceptedAfter), ...more })
const enter = (s: number) => ({ enterTime: at(s) })

// One record per case. Queue Q1 unless said; inbound unless said.
const cases = {
  answered: conversation({
    id: 'answered',
    direction: 'Inbound',
    destinations: [
      queue(
        'q1',
        'Q1',
        taken('a1', 'Ann', 10, {
          interactionDurationSec: 100,
          afterCallWorkSec: 20,
          firstResponseDurationSec: 4,
        }),
        enter(0),
      ),
    ],
    csatScore: 5,
  }),
  callback: conversation({
    id: 'callback',
    destinations: [queue('q1', 'Q1', null, { ...enter(0), callbackOpted: true, callbackOptedTime: at(30) })],
    disconnectingEvent: 'User Hangup',
  }),
  open: conversation({
    id: 'open',
    finalStatus: 'TRANSIENT_OPEN',
    // assigned, never accepted: not a responding agent
    destinations: [
      queue('q1', 'Q1', agent('a9', 'Uma', { acceptedTime: null, assignedAt: at(5) }), enter(0)),
    ],
  }),
  outbound: conversation({
    id: 'outbound',
    direction: 'outbound',
    destinations: [queue('q1', 'Q1', null, enter(0))],
    disconnectingEvent: 'User Hangup',
  }),
  systemHangup: conversation({
    id: 'system',
    destinations: [queue('q1', 'Q1', null, enter(0))],
    disconnectingEvent: 'System Hangup',
  }),
  botHangup: conversation({
    id: 'bot-hangup',
    destinations: [queue('q2', 'Q2', null, enter(0))],
    disconnectingEvent: 'Bot Hangup',
  }),
  abandoned: conversation({
    id: 'abandoned',
    // transferred Q1 → Q2, hung up in Q2: abandoned in Q2, its last queue
    destinations: [queue('q1', 'Q1', null, enter(0)), queue('q2', 'Q2', null, enter(40))],
    disconnectingEvent: 'User Hangup',
  }),
  userAbandonedNoQueue: conversation({
    id: 'user-abandoned',
    finalStatus: 'USER ABANDONED',
    disconnectingEvent: 'User Hangup',
    destinations: [],
  }),
  abandonedWithAgent: conversation({
    id: 'with-agent',
    smartStatus: 'ABANDONED WITH AGENT',
    destinations: [queue('q2', 'Q2', taken('a2', 'Bob', 30, { interactionDurationSec: 50 }), enter(0))],
  }),
  voicemail: conversation({
    id: 'voicemail',
    isVoicemail: true,
    destinations: [queue('q1', 'Q1', null, enter(0))],
    disconnectingEvent: 'User Hangup',
  }),
  reassigned: conversation({
    id: 'reassigned',
    // Ann ignored it in Q2, a supervisor gave it to Bob directly
    destinations: [
      queue('q2', 'Q2', null, {
        ...enter(0),
        nonRespondingAgents: [
          {
            agentId: 'a1',
            name: 'Ann',
            email: null,
            assignedAt: at(2),
            nonResponseEvent: 'Supervisor Reassigned',
            agentNotes: null,
          },
        ],
      }),
      direct(taken('a2', 'Bob', 15, { interactionDurationSec: 60, holdSec: 10, afterCallWorkSec: 5 })),
    ],
    csatScore: 3,
  }),
  transferred: conversation({
    id: 'transferred',
    destinations: [
      queue(
        'q1',
        'Q1',
        taken('a1', 'Ann', 25, { interactionDurationSec: 40, firstResponseDurationSec: 6 }),
        enter(0),
      ),
      queue(
        'q2',
        'Q2',
        taken('a2', 'Bob', 100, { interactionDurationSec: 30, firstResponseTime: at(108) }),
        enter(70),
      ),
    ],
    csatScore: 4,
  }),
  consult: conversation({
    id: 'consult',
    destinations: [
      queue(
        'q1',
        'Q1',
        taken('a2', 'Bob', 5, {
          interactionDurationSec: 90,
          // a consultant is not a segment: neither handled nor transferred
          consultingAgents: [
            {
              agentId: 'a3',
              name: 'Cy',
              email: null,
              external: false,
              isMerged: true,
              startTime: at(20),
              endTime: at(50),
              durationSec: 30,
            },
          ],
        }),
        enter(0),
      ),
    ],
  }),
  unknownEnter: conversation({
    id: 'unknown-enter',
    destinations: [
      queue('q1', 'Q1', taken('a1', 'Ann', 10, { interactionDurationSec: 10 }), { enterTime: null }),
    ],
  }),
  contained: conversation({
    id: 's-bot1',
    conversationId: null,
    sessionId: 's-bot1',
    botOnly: true,
    finalStatus: 'BotResolved',
  }),
  botDropOff: conversation({
    id: 's-bot2',
    conversationId: null,
    sessionId: 's-bot2',
    botOnly: true,
    finalStatus: 'Dropped',
    disconnectingEvent: 'Bot Hangup',
  }),
} satisfies Record<string, Conversation>

const all = Object.values(cases)
const flags = (c: Conversation) =>
  Object.entries(outcomeOf(c))
    .filter(([, v]) => v)
    .map(([k]) => k)

describe('outcomeOf: each record counts as the contract says', () => {
  it('tells each case apart', () => {
    expect(flags(cases.answered)).toEqual(['queued', 'answered', 'offered'])
    expect(flags(cases.callback)).toEqual(['queued', 'callback', 'offered'])
    expect(flags(cases.open)).toEqual(['queued', 'open'])
    expect(flags(cases.outbound)).toEqual(['queued', 'outbound'])
    expect(flags(cases.systemHangup)).toEqual(['queued', 'offered', 'unanswered', 'droppedBySystem'])
    expect(flags(cases.botHangup)).toEqual(['queued', 'offered', 'unanswered', 'droppedBySystem'])
    expect(flags(cases.abandoned)).toEqual([
      'queued',
      'offered',
      'unanswered',
      'abandonedInQueue',
      'abandoned',
    ])
    expect(flags(cases.userAbandonedNoQueue)).toEqual(['abandonedNoQueue', 'abandoned'])
    expect(flags(cases.abandonedWithAgent)).toEqual(['queued', 'answered', 'offered', 'abandonedWithAgent'])
    expect(flags(cases.voicemail)).toEqual(['queued', 'voicemail', 'offered', 'unanswered'])
    expect(flags(cases.reassigned)).toEqual(['queued', 'answered', 'offered'])
    expect(flags(cases.transferred)).toEqual(['queued', 'answered', 'offered', 'transferred'])
    expect(flags(cases.consult)).toEqual(['queued', 'answered', 'offered'])
    expect(flags(cases.contained)).toEqual(['botOnly', 'contained'])
    expect(flags(cases.botDropOff)).toEqual(['botOnly', 'botDropOff'])
  })

  it('reads an older record’s direction from metaInfo.customerinfo.Direction', () => {
    const raw = {
      conversationId: 'c-old',
      metaInfo: { customerinfo: { Direction: 'Outbound' } },
      destinations: [],
    }
    const { conversation: c } = normalizeRecord(raw, 0, { timeZoneOffset: 0 })
    expect(c.direction).toBe('Outbound')
    expect(outcomeOf(c).outbound).toBe(true)
  })
})

describe('kpiFigures over one record per case', () => {
  const k = kpiFigures(all, 20)

  it('counts offered, answered and where the unanswered went', () => {
    // offered: answered callback system bot-hangup abandoned with-agent voicemail reassigned
    // transferred consult unknown-enter (not open, not outbound, not user-abandoned, not bot-only)
    expect(k.records).toBe(16)
    expect(k.offered).toBe(11)
    expect(k.answered).toBe(6) // answered with-agent reassigned transferred consult unknown-enter
    expect(k.answeredOffered).toBe(6)
    expect(k.callbacks).toBe(1)
    expect(k.voicemail).toBe(1)
    expect(k.droppedBySystem).toBe(2)
    expect(k.abandoned).toBe(2) // abandoned (in Q2) + user-abandoned (no queue)
    expect(k.abandonedNoQueue).toBe(1)
    expect(k.abandonedWithAgent).toBe(1)
    // 6 + 1 + 1 + 2 + 1 in a queue = the 11 offered
    expect(
      k.answeredOffered + k.callbacks + k.voicemail + k.droppedBySystem + (k.abandoned - k.abandonedNoQueue),
    ).toBe(k.offered)
  })

  it('divides by the documented bases', () => {
    expect(k.abandonRate).toEqual({ value: 2 / 12, part: 2, whole: 12 }) // ÷ (11 offered + 1 without a queue)
    // waits: answered 10, with-agent 30, reassigned 15 (direct agent after the queue), transferred 25, consult 5
    expect(k.speedOfAnswer).toEqual({ value: 85 / 5, sum: 85, n: 5 })
    expect(k.unknownWaits).toBe(1) // unknown-enter
    // ≤ 20 s: answered, reassigned, consult = 3 ÷ (5 known + 1 abandoned in a queue)
    expect(k.serviceLevel).toEqual({ value: 3 / 6, part: 3, whole: 6, thresholdSec: 20 })
    // handle: answered 120, with-agent 50, reassigned 65, transferred 40 + 30, consult 90, unknown-enter 10
    expect(k.handlePerConversation).toEqual({ value: 405 / 6, sum: 405, n: 6 })
    expect(k.handlePerSegment).toEqual({ value: 405 / 7, sum: 405, n: 7 })
    expect(k.handledSegments).toBe(7) // the open record's assigned-only agent is not one
    // first response: answered 4, transferred Ann 6 and Bob 108 − 100 = 8
    expect(k.firstResponse).toEqual({ value: 18 / 3, sum: 18, n: 3 })
    expect(k.transferRate).toEqual({ value: 1 / 6, part: 1, whole: 6 })
    expect(k.botContainment).toEqual({ value: 1 / 16, part: 1, whole: 16 })
    expect(k.botDropOffs).toBe(1)
    expect(k.csat).toEqual({ value: 4, sum: 12, n: 3 })
  })

  it('moves the service level with its threshold', () => {
    expect(kpiFigures(all, 30).serviceLevel.part).toBe(5)
    expect(kpiFigures(all, 1).serviceLevel.part).toBe(0)
  })
})

describe('queueFigures', () => {
  const rows = Object.fromEntries(queueFigures(all, 20).map((q) => [q.name, q]))

  it('counts each queue a conversation entered, and unanswered ones in their last queue', () => {
    const q1 = rows.Q1
    const q2 = rows.Q2
    // Q1 offered: answered callback system abandoned voicemail transferred consult unknown-enter
    expect(q1).toMatchObject({ offered: 8, answered: 4, abandoned: 0, droppedBySystem: 1, callbacks: 1 })
    // Q2 offered: bot-hangup abandoned with-agent reassigned transferred
    expect(q2).toMatchObject({ offered: 5, answered: 2, abandoned: 1, droppedBySystem: 1, callbacks: 0 })
    expect(q2?.abandonRate.value).toBe(1 / 5)
    for (const q of [q1, q2])
      expect(
        (q?.answered ?? 0) + (q?.abandoned ?? 0) + (q?.droppedBySystem ?? 0) + (q?.callbacks ?? 0),
      ).toBeLessThanOrEqual(q?.offered ?? 0)
  })

  it('measures the queue’s own wait and the handle time of segments answered from it', () => {
    // Q1 waits: answered 10, transferred 25, consult 5 (unknown-enter has no entry time)
    expect(rows.Q1?.speedOfAnswer).toEqual({ value: 40 / 3, sum: 40, n: 3 })
    // Q2: with-agent 30, transferred 100 − 70 = 30
    expect(rows.Q2?.speedOfAnswer).toEqual({ value: 30, sum: 60, n: 2 })
    expect(rows.Q2?.serviceLevel).toEqual({ value: 0, part: 0, whole: 3 }) // 2 answered over 20 s + 1 abandoned
    expect(rows.Q1?.handle).toEqual({ value: (120 + 40 + 90 + 10) / 4, sum: 260, n: 4 })
  })
})

describe('agentFigures', () => {
  const rows = Object.fromEntries(agentFigures(all).map((a) => [a.key, a]))

  it('counts handled segments per agent, summing to the KPI row’s handled segments', () => {
    expect(Object.values(rows).reduce((n, a) => n + a.handled, 0)).toBe(kpiFigures(all).handledSegments)
    expect(rows.a1).toMatchObject({
      name: 'Ann',
      handled: 3,
      handleSec: 120 + 40 + 10,
      transfers: 1,
      notResponding: 1,
    })
    expect(rows.a1?.notRespondingReasons).toEqual([{ reason: 'Supervisor Reassigned', count: 1 }])
    expect(rows.a2).toMatchObject({
      name: 'Bob',
      handled: 4,
      handleSec: 50 + 65 + 30 + 90,
      talkSec: 50 + 50 + 30 + 90,
      holdSec: 10,
      afterCallWorkSec: 5,
    })
    // the assigned-only agent of the open record has no row; the consultant has none either
    expect(rows.a9).toBeUndefined()
    expect(rows.a3).toBeUndefined()
  })

  it('gives CSAT to the agent of the last handled segment', () => {
    expect(rows.a1?.csat).toEqual({ value: 5, sum: 5, n: 1 }) // answered
    expect(rows.a2?.csat).toEqual({ value: 3.5, sum: 7, n: 2 }) // reassigned 3, transferred 4
    expect(rows.a1?.firstResponse).toEqual({ value: 5, sum: 10, n: 2 })
  })
})

describe('the 13 seed records (CONTRACT.md "Numbers", issue 9)', () => {
  const read = (file: string) =>
    normalizeResponse(JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')), {
      timeZoneOffset: -330,
    }).conversations
  const seed = [...read('sample-response.json'), ...read('sample-response-newer.json')]
  const k = kpiFigures(seed)

  it('offers 4 inbound queued contacts; the system hang-up among them is a drop, not an abandon', () => {
    expect(seed).toHaveLength(13)
    expect(k.offered).toBe(4)
    expect(k.droppedBySystem).toBe(1) // c-…8exxxx: NO AGENTS AVAILABLE, System Hangup: 25% of offered
    expect(k.abandoned).toBe(0)
    expect(k.abandonRate.value).toBe(0)
  })

  it('waits 0:22 for …aa03 (top-level AgentSegment after its queue entry): 25 s over 3', () => {
    const aa03 = seed.find((c) => c.id.endsWith('aa03'))
    expect(aa03).toBeDefined()
    expect(k.speedOfAnswer).toEqual({ value: 25, sum: 75, n: 3 })
  })

  it('handles 1,338 s: 2:14 per answered conversation, 1:24 per agent segment', () => {
    expect(k.handlePerConversation).toEqual({ value: 133.8, sum: 1338, n: 10 })
    expect(k.handlePerSegment.n).toBe(16)
    expect(Math.round(k.handlePerSegment.value ?? 0)).toBe(84)
  })

  it('counts UATAug14th 01 on 7 conversations (the assigned-only one is not theirs)', () => {
    const uat = agentFigures(seed).find((a) => a.name === 'UATAug14th 01')
    expect(uat?.conversations).toBe(7)
    expect(uat?.handled).toBe(7)
  })
})
