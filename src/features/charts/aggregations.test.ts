import { describe, expect, it } from 'vitest'
import { BOT_ONLY_NO_DISPOSITION, NO_DISPOSITION, UNKNOWN_CHANNEL } from '../../api/categories'
import { conversation, fixtureConversations } from '../../test/conversation-fixtures'
import { channelCounts, dispositionCounts, topWithOther } from './aggregations'
import { chartConversations } from './chart-fixture'

const nine = chartConversations()

describe('dispositionCounts', () => {
  it('counts a conversation under each of its dispositions, once each, the rest as No disposition, bot-only apart', () => {
    // Paid: k1 k2 k8 (k8 says it twice); Resolved: k3 k9; Upsell: k1; none: k4 k5; bot-only: k6 k7
    expect(dispositionCounts(nine)).toEqual([
      { label: 'Paid', count: 3 },
      { label: BOT_ONLY_NO_DISPOSITION, count: 2 },
      { label: NO_DISPOSITION, count: 2 },
      { label: 'Resolved', count: 2 },
      { label: 'Upsell', count: 1 },
    ])
  })

  it('counts the shared twelve-conversation fixture the same way', () => {
    // Paid: c1 c3 c11; Resolved: c5 c6 c9; Callback: c3; none: c2 c4 c12; bot-only: s7 s8 s10
    expect(dispositionCounts(fixtureConversations())).toEqual([
      { label: BOT_ONLY_NO_DISPOSITION, count: 3 },
      { label: NO_DISPOSITION, count: 3 },
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
