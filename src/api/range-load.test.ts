import { describe, expect, it } from 'vitest'
import { createRangeAccumulator } from './range-load'

const START = Date.parse('2024-11-18T00:00:00.000Z')
const END = START + 86_400_000 - 1

const progress = {
  type: 'progress' as const,
  coveredMs: 21_600_000,
  totalMs: 86_400_000,
  records: 2,
  requests: 3,
  etaMs: 90_000,
  waitingForBudget: true,
  rateLimitPerMinute: 60,
}

describe('createRangeAccumulator', () => {
  it('normalizes raw records at the edge, reading zone-less times as UTC', () => {
    const acc = createRangeAccumulator(START, END, () => 1)
    acc.apply({
      type: 'records',
      records: [
        { conversationId: 'c-1', sessionId: 's-1', sessionStartTime: '2024-11-18 10:00:00' },
        { sessionId: 's-2' },
      ],
    })
    const load = acc.snapshot()
    expect(load.conversations.map((c) => c.id)).toEqual(['c-1', 's-2'])
    expect(load.conversations[0]?.sessionStartTime).toBe(Date.parse('2024-11-18T10:00:00.000Z'))
    expect(load.complete).toBe(false)
    expect(load.totalMs).toBe(86_400_000)
  })

  it('keeps every record, odd ones with a warning and an id of their own', () => {
    const acc = createRangeAccumulator(START, END)
    acc.apply({ type: 'records', records: [{ channel: 'Voice' }, 'not a record', { channel: 'Voice' }] })
    const load = acc.snapshot()
    expect(load.conversations).toHaveLength(3)
    expect(new Set(load.conversations.map((c) => c.id)).size).toBe(3)
    expect(new Set(load.warnings.map((w) => w.id)).size).toBe(3)
  })

  it('takes the server’s progress: covered share, requests, time left, waiting for the budget', () => {
    const acc = createRangeAccumulator(START, END)
    acc.apply(progress)
    expect(acc.snapshot()).toMatchObject({
      coveredMs: 21_600_000,
      requests: 3,
      etaMs: 90_000,
      waitingForBudget: true,
      rateLimitPerMinute: 60,
      complete: false,
    })
  })

  it('is complete at done, with the server’s time for "Data as of"', () => {
    const acc = createRangeAccumulator(START, END)
    acc.apply(progress)
    acc.apply({ type: 'done', count: 0, fetchedAt: 1_732_000_000_000 })
    expect(acc.snapshot()).toMatchObject({
      complete: true,
      coveredMs: 86_400_000,
      fetchedAt: 1_732_000_000_000,
      waitingForBudget: false,
      etaMs: null,
    })
  })

  it('lists each short window once, in time order', () => {
    const acc = createRangeAccumulator(START, END)
    acc.apply({ type: 'overflow', windows: [{ start: 120_000, end: 179_999, count: 1_100 }] })
    acc.apply({
      type: 'overflow',
      windows: [
        { start: 0, end: 59_999, count: 1_100 },
        { start: 120_000, end: 179_999, count: 1_100 },
      ],
    })
    expect(acc.snapshot().overflow.map((w) => w.start)).toEqual([0, 120_000])
  })

  it('hands out snapshots that later records do not change', () => {
    const acc = createRangeAccumulator(START, END)
    acc.apply({ type: 'records', records: [{ sessionId: 'a' }] })
    const first = acc.snapshot()
    acc.apply({ type: 'records', records: [{ sessionId: 'b' }] })
    expect(first.conversations).toHaveLength(1)
    expect(acc.snapshot().conversations).toHaveLength(2)
    expect(acc.rows).toBe(2)
  })
})
