import { describe, expect, it } from 'vitest'
import { conversation, rangeLoad } from '../test/conversation-fixtures'
import { mergeRecent, recentPart } from './live-refresh'

const load = (ids: string[]) =>
  rangeLoad({ conversations: ids.map((id) => conversation({ id, finalStatus: 'TRANSIENT_OPEN' })) })

describe('live refresh', () => {
  it('asks for the last two hours of a range that reaches now, never before its start', () => {
    const now = Date.UTC(2024, 10, 18, 12)
    expect(recentPart({ start: Date.UTC(2024, 10, 12), end: Date.UTC(2024, 10, 19) - 1 }, now)).toEqual({
      start: now - 2 * 3_600_000,
      end: Date.UTC(2024, 10, 19) - 1,
    })
    expect(recentPart({ start: now - 60_000, end: now }, now).start).toBe(now - 60_000)
  })

  it('replaces records it holds by id, adds new ones and says which are new', () => {
    const merged = mergeRecent(
      load(['a', 'b']),
      [conversation({ id: 'b', finalStatus: 'CLOSED' }), conversation({ id: 'c' })],
      42,
    )
    expect(merged.load.conversations.map((c) => [c.id, c.finalStatus])).toEqual([
      ['a', 'TRANSIENT_OPEN'],
      ['b', 'CLOSED'],
      ['c', null],
    ])
    expect([...merged.added]).toEqual(['c'])
    expect(merged.load.fetchedAt).toBe(42)
  })
})
