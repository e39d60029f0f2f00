// What the normalizer does with records that do not look like the samples: it keeps them, renders
// what it can, and counts what is odd as warnings. Never throws, never drops a record.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import older from './fixtures/sample-response.json' with { type: 'json' }
import newer from './fixtures/sample-response-newer.json' with { type: 'json' }
import { conversationIdentity, normalizeRecord, normalizeResponse } from './normalize'

const ist = (local: string) => Date.parse(`${local}+05:30`)
const opts = { timeZoneOffset: -330 }
const one = (record: unknown) => normalizeRecord(record, 0, opts)

describe('a record with wrong types', () => {
  const messy = {
    conversationId: 'c-messy',
    sessionId: 12345,
    channel: ['Voice'],
    isVoicemail: 'maybe',
    Direction: 'Inbound',
    finalStatus: 'CLOSED',
    sessionStartTime: 'yesterday',
    sessionEndTime: '2024-11-18 17:20:00',
    csatScore: 'five',
    metaInfo: 'none',
    customerInfo: 'John',
    dispositions: ['ESCALATED', 7, ''],
    destinations: [
      null,
      { destinationType: 'Teleport' },
      {
        destinationType: 'QueueEntry',
        queueName: ' Sales ',
        EnterTime: '2024-13-01T00:00:00',
        respondingAgent: {
          name: 'Ann',
          acceptedTime: '2024-11-18T17:18:20',
          interactionDuration: '104',
          holdDuration: '57',
          interactionEndTime: '2024-11-18T17:20:04',
          ConsultingAgents: 'nobody',
        },
      },
      {
        destinationType: 'AgentSegment',
        name: 'Bob',
        afterCallWorkDuration: {},
        afterCallWorkEndTime: '2024-11-18T17:25:00',
      },
    ],
  }
  const page = normalizeResponse({ numResults: 1, data: [messy] }, opts)

  it('counts one warning per odd field, each naming where it is', () => {
    expect(page.warnings.map((w) => w.message.split(':')[0]).sort()).toEqual(
      [
        'sessionId',
        'channel',
        'isVoicemail',
        'sessionStartTime',
        'csatScore',
        'metaInfo',
        'customerInfo',
        'dispositions[1]',
        'destinations[0]',
        'destinations[1]',
        'destinations[2].EnterTime',
        'destinations[2].respondingAgent.ConsultingAgents',
        'destinations[3].afterCallWorkDuration',
      ].sort(),
    )
    expect(page.warnings.every((w) => w.index === 0 && w.id === 'c-messy')).toBe(true)
  })

  it('still renders everything else', () => {
    const c = page.conversations[0]
    expect(c).toMatchObject({
      id: 'c-messy',
      sessionId: '12345',
      channel: null,
      isVoicemail: null,
      direction: 'Inbound',
      finalStatus: 'CLOSED',
      sessionStartTime: null,
      sessionEndTime: ist('2024-11-18T17:20:00'),
      endTime: ist('2024-11-18T17:25:00'),
      csatScore: null,
      metaInfo: {},
      dispositions: ['ESCALATED', '7'],
      customer: { name: null, phone: null, email: null, extra: {} },
      botOnly: false,
    })
    expect(c?.destinations).toHaveLength(2)
    const q = c?.destinations[0]
    expect(q).toMatchObject({ kind: 'queue', queueName: 'Sales', enterTime: null })
    expect(q?.kind === 'queue' && q.respondingAgent).toMatchObject({
      name: 'Ann',
      interactionDurationSec: 104,
      holdSec: 57,
      consultingAgents: [],
    })
    expect(c?.destinations[1]).toMatchObject({
      kind: 'agent',
      agent: { name: 'Bob', afterCallWorkSec: null },
    })
  })
})

describe('what is not a warning', () => {
  it('accepts numbers as text, empty strings as absent, unknown extra fields, trailing spaces', () => {
    const { conversation: c, warnings } = one({
      conversationId: ' c-quiet ',
      sessionId: '',
      channel: 'Voice ',
      smartStatus: '',
      Reason: '',
      reason: '',
      csatScore: '4',
      isVoicemail: 'YES',
      sessionStartTime: '',
      brandNewField: { x: 1 },
      destinations: [
        {
          destinationType: 'AgentSegment',
          name: 'Ann',
          interactionDuration: '104',
          holdDuration: ' 57 ',
          firstResponseDuration: '',
          acceptedTime: '2024-11-18 17:18:20',
          interactionEndTime: '',
          futureField: [1, 2],
        },
      ],
    })
    expect(warnings).toEqual([])
    expect(c).toMatchObject({
      id: 'c-quiet',
      sessionId: null,
      channel: 'Voice',
      smartStatus: null,
      reason: null,
      csatScore: 4,
      isVoicemail: true,
      sessionStartTime: null,
    })
    expect(c.destinations[0]).toMatchObject({
      kind: 'agent',
      agent: {
        interactionDurationSec: 104,
        holdSec: 57,
        firstResponseDurationSec: null,
        interactionEndTime: null,
      },
    })
  })
})

describe('documented variations', () => {
  it('reads reason and Reason, preferring whichever carries text', () => {
    expect(one({ reason: 'new', Reason: 'old' }).conversation.reason).toBe('new')
    expect(one({ reason: '', Reason: 'old' }).conversation.reason).toBe('old')
    expect(one({ Reason: 'NO AGENTS AVAILABLE' }).conversation.reason).toBe('NO AGENTS AVAILABLE')
  })

  it('reads customerInfo as the field table spells it, and other spellings of name, phone, email', () => {
    const documented = one({
      customerInfo: { CustomerPhone: '1888456780', CenterPhone: '1234567890', CustomerFirstName: 'John' },
    })
    expect(documented.conversation.customer).toEqual({
      name: 'John',
      phone: '1888456780',
      email: null,
      extra: { CenterPhone: '1234567890' },
    })
    const variant = one({
      conversationId: 'c-1',
      customerinfo: {
        firstName: 'Ada',
        last_name: 'Moss',
        phoneNumber: 15550100,
        emailId: 'ada@example.com',
        tier: 'gold',
      },
    })
    expect(variant.conversation.customer).toEqual({
      name: 'Ada Moss',
      phone: '15550100',
      email: 'ada@example.com',
      extra: { tier: 'gold' },
    })
    expect(variant.warnings).toEqual([])
    const both = one({
      customerInfo: { CustomerFirstName: 'John' },
      customerinfo: { CustomerFirstName: 'Jack' },
    })
    expect(both.conversation.customer.name).toBe('John')
  })

  it('keeps odd customer keys as data, even "__proto__"', () => {
    const { conversation } = one(
      JSON.parse('{"customerinfo": {"__proto__": {"polluted": true}, "CustomerEmail": "a@b.c"}}'),
    )
    expect(conversation.customer.email).toBe('a@b.c')
    expect(Object.keys(conversation.customer.extra)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(conversation.customer.extra)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reads isVoicemail as NO / YES / boolean / absent', () => {
    const read = (v: unknown) => one({ isVoicemail: v }).conversation.isVoicemail
    expect([read('NO'), read('YES'), read('yes'), read(true), read(false), read(undefined)]).toEqual([
      false,
      true,
      true,
      true,
      false,
      null,
    ])
  })

  it('reads skills as {id, name} objects and dispositions as a list or a single string', () => {
    const { conversation: c, warnings } = one({
      conversationId: 'c-1',
      skills: [{ id: '64c0d5353642d2755604xxxx', name: 'Platinum Customer' }, { id: 's-2' }, 'Spanish'],
      dispositions: 'ESCALATED',
      dispositionRemarks: ['first', ' ', 'second'],
    })
    expect(c.skills).toEqual(['Platinum Customer', 's-2', 'Spanish'])
    expect(c.dispositions).toEqual(['ESCALATED'])
    expect(c.dispositionRemarks).toBe('first\nsecond')
    expect(warnings).toEqual([])
  })

  it('keeps a destination without destinationType when its fields say what it is (with a warning)', () => {
    const { conversation: c, warnings } = one({
      conversationId: 'c-1',
      destinations: [
        { queueId: 'qu-1', queueName: 'Sales' },
        { agentId: 'u-1', name: 'Ann' },
      ],
    })
    expect(c.destinations.map((d) => d.kind)).toEqual(['queue', 'agent'])
    expect(warnings).toHaveLength(2)
  })

  it('marks a session bot-only when it has no conversationId and reached no queue or agent', () => {
    expect(one({ sessionId: 's-1', finalStatus: 'BotResolved' }).conversation.botOnly).toBe(true)
    expect(
      one({ sessionId: 's-1', destinations: [{ destinationType: 'QueueEntry' }] }).conversation.botOnly,
    ).toBe(false)
    expect(one({ conversationId: 'c-1', sessionId: 's-1' }).conversation.botOnly).toBe(false)
  })
})

describe('records that are not objects', () => {
  it('each still yields a conversation with a synthetic id and one warning', () => {
    const data = [null, 5, 'text', [1, 2], true]
    const page = normalizeResponse({ data }, opts)
    expect(page.conversations.map((c) => c.id)).toEqual([
      'record-0',
      'record-1',
      'record-2',
      'record-3',
      'record-4',
    ])
    expect(page.conversations.map((c) => c.raw)).toEqual(data)
    expect(page.warnings.map((w) => w.index)).toEqual([0, 1, 2, 3, 4])
    for (const c of page.conversations) {
      expect(c).toMatchObject({
        conversationId: null,
        sessionId: null,
        channel: null,
        endTime: null,
        destinations: [],
      })
    }
  })

  it('a record with neither id gets a synthetic one too, and a warning', () => {
    const { conversation, warnings } = normalizeRecord({ channel: 'Voice' }, 7, opts)
    expect(conversation.id).toBe('record-7')
    expect(conversation.channel).toBe('Voice')
    expect(warnings).toHaveLength(1)
  })
})

describe('the page envelope', () => {
  it('answers an empty page with one page-level warning for anything that is not {data: [...]}', () => {
    for (const raw of [null, 'x', 42, [], [{ conversationId: 'c-1' }], {}, { data: 'x' }, { data: {} }]) {
      const page = normalizeResponse(raw, opts)
      expect(page.conversations, JSON.stringify(raw)).toEqual([])
      expect(page.warnings.map((w) => w.index)).toEqual([-1])
    }
  })

  it('reads numResults as number or numeric text', () => {
    expect(normalizeResponse({ numResults: '7', data: [] }, opts)).toEqual({
      conversations: [],
      warnings: [],
      numResults: 7,
    })
    const bad = normalizeResponse({ numResults: 'many', data: [] }, opts)
    expect(bad.numResults).toBeNull()
    expect(bad.warnings).toHaveLength(1)
    expect(normalizeResponse({ data: [] }, opts).numResults).toBeNull()
  })

  it('keeps ids unique in a page even when the API repeats a record', () => {
    const page = normalizeResponse(
      { data: [{ conversationId: 'c-1' }, { conversationId: 'c-1' }, 7, { conversationId: 'record-2' }] },
      opts,
    )
    const ids = page.conversations.map((c) => c.id)
    expect(ids).toHaveLength(4)
    expect(new Set(ids).size).toBe(4)
    expect(ids[0]).toBe('c-1')
    expect(page.warnings.filter((w) => /duplicate/.test(w.message))).toHaveLength(2)
  })
})

describe('conversationIdentity', () => {
  it('is conversationId, else sessionId, trimmed and non-empty, else null', () => {
    expect(conversationIdentity({ conversationId: ' c-1 ', sessionId: 's-1' })).toBe('c-1')
    expect(conversationIdentity({ conversationId: '  ', sessionId: ' s-1' })).toBe('s-1')
    expect(conversationIdentity({ sessionId: '' })).toBeNull()
    expect(conversationIdentity(null)).toBeNull()
    expect(conversationIdentity(['c-1'])).toBeNull()
  })

  it('matches the id normalize gives a record that has one', () => {
    for (const r of [...older.data, ...newer.data]) {
      expect(one(r).conversation.id).toBe(conversationIdentity(r))
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Properties

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const dataOf = (raw: unknown): unknown[] => (isObj(raw) && Array.isArray(raw.data) ? raw.data : [])

function checkPage(raw: unknown) {
  const page = normalizeResponse(raw, opts)
  const data = dataOf(raw)
  expect(page.conversations).toHaveLength(data.length)
  const ids = page.conversations.map((c) => c.id)
  expect(new Set(ids).size).toBe(ids.length)
  for (const id of ids) expect(id.length).toBeGreaterThan(0)
  page.conversations.forEach((c, i) => {
    expect(c.raw).toBe(data[i])
  })
  for (const w of page.warnings) {
    // the last-resort catch is for getters and proxies, which none of these inputs have
    expect(w.message).not.toMatch(/could not be read/)
    expect(w.index).toBeGreaterThanOrEqual(-1)
    expect(w.index).toBeLessThan(Math.max(data.length, 1))
  }
  return page
}

describe('never throws, never drops (property)', () => {
  it('for any value at all', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => void checkPage(raw)),
      { numRuns: 300 },
    )
  })

  it('for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => void checkPage(raw)),
      { numRuns: 300 },
    )
  })

  it('for pages of arbitrary records', () => {
    const page = fc.record(
      {
        numResults: fc.anything(),
        data: fc.array(fc.oneof(fc.anything(), fc.jsonValue()), { maxLength: 20 }),
      },
      { requiredKeys: ['data'] },
    )
    fc.assert(
      fc.property(page, (raw) => void checkPage(raw)),
      { numRuns: 300 },
    )
  })

  it('for sample records with random fields replaced, added or removed', () => {
    const samples: unknown[] = [...older.data, ...newer.data]
    const DELETE = Symbol('delete')
    type Path = (string | number)[]
    const pathsOf = (v: unknown, at: Path = []): Path[] => {
      const own: Path[] = [at]
      if (Array.isArray(v)) for (let i = 0; i < v.length; i++) own.push(...pathsOf(v[i], [...at, i]))
      else if (isObj(v)) for (const k of Object.keys(v)) own.push(...pathsOf(v[k], [...at, k]))
      return own
    }
    const setAt = (root: unknown, path: Path, value: unknown): unknown => {
      if (path.length === 0) return value === DELETE ? undefined : value
      let parent = root as Record<string | number, unknown>
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
      const last = path[path.length - 1] as string | number
      if (value === DELETE) delete parent[last]
      else parent[last] = value
      return root
    }
    const mutation = fc.record({
      pick: fc.nat(),
      value: fc.oneof(fc.anything(), fc.jsonValue(), fc.constant(DELETE), fc.string(), fc.constant('')),
    })
    const record = fc
      .tuple(fc.nat({ max: samples.length - 1 }), fc.array(mutation, { maxLength: 6 }), fc.boolean())
      .map(([which, mutations, newKey]) => (i: number, relabel: boolean) => {
        let r: unknown = structuredClone(samples[which])
        if (relabel && isObj(r) && r.conversationId !== undefined) r.conversationId = `c-${i}`
        for (const m of mutations) {
          const paths = pathsOf(r)
          const path = paths[m.pick % paths.length] ?? []
          // sometimes add a field instead of replacing one
          r =
            newKey && isObj(r) && path.length === 0
              ? setAt(r, ['brandNew'], m.value)
              : setAt(r, path, m.value)
        }
        return r
      })
    const pageArb = fc.tuple(fc.array(record, { maxLength: 30 }), fc.boolean()).map(([makers, relabel]) => ({
      numResults: makers.length,
      data: makers.map((make, i) => make(i, relabel)),
    }))

    fc.assert(
      fc.property(pageArb, (raw) => {
        const page = checkPage(raw)
        // a record whose identity is unique in its page is shown under that identity
        const identities = raw.data.map(conversationIdentity)
        identities.forEach((id, i) => {
          if (id !== null && identities.indexOf(id) === identities.lastIndexOf(id)) {
            expect(page.conversations[i]?.id).toBe(id)
          }
        })
      }),
      { numRuns: 300 },
    )
  })
})
