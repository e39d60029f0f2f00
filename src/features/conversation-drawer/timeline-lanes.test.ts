// The timeline picture's model: lanes, marks and what is left unknown. Times are seconds after T0.

import { describe, expect, it } from 'vitest'
import type { Conversation } from '../../api/conversation'
import older from '../../api/fixtures/sample-response.json' with { type: 'json' }
import newer from '../../api/fixtures/sample-response-newer.json' with { type: 'json' }
import { normalizeResponse } from '../../api/normalize'
import {
  agentSegment,
  botOnlySession,
  conversation,
  queueVisit,
  T0,
  transferredChat,
  voiceCall,
} from '../../test/conversation-fixtures'
import { axisTicks, markText } from './timeline-chart'
import { at, transferWithEverything } from './timeline-fixtures'
import { type Lane, type TimelineChart, timelineChart } from './timeline-lanes'

const rel = (t: number) => (t - T0) / 1000
const opts = { timeZoneOffset: -330 }
const olderList = normalizeResponse(older, opts).conversations
const newerList = normalizeResponse(newer, opts).conversations
const byId = (list: Conversation[], prefix: string) => {
  const c = list.find((x) => x.id.startsWith(prefix))
  if (c === undefined) throw new Error(`no conversation ${prefix}`)
  return c
}

function chartOf(c: Conversation): TimelineChart {
  const chart = timelineChart(c)
  if (chart === null) throw new Error('no chart')
  return chart
}

/** [kind, start, end] of a lane's marks, in seconds after T0. */
const marks = (lane: Lane | undefined) => lane?.marks.map((m) => [m.kind, rel(m.start), rel(m.end)])
const utc = (t: number) => new Date(t).toISOString().slice(11, 19)

describe('timelineChart', () => {
  const chart = chartOf(transferWithEverything)
  const lane = (title: string) => chart.lanes.find((l) => l.title === title)

  it('has one lane per queue and per agent, the session first, the rest by their first time', () => {
    expect(chart.lanes.map((l) => [l.kind, l.title])).toEqual([
      ['session', 'Session'],
      ['queue', 'Billing'],
      ['agent', 'Ada'],
      ['agent', 'Agent One'],
      ['queue', 'Support'],
      ['agent', 'Agent Three'],
    ])
    // the consulted agent is an overlay on Agent One's lane, not a lane of its own
    expect(chart.lanes.some((l) => l.title === 'Agent Five')).toBe(false)
    expect([rel(chart.start), rel(chart.end)]).toEqual([0, 330])
    expect(chart.unknown).toEqual([])
  })

  it('draws the bot part, the recorded session end and the end on the session lane', () => {
    expect(marks(lane('Session'))).toEqual([
      ['bot', 0, 10],
      ['session-end-recorded', 160, 160],
      ['end', 330, 330],
    ])
    expect(lane('Session')?.marks[2]).toMatchObject({
      title: 'Conversation ended',
      note: 'CLOSED · Agent Hangup',
    })
  })

  it('draws queue waits until acceptance, ringing until the next offer', () => {
    expect(marks(lane('Billing'))).toEqual([['wait', 10, 35]])
    expect(marks(lane('Support'))).toEqual([['wait', 152, 170]])
    expect(marks(lane('Ada'))).toEqual([['not-responding', 12, 30]])
    expect(lane('Ada')?.marks[0]).toMatchObject({
      title: 'Offered to Ada in Billing (not responding: Ignored)',
      note: 'until Agent One was offered it',
    })
  })

  it('splits the interaction into talk and a nominal hold, then consult, first response, after-call work', () => {
    expect(marks(lane('Agent One'))).toEqual([
      ['ring', 30, 35],
      // 115 s of interaction, the last 40 s drawn as hold
      ['talk', 35, 110],
      ['hold', 110, 150],
      ['first-response', 40, 40],
      ['consult', 60, 90],
      ['acw', 150, 180],
    ])
    const [, talk, hold] = lane('Agent One')?.marks ?? []
    expect(talk).toMatchObject({ durationSec: 115, shown: { start: at(35), end: at(150) } })
    expect(hold).toMatchObject({ durationSec: 40, nominal: { within: [at(35), at(150)] } })
    // after-call work without an end time: its end comes from its duration
    expect(marks(lane('Agent Three'))).toEqual([
      ['ring', 165, 170],
      ['talk', 170, 300],
      ['acw', 300, 330],
    ])
    expect(lane('Agent Three')?.marks[2]?.derived).toBe('end')
  })

  it('names every mark with its exact times and duration', () => {
    const texts = chart.lanes.flatMap((l) => l.marks.map((m) => markText(m, utc)))
    expect(texts).toEqual([
      'Bot, before the first queue or agent: 11:48:03 – 11:48:13 (0:10)',
      'Session end recorded: 11:50:43, not the end of the conversation, which went on 2:50 longer',
      'Conversation ended: 11:53:33, CLOSED · Agent Hangup',
      'Queue wait in Billing: 11:48:13 – 11:48:38 (0:25), until Agent One accepted',
      'Offered to Ada in Billing (not responding: Ignored): 11:48:15 – 11:48:33 (0:18), until Agent One was offered it',
      'Offered to Agent One in Billing, ringing: 11:48:33 – 11:48:38 (0:05), until accepted',
      'Interaction with Agent One in Billing: 11:48:38 – 11:50:33 (1:55), talk 1:15 + hold 0:40',
      'Hold 0:40 during the interaction with Agent One, somewhere between 11:48:38 and 11:50:33, when within the call is not recorded',
      'First response from Agent One: 11:48:43, 0:05 after acceptance',
      'Agent One consulted Agent Five: 11:49:03 – 11:49:33 (0:30), answered 0:05 after it was offered, merged into the call',
      'After-call work by Agent One: 11:50:33 – 11:51:03 (0:30)',
      'Queue wait in Support: 11:50:35 – 11:50:53 (0:18), until Agent Three accepted',
      'Offered to Agent Three in Support, ringing: 11:50:48 – 11:50:53 (0:05), until accepted',
      'Interaction with Agent Three in Support: 11:50:53 – 11:53:03 (2:10)',
      'After-call work by Agent Three: 11:53:03 – 11:53:33 (0:30, end from the recorded duration)',
    ])
  })

  it('gives a bot-only session a single bot lane', () => {
    const bot = chartOf(botOnlySession)
    expect(bot.lanes.map((l) => [l.kind, l.title])).toEqual([['bot', 'Bot']])
    expect(marks(bot.lanes[0])).toEqual([
      ['bot', 0, 11],
      ['end', 11, 11],
    ])
    expect(bot.lanes[0]?.marks[1]?.title).toBe('Session ended')
    const sample = chartOf(byId(newerList, '68db7457'))
    expect(sample.lanes.map((l) => l.kind)).toEqual(['bot'])
  })

  it('draws what is known and lists what is not', () => {
    // Agent One: accepted at 40, durations only; Agent Three: accepted at 120; consults without times
    const chat = chartOf(transferredChat)
    expect(chat.lanes.map((l) => l.title)).toEqual(['Session', 'Billing', 'Agent One', 'Agent Three'])
    expect(marks(chat.lanes[2])).toEqual([
      ['talk', 40, 110],
      ['acw', 110, 113],
    ])
    expect(chat.lanes[2]?.marks.map((m) => m.derived)).toEqual(['end', 'end'])
    // Agent Three's first response is placed from its duration after the acceptance
    expect(marks(chat.lanes[3])).toEqual([
      ['talk', 120, 135],
      ['first-response', 125, 125],
      ['acw', 135, 167],
    ])
    expect(chat.unknown).toEqual([
      'Agent Three consulted Agent Five: time unknown',
      'Agent Three consulted external number +15550199: time unknown',
    ])
    expect(chartOf(voiceCall).unknown).toEqual(['Callback opted in Default Queue: time unknown'])
  })

  it('keeps the lane of a queue entry without EnterTime, with nothing on it', () => {
    // c-66a640e: an outbound call whose queue entry has no EnterTime (and no name: its id stands in)
    const c = chartOf(byId(olderList, 'c-66a640e'))
    const q = 'qu-04e6978-6011-49d6-929d-cd715080xxxx'
    expect(c.lanes.map((l) => [l.title, l.marks.length > 0])).toEqual([
      ['Session', true],
      [q, false],
      ['UATAug14th 01', true],
      ['New Role 01', true],
    ])
    expect(c.unknown).toEqual([`Entry into queue ${q}: time unknown, wait not drawn`])
    const unnamed = chartOf(
      conversation({
        id: 'c-unnamed',
        sessionStartTime: at(0),
        endTime: at(50),
        destinations: [queueVisit({})],
      }),
    )
    expect(unnamed.lanes.map((l) => l.title)).toEqual(['Session', '(unnamed)'])
    expect(unnamed.unknown).toEqual(['Entry into an unnamed queue: time unknown, wait not drawn'])
  })

  it('ends an unanswered queue wait when the conversation moves on, else at the end', () => {
    const c = conversation({
      id: 'c-moved',
      sessionStartTime: at(0),
      endTime: at(100),
      destinations: [
        queueVisit({ queueId: 'q-2', queueName: 'Second', enterTime: at(40) }),
        queueVisit({
          queueId: 'q-1',
          queueName: 'First',
          enterTime: at(5),
          nonRespondingAgents: [
            {
              agentId: 'u-x',
              name: 'X',
              email: null,
              assignedAt: at(8),
              nonResponseEvent: null,
              agentNotes: null,
            },
          ],
        }),
      ],
    })
    const chart = chartOf(c)
    expect(chart.lanes.map((l) => [l.title, marks(l)])).toEqual([
      [
        'Session',
        [
          ['bot', 0, 5],
          ['end', 100, 100],
        ],
      ],
      ['First', [['wait', 5, 40]]],
      ['X', [['not-responding', 8, 40]]],
      ['Second', [['wait', 40, 100]]],
    ])
    expect(chart.lanes[1]?.marks[0]?.note).toBe('until it moved on to queue Second')
    expect(chart.lanes[3]?.marks[0]?.note).toBe('until the conversation ended')
  })

  it('is null when nothing has a time', () => {
    expect(
      timelineChart(conversation({ id: 'c-none', destinations: [queueVisit({ queueName: 'Q' })] })),
    ).toBeNull()
    expect(
      timelineChart(
        conversation({ id: 'c-none2', destinations: [queueVisit({ respondingAgent: agentSegment() })] }),
      ),
    ).toBeNull()
  })
})

describe('axisTicks', () => {
  const ist = (t: number) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit' }).format(
      t,
    )

  it('puts ticks on round times of the display zone, not of UTC', () => {
    // 12 hours: a tick every 2 hours, on India's even hours (UTC's half hours)
    const ticks = axisTicks(T0, T0 + 12 * 3600_000, 'Asia/Kolkata')
    expect(ticks.map(ist)).toEqual(['18:00', '20:00', '22:00', '00:00', '02:00', '04:00'])
    expect(new Date(ticks[0] ?? 0).toISOString()).toBe('2024-11-18T12:30:00.000Z')
  })

  it('chooses seconds for short spans, at most six ticks, all inside the span', () => {
    const ticks = axisTicks(T0, T0 + 100_000, 'UTC')
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 19))).toEqual([
      '11:48:20',
      '11:48:40',
      '11:49:00',
      '11:49:20',
      '11:49:40',
    ])
  })
})
