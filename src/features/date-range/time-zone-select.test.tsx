import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { browserTimeZone } from '../../lib/format'
import { TimeZoneSelect, timeZoneOptions } from './time-zone-select'

describe('timeZoneOptions', () => {
  const all = ['America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'UTC']

  it('puts the browser zone and UTC first, then the rest alphabetically', () => {
    expect(timeZoneOptions('Asia/Kolkata', 'Europe/Berlin', all)).toEqual([
      'Europe/Berlin',
      'UTC',
      'America/New_York',
      'Asia/Kolkata',
    ])
  })

  it('keeps a current zone the list lacks (an alias) at the top, without duplicates', () => {
    expect(timeZoneOptions('Asia/Calcutta', 'UTC', all)).toEqual([
      'Asia/Calcutta',
      'UTC',
      'America/New_York',
      'Asia/Kolkata',
      'Europe/Berlin',
    ])
  })
})

describe('TimeZoneSelect', () => {
  it('is labelled, shows the current zone and reports a new one', async () => {
    const onChange = vi.fn<(zone: string) => void>()
    render(<TimeZoneSelect zone="America/New_York" onChange={onChange} />)
    const select = screen.getByLabelText('Time zone') as HTMLSelectElement
    expect(screen.getByRole('combobox', { name: 'Time zone' })).toBe(select)
    expect(select.value).toBe('America/New_York')

    // The full list is labelled when the page is idle or, as here, when the select is touched.
    act(() => select.focus())
    await waitFor(() => expect(within(select).getAllByRole('option').length).toBeGreaterThan(300))
    expect(select.value).toBe('America/New_York')
    const options = within(select).getAllByRole('option') as HTMLOptionElement[]
    const browser = browserTimeZone()
    expect(options.slice(0, 2).map((o) => o.value)).toEqual(
      browser === 'UTC' ? ['UTC', 'Africa/Abidjan'] : [browser, 'UTC'],
    )
    expect(options.find((o) => o.value === 'Asia/Kolkata')?.textContent).toMatch(
      /^Asia\/Kolkata \(GMT\+05:30\)/,
    )

    await userEvent.setup().selectOptions(select, 'Asia/Kolkata')
    expect(onChange).toHaveBeenCalledWith('Asia/Kolkata')
  })
})
