import { describe, expect, it } from 'vitest'
import { casesOf, directionOf, objectIdMs, type Rec, wallMs } from '../test-helpers'
import { createGenerator } from './generator'

const T0 = Date.parse('2024-11-17T00:00:00Z') // Sunday: the week holds a full weekend
const WEEK = 7 * 86_400_000
const gen = createGenerator()
const records = gen.records(T0, T0 + WEEK - 1) as Rec[]

const destinations = (r: Rec) => (Array.isArray(r.destinations) ? (r.destinations as Rec[]) : [])
const queueEntries = (r: Rec) => destinations(r).filter((d) => d.destinationType === 'QueueEntry')
const segments = (r: Rec): Rec[] =>
  destinations(r).flatMap((d) =>
    d.destinationType === 'AgentSegment' ? [d] : d.respondingAgent ? [d.respondingAgent as Rec] : [],
  )
const share = (pred: (r: Rec) => boolean) => records.filter(pred).length / records.length
const some = (pred: (r: Rec) => boolean) => records.some(pred)

describe('a week of synthetic data at default volume', () => {
  it('spans every channel, including the custom one with its trailing space', () => {
    expect(new Set(records.map((r) => r.channel))).toEqual(
      new Set(['Voice', 'Web/Mobile Client', 'System Mail', 'telegram', 'Jones ']),
    )
  })

  it('uses 8 queues and about 25 agents', () => {
    const queues = new Set(records.flatMap((r) => queueEntries(r).map((q) => q.queueId)))
    const names = new Set(records.flatMap((r) => queueEntries(r).map((q) => q.queueName)).filter(Boolean))
    const agents = new Set(records.flatMap((r) => segments(r).map((s) => s.agentId)))
    expect(queues.size).toBe(8)
    expect(names.size).toBe(8)
    expect(agents.size).toBeGreaterThanOrEqual(24)
  })

  it('has 15-20% bot-only sessions shaped as the newer sample, contained or dropped off', () => {
    const bot = (r: Rec) => !('conversationId' in r)
    expect(share(bot)).toBeGreaterThan(0.15)
    expect(share(bot)).toBeLessThan(0.2)
    for (const r of records.filter(bot)) {
      expect(r).not.toHaveProperty('destinations')
      expect(r).toMatchObject({ smartStatus: 'CLOSED AT BOT', orgId: expect.any(String), errorDetails: '' })
      expect(['BotResolved', 'Dropped']).toContain(r.finalStatus)
      expect(r.automationBotIDs).toHaveLength(1)
    }
  })

  it('has inbound and outbound, transfers, direct agents, abandoned, TRANSIENT_OPEN and voicemail', () => {
    expect(some((r) => r.Direction === 'Outbound')).toBe(true)
    expect(share((r) => directionOf(r) === 'INBOUND')).toBeGreaterThan(0.6)
    expect(some((r) => queueEntries(r).filter((q) => q.respondingAgent).length >= 2)).toBe(true)
    expect(some((r) => destinations(r).some((d) => d.destinationType === 'AgentSegment' && d.status))).toBe(
      true,
    )
    const abandoned = records.filter((r) => casesOf(r).abandonedInQueue)
    expect(abandoned.length).toBeGreaterThan(100)
    for (const r of abandoned) expect(queueEntries(r).some((q) => q.respondingAgent)).toBe(false)
    const open = records.filter((r) => r.finalStatus === 'TRANSIENT_OPEN')
    expect(open.length).toBeGreaterThan(20)
    for (const r of open) expect(segments(r).some((s) => s.acceptedTime)).toBe(false)
    expect(some((r) => r.isVoicemail === 'YES')).toBe(true)
    expect(some((r) => r.smartStatus === 'TERMINATED' && r.Reason === 'NO AGENTS AVAILABLE')).toBe(true)
  })

  it('has holds, after-call work, consults (some external numbers), joined users and non-responders', () => {
    const segs = records.flatMap(segments)
    expect(segs.some((s) => typeof s.holdDuration === 'number')).toBe(true)
    expect(segs.some((s) => typeof s.afterCallWorkDuration === 'number' && s.afterCallWorkEndTime)).toBe(true)
    const consults = segs.flatMap((s) => (s.ConsultingAgents as Rec[] | undefined) ?? [])
    expect(consults.some((c) => c.agentId)).toBe(true)
    expect(consults.some((c) => !c.agentId && /^\+\d+$/.test(String(c.name)))).toBe(true)
    expect(segs.some((s) => ((s.JoinedUsers as Rec[] | undefined) ?? []).length > 0)).toBe(true)
    const misses = records.flatMap((r) =>
      queueEntries(r).flatMap((q) => (q.nonRespondingAgents as Rec[]) ?? []),
    )
    expect(new Set(misses.map((m) => m.nonResponseEvent))).toEqual(
      new Set(['Ignored', 'Rejected', 'Supervisor Reassigned']),
    )
  })

  it('has callbacks with UTC Z times, CSAT, dispositions, skills, tags and both spellings', () => {
    const cb = records.flatMap(queueEntries).filter((q) => q.CallbackOpted === true)
    expect(cb.length).toBeGreaterThan(0)
    for (const q of cb) expect(String(q.CallbackOptedTime)).toMatch(/Z$/)
    expect(
      some((r) => r.CallbackOpted === undefined && queueEntries(r).some((q) => q.CallbackOpted === false)),
    ).toBe(true)
    expect(some((r) => typeof r.csatScore === 'number')).toBe(true)
    expect(some((r) => Array.isArray(r.dispositions) && r.dispositions.length > 0)).toBe(true)
    expect(some((r) => Array.isArray(r.skills) && r.skills.length > 0)).toBe(true)
    expect(some((r) => Array.isArray(r.userleveltags) && r.userleveltags.length > 0)).toBe(true)
    expect(some((r) => Array.isArray(r.sessionleveltags) && r.sessionleveltags.length > 0)).toBe(true)
    expect(some((r) => 'customerInfo' in r)).toBe(true)
    expect(some((r) => 'customerinfo' in r)).toBe(true)
    expect(some((r) => 'Reason' in r)).toBe(true)
    expect(some((r) => 'reason' in r && !('Reason' in r) && 'conversationId' in r)).toBe(true)
    expect(some((r) => typeof r.metaInfo === 'object' && r.metaInfo !== null)).toBe(true)
  })

  it('has a few odd records: numbers as strings, empty strings, missing EnterTime or queueName', () => {
    const segs = records.flatMap(segments)
    expect(segs.some((s) => typeof s.interactionDuration === 'string')).toBe(true)
    expect(some((r) => r.Direction === '')).toBe(true)
    expect(some((r) => queueEntries(r).some((q) => q.queueName === ''))).toBe(true)
    expect(some((r) => r.Direction === 'Inbound' && queueEntries(r).some((q) => !('EnterTime' in q)))).toBe(
      true,
    )
    expect(some((r) => queueEntries(r).some((q) => !('queueName' in q)))).toBe(true)
    expect(share((r) => segments(r).some((s) => typeof s.interactionDuration === 'string'))).toBeLessThan(
      0.03,
    )
  })

  it('writes the samples formats: zone-less seconds, ObjectId time = start, c- ids with 7 hex digits', () => {
    for (const r of records) {
      expect(String(r.sessionStartTime)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/)
      expect(String(r.sessionId)).toMatch(/^[0-9a-f]{24}$/)
      expect(objectIdMs(r.sessionId)).toBe(wallMs(r.sessionStartTime))
      if ('conversationId' in r) expect(String(r.conversationId)).toMatch(/^c-[0-9a-f]{7}-[0-9a-f]{4}-/)
    }
  })

  it('is busier in business hours than at night, and on weekdays than at weekends', () => {
    const byHour = new Array<number>(24).fill(0)
    const byDay = new Array<number>(7).fill(0)
    for (const r of records) {
      const d = new Date(wallMs(r.sessionStartTime))
      byHour[d.getUTCHours()] = (byHour[d.getUTCHours()] ?? 0) + 1
      byDay[d.getUTCDay()] = (byDay[d.getUTCDay()] ?? 0) + 1
    }
    expect(byHour[10] ?? 0).toBeGreaterThan(5 * (byHour[3] ?? 0))
    expect(byDay[3] ?? 0).toBeGreaterThan(1.8 * (byDay[0] ?? 0))
  })
})
