// The `queues` filter: the same answers as filtering the unfiltered records, found without building
// the records it leaves out (a week of them once cost up to half a second of CPU per request).

import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CATALOG, createGenerator } from './synthetic/generator'
import { buildRecord } from './synthetic/record'
import { createSyntheticSmartAssist } from './synthetic-smartassist'
import { okPage, type Rec } from './test-helpers'

// Count full records built: buildRecord wrapped, behaviour unchanged.
vi.mock('./synthetic/record', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./synthetic/record')>()
  return { ...actual, buildRecord: vi.fn(actual.buildRecord) }
})
const built = vi.mocked(buildRecord)

const HOUR = 3_600_000
const DAY = 24 * HOUR
const T0 = Date.parse('2024-11-18T00:00:00Z') // a Monday
const iso = (ms: number) => new Date(ms).toISOString()
const queueId = (name: string) => CATALOG.queues.find((q) => q.name === name)?.id ?? ''
const SPANISH = queueId('Spanish Support') // the least used queue
const BILLING = queueId('Billing')
const RETENTION = queueId('Retention')

const week = { startDate: iso(T0), endDate: iso(T0 + 7 * DAY), timeZoneOffset: 0 }

beforeEach(() => {
  built.mockClear() // a block: a function returned from beforeEach would be run as its teardown
})

describe('queues filter: records built', () => {
  it('an id outside the catalogue answers an empty page and builds no record (a whole week)', () => {
    const api = createSyntheticSmartAssist({ perDay: 700 })
    for (const queues of [['no-such-queue'], [''], ['no-such-queue', 'qu-0000000']]) {
      for (const offset of [0, 10]) {
        expect(okPage(api, offset, 100, { ...week, queues })).toEqual({ numResults: 0, data: [] })
      }
    }
    expect(okPage(api, 0, 100, { ...week, queues: ['no-such-queue'], channels: ['voice'] }).data).toEqual([])
    expect(built).toHaveBeenCalledTimes(0)
  })

  it('a real queue builds only the records of the page, however far the walk goes', () => {
    const api = createSyntheticSmartAssist({ perDay: 700 })
    const first = okPage(api, 0, 100, { ...week, queues: [SPANISH] })
    expect(first.numResults).toBe(100)
    expect(built).toHaveBeenCalledTimes(100)

    // Offset 2 passes the week's ~270 Spanish Support records: a short last page, the whole week walked.
    built.mockClear()
    const last = okPage(api, 2, 100, { ...week, queues: [SPANISH] })
    expect(last.numResults).toBeGreaterThan(0)
    expect(last.numResults).toBeLessThan(100)
    expect(built).toHaveBeenCalledTimes(last.numResults)

    // Combined with a channel, and an unknown id beside a real one.
    built.mockClear()
    const email = okPage(api, 0, 100, { ...week, queues: ['no-such-queue', SPANISH], channels: ['email'] })
    expect(built).toHaveBeenCalledTimes(email.numResults)

    // Past the end: no record at all.
    built.mockClear()
    expect(okPage(api, 10, 100, { ...week, queues: [SPANISH] }).numResults).toBe(0)
    expect(built).toHaveBeenCalledTimes(0)
  })
})

/** The reference: every record of the window built, then filtered on its JSON as the API describes. */
function referencePage(
  all: Rec[],
  opts: { queues: string[]; channels?: string[]; offset: number; limit: number },
): Rec[] {
  const labels =
    opts.channels &&
    new Set(CATALOG.channels.filter((c) => opts.channels?.includes(c.id)).map((c) => c.label))
  const wanted = new Set(opts.queues)
  const hits = all.filter(
    (r) =>
      (!labels || labels.has(String(r.channel))) &&
      Array.isArray(r.destinations) &&
      (r.destinations as Rec[]).some(
        (d) => d.destinationType === 'QueueEntry' && wanted.has(String(d.queueId)),
      ),
  )
  return hits.slice(opts.offset * opts.limit, (opts.offset + 1) * opts.limit)
}

describe('queues filter: answers', () => {
  const seed = 11
  const perDay = 700
  const windows: [string, number, number][] = [
    ['a week', T0, T0 + 7 * DAY],
    ['odd bounds over two days', T0 + 2 * DAY + 17_123, T0 + 4 * DAY - 3_001],
    ['a busy hour', T0 + 10 * HOUR, T0 + 11 * HOUR],
  ]
  const queueSets = [
    [SPANISH],
    [BILLING, RETENTION],
    ['no-such-queue', RETENTION],
    CATALOG.queues.map((q) => q.id),
  ]
  const channelSets: (string[] | undefined)[] = [undefined, ['voice'], ['email'], ['rtm', 'telegram']]
  const pages = [
    { offset: 0, limit: 100 },
    { offset: 1, limit: 33 },
    { offset: 4, limit: 7 },
    { offset: 10, limit: 100 },
  ]

  it.each(windows)('equal the unfiltered records filtered on their destinations (%s)', (_, start, end) => {
    const api = createSyntheticSmartAssist({ seed, perDay })
    const unfiltered = new Map<number, Rec[]>()
    let nonEmpty = 0
    for (const [k, queues] of queueSets.entries()) {
      // Zone-less times move with timeZoneOffset: half the queue sets ask in India's zone.
      const tz = k % 2 === 0 ? 0 : -330
      const all = unfiltered.get(tz) ?? (createGenerator({ seed, perDay }).records(start, end, tz) as Rec[])
      unfiltered.set(tz, all)
      const body = { startDate: iso(start), endDate: iso(end), timeZoneOffset: tz, queues }
      for (const channels of channelSets) {
        for (const { offset, limit } of pages) {
          const got = okPage(api, offset, limit, channels ? { ...body, channels } : body)
          const want = referencePage(all, { queues, channels, offset, limit })
          expect(JSON.stringify(got)).toBe(JSON.stringify({ numResults: want.length, data: want }))
          if (want.length > 0) nonEmpty++
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(15)
  })

  it('with selectedFields, equal the unfiltered answer stripped the same way', () => {
    const api = createSyntheticSmartAssist({ seed, perDay })
    const body = {
      startDate: iso(T0 + 10 * HOUR),
      endDate: iso(T0 + 11 * HOUR),
      timeZoneOffset: 0,
      selectedFields: ['skills'],
    }
    const all = okPage(api, 0, 100, body).data
    expect(all.length).toBeLessThan(100) // the whole hour is in this one page
    const inBilling = (r: Rec) =>
      ((r.destinations as Rec[] | undefined) ?? []).some(
        (d) => d.destinationType === 'QueueEntry' && d.queueId === BILLING,
      )
    const got = okPage(api, 0, 100, { ...body, queues: [BILLING] }).data
    expect(got.length).toBeGreaterThan(0)
    expect(got).toEqual(all.filter(inBilling))
  })
})
