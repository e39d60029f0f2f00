import { describe, expect, it } from 'vitest'
import { conversation, fixtureConversations } from '../../test/conversation-fixtures'
import {
  agentDurations,
  channelCounts,
  dispositionCounts,
  kpis,
  NO_DISPOSITION,
  topWithOther,
  UNKNOWN_CHANNEL,
} from './aggregations'
import { chartConversations } from './chart-fixture'

const nine = chartConversations()

describe('dispositionCounts', () => {
  it('counts a conversation under each of its dispositions, once each, and the rest as No disposition', () => {
    // Paid: k1 k2 k8 (k8 says it twice); Resolved: k3 k9; Upsell: k1; none: k4 k5 k6 k7
    expect(dispositionCounts(nine)).toEqual([
      { label: NO_DISPOSITION, count: 4 },
      { label: 'Paid', count: 3 },
      { label: 'Resolved', count: 2 },
      { label: 'Upsell', count: 1 },
    ])
  })

  it('counts the shared twelve-conversation fixture the same way', () => {
    // Paid: c1 c3 c11; Resolved: c5 c6 c9; Callback: c3; none: c2 c4 s7 s8 s10 c12
    expect(dispositionCounts(fixtureConversations())).toEqual([
      { label: NO_DISPOSITION, count: 6 },
      { label: 'Paid', count: 3 },
      { label: 'Resolved', count: 3 },
      { label: 'Callback', count: 1 },
    ])
  })

  it('is empty for no conversations', () => {
    expect(dispositionCounts([])).toEqual([])
  })
})

describe('channelCounts', () => {
  it('trims channel names and names an absent one, counts adding up to the conversations', () => {
    const rows = channelCounts(nine)
    expect(rows.map((r) => [r.label, r.count])).toEqual([
      ['Voice', 4], // k1, " Voice " k2, k4, k9
      ['Web/Mobile Client', 3], // k3 k5 k6
      ['telegram', 1], // k8
      [UNKNOWN_CHANNEL, 1], // k7
    ])
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(nine.length)
    expect(rows[0]?.share).toBeCloseTo(4 / 9)
    expect(rows.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(1)
  })

  it('adds up to the conversations of the shared fixture too', () => {
    const all = fixtureConversations()
    const rows = channelCounts(all)
    expect(rows.map((r) => [r.label, r.count])).toEqual([
      ['Voice', 6],
      ['Web/Mobile Client', 4],
      ['System Mail', 1],
      ['telegram', 1],
    ])
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(all.length)
  })

  it('treats a blank channel as unknown', () => {
    const rows = channelCounts([conversation({ id: 'x', channel: '   ' })])
    expect(rows).toEqual([{ label: UNKNOWN_CHANNEL, count: 1, share: 1 }])
  })
})

describe('topWithOther', () => {
  const rows = [5, 4, 3, 2, 1].map((count, i) => ({ label: `v${i}`, count }))

  it('keeps the first n and sums the rest into Other', () => {
    expect(topWithOther(rows, 3, 'Other')).toEqual([
      { label: 'v0', count: 5 },
      { label: 'v1', count: 4 },
      { label: 'v2', count: 3 },
      { label: 'Other', count: 3 },
    ])
  })

  it('adds no Other row when everything fits', () => {
    expect(topWithOther(rows, 5, 'Other')).toHaveLength(5)
  })
})

describe('agentDurations', () => {
  it('sums each agent segment: talk = interaction − hold, handle = interaction + after-call work', () => {
    expect(agentDurations(nine)).toEqual([
      {
        key: 'a1',
        name: 'Ann',
        conversations: 3, // k1, k3, k8 (twice in k8, counted once)
        handleSec: 670, // (300 + 30) + (100 + 0) + (120 + 60) + 60
        averageHandleSec: 670 / 3,
        talkSec: 490, // 240 + 90 + 120 + 40
        holdSec: 90, // 60 + 10 + 0 + 20
        afterCallWorkSec: 90, // 30 + 0 + 60
      },
      {
        key: 'b1',
        name: 'Bob (b1)', // two agents named Bob: the id tells them apart
        conversations: 1,
        handleSec: 220,
        averageHandleSec: 220,
        talkSec: 200, // no hold reported
        holdSec: 0,
        afterCallWorkSec: 20,
      },
      {
        key: 'Cy External', // no agent id: keyed by name
        name: 'Cy External',
        conversations: 1,
        handleSec: 60,
        averageHandleSec: 60,
        talkSec: 50,
        holdSec: 0,
        afterCallWorkSec: 10,
      },
      {
        key: 'b2',
        name: 'Bob (b2)',
        conversations: 1,
        handleSec: 0,
        averageHandleSec: null, // no duration known: no average, not 0
        talkSec: 0,
        holdSec: 0,
        afterCallWorkSec: 0,
      },
    ])
  })

  it('stacks talk + hold + after-call work to the handle time', () => {
    for (const a of agentDurations(nine).slice(0, 3))
      expect(a.talkSec + a.holdSec + a.afterCallWorkSec).toBe(a.handleSec)
  })

  it('counts agents of the shared fixture by conversations (Ada: c1 c3 c9 c11)', () => {
    const rows = agentDurations(fixtureConversations())
    expect(rows.map((a) => [a.name, a.conversations])).toEqual([
      ['Ada Agent', 4],
      ['Bo Agent', 2],
      ['Cy External', 1],
    ])
  })
})

describe('kpis', () => {
  it('counts containment, abandoned, and averages only over the conversations that have the figure', () => {
    expect(kpis(nine)).toEqual({
      total: 9,
      botOnly: 2, // k6 k7
      containment: 2 / 9,
      abandoned: 2, // k4 ("abandoned"), k5 (queued, nobody answered)
      averageWaitSec: 25, // (20 + 40 + 10 + 30) / 4
      waited: 4,
      averageHandleSec: 237.5, // (330 + 220 + 160 + 240) / 4
      handled: 4,
      averageCsat: 4, // (5 + 3 + 4) / 3
      rated: 3,
    })
  })

  it('has no shares or averages for no conversations', () => {
    expect(kpis([])).toEqual({
      total: 0,
      botOnly: 0,
      containment: null,
      abandoned: 0,
      averageWaitSec: null,
      waited: 0,
      averageHandleSec: null,
      handled: 0,
      averageCsat: null,
      rated: 0,
    })
  })
})
