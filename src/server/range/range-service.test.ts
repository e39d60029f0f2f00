// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { PageSource } from '../page-source'
import { openStore } from '../store/store'
import { createFakeClock } from '../testing/fake-clock'
import { createRangeService, type RangeEvent } from './range-service'

const DAY = 86_400_000
const start = Date.parse('2024-11-11T00:00:00.000Z')
const end = start + 7 * DAY - 1

const record = (i: number, at: number) => ({
  sessionId: `s-${i}`,
  conversationId: `c-${i}`,
  sessionStartTime: new Date(at).toISOString().replace('Z', ''),
})

describe('the range service', () => {
  it('a range the store holds (in parts fetched at different times) streams without a progress phase and asks nothing upstream', async () => {
    const clock = createFakeClock()
    const store = openStore({ dataDir: 'memory', logger: { info() {}, error() {} } })
    const records = Array.from({ length: 7 }, (_, i) => record(i, start + i * DAY + 3_600_000))
    store.put(
      records.map((raw, i) => ({ id: raw.conversationId, startMs: start + i * DAY + 3_600_000, raw })),
    )
    // Two held parts, fetched a day apart, both long after they ended: settled.
    store.markCovered({ start, end: start + 3 * DAY - 1 }, end + DAY)
    store.markCovered({ start: start + 3 * DAY, end }, end + 2 * DAY)
    const pages: PageSource = {
      limiter: undefined,
      fetchPage: () => Promise.reject(new Error('nothing should be asked upstream')),
    }
    const service = createRangeService({ store, pages, clock, log: () => {} })
    const events: RangeEvent[] = []
    await service.run({ range: { start, end }, signal: new AbortController().signal }, (e) => events.push(e))

    expect(events.at(-1)).toEqual({ type: 'done', count: 7, fetchedAt: end + DAY })
    const progress = events.filter((e) => e.type === 'progress')
    expect(progress.every((p) => p.type === 'progress' && p.coveredMs === p.totalMs)).toBe(true)
    const sent = events.flatMap((e) => (e.type === 'recordsJson' ? e.json.map((j) => JSON.parse(j)) : []))
    expect(sent).toEqual(records)
  })
})
