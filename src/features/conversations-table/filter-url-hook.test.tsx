import { act, renderHook } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useConversationFilters } from './filter-url'
import { EMPTY_FILTERS } from './filters'

describe('useConversationFilters', () => {
  beforeEach(() => window.history.replaceState(null, '', '/?from=2024-11-18&conversation=c-1'))

  it('writes filters to the URL as history entries, keeping the other parameters', () => {
    const { result } = renderHook(() => useConversationFilters())
    const length = window.history.length
    act(() => result.current.setFilters({ ...EMPTY_FILTERS, channels: ['Voice'] }))
    expect(window.location.search).toBe('?from=2024-11-18&conversation=c-1&channel=Voice')
    expect(result.current.filters.channels).toEqual(['Voice'])
    expect(window.history.length).toBe(length + 1)
  })

  it('types a search into one history entry (replace), started by one new entry', () => {
    const { result } = renderHook(() => useConversationFilters())
    const length = window.history.length
    act(() => result.current.setFilters({ ...EMPTY_FILTERS, text: 'j' }))
    act(() => result.current.setFilters({ ...EMPTY_FILTERS, text: 'ja' }))
    act(() => result.current.setFilters({ ...EMPTY_FILTERS, text: 'jane' }))
    expect(window.history.length).toBe(length + 1)
    expect(new URLSearchParams(window.location.search).get('q')).toBe('jane')
  })

  it('keeps the same filters object while only other parameters change', () => {
    window.history.replaceState(null, '', '/?channel=Voice')
    const { result } = renderHook(() => useConversationFilters())
    const first = result.current.filters
    act(() => {
      window.history.pushState(null, '', '/?channel=Voice&conversation=c-2')
      window.dispatchEvent(new PopStateEvent('popstate'))
    })
    expect(result.current.filters).toBe(first)
  })

  it('clears every filter', () => {
    window.history.replaceState(null, '', '/?from=2024-11-18&channel=Voice&queue=q-1&handled=bot&q=x')
    const { result } = renderHook(() => useConversationFilters())
    act(() => result.current.clearFilters())
    expect(window.location.search).toBe('?from=2024-11-18')
    expect(result.current.filters).toEqual(EMPTY_FILTERS)
  })
})
