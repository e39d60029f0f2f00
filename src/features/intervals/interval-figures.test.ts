import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Conversation } from '../../api/conversation'
import { kpiFigures } from '../../api/figures'
import { normalizeResponse } from '../../api/normalize'
import { hourOfWeek } from '../../lib/hour-of-week'
import { createGenerator } from '../../mocks/synthetic/generator'
import { agent, conversation, queue, sec } from '../../test/conversation-fixtures'
import {
  cellLabel,
  type IntervalCell,
  intervalFigures,
  intervalHighlights,
  MIN_OFFERED_FOR_WORST,
} from './interval-figures'

const at = (iso: string) => Date.parse(iso)
const MON = 0
const TUE = 1
const SUN = 6
const cell = (cells: IntervalCell[], day: number, hour: number) => cells[day * 24 + hour] as IntervalCell

let n = 0
/** A record of the given kind starting at `start` (null: no start time). */
function rec(
  start: number | null,
  kind: 'bot' | 'answered' | 'abandoned' | 'userAbandoned' | 'noWait' | 'outbound' | 'open',
  waitS = 0,
): Conversation {
  const id = `r${++n}`
  const base = { id, sessionStartTime: start, finalStatus: 'CLOSED' }
  const t = start ?? 0
  switch (kind) {
    case 'bot':
      return conversation({
        ...base,
        conversationId: null,
        sessionId: id,
        botOnly: true,
        finalStatus: 'BotResolved',
      })
    case 'answered':
      return conversation({
        ...base,
        destinations: [queue('q', 'Q', agent('a', 'A', { acceptedTime: t + sec(waitS) }), { enterTime: t })],
      })
    case 'outbound':
      return conversation({
        ...base,
        direction: 'Outbound',
        destinations: [queue('q', 'Q', agent('a', 'A', { acceptedTime: t + sec(waitS) }), { enterTime: t })],
      })
    case 'noWait':
      return conversation({ ...base, destinations: [queue('q', 'Q', agent('a', 'A', { acceptedTime: t }))] })
    case 'abandoned':
      return conversation({
        ...base,
        finalStatus: 'ABANDONED',
        destinations: [queue('q', 'Q', null, { enterTime: t })],
      })
    case 'userAbandoned':
      return conversation({ ...base, finalStatus: 'USER ABANDONED' })
    case 'open':
      return conversation({
        ...base,
        finalStatus: 'TRANSIENT_OPEN',
        destinations: [queue('q', 'Q', null, { enterTime: t })],
      })
  }
}

describe('intervalFigures: where a record lands', () => {
  it('places a record by its weekday and hour in the zone: near midnight UTC is the evening before in New York', () => {
    // Tue 2024-11-19 03:30Z = Mon 22:30 EST (UTC−5)
    const records = [rec(at('2024-11-19T03:30:00Z'), 'bot'), rec(at('2024-11-19T04:59:59Z'), 'bot')]
    const utc = intervalFigures(records, 'UTC').cells
    expect(cell(utc, TUE, 3).records).toBe(1)
    expect(cell(utc, TUE, 4).records).toBe(1)
    const ny = intervalFigures(records, 'America/New_York').cells
    expect(cell(ny, MON, 22).records).toBe(1)
    expect(cell(ny, MON, 23).records).toBe(1)
    expect(ny.reduce((s, c) => s + c.records, 0)).toBe(2)
  })

  it('is Monday first: Sunday is the last row, and cells are row by row', () => {
    const { cells } = intervalFigures([rec(at('2024-11-24T23:59:59Z'), 'bot')], 'UTC') // a Sunday
    expect(cells).toHaveLength(168)
    expect(cells.map((c) => [c.day, c.hour]).slice(22, 26)).toEqual([
      [0, 22],
      [0, 23],
      [1, 0],
      [1, 1],
    ])
    expect(cell(cells, SUN, 23).records).toBe(1)
    expect(cellLabel(cell(cells, SUN, 23))).toBe('Sun 23:00–24:00')
  })

  it('spring forward (New York, Sun 2024-03-10): 01:59 EST, then 03:00 EDT; 02:00 holds nothing', () => {
    const records = [
      rec(at('2024-03-10T06:59:59Z'), 'bot'), // 01:59:59 EST
      rec(at('2024-03-10T07:00:00Z'), 'bot'), // 03:00:00 EDT
      rec(at('2024-03-10T07:30:00Z'), 'bot'), // 03:30 EDT
      rec(at('2024-03-11T12:00:00Z'), 'bot'), // Mon 08:00 EDT (was 07:00 on the Monday before)
    ]
    const { cells } = intervalFigures(records, 'America/New_York')
    expect(cell(cells, SUN, 1).records).toBe(1)
    expect(cell(cells, SUN, 2).records).toBe(0)
    expect(cell(cells, SUN, 3).records).toBe(2)
    expect(cell(cells, MON, 8).records).toBe(1)
  })

  it('fall back (New York, Sun 2024-11-03): both 01:00 hours add to one cell', () => {
    const records = [
      rec(at('2024-11-03T05:30:00Z'), 'bot'), // 01:30 EDT
      rec(at('2024-11-03T06:30:00Z'), 'bot'), // 01:30 EST
      rec(at('2024-11-03T07:00:00Z'), 'bot'), // 02:00 EST
    ]
    const { cells } = intervalFigures(records, 'America/New_York')
    expect(cell(cells, SUN, 1).records).toBe(2)
    expect(cell(cells, SUN, 2).records).toBe(1)
    // the same instants in UTC
    const utc = intervalFigures(records, 'UTC').cells
    expect([cell(utc, SUN, 5).records, cell(utc, SUN, 6).records, cell(utc, SUN, 7).records]).toEqual([
      1, 1, 1,
    ])
  })

  it('half-hour zones split a UTC hour (Asia/Kolkata, UTC+5:30)', () => {
    const records = [rec(at('2024-11-18T08:29:59Z'), 'bot'), rec(at('2024-11-18T08:30:00Z'), 'bot')]
    const { cells } = intervalFigures(records, 'Asia/Kolkata')
    expect(cell(cells, MON, 13).records).toBe(1)
    expect(cell(cells, MON, 14).records).toBe(1)
  })

  it('matches Intl for any instant in zones with odd offsets and half-hour DST (the 15-minute slots are exact)', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'Europe/London',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'America/St_Johns',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
    ]
    const weekday: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 }
    const formats = new Map(
      zones.map((z) => [
        z,
        new Intl.DateTimeFormat('en-US', {
          timeZone: z,
          weekday: 'short',
          hour: '2-digit',
          hourCycle: 'h23',
        }),
      ]),
    )
    const reference = (ms: number, zone: string) => {
      const parts = (formats.get(zone) as Intl.DateTimeFormat).formatToParts(ms)
      const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
      return (weekday[part('weekday')] as number) * 24 + Number(part('hour'))
    }
    fc.assert(
      fc.property(
        fc.integer({ min: at('2019-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        (ms, zone) => hourOfWeek(ms, zone) === reference(ms, zone),
      ),
      { numRuns: 3000 },
    )
    // and every minute around Lord Howe's half-hour fall back (2024-04-07 02:00 +11 → 01:30 +10:30)
    for (let ms = at('2024-04-06T14:00:00Z'); ms < at('2024-04-06T16:30:00Z'); ms += 60_000)
      expect(hourOfWeek(ms, 'Australia/Lord_Howe')).toBe(reference(ms, 'Australia/Lord_Howe'))
  })

  it('counts records without a start time apart, in no cell', () => {
    const f = intervalFigures(
      [rec(null, 'abandoned'), rec(null, 'bot'), rec(at('2024-11-18T10:00:00Z'), 'bot')],
      'UTC',
    )
    expect(f.records).toBe(3)
    expect(f.noStart).toBe(2)
    expect(f.cells.reduce((s, c) => s + c.records + c.offered + c.abandoned, 0)).toBe(1)
  })
})

describe('intervalFigures: bases as in figures.ts', () => {
  // Mon 10:xx UTC: counted by hand
  const t = at('2024-11-18T10:00:00Z')
  const records = [
    rec(t, 'bot'), // record only
    rec(t + sec(60), 'answered', 20), // offered, answered, wait 20
    rec(t + sec(120), 'answered', 40), // offered, answered, wait 40
    rec(t + sec(180), 'noWait'), // offered, answered, wait unknown
    rec(t + sec(240), 'abandoned'), // offered, abandoned in queue
    rec(t + sec(300), 'userAbandoned'), // abandoned without a queue: in the basis, not offered
    rec(t + sec(360), 'outbound', 90), // not offered; answered and queued: in the ASA (as kpiFigures)
    rec(t + sec(420), 'open'), // not offered, not abandoned
    rec(at('2024-11-18T11:00:00Z'), 'abandoned'), // the next hour
  ]
  const ten = cell(intervalFigures(records, 'UTC').cells, MON, 10)

  it('records: every record, bot-only included', () => {
    expect(ten.records).toBe(8)
  })

  it('abandon rate = abandoned ÷ (offered + abandoned without a queue)', () => {
    expect(ten.offered).toBe(4)
    expect(ten.abandoned).toBe(2)
    expect(ten.abandonedNoQueue).toBe(1)
    expect(ten.abandonRate).toEqual({ value: 2 / 5, part: 2, whole: 5 })
  })

  it('speed of answer = mean wait of answered queued conversations with a known wait', () => {
    expect(ten.speedOfAnswer).toEqual({ value: 50, sum: 150, n: 3 })
    expect(ten.unknownWaits).toBe(1)
  })

  it('an hour with nothing offered or answered has no rate and no mean (null, not 0)', () => {
    const empty = cell(intervalFigures(records, 'UTC').cells, TUE, 10)
    expect(empty.abandonRate).toEqual({ value: null, part: 0, whole: 0 })
    expect(empty.speedOfAnswer).toEqual({ value: null, sum: 0, n: 0 })
  })

  it('adds up to the key figures over a synthetic week', () => {
    const start = at('2024-11-18T00:00:00Z')
    const raw = createGenerator({ perDay: 300 }).records(start, start + 7 * 86_400_000 - 1)
    const conversations = normalizeResponse(
      { numResults: raw.length, data: raw },
      { timeZoneOffset: 0 },
    ).conversations
    for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
      const f = intervalFigures(conversations, zone)
      const k = kpiFigures(conversations)
      const sum = (g: (c: IntervalCell) => number) => f.cells.reduce((s, c) => s + g(c), 0)
      expect(sum((c) => c.records) + f.noStart).toBe(k.records)
      expect(sum((c) => c.offered)).toBe(k.offered)
      expect(sum((c) => c.abandoned)).toBe(k.abandoned)
      expect(sum((c) => c.abandonRate.whole)).toBe(k.abandonRate.whole)
      expect(sum((c) => c.speedOfAnswer.n)).toBe(k.speedOfAnswer.n)
      expect(sum((c) => c.speedOfAnswer.sum)).toBeCloseTo(k.speedOfAnswer.sum, 6)
      expect(sum((c) => c.unknownWaits)).toBe(k.unknownWaits)
    }
  })
})

describe('intervalHighlights', () => {
  const t = at('2024-11-18T09:00:00Z') // Mon 09
  const many = (start: number, kind: Parameters<typeof rec>[1], count: number) =>
    Array.from({ length: count }, (_, i) => rec(start + sec(i), kind))

  it('the busiest hour, and the worst abandon rate among hours offered at least MIN_OFFERED_FOR_WORST', () => {
    const records = [
      ...many(t, 'answered', 12), // Mon 09: 12 offered, 1 abandoned below
      ...many(t, 'abandoned', 1),
      ...many(t + 3_600_000, 'answered', 8), // Mon 10: 10 offered, 2 abandoned: 20%
      ...many(t + 3_600_000, 'abandoned', 2),
      ...many(t + 86_400_000, 'abandoned', 1), // Tue 09: 1 of 1, too few to name
      ...many(t + 86_400_000 + 3_600_000, 'bot', 20), // Tue 10: busiest
    ]
    const h = intervalHighlights(intervalFigures(records, 'UTC').cells)
    expect(MIN_OFFERED_FOR_WORST).toBe(10)
    expect(h.busiest && cellLabel(h.busiest)).toBe('Tue 10:00–11:00')
    expect(h.worstAbandon && cellLabel(h.worstAbandon)).toBe('Mon 10:00–11:00')
    expect(h.minWhole).toBe(10)
  })

  it('falls back to every hour when none is offered that often; none when nothing was abandoned', () => {
    const small = intervalHighlights(
      intervalFigures([rec(t, 'answered'), rec(t + 86_400_000, 'abandoned')], 'UTC').cells,
    )
    expect(small.worstAbandon && cellLabel(small.worstAbandon)).toBe('Tue 09:00–10:00')
    expect(small.minWhole).toBe(1)
    const none = intervalHighlights(intervalFigures([rec(t, 'answered')], 'UTC').cells)
    expect(none.worstAbandon).toBeNull()
    expect(none.abandonBasis).toBe(1) // offered, nothing abandoned: "No abandons."
    expect(intervalHighlights(intervalFigures([rec(t, 'bot')], 'UTC').cells).abandonBasis).toBe(0)
    expect(intervalHighlights(intervalFigures([], 'UTC').cells).busiest).toBeNull()
  })
})
