import { describe, expect, it } from 'vitest'
import { filtersFromParams, filtersToParams } from './filter-url'
import { type ConversationFilters, EMPTY_FILTERS } from './filters'

describe('filters in the URL', () => {
  it('reads every filter, repeatable ones as lists (values trimmed, blanks and repeats dropped)', () => {
    const params = new URLSearchParams(
      'from=2024-11-18&channel=Voice&channel=%20Web/Mobile%20Client%20&channel=&channel=Voice' +
        '&queue=q-1&queue=q-2&agent=u-ada&direction=Inbound&status=CLOSED&disposition=Paid&handled=bot&q=jane%20' +
        '&day=2024-11-18&hour=Mon-09',
    )
    expect(filtersFromParams(params)).toEqual({
      channels: ['Voice', 'Web/Mobile Client'],
      queues: ['q-1', 'q-2'],
      agents: ['u-ada'],
      directions: ['Inbound'],
      statuses: ['CLOSED'],
      dispositions: ['Paid'],
      handledBy: 'bot',
      text: 'jane ',
      days: ['2024-11-18'],
      hours: ['Mon-09'],
    })
  })

  it('reads nothing as no filter, and an unknown handled= as all', () => {
    expect(filtersFromParams(new URLSearchParams(''))).toEqual(EMPTY_FILTERS)
    expect(filtersFromParams(new URLSearchParams('handled=robots')).handledBy).toBe('all')
    expect(filtersFromParams(new URLSearchParams('handled=HUMAN')).handledBy).toBe('human')
  })

  it('keeps unknown values (they just match nothing)', () => {
    expect(filtersFromParams(new URLSearchParams('channel=Fax&queue=%F0%9F%90%99')).queues).toEqual(['🐙'])
    expect(filtersFromParams(new URLSearchParams('channel=Fax')).channels).toEqual(['Fax'])
  })

  it('round-trips and leaves the other parameters alone', () => {
    const filters: ConversationFilters = {
      channels: ['Voice', 'Web/Mobile Client'],
      queues: ['q-1'],
      agents: ['u-ada', 'Cy External'],
      directions: ['Outbound'],
      statuses: ['CLOSED', 'ABANDONED'],
      dispositions: ['Paid & done'],
      handledBy: 'human',
      text: 'refund, please',
      days: ['2024-11-12'],
      hours: ['Tue-14'],
    }
    const before = new URLSearchParams(
      'from=2024-11-18&to=2024-11-24&tz=Asia/Kolkata&conversation=c-1&channel=Old',
    )
    const params = filtersToParams(filters, before)
    expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(filters)
    expect(params.get('from')).toBe('2024-11-18')
    expect(params.get('to')).toBe('2024-11-24')
    expect(params.get('tz')).toBe('Asia/Kolkata')
    expect(params.get('conversation')).toBe('c-1')
    expect(params.getAll('channel')).toEqual(['Voice', 'Web/Mobile Client'])
    expect(params.toString()).toContain('channel=Web%2FMobile+Client')
    expect(before.getAll('channel')).toEqual(['Old'])
  })

  it('writes no filter parameter for empty filters', () => {
    const params = filtersToParams(
      EMPTY_FILTERS,
      new URLSearchParams('from=2024-11-18&channel=Voice&q=x&handled=bot'),
    )
    expect(params.toString()).toBe('from=2024-11-18')
  })
})
