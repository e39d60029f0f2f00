import { describe, expect, it } from 'vitest'
import { agent, conversation, queue } from '../test/conversation-fixtures'
import older from './fixtures/sample-response.json' with { type: 'json' }
import newer from './fixtures/sample-response-newer.json' with { type: 'json' }
import { normalizeResponse } from './normalize'
import { isPhoneLike, MASK, maskConversation, maskRaw } from './privacy-mask'

// Every customer datum the two samples carry (grep'd from the files), and strings that must survive.
const PERSONAL = [
  // phone numbers: customerinfo, metaInfo caller/callee/dialedNumber/endUserNumber, callerNumber tag
  '+13215550100',
  '3215550100',
  '+13345550199',
  '+1987654321',
  '+919876543210',
  '9876543210',
  '1234567890',
  '234567890',
  '+919550000001', // an external consulting party
  // e-mail addresses
  'jane.doe@abc.com',
  'john.doe@abc.com',
  'jane.doe@example.com',
  'visitor-1@example.com',
  // names
  '"Jane"',
  '"Doe"',
  '"Ada"',
  '"Moss"',
  'Jane Doe',
  'Ada Moss',
  // the caller's IP address, channel user ids
  '50.19.121.248',
  '518737xxxx',
  'korevg/c246a41e',
  'cs-ddee2921/22f2681a',
  // free text about the customer
  'Took the payment over the phone',
  'Customer asked to pay a bill',
  'Customer asked about an order',
  'The customer requested to speak',
]

const KEPT = [
  'Agent One',
  'agent.one@example.com',
  'Billing',
  'Default Queue',
  'callerNumber',
  '2025-09-30',
  'BotResolved',
]

describe('maskRaw on the seed samples', () => {
  for (const [name, sample] of [
    ['sample-response.json', older],
    ['sample-response-newer.json', newer],
  ] as const) {
    it(`leaves no phone number, e-mail or customer name in ${name}`, () => {
      const before = JSON.stringify(sample)
      const after = JSON.stringify(maskRaw(sample))
      const present = PERSONAL.filter((s) => before.includes(s))
      expect(present.length).toBeGreaterThan(3) // the list is about this file
      for (const s of present) expect(after, s).not.toContain(s)
      // and the input is untouched
      expect(JSON.stringify(sample)).toBe(before)
    })
  }

  it('keeps agents, queues, tag names, times and statuses', () => {
    const after = JSON.stringify([maskRaw(older), maskRaw(newer)])
    for (const s of KEPT) expect(after, s).toContain(s)
  })

  it('masks customerinfo whole, and metaInfo and tags by key', () => {
    const rec = (maskRaw(newer) as { data: Record<string, unknown>[] }).data[1] as Record<string, never>
    expect(rec.customerinfo).toEqual({
      CustomerPhone: MASK,
      CenterPhone: MASK,
      CustomerEmail: '', // empty stays empty: nothing to hide
      CustomerFirstName: MASK,
      CustomerLastName: MASK,
    })
    expect(rec.metaInfo).toEqual({ caller: MASK, callee: MASK, dialedNumber: MASK })
    expect(rec.dispositionRemarks).toEqual([MASK])
  })

  it('catches e-mail addresses and phone numbers under keys it does not know', () => {
    expect(
      maskRaw({ x: { contactVia: 'mail jane@x.org now', y: '+44 20 7946 0958', t: '2025-09-30' } }),
    ).toEqual({
      x: { contactVia: `mail ${MASK} now`, y: MASK, t: '2025-09-30' },
    })
    expect(isPhoneLike('2024-11-18 17:18:03')).toBe(false)
    expect(isPhoneLike('(321) 555-0100')).toBe(true)
    expect(isPhoneLike('104')).toBe(false)
  })

  it('never changes prototypes on hostile keys', () => {
    const masked = maskRaw(JSON.parse('{"__proto__": {"polluted": 1}, "customerinfo": {"__proto__": "x"}}'))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype)
  })
})

describe('maskConversation', () => {
  it('masks the normalized customer fields, tags, notes and the raw record', () => {
    const page = normalizeResponse(older, { timeZoneOffset: -330 })
    const newerPage = normalizeResponse(newer, { timeZoneOffset: -330 })
    for (const c of [...page.conversations, ...newerPage.conversations]) {
      const m = maskConversation(c)
      const text = JSON.stringify(m)
      for (const s of PERSONAL) expect(text, `${c.id}: ${s}`).not.toContain(s)
      expect(m.id).toBe(c.id)
      expect(m.channel).toBe(c.channel)
      expect(maskConversation(c)).toBe(m) // cached: same object
    }
  })

  it('keeps what is not personal and leaves the input alone', () => {
    const c = conversation({
      conversationId: 'c1',
      customer: { name: 'Jane Doe', phone: '+13215550100', email: null, extra: { Account: 'A-77' } },
      dispositionRemarks: 'called from +13215550100',
      destinations: [queue('q-1', 'Billing', agent('u-ada', 'Ada Agent', { agentNotes: 'Jane was upset' }))],
      sessionTags: [
        { name: 'callerNumber', value: '+13215550100' },
        { name: 'welcomeMessage', value: '1' },
      ],
    })
    const m = maskConversation(c)
    expect(m.customer).toEqual({ name: MASK, phone: MASK, email: null, extra: { Account: MASK } })
    expect(m.dispositionRemarks).toBe(MASK)
    expect(m.sessionTags).toEqual([
      { name: 'callerNumber', value: MASK },
      { name: 'welcomeMessage', value: '1' },
    ])
    const visit = m.destinations[0]
    expect(visit?.kind === 'queue' && visit.respondingAgent?.agentNotes).toBe(MASK)
    expect(visit?.kind === 'queue' && visit.respondingAgent?.name).toBe('Ada Agent')
    expect(c.customer.name).toBe('Jane Doe')
  })
})
