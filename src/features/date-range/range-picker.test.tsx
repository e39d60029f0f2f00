import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { RangePicker } from './range-picker'
import { calendarDays, type TimeRange } from './range-rules'

const NY = 'America/New_York'
const at = (text: string) => Date.parse(text)
const iso = (r: TimeRange) => [new Date(r.start).toISOString(), new Date(r.end).toISOString()]

// Wednesday 2024-11-20 10:00 EST; the shown range is Nov 12–18, whole days in the display zone.
const NOW = at('2024-11-20T15:00:00Z')
const nov12to18 = (zone: string) => calendarDays(at('2024-11-12T12:00:00Z'), at('2024-11-18T12:00:00Z'), zone)

function setup(props: { range?: TimeRange | null; zone?: string; now?: number } = {}) {
  const onChange = vi.fn<(range: TimeRange) => void>()
  const user = userEvent.setup()
  const zone = props.zone ?? NY
  render(
    <div>
      <RangePicker
        range={props.range === undefined ? nov12to18(zone) : props.range}
        zone={zone}
        now={props.now ?? NOW}
        onChange={onChange}
      />
      <p>Outside</p>
      <button type="button">Elsewhere</button>
    </div>,
  )
  const trigger = () => screen.getByRole('button', { name: /^Date range:/ })
  const open = async () => {
    await user.click(trigger())
    return screen.getByRole('dialog', { name: 'Choose a date range' })
  }
  return { onChange, user, trigger, open }
}

/** A calendar day by its accessible name, e.g. "November 12th, 2024". */
const day = (dialog: HTMLElement, name: string) =>
  within(dialog).getByRole('button', { name: new RegExp(name) })
/** DayPicker disables a day with `disabled`, or with `aria-disabled` while it has keyboard focus. */
const isDisabled = (button: HTMLElement) =>
  (button as HTMLButtonElement).disabled || button.getAttribute('aria-disabled') === 'true'

describe('RangePicker', () => {
  it('names the current range on its button and opens a dialog with focus inside', async () => {
    const { trigger, open } = setup()
    expect(screen.getByRole('button', { name: 'Date range: Nov 12 – Nov 18, 2024' })).toBe(trigger())
    expect(trigger().getAttribute('aria-expanded')).toBe('false')
    const dialog = await open()
    expect(trigger().getAttribute('aria-expanded')).toBe('true')
    expect(dialog.contains(document.activeElement)).toBe(true)
    // DayPicker's autoFocus puts focus on the first selected day.
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/November 12th, 2024/)
  })

  it('says so when there is no range', () => {
    const { trigger } = setup({ range: null })
    expect(screen.getByRole('button', { name: 'Date range: Choose a range' })).toBe(trigger())
  })

  it('turns a start and an end click into whole days in the display zone (across the DST change)', async () => {
    const { open, user, onChange, trigger } = setup()
    const dialog = await open()
    await user.click(day(dialog, 'October 28th, 2024'))
    await user.click(day(dialog, 'November 3rd, 2024'))
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }))
    expect(onChange).toHaveBeenCalledTimes(1)
    const range = onChange.mock.calls[0]?.[0] as TimeRange
    expect(iso(range)).toEqual(['2024-10-28T04:00:00.000Z', '2024-11-04T04:59:59.999Z'])
    expect(range.end - range.start + 1).toBe((7 * 24 + 1) * 3_600_000)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(trigger())
  })

  it('takes an end picked before the start as the start', async () => {
    const { open, user, onChange } = setup({ zone: 'UTC' })
    const dialog = await open()
    await user.click(day(dialog, 'November 15th, 2024'))
    await user.click(day(dialog, 'November 10th, 2024'))
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }))
    expect(iso(onChange.mock.calls[0]?.[0] as TimeRange)).toEqual([
      '2024-11-10T00:00:00.000Z',
      '2024-11-15T23:59:59.999Z',
    ])
  })

  it('after a start is picked, allows 7 calendar days and disables the rest, saying why', async () => {
    const { open, user, onChange } = setup()
    const dialog = await open()
    expect(within(dialog).queryByText(/SmartAssist allows at most 7 days/)).toBeNull()
    expect(isDisabled(day(dialog, 'November 9th, 2024'))).toBe(false)

    await user.click(day(dialog, 'November 1st, 2024'))
    expect(within(dialog).getByText(/SmartAssist allows at most 7 days/)).toBeTruthy()
    expect(isDisabled(day(dialog, 'November 7th, 2024'))).toBe(false) // the 7th calendar day
    expect(isDisabled(day(dialog, 'November 8th, 2024'))).toBe(true) // the 8th
    expect(isDisabled(day(dialog, 'November 9th, 2024'))).toBe(true) // 8 days later
    expect(isDisabled(day(dialog, 'October 26th, 2024'))).toBe(false) // 7 days counting back
    expect(isDisabled(day(dialog, 'October 25th, 2024'))).toBe(true)

    await user.click(day(dialog, 'November 9th, 2024')) // disabled: nothing happens
    await user.click(day(dialog, 'November 7th, 2024'))
    expect(within(dialog).queryByText(/SmartAssist allows at most 7 days/)).toBeNull()
    expect(within(dialog).getByText('Nov 1 – Nov 7, 2024 · 7 days')).toBeTruthy()
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }))
    expect(iso(onChange.mock.calls[0]?.[0] as TimeRange)).toEqual([
      '2024-11-01T04:00:00.000Z',
      '2024-11-08T04:59:59.999Z',
    ])
  })

  it('disables days after today in the display zone', async () => {
    const { open } = setup()
    const dialog = await open()
    expect(isDisabled(day(dialog, 'November 20th, 2024'))).toBe(false)
    expect(isDisabled(day(dialog, 'November 21st, 2024'))).toBe(true)
  })

  it('one click and Apply is that one day', async () => {
    const { open, user, onChange } = setup({ zone: 'Asia/Kolkata' })
    const dialog = await open()
    await user.click(day(dialog, 'November 5th, 2024'))
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }))
    expect(iso(onChange.mock.calls[0]?.[0] as TimeRange)).toEqual([
      '2024-11-04T18:30:00.000Z',
      '2024-11-05T18:29:59.999Z',
    ])
  })

  it('refines the first and last day with times of day in the display zone', async () => {
    const { open, user, onChange } = setup({ zone: 'Asia/Kolkata' })
    const dialog = await open()
    await user.click(day(dialog, 'November 12th, 2024'))
    await user.click(day(dialog, 'November 13th, 2024'))
    const from = within(dialog).getByLabelText('From')
    const to = within(dialog).getByLabelText('To')
    expect([(from as HTMLInputElement).value, (to as HTMLInputElement).value]).toEqual(['00:00', '23:59'])
    await user.clear(from)
    await user.type(from, '09:00')
    await user.clear(to)
    await user.type(to, '17:30')
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }))
    expect(iso(onChange.mock.calls[0]?.[0] as TimeRange)).toEqual([
      '2024-11-12T03:30:00.000Z',
      '2024-11-13T12:00:00.000Z',
    ])
  })

  it('shows the times of a range that is not whole days, and refuses a reversed one', async () => {
    const range = { start: at('2024-11-12T14:00:00Z'), end: at('2024-11-12T22:30:00Z') } // 09:00–17:30 EST
    const { open, user, trigger } = setup({ range })
    expect(screen.getByRole('button', { name: 'Date range: Nov 12, 2024, 09:00 – 17:30' })).toBe(trigger())
    const dialog = await open()
    const to = within(dialog).getByLabelText('To') as HTMLInputElement
    expect([(within(dialog).getByLabelText('From') as HTMLInputElement).value, to.value]).toEqual([
      '09:00',
      '17:30',
    ])
    await user.clear(to)
    await user.type(to, '08:00')
    expect(within(dialog).getByRole('alert').textContent).toMatch(/ends before it starts/)
    expect(within(dialog).getByRole('button', { name: 'Apply' })).toHaveProperty('disabled', true)
  })

  it('applies a preset at once, computed in the display zone', async () => {
    // Monday 2024-11-04 10:00 EST: yesterday was the 25-hour Sunday of the DST change.
    const { open, user, onChange, trigger } = setup({ now: at('2024-11-04T15:00:00Z') })
    const dialog = await open()
    const presets = within(dialog).getByRole('group', { name: 'Quick ranges' })
    expect(
      within(presets)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Today', 'Yesterday', 'Last 24 hours', 'Last 7 days', 'This week', 'Previous week'])
    await user.click(within(presets).getByRole('button', { name: 'Yesterday' }))
    expect(onChange).toHaveBeenCalledTimes(1)
    const range = onChange.mock.calls[0]?.[0] as TimeRange
    expect(iso(range)).toEqual(['2024-11-03T04:00:00.000Z', '2024-11-04T04:59:59.999Z'])
    expect(range.end - range.start + 1).toBe(25 * 3_600_000)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(trigger())
  })

  it('marks the preset the current range came from', async () => {
    const { open } = setup({
      range: { start: at('2024-11-19T05:00:00Z'), end: at('2024-11-20T04:59:59.999Z') },
    })
    const dialog = await open()
    expect(within(dialog).getByRole('button', { name: 'Yesterday' }).getAttribute('aria-current')).toBe(
      'true',
    )
    expect(within(dialog).getByRole('button', { name: 'Today' }).getAttribute('aria-current')).toBeNull()
  })

  it('closes on Escape without a change and gives focus back to the button', async () => {
    const { open, user, onChange, trigger } = setup()
    const dialog = await open()
    await user.click(day(dialog, 'November 5th, 2024'))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(onChange).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(trigger())
    // Reopening starts from the current range again, not the abandoned draft.
    const again = await open()
    expect(day(again, 'November 12th, 2024').getAttribute('aria-label')).toMatch(/selected/)
    expect(day(again, 'November 5th, 2024').getAttribute('aria-label')).not.toMatch(/selected/)
  })

  it('closes on Cancel and on a click outside', async () => {
    const { open, user, onChange } = setup()
    const dialog = await open()
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    await open()
    await user.click(screen.getByText('Outside'))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(onChange).not.toHaveBeenCalled()
  })

  it('closes when focus tabs out of the popover, leaving focus there', async () => {
    const { open, user } = setup()
    const dialog = await open()
    within(dialog).getByRole('button', { name: 'Apply' }).focus()
    await user.tab()
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Elsewhere' }))
  })

  it('works from the keyboard alone', async () => {
    const { user, onChange, trigger } = setup({ zone: 'UTC' })
    trigger().focus()
    await user.keyboard('{Enter}')
    const dialog = screen.getByRole('dialog', { name: 'Choose a date range' })
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/November 12th, 2024/)
    await user.keyboard('{ArrowRight}{Enter}') // start: Nov 13
    await user.keyboard('{ArrowRight}{ArrowRight}{Enter}') // end: Nov 15
    const apply = within(dialog).getByRole('button', { name: 'Apply' })
    for (let i = 0; i < 10 && document.activeElement !== apply; i++) await user.tab()
    expect(document.activeElement).toBe(apply)
    await user.keyboard('{Enter}')
    expect(iso(onChange.mock.calls[0]?.[0] as TimeRange)).toEqual([
      '2024-11-13T00:00:00.000Z',
      '2024-11-15T23:59:59.999Z',
    ])
    expect(document.activeElement).toBe(trigger())
  })

  it('names each day button with the number it shows first (label in name), then the full date', async () => {
    const { open } = setup({ zone: 'UTC' })
    const dialog = await open()
    const days = within(dialog)
      .getAllByRole('button')
      .filter((b) => b.closest('[role="gridcell"]') !== null)
    expect(days.length).toBeGreaterThan(28)
    for (const b of days) {
      const shown = (b.textContent ?? '').trim()
      expect(b.getAttribute('aria-label')?.startsWith(`${shown}, `)).toBe(true)
    }
    expect(day(dialog, 'November 12th, 2024').getAttribute('aria-label')).toBe(
      '12, Tuesday, November 12th, 2024, selected',
    )
    expect(day(dialog, 'November 20th, 2024').getAttribute('aria-label')).toBe(
      '20, Today, Wednesday, November 20th, 2024',
    )
  })
})
