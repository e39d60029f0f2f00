// Every case CONTRACT.md "Numbers" tells apart is in a demo week, in shares a contact centre could
// have (issue 9). Records are classified by test-helpers' casesOf: as the dashboard classifies them.

import { describe, expect, it } from 'vitest'
import {
  type Cases,
  casesOf,
  destinationsOf,
  directionOf,
  queueEntriesOf,
  type Rec,
  segmentsOf,
} from '../test-helpers'
import { createGenerator } from './generator'

const DAY = 86_400_000
const T0 = Date.parse('2024-11-17T00:00:00Z') // Sunday: the week holds a full weekend

function week(seed: number | undefined, start: number) {
  const records = createGenerator(seed === undefined ? {} : { seed }).records(
    start,
    start + 7 * DAY - 1,
  ) as Rec[]
  return records.map((rec) => ({ rec, cases: casesOf(rec) }))
}

const demo = week(undefined, T0) // demo mode's seed and volume (700 a day)
const some = (pred: (rec: Rec, c: Cases) => boolean) => demo.some(({ rec, cases }) => pred(rec, cases))

const list = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : [])
const misses = (q: Rec) => list(q.nonRespondingAgents)
const consults = (rec: Rec) => segmentsOf(rec).flatMap((s) => list(s.ConsultingAgents))
const handledIn = (q: Rec) => typeof (q.respondingAgent as Rec | undefined)?.acceptedTime === 'string'
const topAgents = (rec: Rec) => destinationsOf(rec).filter((d) => d.destinationType === 'AgentSegment')

describe('a demo week holds every case the definitions distinguish', () => {
  it('bot-only: contained (BotResolved) and bot drop-offs (Dropped; the bot or the customer hung up)', () => {
    expect(some((r, c) => c.contained && r.smartStatus === 'CLOSED AT BOT')).toBe(true)
    expect(
      some((r, c) => c.botDropOff && r.finalStatus === 'Dropped' && r.disconnectingEvent === 'Bot Hangup'),
    ).toBe(true)
    expect(some((r, c) => c.botDropOff && r.disconnectingEvent === 'User Hangup')).toBe(true)
    for (const { rec, cases } of demo.filter((x) => x.cases.botOnly)) {
      expect(rec).not.toHaveProperty('destinations')
      expect(cases.queued).toBe(false)
    }
  })

  it('queued and answered; transferred queue -> queue and queue -> a direct agent', () => {
    expect(some((_, c) => c.queued && c.answered && !c.transferred)).toBe(true)
    expect(some((r, c) => c.transferred && queueEntriesOf(r).filter(handledIn).length >= 2)).toBe(true)
    expect(
      some(
        (r, c) =>
          c.transferred &&
          queueEntriesOf(r).some(handledIn) &&
          topAgents(r).some((a) => typeof a.acceptedTime === 'string'),
      ),
    ).toBe(true)
  })

  it('callbacks: CallbackOpted with a UTC Z time, answered or not, sometimes userCallbackAcceptTime', () => {
    const entries = demo.flatMap(({ rec }) => queueEntriesOf(rec)).filter((q) => q.CallbackOpted === true)
    for (const q of entries) expect(String(q.CallbackOptedTime)).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/)
    expect(entries.some((q) => handledIn(q) && /Z$/.test(String(q.userCallbackAcceptTime)))).toBe(true)
    expect(entries.some((q) => handledIn(q) && !('userCallbackAcceptTime' in q))).toBe(true)
    expect(some((_, c) => c.callback && c.offered && !c.answered)).toBe(true)
  })

  it('still open: TRANSIENT_OPEN with a responding agent assigned but not accepted', () => {
    expect(
      some(
        (r, c) =>
          c.open &&
          r.finalStatus === 'TRANSIENT_OPEN' &&
          queueEntriesOf(r).some((q) => {
            const a = q.respondingAgent as Rec | undefined
            return a !== undefined && typeof a.assignedAt === 'string' && !('acceptedTime' in a)
          }),
      ),
    ).toBe(true)
    for (const { cases } of demo.filter((x) => x.cases.open)) expect(cases.answered).toBe(false)
  })

  it('outbound: Direction at the top level, and only in metaInfo.customerinfo on some older records', () => {
    expect(some((r, c) => c.outbound && r.Direction === 'Outbound')).toBe(true)
    expect(some((r, c) => c.outbound && !('Direction' in r))).toBe(true)
    expect(some((r, c) => !c.outbound && !('Direction' in r) && directionOf(r) === 'INBOUND')).toBe(true)
    for (const { cases } of demo.filter((x) => x.cases.outbound)) expect(cases.offered).toBe(false)
  })

  it('dropped by the system: System Hangup and Bot Hangup while queued and unanswered', () => {
    expect(some((r, c) => c.droppedBySystem && r.disconnectingEvent === 'System Hangup')).toBe(true)
    expect(some((r, c) => c.droppedBySystem && r.disconnectingEvent === 'Bot Hangup')).toBe(true)
  })

  it('abandoned: in a queue (User Hangup, no responding agent), and USER ABANDONED with no destinations', () => {
    expect(
      some(
        (r, c) =>
          c.abandonedInQueue &&
          r.disconnectingEvent === 'User Hangup' &&
          queueEntriesOf(r).every((q) => !('respondingAgent' in q)),
      ),
    ).toBe(true)
    expect(
      some(
        (r, c) =>
          c.abandonedNoQueue &&
          Array.isArray(r.destinations) &&
          r.destinations.length === 0 &&
          r.disconnectingEvent === 'User Hangup',
      ),
    ).toBe(true)
  })

  it('abandoned with agent, voicemail', () => {
    expect(some((_, c) => c.abandonedWithAgent)).toBe(true)
    expect(some((r, c) => c.voicemail && c.offered && !c.answered && r.isVoicemail === 'YES')).toBe(true)
  })

  it('non-responders: Ignored, and Supervisor Reassigned followed by a top-level agent segment', () => {
    expect(
      some((r) => queueEntriesOf(r).some((q) => misses(q).some((m) => m.nonResponseEvent === 'Ignored'))),
    ).toBe(true)
    expect(
      some((r) => {
        const d = destinationsOf(r)
        const k = d.findIndex(
          (q) =>
            q.destinationType === 'QueueEntry' &&
            misses(q).some((m) => m.nonResponseEvent === 'Supervisor Reassigned'),
        )
        return k >= 0 && d.slice(k + 1).some((a) => a.destinationType === 'AgentSegment' && a.acceptedTime)
      }),
    ).toBe(true)
  })

  it('consults (agents and external numbers, some merged), unknown EnterTime, hold, ACW, notes, CSAT', () => {
    const all = demo.flatMap(({ rec }) => consults(rec))
    expect(all.some((c) => typeof c.agentId === 'string')).toBe(true)
    expect(all.some((c) => !('agentId' in c) && /^\+\d+$/.test(String(c.name)))).toBe(true)
    expect(all.some((c) => c.isMerged === true)).toBe(true)
    expect(
      some((r, c) => c.offered && c.answered && queueEntriesOf(r).some((q) => !('EnterTime' in q))),
    ).toBe(true)
    const segs = demo.flatMap(({ rec }) => segmentsOf(rec))
    expect(segs.some((s) => s.holdDuration !== undefined)).toBe(true)
    expect(segs.some((s) => s.afterCallWorkDuration !== undefined)).toBe(true)
    expect(segs.some((s) => list(s.agentNotes).length > 0)).toBe(true)
    expect(some((r) => r.csatScore !== undefined)).toBe(true)
  })
})

describe.each([
  ['the demo week', undefined, T0],
  ['another seed and week', 7, T0 + 21 * DAY],
])('shares are plausible (%s)', (_, seed, start) => {
  const recs = seed === undefined ? demo : week(seed, start)
  const count = (pred: (c: Cases) => boolean) => recs.filter(({ cases }) => pred(cases)).length
  const all = recs.length
  const conversations = count((c) => !c.botOnly)
  const offered = count((c) => c.offered)
  const answered = count((c) => c.answered)

  it('bot-only 10-40% of records, most of them contained', () => {
    expect(count((c) => c.botOnly) / all).toBeGreaterThan(0.1)
    expect(count((c) => c.botOnly) / all).toBeLessThan(0.4)
    expect(count((c) => c.contained) / count((c) => c.botOnly)).toBeGreaterThan(0.55)
    expect(count((c) => c.contained) / count((c) => c.botOnly)).toBeLessThan(0.85)
  })

  it('abandon rate 3-15% of offered; answered most; dropped, voicemail and callbacks a few %', () => {
    const abandonRate = count((c) => c.abandoned) / (offered + count((c) => c.abandonedNoQueue))
    expect(abandonRate).toBeGreaterThan(0.03)
    expect(abandonRate).toBeLessThan(0.15)
    expect(count((c) => c.offered && c.answered) / offered).toBeGreaterThan(0.8)
    for (const [pred, lo, hi] of [
      [(c: Cases) => c.callback, 0.01, 0.06],
      [(c: Cases) => c.voicemail && c.offered, 0.003, 0.04],
      [(c: Cases) => c.droppedBySystem, 0.005, 0.05],
    ] as const) {
      expect(count(pred) / offered).toBeGreaterThan(lo)
      expect(count(pred) / offered).toBeLessThan(hi)
    }
  })

  it('transfers 5-25% of answered, abandoned with agent under 5%; outbound and open a few %', () => {
    expect(count((c) => c.transferred) / answered).toBeGreaterThan(0.05)
    expect(count((c) => c.transferred) / answered).toBeLessThan(0.25)
    expect(count((c) => c.abandonedWithAgent) / answered).toBeGreaterThan(0.005)
    expect(count((c) => c.abandonedWithAgent) / answered).toBeLessThan(0.05)
    expect(count((c) => c.outbound) / conversations).toBeGreaterThan(0.01)
    expect(count((c) => c.outbound) / conversations).toBeLessThan(0.1)
    expect(count((c) => c.open) / conversations).toBeGreaterThan(0.005)
    expect(count((c) => c.open) / conversations).toBeLessThan(0.05)
  })
})
