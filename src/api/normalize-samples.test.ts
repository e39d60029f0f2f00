// The two seed samples, normalized with the offset they were fetched with (India, -330).
// Expected values are read off the JSON by hand; `ist` turns an India wall-clock time into epoch ms
// through Date.parse, independently of the parser under test.

import { describe, expect, it } from 'vitest'
import type { AgentSegment, Conversation, Destination, QueueVisit } from './conversation'
import older from './fixtures/sample-response.json' with { type: 'json' }
import newer from './fixtures/sample-response-newer.json' with { type: 'json' }
import { normalizeResponse } from './normalize'
import { objectIdTime } from './normalize-times'

const ist = (local: string) => Date.parse(`${local}+05:30`)
const opts = { timeZoneOffset: -330 }

const olderPage = normalizeResponse(older, opts)
const newerPage = normalizeResponse(newer, opts)

function byId(list: Conversation[], prefix: string): Conversation {
  const c = list.find((x) => x.id.startsWith(prefix))
  if (c === undefined) throw new Error(`no conversation ${prefix}`)
  return c
}
function queue(d: Destination | undefined): QueueVisit {
  if (d?.kind !== 'queue') throw new Error(`expected a queue entry, got ${d?.kind}`)
  return d
}
function agent(d: Destination | undefined): AgentSegment {
  if (d?.kind !== 'agent') throw new Error(`expected a top-level agent segment, got ${d?.kind}`)
  return d.agent
}
function responding(d: Destination | undefined): AgentSegment {
  const a = queue(d).respondingAgent
  if (a === null) throw new Error('expected a responding agent')
  return a
}

describe('older sample (10 records)', () => {
  const list = olderPage.conversations

  it('keeps every record, in order, with its conversationId as id and no warnings', () => {
    expect(olderPage.numResults).toBe(10)
    expect(list.map((c) => c.id)).toEqual(older.data.map((r) => r.conversationId))
    expect(list.every((c) => !c.botOnly)).toBe(true)
    expect(olderPage.warnings).toEqual([])
  })

  it('keeps every destination: 16 in all, 4 queue entries and 12 top-level agent segments', () => {
    expect(list.map((c) => c.destinations.length)).toEqual([1, 2, 2, 1, 2, 1, 1, 2, 2, 2])
    const kinds = list.flatMap((c) => c.destinations.map((d) => d.kind))
    expect(kinds.filter((k) => k === 'queue')).toHaveLength(4)
    expect(kinds.filter((k) => k === 'agent')).toHaveLength(12)
  })

  it('trims channel names ("Jones " -> "Jones")', () => {
    expect(list.map((c) => c.channel)).toEqual([
      'telegram',
      'Jones',
      'Jones',
      'Voice',
      'Voice',
      'Jones',
      'Jones',
      'Jones',
      'Jones',
      'Voice',
    ])
  })

  it('reads Reason (older spelling), statuses, dispositions and an unanswered queue entry', () => {
    const c = byId(list, 'c-43bc8a3')
    expect(c.reason).toBe('NO AGENTS AVAILABLE')
    expect(c.finalStatus).toBe('CLOSED')
    expect(c.smartStatus).toBe('TERMINATED')
    expect(c.disconnectingEvent).toBe('System Hangup')
    expect(c.dispositions).toEqual(['DROP-OFF'])
    expect(c.dispositionRemarks).toBe('-')
    expect(c.isVoicemail).toBe(false)
    expect(c.direction).toBe('Inbound')
    expect(c.customer).toEqual({ name: null, phone: null, email: null, extra: {} })
    const q = queue(c.destinations[0])
    expect(q.queueName).toBe('Default Queue')
    expect(q.enterTime).toBe(ist('2024-11-18T18:53:38'))
    expect(q.respondingAgent).toBeNull()
    expect(list.filter((x) => x.reason !== null)).toHaveLength(1)
  })

  it('c-185d9c5: 104 s of interaction including 57 s of hold, with an internal consulting agent', () => {
    const c = byId(list, 'c-185d9c5')
    const a = responding(c.destinations[0])
    expect(a.name).toBe('New Role 01')
    expect(a.interactionDurationSec).toBe(104)
    expect(a.holdSec).toBe(57)
    expect(a.acceptedTime).toBe(ist('2024-11-18T17:18:20'))
    expect(a.interactionEndTime).toBe(ist('2024-11-18T17:20:04'))
    // interactionDuration runs from acceptance to the end and already holds the hold time
    expect(((a.interactionEndTime ?? 0) - (a.acceptedTime ?? 0)) / 1000).toBe(104)
    expect(a.consultingAgents).toEqual([
      {
        agentId: 'u-0b7f0d22-4311-5555-9ed6-861c9231xxxx',
        name: 'UATAug14th 01',
        email: 'uataug14th@mailinator.com',
        external: false,
        isMerged: null,
        assignedAt: ist('2024-11-18T17:18:41'),
        startTime: ist('2024-11-18T17:18:55'),
        endTime: ist('2024-11-18T17:19:57'),
        durationSec: 62,
      },
    ])
    expect(c.customer.phone).toBe('+1234567890')
    expect(c.customer.extra).toEqual({ CenterPhone: '+1987654321' })
    expect(c.userTags).toEqual([])
    expect(c.sessionTags?.map((t) => t.name)).toEqual([
      'audioCodesCallDisconnect',
      'callerNumber',
      'voiceAgentTransferStart',
      'welcomeMessageTwilio',
    ])
    expect(c.sessionTags?.[1]).toEqual({ name: 'callerNumber', value: '+1234567890' })
  })

  it('ends a conversation at its latest end time, not at sessionEndTime', () => {
    const c = byId(list, 'c-185d9c5')
    expect(c.sessionEndTime).toBe(ist('2024-11-18T17:20:01'))
    expect(c.endTime).toBe(ist('2024-11-18T17:20:04'))
    const d = byId(list, 'c-d521a77')
    expect(d.sessionEndTime).toBe(ist('2024-11-18T17:26:54'))
    expect(d.endTime).toBe(ist('2024-11-18T17:36:43'))
    for (const x of list) expect(x.endTime ?? 0).toBeGreaterThanOrEqual(x.sessionEndTime ?? 0)
  })

  it('c-66a640e: a queue entry without queueName or EnterTime, then a top-level agent segment', () => {
    const c = byId(list, 'c-66a640e')
    const q = queue(c.destinations[0])
    expect(q.queueId).toBe('qu-04e6978-6011-49d6-929d-cd715080xxxx')
    expect(q.queueName).toBeNull()
    expect(q.enterTime).toBeNull()
    expect(q.respondingAgent?.name).toBe('UATAug14th 01')
    expect(q.respondingAgent?.interactionDurationSec).toBe(23)
    const a = agent(c.destinations[1])
    expect(a.name).toBe('New Role 01')
    expect(a.firstResponseTime).toBe(ist('2024-11-18T17:13:12'))
    expect(a.firstResponseDurationSec).toBe(0)
    expect(a.agentNotes).toBe('The customer requested to speak with an agent. The agent responded with just.')
  })

  it('c-c613d89: TRANSIENT_OPEN, assigned but never accepted', () => {
    const c = byId(list, 'c-c613d89')
    expect(c.finalStatus).toBe('TRANSIENT_OPEN')
    expect(c.smartStatus).toBeNull()
    expect(c.disconnectingEvent).toBeNull()
    const a = agent(c.destinations[0])
    expect(a.name).toBe('UATAug14th 01')
    expect(a.assignedAt).toBe(ist('2024-11-18T17:12:11'))
    expect(a.status).toBeNull()
    expect(a.acceptedTime).toBeNull()
    expect(a.interactionEndTime).toBeNull()
    expect(a.interactionDurationSec).toBeNull()
    expect(a.agentNotes).toBeNull()
    expect(a.consultingAgents).toEqual([])
    expect(c.endTime).toBe(ist('2024-11-18T17:12:11'))
  })

  it('reads customerinfo (lower-case spelling) whose first name is an email address', () => {
    const c = byId(list, 'c-d521a77')
    expect(c.customer).toEqual({
      name: 'john.doe@abc.com',
      phone: null,
      email: 'john.doe@abc.com',
      extra: {},
    })
  })
})

describe('newer sample (3 records)', () => {
  const list = newerPage.conversations

  it('keeps all three, bot-only session included, with 0 + 1 + 2 destinations', () => {
    expect(newerPage.numResults).toBe(3)
    expect(newerPage.warnings).toEqual([])
    expect(list.map((c) => c.id)).toEqual([
      '68db745779cb8cebd651aa01',
      'c-c880eb2-0a78-416e-a5b6-b210d033aa02',
      'c-252425a-903a-469e-b16d-eee318e3aa03',
    ])
    expect(list.map((c) => c.botOnly)).toEqual([true, false, false])
    expect(list.map((c) => c.destinations.length)).toEqual([0, 1, 2])
  })

  it('bot-only session: identified by sessionId, no conversationId, nothing invented', () => {
    const [bot] = list
    expect(bot).toMatchObject({
      conversationId: null,
      sessionId: '68db745779cb8cebd651aa01',
      finalStatus: 'BotResolved',
      smartStatus: 'CLOSED AT BOT',
      channel: 'Web/Mobile Client',
      reason: null,
      isVoicemail: null,
      direction: null,
      skills: [],
      dispositions: [],
      destinations: [],
      sessionStartTime: ist('2025-09-30T11:40:31'),
      endTime: ist('2025-09-30T11:40:42'),
    })
  })

  it('voice call: reason (newer spelling), callback times in Z and zone-less agree', () => {
    const c = byId(list, 'c-c880eb2')
    expect(c.reason).toBe('Requires Supervisor Attention')
    expect(c.dispositions).toEqual(['Requires Supervisor Attention'])
    const q = queue(c.destinations[0])
    expect(q.queueName).toBe('Billing')
    expect(q.callbackOpted).toBe(true)
    expect(q.callbackOptedTime).toBe(Date.parse('2025-09-30T06:34:48.810Z'))
    expect(q.userCallbackAcceptTime).toBe(Date.parse('2025-09-30T06:35:00.589Z'))
    expect(q.enterTime).toBe(Date.parse('2025-09-30T06:34:23Z'))
    const minute = (t: number | null) => Math.floor((t ?? Number.NaN) / 60_000)
    expect(minute(q.enterTime)).toBe(minute(q.callbackOptedTime))
  })

  it('voice call: external consulting agent, after-call work, end after sessionEndTime', () => {
    const c = byId(list, 'c-c880eb2')
    const a = responding(c.destinations[0])
    expect(a.consultingAgents).toHaveLength(1)
    expect(a.consultingAgents[0]).toMatchObject({
      agentId: null,
      name: '+919550000001',
      external: true,
      isMerged: true,
      startTime: ist('2025-09-30T12:05:45'),
      endTime: ist('2025-09-30T12:05:58'),
    })
    expect(a.afterCallWorkSec).toBe(3)
    expect(a.afterCallWorkEndTime).toBe(ist('2025-09-30T12:06:13'))
    expect(c.sessionEndTime).toBe(ist('2025-09-30T12:06:08'))
    expect(c.endTime).toBe(ist('2025-09-30T12:06:13'))
    expect(c.customer).toEqual({
      name: 'Ada Moss',
      phone: '+13215550100',
      email: null,
      extra: { CenterPhone: '+13345550199' },
    })
  })

  it('chat reassigned by a supervisor: non-responding agent, then a top-level AgentSegment', () => {
    const c = byId(list, 'c-252425a')
    const q = queue(c.destinations[0])
    expect(q.callbackOpted).toBe(false)
    expect(q.respondingAgent).toBeNull()
    expect(q.nonRespondingAgents).toEqual([
      {
        agentId: 'u-3ea001b4-664a-58b6-8108-b8bca375aa03',
        name: 'Agent Two',
        email: 'agent.two@example.com',
        assignedAt: ist('2025-10-01T15:30:35'),
        nonResponseEvent: 'Supervisor Reassigned',
        agentNotes: null,
      },
    ])
    const a = agent(c.destinations[1])
    expect(a.name).toBe('Agent Three')
    expect(a.interactionDurationSec).toBe(15)
    expect(a.afterCallWorkSec).toBe(32)
    expect(c.endTime).toBe(ist('2025-10-01T15:31:32'))
    expect(c.customer).toEqual({
      name: 'Jane Doe',
      phone: '1234567890',
      email: 'jane.doe@example.com',
      extra: {},
    })
  })
})

describe('both samples', () => {
  const all = [...olderPage.conversations, ...newerPage.conversations]

  it('were fetched at -330: every sessionId (an ObjectId) was created at sessionStartTime', () => {
    expect(all).toHaveLength(13)
    for (const c of all) expect(objectIdTime(c.sessionId), c.id).toBe(c.sessionStartTime)
    // read with the wrong offset, every record would be 5:30 off
    const atUtc = normalizeResponse(older, { timeZoneOffset: 0 }).conversations
    for (const c of atUtc)
      expect((c.sessionStartTime ?? 0) - (objectIdTime(c.sessionId) ?? 0)).toBe(330 * 60_000)
  })

  it('keeps each record as received for the drawer', () => {
    expect(olderPage.conversations.map((c) => c.raw)).toEqual(older.data)
    expect(newerPage.conversations[0]?.raw).toBe(newer.data[0])
  })
})
