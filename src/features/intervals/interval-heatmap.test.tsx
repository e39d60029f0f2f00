// The heat map's table lists only the hours with at least one record (not all 7 × 24).

import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import type { Conversation } from '../../api/conversation'
import { agent, conversation, queue, sec } from '../../test/conversation-fixtures'
import { IntervalHeatmap } from './interval-heatmap'

const TITLE = 'Hour of day × day of week'
const TUE_14 = Date.parse('2024-11-19T14:00:00Z')
const MON_09 = Date.parse('2024-11-18T09:00:00Z')

let n = 0
const answered = (start: number, waitS: number): Conversation =>
  conversation({
    id: `a${++n}`,
    sessionStartTime: start,
    finalStatus: 'CLOSED',
    destinations: [
      queue('q', 'Q', agent('x', 'X', { acceptedTime: start + sec(waitS) }), { enterTime: start }),
    ],
  })
const abandoned = (start: number): Conversation =>
  conversation({
    id: `b${++n}`,
    sessionStartTime: start,
    finalStatus: 'ABANDONED',
    destinations: [queue('q', 'Q', null, { enterTime: start })],
  })
const bot = (start: number | null): Conversation =>
  conversation({ id: `s${++n}`, conversationId: null, botOnly: true, sessionStartTime: start })

/**
 * Tue 14:00–15:00 UTC: 2 answered (waits 30 s and 54 s), 1 abandoned, 1 bot-only: 4 records, 1 of 3
 * offered abandoned, ASA 0:42. Mon 09:00 UTC: 1 bot-only. Two records without a start time.
 */
function records(): Conversation[] {
  return [
    answered(TUE_14 + sec(60), 30),
    answered(TUE_14 + sec(600), 54),
    abandoned(TUE_14 + sec(1200)),
    bot(TUE_14 + sec(3599)),
    bot(MON_09),
    bot(null),
    bot(null),
  ]
}

let consoleError: MockInstance
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error')
})
afterEach(() => {
  expect(consoleError).not.toHaveBeenCalled()
  vi.restoreAllMocks()
})

const figure = () => screen.getByRole('figure', { name: TITLE })
const grid = () => within(figure()).getByRole('grid')

describe('IntervalHeatmap', () => {
  it('is a figure named "Hour of day × day of week" with a 7 × 24 grid', () => {
    render(<IntervalHeatmap conversations={records()} zone="UTC" />)
    expect(grid().getAttribute('aria-label')).toBe('Volume by day and hour')
    expect(within(grid()).getAllByRole('gridcell')).toHaveLength(168)
    expect(
      within(grid())
        .getAllByRole('rowheader')
        .map((h) => h.getAttribute('aria-label')),
    ).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
    const hours = within(grid()).getAllByRole('columnheader')
    expect(hours).toHaveLength(25)
    expect(hours[0]?.textContent).toBe('Day')
    expect(hours[15]?.getAttribute('aria-label')).toBe('14:00–15:00')
  })

  it('names each cell with its figures, the chosen metric first; the switch changes the names', async () => {
    const user = userEvent.setup()
    render(<IntervalHeatmap conversations={records()} zone="UTC" />)
    const cellNamed = (start: string) =>
      within(grid())
        .getAllByRole('gridcell')
        .find((c) => c.getAttribute('aria-label')?.startsWith(start))
        ?.getAttribute('aria-label')
    expect(cellNamed('Tue 14:00–15:00')).toBe(
      'Tue 14:00–15:00: 4 records, abandon rate 33.3% (1 of 3 offered), ASA 0:42 (2 answered)',
    )
    expect(cellNamed('Mon 09:00–10:00')).toBe(
      'Mon 09:00–10:00: 1 record, abandon rate: none offered, ASA: none answered',
    )

    await user.click(within(figure()).getByRole('radio', { name: 'Abandon rate' }))
    expect(grid().getAttribute('aria-label')).toBe('Abandon rate by day and hour')
    expect(cellNamed('Tue 14:00–15:00')).toBe(
      'Tue 14:00–15:00: abandon rate 33.3% (1 of 3 offered), 4 records, ASA 0:42 (2 answered)',
    )

    await user.click(within(figure()).getByRole('radio', { name: 'Speed of answer' }))
    expect(cellNamed('Tue 14:00–15:00')).toBe(
      'Tue 14:00–15:00: ASA 0:42 (2 answered), 4 records, abandon rate 33.3% (1 of 3 offered)',
    )
    expect(within(figure()).getByRole('radio', { name: 'Speed of answer' })).toHaveProperty('checked', true)
  })

  it('places cells in the zone: 14:00 UTC is 09:00 in New York', () => {
    render(<IntervalHeatmap conversations={records()} zone="America/New_York" />)
    const names = within(grid())
      .getAllByRole('gridcell')
      .map((c) => c.getAttribute('aria-label') ?? '')
    expect(names.find((s) => s.startsWith('Tue 09:00–10:00'))).toContain('4 records')
    expect(names.find((s) => s.startsWith('Mon 04:00–05:00'))).toContain('1 record')
  })

  it('names the busiest hour and the worst abandon hour above the grid', () => {
    render(<IntervalHeatmap conversations={records()} zone="UTC" />)
    expect(within(figure()).getByText(/^Busiest hour:/).textContent).toBe(
      'Busiest hour: Tue 14:00–15:00, 4 records. Highest abandon rate: Tue 14:00–15:00, 33.3% (1 of 3).',
    )
  })

  it('says how many records had no start time', () => {
    render(<IntervalHeatmap conversations={records()} zone="UTC" />)
    expect(within(figure()).getByText('2 records without a start time are not placed.')).toBeTruthy()
  })

  it('lists the hours with records in its table, with all three figures', async () => {
    render(<IntervalHeatmap conversations={records()} zone="UTC" />)
    const table = within(figure()).getByRole('table', { name: TITLE })
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))
    expect(rows).toEqual([
      [
        'Day',
        'Hour',
        'Records',
        'Offered',
        'Abandoned',
        'Abandon rate',
        'Average speed of answer',
        'Answered with a known wait',
      ],
      ['Monday', '09:00–10:00', '1', '0', '0', '', '', '0'],
      ['Tuesday', '14:00–15:00', '4', '3', '1', '33.3%', '0:42', '2'],
    ])
    // "Show as table" swaps the grid for the table
    await userEvent.setup().click(within(figure()).getByRole('button', { name: 'Show as table' }))
    expect(within(figure()).queryByRole('grid')).toBeNull()
    expect(within(figure()).getByRole('button', { name: 'Show as chart' }).getAttribute('aria-pressed')).toBe(
      'true',
    )
  })

  it('is one tab stop, on the busiest hour; arrow keys move between hours', async () => {
    const user = userEvent.setup()
    render(<IntervalHeatmap conversations={records()} zone="UTC" />)
    const focusable = within(grid())
      .getAllByRole('gridcell')
      .filter((c) => c.tabIndex === 0)
    expect(focusable).toHaveLength(1)
    focusable[0]?.focus()
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Tue 14:00–15:00: /)
    await user.keyboard('{ArrowRight}')
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Tue 15:00–16:00: 0 records/)
    await user.keyboard('{ArrowUp}')
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Mon 15:00–16:00: /)
    await user.keyboard('{End}')
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Mon 23:00–24:00: /)
    expect(document.activeElement?.getAttribute('tabindex')).toBe('0')
  })

  it('says there is nothing to show when no record has a start time', () => {
    render(<IntervalHeatmap conversations={[bot(null)]} zone="UTC" />)
    expect(within(figure()).getByText('No conversations')).toBeTruthy()
    expect(within(figure()).queryByRole('grid')).toBeNull()
    expect(within(figure()).getByText('1 record without a start time is not placed.')).toBeTruthy()
  })
})
