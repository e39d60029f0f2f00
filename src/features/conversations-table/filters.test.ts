import { describe, expect, it } from 'vitest'
import { conversation, fixtureConversations, queue } from '../../test/conversation-fixtures'
import { computeFacets, type FacetOption } from './facets'
import { applyFilters, type ConversationFilters, EMPTY_FILTERS, hasActiveFilters } from './filters'

const all = fixtureConversations()
const f = (more: Partial<ConversationFilters>): ConversationFilters => ({ ...EMPTY_FILTERS, ...more })
const ids = (more: Partial<ConversationFilters>) => applyFilters(all, f(more)).map((c) => c.id)
const counts = (options: FacetOption[]) => options.map((o) => [o.label, o.count])

describe('applyFilters', () => {
  it('passes everything through without filters', () => {
    expect(ids({})).toHaveLength(12)
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false)
  })

  it('ORs the values of one field', () => {
    expect(ids({ channels: ['Voice'] })).toEqual(['c1', 'c2', 'c3', 'c4', 's10', 'c12'])
    expect(ids({ channels: ['Voice', 'telegram'] })).toEqual(['c1', 'c2', 'c3', 'c4', 'c9', 's10', 'c12'])
    expect(ids({ dispositions: ['Callback', 'Resolved'] })).toEqual(['c3', 'c5', 'c6', 'c9'])
  })

  it('ANDs across fields', () => {
    expect(ids({ channels: ['Voice'], queues: ['q-sup'] })).toEqual(['c3', 'c4'])
    expect(ids({ channels: ['Voice'], queues: ['q-sup'], agents: ['u-ada'] })).toEqual(['c3'])
    expect(
      ids({ channels: ['Voice', 'System Mail'], dispositions: ['Paid'], directions: ['Inbound'] }),
    ).toEqual(['c1', 'c11'])
    expect(ids({ statuses: ['CLOSED'], handledBy: 'human', text: 'refund' })).toEqual([
      'c1',
      'c3',
      'c9',
      'c11',
    ])
  })

  it('matches a queue when any destination entered it (a transfer counts for both queues)', () => {
    expect(ids({ queues: ['q-bill'] })).toEqual(['c1', 'c2', 'c5', 'c11'])
    expect(ids({ queues: ['q-sup'] })).toEqual(['c3', 'c4', 'c5'])
  })

  it('matches an agent by id, or by name when the segment has no id, including direct agent segments', () => {
    expect(ids({ agents: ['u-ada'] })).toEqual(['c1', 'c3', 'c9', 'c11'])
    expect(ids({ agents: ['Cy External'] })).toEqual(['c6'])
    expect(ids({ agents: ['Ada Agent'] })).toEqual([])
  })

  it('splits bot-only sessions from the ones that reached a queue or agent', () => {
    expect(ids({ handledBy: 'bot' })).toEqual(['s7', 's8', 's10'])
    expect(ids({ handledBy: 'human' })).toHaveLength(9)
    expect(ids({ handledBy: 'bot', channels: ['Voice'] })).toEqual(['s10'])
  })

  it('searches customer data, ids, remarks and agent notes, ignoring case', () => {
    expect(ids({ text: 'JANE' })).toEqual(['c1'])
    expect(ids({ text: 'example.com' })).toEqual(['c1'])
    expect(ids({ text: 'order 42' })).toEqual(['c9'])
    expect(ids({ text: 'refund' })).toEqual(['c1', 'c3', 'c9', 'c11'])
    expect(ids({ text: 'sess-1' })).toEqual(['c1'])
    expect(ids({ text: 's8' })).toEqual(['s8'])
    expect(ids({ text: '   ' })).toHaveLength(12)
  })

  it('finds a phone number however it is typed', () => {
    expect(ids({ text: '+1 (321) 555-0100' })).toEqual(['c1'])
    expect(ids({ text: '5550100' })).toEqual(['c1'])
  })

  it('can leave customer data out of the search (while personal data is hidden)', () => {
    const hidden = (text: string) =>
      applyFilters(all, f({ text }), { searchPersonal: false }).map((c) => c.id)
    expect(hidden('jane')).toEqual([])
    expect(hidden('5550100')).toEqual([])
    expect(hidden('order 42')).toEqual(['c9'])
  })

  it('keeps unknown values: they match nothing, and never throw', () => {
    expect(ids({ channels: ['Fax'] })).toEqual([])
    expect(ids({ queues: ['q-gone'], channels: ['Voice'] })).toEqual([])
  })

  it('trims channel names as the data may carry a trailing space', () => {
    const jones = [conversation({ conversationId: 'j1', channel: 'Jones ' })]
    expect(applyFilters(jones, f({ channels: ['Jones'] }))).toHaveLength(1)
  })

  it('re-indexes nothing on a second pass (the index is per conversation object)', () => {
    const first = applyFilters(all, f({ text: 'refund' }))
    expect(applyFilters(all, f({ text: 'refund' }))).toEqual(first)
  })
})

describe('drill filters: days, hours and the categories without a value', () => {
  const at = (id: string, iso: string | null, more: Partial<Parameters<typeof conversation>[0]> = {}) =>
    conversation({ id, sessionStartTime: iso === null ? null : Date.parse(iso), ...more })
  const timed = [
    at('mon-late', '2024-11-11T23:30:00Z'),
    at('tue-early', '2024-11-12T00:10:00Z'),
    at('tue-9', '2024-11-12T09:05:00Z'),
    at('no-start', null),
  ]
  const pick = (more: Partial<ConversationFilters>, zone?: string) =>
    applyFilters(timed, f(more), zone === undefined ? {} : { zone }).map((c) => c.id)

  it('takes a day as the calendar day of the display zone', () => {
    expect(pick({ days: ['2024-11-12'] })).toEqual(['tue-early', 'tue-9'])
    // 23:30 UTC Monday is Tuesday 05:00 in India; 00:10 UTC Tuesday is Monday evening in New York
    expect(pick({ days: ['2024-11-12'] }, 'Asia/Kolkata')).toEqual(['mon-late', 'tue-early', 'tue-9'])
    expect(pick({ days: ['2024-11-11'] }, 'America/New_York')).toEqual(['mon-late', 'tue-early'])
    expect(pick({ days: ['2024-11-11', '2024-11-12'] })).toEqual(['mon-late', 'tue-early', 'tue-9'])
  })

  it('takes an hour of the week in the display zone, and ANDs it with the day', () => {
    expect(pick({ hours: ['Tue-09'] })).toEqual(['tue-9'])
    expect(pick({ hours: ['tue-00', 'Mon-23'] })).toEqual(['mon-late', 'tue-early'])
    expect(pick({ hours: ['Tue-14'] }, 'Asia/Kolkata')).toEqual(['tue-9'])
    expect(pick({ days: ['2024-11-11'], hours: ['Tue-00'] })).toEqual([])
  })

  it('matches nothing for an unreadable day or hour, and never a record without a start', () => {
    expect(pick({ days: ['2024-02-30'] })).toEqual([])
    expect(pick({ days: ['yesterday'] })).toEqual([])
    expect(pick({ hours: ['Tue-24'] })).toEqual([])
    expect(hasActiveFilters(f({ hours: ['x'] }))).toBe(true)
  })

  it('filters the conversations a chart counts under "Unknown channel", "No disposition" and "Bot only"', () => {
    const rows = [
      conversation({ id: 'blank-channel', channel: '  ', dispositions: ['Paid'] }),
      conversation({ id: 'none', channel: 'Voice', dispositions: [] }),
      conversation({ id: 'bot', conversationId: null, sessionId: 'bot', botOnly: true, dispositions: [] }),
    ]
    const of = (more: Partial<ConversationFilters>) => applyFilters(rows, f(more)).map((c) => c.id)
    expect(of({ channels: ['Unknown channel'] })).toEqual(['blank-channel', 'bot'])
    expect(of({ dispositions: ['No disposition'] })).toEqual(['none'])
    expect(of({ dispositions: ['Bot only (no disposition)'] })).toEqual(['bot'])
  })
})

describe('computeFacets', () => {
  it('counts every value when nothing is selected, most frequent first, queues by name', () => {
    const facets = computeFacets(all, EMPTY_FILTERS)
    expect(counts(facets.channels)).toEqual([
      ['Voice', 6],
      ['Web/Mobile Client', 4],
      ['System Mail', 1],
      ['telegram', 1],
    ])
    expect(counts(facets.queues)).toEqual([
      ['Billing', 4],
      ['Support', 3],
      ['Sales', 2],
    ])
    expect(facets.queues.map((o) => o.value)).toEqual(['q-bill', 'q-sup', 'q-sales'])
    expect(counts(facets.agents)).toEqual([
      ['Ada Agent', 4],
      ['Bo Agent', 2],
      ['Cy External', 1],
    ])
    expect(counts(facets.directions)).toEqual([
      ['Inbound', 11],
      ['Outbound', 1],
    ])
    expect(counts(facets.statuses)).toEqual([
      ['CLOSED', 7],
      ['BotResolved', 3],
      ['ABANDONED', 1],
      ['TRANSIENT_OPEN', 1],
    ])
    // a conversation without a disposition counts under one of its own, as in the Dispositions chart
    expect(counts(facets.dispositions)).toEqual([
      ['Bot only (no disposition)', 3],
      ['No disposition', 3],
      ['Paid', 3],
      ['Resolved', 3],
      ['Callback', 1],
    ])
    expect(facets.handled).toEqual({ all: 12, bot: 3, human: 9 })
  })

  it('counts each field under the OTHER filters, not its own', () => {
    const facets = computeFacets(all, f({ channels: ['Voice'] }))
    // the channel facet ignores the channel filter: the other channels stay pickable
    expect(counts(facets.channels)).toEqual([
      ['Voice', 6],
      ['Web/Mobile Client', 4],
      ['System Mail', 1],
      ['telegram', 1],
    ])
    expect(facets.channels.find((o) => o.value === 'Voice')?.selected).toBe(true)
    // the others count Voice conversations only
    expect(counts(facets.queues)).toEqual([
      ['Billing', 2],
      ['Support', 2],
      ['Sales', 1],
    ])
    expect(counts(facets.agents)).toEqual([
      ['Ada Agent', 2],
      ['Bo Agent', 1],
    ])
    expect(counts(facets.statuses)).toEqual([
      ['CLOSED', 3],
      ['ABANDONED', 1],
      ['BotResolved', 1],
      ['TRANSIENT_OPEN', 1],
    ])
    expect(facets.handled).toEqual({ all: 6, bot: 1, human: 5 })
  })

  it('combines two active fields: each facet is narrowed by the other one', () => {
    const facets = computeFacets(all, f({ channels: ['Voice'], queues: ['q-bill'] }))
    // Billing conversations: c1, c2 (Voice), c5 (Web), c11 (System Mail); telegram has none: not listed
    expect(counts(facets.channels)).toEqual([
      ['Voice', 2],
      ['System Mail', 1],
      ['Web/Mobile Client', 1],
    ])
    expect(counts(facets.queues)).toEqual([
      ['Billing', 2],
      ['Support', 2],
      ['Sales', 1],
    ])
    expect(counts(facets.agents)).toEqual([
      ['Ada Agent', 1],
      ['Bo Agent', 1],
    ])
    expect(facets.handled).toEqual({ all: 2, bot: 0, human: 2 })
  })

  it('keeps the handled-by counts faceted by everything but handled-by', () => {
    const facets = computeFacets(all, f({ handledBy: 'bot', channels: ['Web/Mobile Client'] }))
    expect(facets.handled).toEqual({ all: 4, bot: 2, human: 2 })
    expect(counts(facets.channels)).toEqual([
      ['Web/Mobile Client', 2],
      ['Voice', 1],
    ])
    expect(counts(facets.queues)).toEqual([])
  })

  it('still lists a selected value with no conversations (count 0), also one the data never had', () => {
    const facets = computeFacets(all, f({ channels: ['telegram'], queues: ['q-bill', 'q-gone'] }))
    expect(counts(facets.channels)).toEqual([
      ['Voice', 2],
      ['System Mail', 1],
      ['Web/Mobile Client', 1],
      ['telegram', 0],
    ])
    expect(facets.channels.at(-1)?.selected).toBe(true)
    // queue facet under channel=telegram: c9 went straight to an agent, so no queue has any
    expect(counts(facets.queues)).toEqual([
      ['Billing', 0],
      ['q-gone', 0],
    ])
  })

  it('applies the search to every facet', () => {
    const facets = computeFacets(all, f({ text: 'refund' }))
    expect(counts(facets.channels)).toEqual([
      ['Voice', 2],
      ['System Mail', 1],
      ['telegram', 1],
    ])
  })

  it('tells two queues with the same name apart by id', () => {
    const twins = [
      conversation({ conversationId: 'a', destinations: [queue('q-1', 'Billing')] }),
      conversation({ conversationId: 'b', destinations: [queue('q-2', 'Billing')] }),
    ]
    expect(computeFacets(twins, EMPTY_FILTERS).queues.map((o) => o.label)).toEqual([
      'Billing (q-1)',
      'Billing (q-2)',
    ])
  })
})
